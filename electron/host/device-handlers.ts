import { ok, type Result } from '../../drivers/result';
import type { AppInfo, KioskContract } from '../api/contract';
import type { HandlersOf } from '../api/define';
import { type DeviceSet, deviceStatuses } from './devices/device-set';

type DeviceHandlers = Pick<HandlersOf<KioskContract>, 'app' | 'devices' | 'idReader' | 'printer'>;

/**
 * The contract's device methods. The card read hands the renderer the parsed record only; the
 * raw WLT photo stays in the host (it is for a licensed decoder, not for the page).
 */
export function createDeviceHandlers(devices: DeviceSet, info: () => AppInfo): DeviceHandlers {
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
          return result.ok ? ok(result.value.record) : result;
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
