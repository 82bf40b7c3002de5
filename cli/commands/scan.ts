import { createHidPosScanner, createSerialScanner, type CodeScanner, type ScannedCode } from '../../drivers/scanner';
import type { CommandSpec } from '../command';
import { fail, stringOption } from '../command';
import { EXIT } from '../exit-codes';

const MAX_CODE_LENGTH = 4096;
// serial scanners ship at 9600 8N1; the spec gives `scan` no --baud (shared/kioskctl.md)
const SCANNER_BAUD = 9600;

/**
 * `scan (--port <path> | --hid <vid>:<pid>) [--count <n>] [--json]` (shared/kioskctl.md): one
 * code per line (JSON lines `{"text", "source", "symbology"?}` with --json), exits 0 after n
 * codes (or on Ctrl-C), 4 when the port cannot be opened or the HID device is not found.
 * Garbled input is reported on stderr and scanning goes on.
 */
export const scanCommand: CommandSpec = {
  path: ['scan'],
  usage: 'scan (--port <path> | --hid <vid>:<pid>) [--count <n>] [--json]   prints codes read by a barcode/QR scanner (hex vid:pid, e.g. 0c2e:0b61)',
  options: { port: { type: 'string' }, hid: { type: 'string' }, count: { type: 'string' } },
  positionals: [0, 0],
  async run(args, io) {
    const port = stringOption(args.values.port);
    const hid = stringOption(args.values.hid);
    const countText = stringOption(args.values.count);
    if ((port === undefined) === (hid === undefined)) return fail(io, args, EXIT.usage, 'usage', `give exactly one of --port or --hid; usage: ${this.usage}`);
    const count = countText === undefined ? undefined : Number(countText);
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) return fail(io, args, EXIT.usage, 'usage', '--count must be a positive integer');
    let scanner: CodeScanner;
    if (port !== undefined) {
      scanner = createSerialScanner({ path: port, baudRate: SCANNER_BAUD, maxCodeLength: MAX_CODE_LENGTH });
    } else {
      const m = /^([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})$/.exec(hid ?? '');
      if (!m) return fail(io, args, EXIT.usage, 'usage', '--hid expects <vid>:<pid> in hex, e.g. 0c2e:0b61');
      scanner = createHidPosScanner({ vendorId: parseInt(m[1] ?? '', 16), productId: parseInt(m[2] ?? '', 16), maxCodeLength: MAX_CODE_LENGTH });
    }
    const opened = await scanner.ready();
    if (!opened.ok) {
      await scanner.close();
      return fail(io, args, EXIT.deviceUnreachable, opened.error.code, opened.error.message);
    }
    return new Promise((resolve) => {
      let seen = 0;
      let finished = false;
      const finish = (): void => {
        if (finished) return;
        finished = true;
        process.off('SIGINT', finish);
        void scanner.close().then(() => resolve(EXIT.ok));
      };
      process.once('SIGINT', finish);
      scanner.onCode((code: ScannedCode) => {
        if (finished) return;
        io.stdout(args.json ? JSON.stringify(code) : code.text);
        seen += 1;
        if (count !== undefined && seen >= count) finish();
      });
      scanner.onError((e) => io.stderr(`kioskctl: ${e.code}: ${e.message}`));
      scanner.onStatus((s) => {
        if (s.state === 'disconnected' && !finished) io.stderr('kioskctl: scanner disconnected; waiting for it to come back');
      });
    });
  },
};
