export { decodeChineseName, encodeChineseName } from './chinese-name';
export { isExpired, localToday, resolveMrzDate } from './mrz-date';
export { normaliseMrzLines, parseMrz, type MrzParseError } from './parse';
export { parsePassportTd3 } from './passport';
export { parsePermitLine } from './permit';
export { PERMIT_LAYOUTS, permitLayoutFor, type PermitLayout } from './permit-layout';
export { MRZ_ERROR_CODES, MrzDocument, MrzDocumentKind, MrzErrorCode, type MrzParseOptions } from './types';
