import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../fixtures/platform/stand-in';
import { type AppInfo, kioskContract } from '../api/contract';
import { createDispatcher } from '../api/dispatcher';
import type { HostLink } from '../main-app';
import { KioskConfig, loadConfig, STAND_IN_ENROLMENT_CODE } from './config';
import { createDevHandlers } from './dev-handlers';
import { createDeviceHandlers } from './device-handlers';
import { closeDevices, deviceStatuses, forwardScannedCodes, watchDevices } from './devices/device-set';
import { openDevices } from './devices/registry';
import { createEventHub } from './event-hub';
import { openDataServices } from './platform/data-services';
import { createDevKeystore, type Keystore } from './vault/keystore';

export const APP_VERSION = '0.1.0';

export interface HostServicesOptions {
  readonly mode: 'electron' | 'browser';
  /** browser mode and unpackaged Electron: development keystore allowed (announced), dev panel in browser mode */
  readonly devMode: boolean;
  readonly dataDir: string;
  /** defaults to `<dataDir>/kiosk-config.json`; a missing file means the defaults */
  readonly configPath?: string;
  /** the OS keystore (Electron's safeStorage); browser mode uses the development keystore */
  readonly keystore?: Keystore;
  readonly log: (line: string) => void;
}

export interface HostServices extends HostLink {
  readonly config: KioskConfig;
  readonly platformBaseUrl: string;
  /** set when no platform URL is configured and the local stand-in was started */
  readonly standIn: StandIn | undefined;
}

/** A start-up failure a technician must fix (bad configuration, insecure keystore…). */
export class HostStartError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ENROL_RETRY_MS = 30_000;

/**
 * Starts the host: configuration, the platform (or its local stand-in), the vault, the
 * platform client, the devices, and one dispatcher serving the whole kiosk contract. The same
 * function runs under Electron and in browser mode.
 */
export async function startHostServices(options: HostServicesOptions): Promise<HostServices> {
  const { dataDir, log } = options;
  const startedAt = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig(options.configPath ?? join(dataDir, 'kiosk-config.json'));
  if (!config.ok) throw new HostStartError(config.error.code, config.error.message);
  const cfg = config.value;

  let standIn: StandIn | undefined;
  let baseUrl = cfg.platform.baseUrl;
  let enrolmentCode = cfg.platform.enrolmentCode;
  if (!baseUrl) {
    standIn = await startStandIn({ dataDir: join(dataDir, 'platform-stand-in'), port: 0, enrolmentCodes: [STAND_IN_ENROLMENT_CODE] });
    baseUrl = standIn.url;
    enrolmentCode ??= STAND_IN_ENROLMENT_CODE;
    log(`platform stand-in on ${baseUrl}`);
  }

  const keystore = options.keystore ?? createDevKeystore(dataDir);
  if (keystore.backend === 'plain-text' && options.devMode) {
    log('DEVELOPMENT MODE: personal data is sealed with a development key kept on this disk; never serve real citizens in this mode');
  }
  const hub = createEventHub();
  // Devices first: the data services report their states in heartbeats.
  const devices = openDevices(cfg.devices);
  const services = await openDataServices({
    dataDir,
    keystore,
    devMode: options.devMode,
    baseUrl,
    timeoutMs: cfg.platform.timeoutMs,
    appVersion: APP_VERSION,
    uptimeSec: () => Math.floor((Date.now() - startedAt) / 1000),
    deviceStates: () => deviceStatuses(devices.set).map((d) => ({ kind: d.kind, adapter: d.adapter, state: d.status.state })),
    onEnrolled: (terminalId) => hub.emit('platform.enrolled', { terminalId }),
  });
  if (!services.ok) {
    await closeDevices(devices.set);
    await standIn?.close();
    throw new HostStartError(services.error.code, services.error.message);
  }
  const { enrolment, networkGate, handlers: data } = services.value;
  services.value.client.onAlert((alert) => log(`SUPERVISOR ALERT: ${alert.kind} for terminal ${alert.terminalId}; sync stopped until re-enrolment`));

  const stopWatching = watchDevices(devices.set, (status) => hub.emit('devices.status', status));
  const stopForwarding = forwardScannedCodes(devices.set, (code) => hub.emit('scanner.code', code));

  const info = (): AppInfo => {
    const current = enrolment.current();
    return {
      mode: options.mode,
      devMode: options.devMode,
      appVersion: APP_VERSION,
      terminalId: current?.terminalId ?? null,
      enrolled: current !== null && !current.revoked,
      idleTimeoutSec: cfg.session.idleTimeoutSec,
      printerProfile: cfg.devices.printer.profile,
      cameraLabel: cfg.camera.deviceLabel ?? null,
      retentionHours: cfg.retention.purgeAfterHours,
    };
  };

  const dispatch = createDispatcher(
    kioskContract,
    {
      ...createDeviceHandlers(devices.set, info),
      ...data,
      dev: createDevHandlers({ ...devices.simulators, network: networkGate }, (state) => hub.emit('dev.state', state)),
    },
    {
      unavailable: (method) => method.startsWith('dev.') && !(options.mode === 'browser' && options.devMode),
      onFault: (method, code, detail) => log(`fault in ${method}: ${code} (${detail})`),
    },
  );

  // Provisioning convenience: enrol with the configured code when not enrolled yet, retrying
  // in the background while the platform is unreachable.
  let enrolTimer: ReturnType<typeof setTimeout> | undefined;
  const code = enrolmentCode;
  const tryEnrol = async () => {
    if (!code || enrolment.current()) return;
    const result = await data.platform.enrol({ enrolmentCode: code, terminalId: cfg.terminal.id, site: cfg.terminal.site }, { transport: 'direct' });
    if (result.ok) log(`enrolled as ${cfg.terminal.id}`);
    else {
      log(`enrolment failed (${result.error.code}); retrying in ${ENROL_RETRY_MS / 1000} s`);
      enrolTimer = setTimeout(() => void tryEnrol(), ENROL_RETRY_MS);
      enrolTimer.unref();
    }
  };
  await tryEnrol();

  return {
    config: cfg,
    platformBaseUrl: baseUrl,
    standIn,
    dispatch,
    subscribe: (listener) => hub.subscribe(listener),
    close: async () => {
      if (enrolTimer) clearTimeout(enrolTimer);
      stopWatching();
      stopForwarding();
      await closeDevices(devices.set);
      await standIn?.close();
    },
  };
}

export { KioskConfig };
