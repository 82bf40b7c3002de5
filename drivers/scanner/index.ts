import { err, ok, type Result } from '../result';
import { ScannerConfig } from './config';
import { createHidPosScanner } from './hid-pos';
import { createSerialScanner } from './serial';
import type { CodeScanner } from './types';

export { ScannerConfig } from './config';
export { createHidPosScanner } from './hid-pos';
export { formatVidPid, openHidTransport, type HidDeviceHandle, type HidDeviceOpener, type HidTarget } from '../transport/hid';
export { HID_POS_REPORT_LAYOUT } from './protocol/hid-pos-report';
export { createSerialScanner } from './serial';
export { createLineScanner, createStreamScanner } from './stream-scanner';
export type { CodeScanner, ScanErrorCode, ScannedCode } from './types';

/**
 * The `simulated` adapter (the real line driver ↔ the wire simulator) lives in fixtures/, which
 * drivers/ never imports: the caller (the host's registry) passes it in.
 */
export type SimulatedScannerFactory = (options: { maxCodeLength: number }) => CodeScanner;

/** Builds the host-side scanner a (zod-checked) configuration asks for. */
export function createScannerFromConfig(input: unknown, simulated: SimulatedScannerFactory): Result<CodeScanner> {
  const parsed = ScannerConfig.safeParse(input);
  if (!parsed.success) return err('config-invalid', `scanner configuration: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const config = parsed.data;
  switch (config.adapter) {
    case 'serial':
      return ok(createSerialScanner(config));
    case 'hid-pos':
      return ok(createHidPosScanner(config));
    case 'simulated':
      return ok(simulated({ maxCodeLength: config.maxCodeLength }));
    case 'keyboard-wedge':
      return err('adapter-in-renderer', 'keyboard-wedge scanners are read in the renderer (renderer/devices/keyboard-wedge.ts)');
  }
}
