import type { Result } from '../../drivers/result';
import type { KioskOutboxDb } from '../outbox/db';
import { queueStats } from '../outbox/queries';
import type { SyncKiosk } from './types';

/**
 * The queue part of the terminal heartbeat (platform-api.md §7): counts and an age, nothing
 * else; the host adds the app version, uptime and device states. No personal data.
 */
export async function sendHeartbeat(db: KioskOutboxDb, kiosk: Pick<SyncKiosk, 'platform'>, now: number): Promise<Result<null>> {
  const queue = await queueStats(db, now);
  return kiosk.platform.heartbeat({ queue });
}
