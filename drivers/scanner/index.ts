import { err, ok, type Result } from '../result';
import { ScannerConfig } from './config';
import { createHidPosScanner } from './hid-pos';
import { createSerialScanner } from './serial';
import { createSimulatedScanner } from './simulated';
import type { CodeScanner } from './types';

export { ScannerConfig } from './config';
export { createHidPosScanner } from './hid-pos';
export { formatVidPid, openHidTransport, type HidDeviceHandle, type HidDeviceOpener, type HidTarget } from './hid-transport';
export { HID_POS_REPORT_LAYOUT } from './protocol/hid-pos-report';
export { createSerialScanner } from './serial';
export { createSimulatedScanner, PluggableScannerSimulator } from './simulated';
export { createLineScanner, createStreamScanner } from './stream-scanner';
export type { CodeScanner, ScanErrorCode, ScannedCode } from './types';

/** Builds the host-side scanner a (zod-checked) configuration asks for. */
export function createScannerFromConfig(input: unknown): Result<CodeScanner> {
  const parsed = ScannerConfig.safeParse(input);
  if (!parsed.success) return err('config-invalid', `scanner configuration: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const config = parsed.data;
  switch (config.adapter) {
    case 'serial':
      return ok(createSerialScanner(config));
    case 'hid-pos':
      return ok(createHidPosScanner(config));
    case 'simulated':
      return ok(createSimulatedScanner({ maxCodeLength: config.maxCodeLength }).scanner);
    case 'keyboard-wedge':
      return err('adapter-in-renderer', 'keyboard-wedge scanners are read in the renderer (renderer/devices/keyboard-wedge.ts)');
  }
}
