import iconv from 'iconv-lite';
import { assertNever } from '../../result';

export type Align = 'left' | 'center' | 'right';
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/**
 * Stage two of model → commands → bytes: typed ESC/POS commands, inspectable in tests and
 * transcripts before any byte exists. Text in a `text` command is already sanitised (only
 * characters GBK can encode, no controls).
 */
export type EscPosCommand =
  | { readonly type: 'init' }
  | { readonly type: 'chinese-mode'; readonly on: boolean }
  | { readonly type: 'align'; readonly align: Align }
  | { readonly type: 'bold'; readonly on: boolean }
  | { readonly type: 'size'; readonly width: 1 | 2; readonly height: 1 | 2 }
  | { readonly type: 'chinese-size'; readonly double: boolean }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'newline' }
  | { readonly type: 'feed'; readonly lines: number }
  | { readonly type: 'qr-model' }
  | { readonly type: 'qr-module-size'; readonly size: number }
  | { readonly type: 'qr-ecc'; readonly level: QrEcc }
  | { readonly type: 'qr-store'; readonly data: string }
  | { readonly type: 'qr-print' }
  | { readonly type: 'cut'; readonly partial: boolean }
  | { readonly type: 'status-request'; readonly n: 1 | 2 | 3 | 4 };

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;
const LF = 0x0a;

const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };
/** GS ( k fn169 (§5.2): 0x30–0x33 = L, M, Q, H */
const ECC: Record<QrEcc, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** GS ( k with pL pH = length of (cn fn params) (§5.2). */
function gsParenK(body: readonly number[] | Uint8Array): number[] {
  const length = body.length;
  if (length > 0xffff) throw new Error(`GS ( k body too long: ${length}`);
  return [GS, 0x28, 0x6b, length & 0xff, length >> 8, ...body];
}

/** QR payloads go out as UTF-8 bytes: explicit bytes, unlike encoders that force ISO-8859-1 (§5.6). */
const QR_MAX_DATA_BYTES = 7089;

export function commandBytes(command: EscPosCommand): number[] {
  switch (command.type) {
    case 'init':
      return [ESC, 0x40];
    case 'chinese-mode':
      // FS & selects Chinese mode, FS . cancels it (§5.1)
      return [FS, command.on ? 0x26 : 0x2e];
    case 'align':
      return [ESC, 0x61, ALIGN[command.align]];
    case 'bold':
      return [ESC, 0x45, command.on ? 1 : 0];
    case 'size':
      return [GS, 0x21, ((command.width - 1) << 4) | (command.height - 1)];
    case 'chinese-size':
      // FS ! n: bit 2 double width, bit 3 double height for 2-byte characters (§5.1)
      return [FS, 0x21, command.double ? 0x0c : 0x00];
    case 'text':
      return [...encodeGbkText(command.text)];
    case 'newline':
      return [LF];
    case 'feed':
      return [ESC, 0x64, clampByte(command.lines)];
    case 'qr-model':
      return gsParenK([0x31, 0x41, 0x32, 0x00]);
    case 'qr-module-size':
      return gsParenK([0x31, 0x43, Math.min(16, Math.max(1, command.size))]);
    case 'qr-ecc':
      return gsParenK([0x31, 0x45, ECC[command.level]]);
    case 'qr-store': {
      const data = new TextEncoder().encode(command.data);
      if (data.length === 0 || data.length > QR_MAX_DATA_BYTES) throw new Error(`QR data must be 1–${QR_MAX_DATA_BYTES} bytes, got ${data.length}`);
      return gsParenK([0x31, 0x50, 0x30, ...data]);
    }
    case 'qr-print':
      return gsParenK([0x31, 0x51, 0x30]);
    case 'cut':
      // GS V 0 full cut, GS V 1 partial cut (§5.3)
      return [GS, 0x56, command.partial ? 1 : 0];
    case 'status-request':
      return [DLE, EOT, command.n];
    default:
      return assertNever(command, 'ESC/POS command');
  }
}

const clampByte = (n: number): number => Math.min(255, Math.max(0, Math.trunc(n)));

/** GBK, 2 bytes per Chinese character; callers sanitise first, so nothing falls back to `?`. */
export function encodeGbkText(text: string): Uint8Array {
  return Uint8Array.from(iconv.encode(text, 'gbk'));
}

export function commandsToBytes(commands: readonly EscPosCommand[]): Uint8Array {
  const out: number[] = [];
  for (const command of commands) for (const b of commandBytes(command)) out.push(b);
  return Uint8Array.from(out);
}
