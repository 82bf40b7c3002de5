import { ok, type Result } from '../../../drivers/result';
import type { Keystore } from '../vault/keystore';
import { createVault, type Vault } from '../vault/vault';
import { createPlatformClient, type PlatformClient } from './client';
import { openEnrolmentStore, type EnrolmentStore } from './enrolment-store';
import { createDataHandlers, type DataHandlerDeps } from './handlers';
import { createNetworkGate, type NetworkGate } from './network-gate';

/**
 * The host's data services wired the one correct way: the client reads live credentials from the
 * enrolment store and revokes it on a 401, the handlers share the same vault and gate. Electron
 * main passes its safeStorage keystore; browser mode passes createDevKeystore with devMode.
 */
export interface DataServicesOptions {
  readonly dataDir: string;
  readonly keystore: Keystore;
  readonly devMode: boolean;
  readonly baseUrl: string;
  readonly appVersion: string;
  readonly uptimeSec: () => number;
  readonly deviceStates: DataHandlerDeps['deviceStates'];
  readonly networkGate?: NetworkGate;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly onEnrolled?: DataHandlerDeps['onEnrolled'];
}

export interface DataServices {
  readonly vault: Vault;
  readonly enrolment: EnrolmentStore;
  readonly client: PlatformClient;
  readonly networkGate: NetworkGate;
  readonly handlers: ReturnType<typeof createDataHandlers>;
}

export async function openDataServices(options: DataServicesOptions): Promise<Result<DataServices>> {
  const now = options.now ?? Date.now;
  const vault = await createVault({ dataDir: options.dataDir, keystore: options.keystore, devMode: options.devMode, now });
  if (!vault.ok) return vault;
  const enrolment = await openEnrolmentStore({ dataDir: options.dataDir, keystore: options.keystore });
  if (!enrolment.ok) return enrolment;
  const networkGate = options.networkGate ?? createNetworkGate();
  const client = createPlatformClient({
    baseUrl: options.baseUrl,
    credentials: () => enrolment.value.credentials(),
    revoke: () => enrolment.value.markRevoked(),
    networkGate,
    now,
    userAgent: `police-kiosk/${options.appVersion}`,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const handlers = createDataHandlers({
    vault: vault.value,
    client,
    enrolment: enrolment.value,
    networkGate,
    appVersion: options.appVersion,
    uptimeSec: options.uptimeSec,
    deviceStates: options.deviceStates,
    now,
    ...(options.onEnrolled ? { onEnrolled: options.onEnrolled } : {}),
  });
  return ok({ vault: vault.value, enrolment: enrolment.value, client, networkGate, handlers });
}
