import type { PrinterProfile } from './profiles';
import { type EscPosCommand, commandsToBytes } from './protocol/commands';
import { receiptToCommands } from './protocol/receipt-commands';
import type { Receipt } from './types';

export interface EncodedReceipt {
  readonly commands: readonly EscPosCommand[];
  readonly bytes: Uint8Array;
  /** code points GBK cannot encode, printed as □; the driver turns them into a warning */
  readonly replaced: readonly number[];
}

/** The whole pipeline: receipt model → ESC/POS commands → bytes (STYLE.md "inspectable stages"). */
export function encodeReceipt(receipt: Receipt, profile: PrinterProfile): EncodedReceipt {
  const { commands, replaced } = receiptToCommands(receipt, profile);
  return { commands, bytes: commandsToBytes(commands), replaced };
}
