import type { DeviceState } from '../device-status';
import type { CodedError, Result } from '../result';

/** One code read by a scanner; the shape of the kiosk event `scanner.code` (electron/api/contract.ts). */
export interface ScannedCode {
  readonly text: string;
  /** the adapter that read it (`serial`, `hid-pos`, `simulated`) */
  readonly source: string;
  /** AIM symbology identifier (e.g. `]Q1` for QR) when the device reports one (HID POS) */
  readonly symbology?: string;
}

/** Garbled input never crashes a scanner; it becomes one of these, and scanning goes on. */
export type ScanErrorCode = 'line-too-long' | 'invalid-encoding' | 'binary-data' | 'report-malformed';

export interface CodeScanner {
  readonly adapter: string;
  status(): DeviceState;
  onStatus(listener: (status: DeviceState) => void): () => void;
  onCode(listener: (code: ScannedCode) => void): () => void;
  onError(listener: (error: CodedError<ScanErrorCode>) => void): () => void;
  /** resolves once connected, or with the coded failure of the current open attempt (it keeps retrying) */
  ready(): Promise<Result<void>>;
  close(): Promise<void>;
}
