import { z } from 'zod';
import { ok } from '../../drivers/result';
import type { Result } from '../../drivers/result';
import { ServiceCode, ServiceReference } from '../../electron/api/platform-schemas';
import type { ServiceReference as ServiceReferenceValue } from '../../electron/api/platform-schemas';
import type { KioskOutboxDb } from '../outbox/db';
import { storageError } from '../outbox/storage-error';
import { readSyncState, writeSyncState } from '../outbox/sync-state';
import type { SyncKiosk } from './types';

export const REFERENCE_CURSOR_KEY = 'referenceCursor';

/** A server that never says `complete` must not keep the kiosk paging forever. */
export const MAX_REFERENCE_PAGES = 1000;

export interface ReferencePullReport {
  pages: number;
  stored: number;
  deleted: number;
  complete: boolean;
}

/**
 * `GET /reference` by cursor until `complete` (platform-api.md §3). Each page and the cursor
 * that follows it are stored in one Dexie transaction, so a pull cut short (offline, reload)
 * resumes from the last stored page, and the next pull after a complete one asks only for what
 * changed since. Failures come back as the host's coded errors; the cache stays as it was.
 */
export async function pullReference(
  db: KioskOutboxDb,
  kiosk: Pick<SyncKiosk, 'platform'>,
  options: { maxPages?: number } = {},
): Promise<Result<ReferencePullReport>> {
  const report: ReferencePullReport = { pages: 0, stored: 0, deleted: 0, complete: false };
  try {
    let cursor = await readSyncState(db, REFERENCE_CURSOR_KEY, z.string());
    while (report.pages < (options.maxPages ?? MAX_REFERENCE_PAGES)) {
      const page = await kiosk.platform.reference(cursor === undefined ? {} : { cursor });
      if (!page.ok) return page;
      report.pages += 1;
      await db.transaction('rw', [db.reference, db.syncState], async () => {
        for (const item of page.value.items) {
          if (item.deleted) {
            await db.reference.delete([item.kind, item.key]);
            report.deleted += 1;
          } else {
            await db.reference.put({ kind: item.kind, key: item.key, value: item.value ?? {} });
            report.stored += 1;
          }
        }
        await writeSyncState(db, REFERENCE_CURSOR_KEY, page.value.cursor);
      });
      cursor = page.value.cursor;
      if (page.value.complete) {
        report.complete = true;
        break;
      }
    }
    return ok(report);
  } catch (e) {
    return storageError(e);
  }
}

export type CachedService = ServiceReferenceValue & { code: ServiceCode };

/**
 * The offline service catalogue: every cached `service` item whose code and value this build
 * understands, in catalogue order. Disabled services are included; the UI decides.
 */
export async function cachedServices(db: KioskOutboxDb): Promise<CachedService[]> {
  const rows = await db.reference.where('kind').equals('service').toArray();
  const services: CachedService[] = [];
  for (const row of rows) {
    const code = ServiceCode.safeParse(row.key);
    const value = ServiceReference.safeParse(row.value);
    if (code.success && value.success) services.push({ ...value.data, code: code.data });
  }
  const order = ServiceCode.options;
  return services.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
}
