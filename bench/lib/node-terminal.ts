import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createClient } from '../../electron/api/client';
import { kioskContract } from '../../electron/api/contract';
import type { ClientOf } from '../../electron/api/define';
import { createDispatcher } from '../../electron/api/dispatcher';
import { createPlatformClient } from '../../electron/host/platform/client';
import { openEnrolmentStore } from '../../electron/host/platform/enrolment-store';
import { createDataHandlers } from '../../electron/host/platform/handlers';
import { createDevKeystore } from '../../electron/host/vault/keystore';
import { createVault } from '../../electron/host/vault/vault';
import type { Vault } from '../../electron/host/vault/vault';
import { openOutboxDb } from '../../renderer/outbox/db';
import type { KioskOutboxDb } from '../../renderer/outbox/db';

/** The part of the kiosk contract a terminal needs to seal and sync: no devices, no dev panel. */
const terminalContract = { vault: kioskContract.vault, platform: kioskContract.platform } as const;
const noEvents = {};
export type TerminalClient = ClientOf<typeof terminalContract, typeof noEvents>;

export interface NodeTerminal {
  readonly terminalId: string;
  /** the host's data handlers behind the contract's own dispatcher and client (zod both ways) */
  readonly kiosk: TerminalClient;
  readonly vault: Vault;
  /** the real outbox schema over its own fake-indexeddb factory */
  readonly db: KioskOutboxDb;
}

/**
 * A kiosk terminal in plain Node for the sync and herd benchmarks: the host's real vault,
 * enrolment store, platform client and data handlers (as startHostServices composes them,
 * minus the devices), reached through the contract's dispatcher and client with a direct
 * transport instead of the WebSocket, and the renderer's outbox on fake-indexeddb.
 */
export async function startNodeTerminal(options: { dataDir: string; baseUrl: string; terminalId: string; enrolmentCode: string; timeoutMs?: number }): Promise<NodeTerminal> {
  mkdirSync(options.dataDir, { recursive: true });
  const keystore = createDevKeystore(options.dataDir);
  const vault = await createVault({ dataDir: options.dataDir, keystore, devMode: true });
  if (!vault.ok) throw new Error(`vault: ${vault.error.code}`);
  const enrolment = await openEnrolmentStore({ dataDir: options.dataDir, keystore });
  if (!enrolment.ok) throw new Error(`enrolment store: ${enrolment.error.code}`);
  const client = createPlatformClient({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    credentials: () => enrolment.value.credentials(),
    revoke: () => enrolment.value.markRevoked(),
  });
  const started = Date.now();
  const handlers = createDataHandlers({
    vault: vault.value,
    client,
    enrolment: enrolment.value,
    appVersion: '0.1.0',
    uptimeSec: () => Math.floor((Date.now() - started) / 1000),
    deviceStates: () => [],
  });
  const dispatch = createDispatcher(terminalContract, handlers);
  const kiosk = createClient(terminalContract, noEvents, { invoke: (method, input) => dispatch(method, input, { transport: 'direct' }), subscribe: () => () => undefined });
  const enrolled = await kiosk.platform.enrol({ enrolmentCode: options.enrolmentCode, terminalId: options.terminalId, site: { code: '320402-BENCH', name: 'Benchmark site' } });
  if (!enrolled.ok) throw new Error(`enrolment of ${options.terminalId}: ${enrolled.error.code}`);
  const db = openOutboxDb({ name: 'bench-outbox', indexedDB: new IDBFactory(), IDBKeyRange });
  return { terminalId: options.terminalId, kiosk, vault: vault.value, db };
}

export function terminalDir(root: string, terminalId: string): string {
  return join(root, terminalId);
}
