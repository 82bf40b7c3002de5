import type { z } from 'zod';
import type { KioskOutboxDb } from './db';

/**
 * Typed access to the key/value `syncState` table. Values are parsed on the way out: the table
 * outlives app versions, and a value a newer or older build wrote must not be trusted blindly.
 */
export async function readSyncState<S extends z.ZodType>(db: KioskOutboxDb, key: string, schema: S): Promise<z.output<S> | undefined> {
  const row = await db.syncState.get(key);
  if (!row) return undefined;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSyncState(db: KioskOutboxDb, key: string, value: unknown): Promise<void> {
  await db.syncState.put({ key, value });
}

export async function deleteSyncState(db: KioskOutboxDb, key: string): Promise<void> {
  await db.syncState.delete(key);
}
