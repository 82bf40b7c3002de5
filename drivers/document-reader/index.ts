import { err, ok, type Result } from '../result';
import { DocumentReaderConfig } from './config';
import { createSerialDocumentReader } from './serial';
import { createSimulatedDocumentReader } from './simulated';
import type { DocumentReader } from './types';

export { DocumentReaderConfig } from './config';
export { createLineDocumentReader } from './line-reader';
export { assembleMrzLine, expireMrzLine, initialAssemblerState } from './protocol/mrz-assembler';
export { createSerialDocumentReader } from './serial';
export { createSimulatedDocumentReader, PluggableDocumentReaderSimulator } from './simulated';
export type { DocumentRead, DocumentReadErrorCode, DocumentReader, DocumentReadResult } from './types';

/** Builds the document reader a (zod-checked) configuration asks for. */
export function createDocumentReaderFromConfig(input: unknown): Result<DocumentReader> {
  const parsed = DocumentReaderConfig.safeParse(input);
  if (!parsed.success) return err('config-invalid', `document reader configuration: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const config = parsed.data;
  switch (config.adapter) {
    case 'serial':
      return ok(createSerialDocumentReader(config));
    case 'simulated':
      return ok(createSimulatedDocumentReader({ interLineTimeoutMs: config.interLineTimeoutMs }).reader);
    case 'hid':
      // not built yet: HID keyboard reports → characters for keyboard-wedge MRZ readers
      return err('adapter-unavailable', 'the hid document-reader adapter is not implemented yet');
  }
}
