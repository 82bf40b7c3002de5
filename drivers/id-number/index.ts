export { computeMod112CheckChar, computeMrzCheckDigit } from './check-digits';
export { checkIdNumber, describeIdNumberError, type IdNumberCheck, type IdNumberKind } from './check-id-number';
export { maskIdNumber, maskName } from './mask';
