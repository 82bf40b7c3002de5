import { z } from 'zod';

/**
 * The small status union every device reports (DESIGN.md "Devices"). `not-ready` carries a
 * coded reason the UI can act on (`paper-out`, `cover-open`, `no-card`…); `error` is a fault a
 * technician must look at; `disconnected` means the transport is gone and the driver is trying
 * to reconnect by itself.
 */
export const DeviceState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }),
  z.object({ state: z.literal('busy') }),
  z.object({ state: z.literal('not-ready'), reason: z.string().regex(/^[a-z0-9-]+$/) }),
  z.object({ state: z.literal('disconnected') }),
  z.object({ state: z.literal('error'), code: z.string().regex(/^[a-z0-9-]+$/) }),
]);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceKind = z.enum(['id-reader', 'document-reader', 'printer', 'scanner', 'camera']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DeviceStatus = z.object({ kind: DeviceKind, adapter: z.string(), status: DeviceState });
export type DeviceStatus = z.infer<typeof DeviceStatus>;
