import { Dexie } from 'dexie';
import type { EntityTable } from 'dexie';
import { upgradeToV2, upgradeToV3 } from './migrations';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './schema';
import type {
  AttachmentRecord,
  DeadLetterRecord,
  OutboxEntry,
  OutcomeRecord,
  ReferenceRecord,
  SyncStateRecord,
  TransactionRecord,
} from './schema';

export const OUTBOX_DB_NAME = 'kiosk-outbox';

/** The renderer's outbox (DESIGN.md "Data and sync"); see schema.ts for what each table holds. */
export class KioskOutboxDb extends Dexie {
  declare readonly transactions: EntityTable<TransactionRecord, 'id'>;
  declare readonly attachments: EntityTable<AttachmentRecord, 'sha256'>;
  declare readonly outbox: EntityTable<OutboxEntry, 'id'>;
  declare readonly syncState: EntityTable<SyncStateRecord, 'key'>;
  declare readonly reference: Dexie.Table<ReferenceRecord, [string, string]>;
  declare readonly deadLetters: EntityTable<DeadLetterRecord, 'id'>;
  declare readonly outcomes: EntityTable<OutcomeRecord, 'batchId'>;

  constructor(name: string, indexedDB?: IDBFactory, keyRange?: typeof IDBKeyRange) {
    super(name, {
      ...(indexedDB ? { indexedDB } : {}),
      ...(keyRange ? { IDBKeyRange: keyRange } : {}),
      // A confirmed transaction must be on disk before its receipt prints. Chromium's default
      // ("relaxed" since Chrome 83) reports a commit before the OS has flushed it, so a power
      // cut right after printing could lose it. Dexie has no per-transaction durability, so the
      // whole database is strict; the sync writes it costs are few (one per platform answer) and small.
      chromeTransactionDurability: 'strict',
      // see the unuse below: nothing reads through Dexie's liveQuery cache either
      cache: 'disabled',
    });
    // The kiosk reads the outbox with plain queries and never subscribes with liveQuery (lint
    // forbids importing it in renderer/). Dexie's observability middleware would still record
    // every key each write touches, for subscribers there are none of, and tell other tabs: in a
    // drain that is every id of every outcome row (bench/sync) for nothing.
    this.unuse({ stack: 'dbcore', name: 'Observability' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
  }
}

export interface OpenOutboxOptions {
  name?: string;
  /** tests pass a fresh fake-indexeddb factory; the renderer uses the browser's */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** Dexie opens lazily on first use; open errors surface as coded storage errors from each call. */
export function openOutboxDb(options: OpenOutboxOptions = {}): KioskOutboxDb {
  return new KioskOutboxDb(options.name ?? OUTBOX_DB_NAME, options.indexedDB, options.IDBKeyRange);
}
