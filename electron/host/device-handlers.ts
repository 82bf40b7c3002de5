import { createPhotoDecoder, type PhotoDecoder } from '../../drivers/id-reader/photo-decoder';
import { err, ok, type Result } from '../../drivers/result';
import type { AppInfo, CardPortrait, CardRead, KioskContract } from '../api/contract';
import type { HandlersOf } from '../api/define';
import { type DeviceSet, deviceStatuses } from './devices/device-set';

type DeviceHandlers = Pick<HandlersOf<KioskContract>, 'app' | 'devices' | 'idReader' | 'printer'>;

/** The devices plus the configured WLT decoder; without one every portrait is `decoder-missing`. */
export type HandlerDevices = DeviceSet & { readonly photoDecoder?: PhotoDecoder };

/**
 * The contract's device methods. The card read hands the renderer the parsed record and the
 * decoded portrait (or why there is none); the raw WLT stays in the host: it means nothing
 * without the licensed decoder, which only the host may run.
 */
export function createDeviceHandlers(devices: HandlerDevices, info: () => AppInfo): DeviceHandlers {
  const photoDecoder = devices.photoDecoder ?? createPhotoDecoder();
  let pendingRead: AbortController | undefined;
  return {
    app: {
      info: async () => ok(info()),
    },
    devices: {
      status: async () => ok(deviceStatuses(devices)),
    },
    idReader: {
      read: async ({ timeoutMs }) => {
        // A new read supersedes one still waiting (the citizen came back to the screen).
        pendingRead?.abort();
        const controller = new AbortController();
        pendingRead = controller;
        try {
          const result = await devices.idReader.device.readCard({ timeoutMs, signal: controller.signal });
          if (!result.ok) return result;
          const decoded = await photoDecoder.decode(result.value.wlt, controller.signal);
          // a read superseded while decoding is abandoned as a whole, like one superseded while waiting
          if (!decoded.ok && decoded.error.code === 'cancelled') return err('cancelled', 'cancelled');
          const portrait: CardPortrait = decoded.ok
            ? { status: 'decoded', bmp: new Uint8Array(decoded.value.bytes) }
            : { status: decoded.error.code === 'photo-decoder-missing' ? 'decoder-missing' : 'decoder-failed' };
          const read: CardRead = { ...result.value.record, portrait };
          return ok(read);
        } finally {
          if (pendingRead === controller) pendingRead = undefined;
        }
      },
      cancel: async () => {
        pendingRead?.abort();
        pendingRead = undefined;
        return ok(null);
      },
    },
    printer: {
      status: async () => devices.printer.device.status(),
      print: async ({ receipt }): Promise<Result<{ warnings: string[] }>> => {
        const result = await devices.printer.device.print(receipt);
        return result.ok ? ok({ warnings: [...result.value.warnings] }) : result;
      },
    },
  };
}
