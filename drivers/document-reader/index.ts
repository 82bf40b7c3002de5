import { err, ok, type Result } from '../result';
import { DocumentReaderConfig } from './config';
import { createHidDocumentReader } from './hid';
import { createSerialDocumentReader } from './serial';
import type { DocumentReader } from './types';

export { DocumentReaderConfig } from './config';
export { createHidDocumentReader, type HidDocumentReaderOptions } from './hid';
export { createLineDocumentReader, type ChunkDecoder } from './line-reader';
export { assembleMrzLine, expireMrzLine, initialAssemblerState } from './protocol/mrz-assembler';
export { BOOT_KEYBOARD_REPORT, decodeKeyboardReport, initialKeyboardState } from './protocol/hid-keyboard';
export { createSerialDocumentReader } from './serial';
export type { DocumentRead, DocumentReadErrorCode, DocumentReader, DocumentReadResult } from './types';

/**
 * The `simulated` adapter (the real driver ↔ the wire simulator) lives in fixtures/, which
 * drivers/ never imports: the caller (the host's registry) passes it in.
 */
export type SimulatedDocumentReaderFactory = (options: { interLineTimeoutMs: number }) => DocumentReader;

/** Builds the document reader a (zod-checked) configuration asks for. */
export function createDocumentReaderFromConfig(input: unknown, simulated: SimulatedDocumentReaderFactory): Result<DocumentReader> {
  const parsed = DocumentReaderConfig.safeParse(input);
  if (!parsed.success) return err('config-invalid', `document reader configuration: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const config = parsed.data;
  switch (config.adapter) {
    case 'serial':
      return ok(createSerialDocumentReader(config));
    case 'hid':
      return ok(createHidDocumentReader(config));
    case 'simulated':
      return ok(simulated({ interLineTimeoutMs: config.interLineTimeoutMs }));
  }
}
