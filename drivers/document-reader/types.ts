import type { DeviceState } from '../device-status';
import type { MrzDocument } from '../mrz';
import type { CodedError, Result } from '../result';

/** What a read gives: the raw lines (for the audit of a failed parse) and the parsed MRZ. An MRZ whose check digits fail is still a read, with `mrz.valid === false`. */
export interface DocumentRead {
  readonly lines: readonly string[];
  readonly mrz: MrzDocument;
}

export type DocumentReadErrorCode =
  | 'not-mrz'
  | 'incomplete-document'
  | 'unrecognised-mrz'
  | 'line-too-long'
  | 'invalid-encoding'
  | 'binary-data'
  | 'report-malformed'
  | 'timeout'
  | 'cancelled'
  | 'busy'
  | 'disconnected';

export type DocumentReadResult = Result<DocumentRead, CodedError<DocumentReadErrorCode>>;

export interface DocumentReader {
  readonly adapter: string;
  status(): DeviceState;
  onStatus(listener: (status: DeviceState) => void): () => void;
  /** every document presented (and every garbled read), as it happens */
  onDocument(listener: (result: DocumentReadResult) => void): () => void;
  /** waits for the next document; one read at a time (`busy` otherwise) */
  readDocument(options: { timeoutMs: number; signal?: AbortSignal }): Promise<DocumentReadResult>;
  ready(): Promise<Result<void>>;
  close(): Promise<void>;
}
