import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../scripts/loadtest/kiosk-session';
import { cpuSince, cpuSnapshot } from './lib/process-cpu';
import { isMain } from './lib/result';

/**
 * A diagnostic for bench/sync, not a benchmark with a target: the IndexedDB work of draining N
 * transactions with nothing else (no network, no host, no Dexie), in headless Chromium with an
 * on-disk profile, as the engine does it: per call of 16 batches of 50, one strict read-write
 * transaction with a key read, one outcome row per batch (with the multi-entry id index), and a
 * range delete of the entries (with their `seq` index). What it costs is a floor under the
 * engine's own cost in bench/sync. `--no-id-index` leaves out the outcomes' id index; `--pages`
 * adds the drain's reads of the queue (1,600 entries at a time, in seq order); `--records` stores
 * a transaction record of bench/sync's size (about 1.3 KB sealed) beside each entry, as the real
 * outbox does, so LevelDB carries their bytes too.
 *
 * `npx tsx bench/idb-floor.ts [--no-id-index] [--pages] [--records]` prints one JSON line: wall
 * ms and CPU ms per process group for the writes (the seconds after them included, for LevelDB's
 * compaction).
 */
interface Options {
  readonly transactions: number;
  readonly idIndex: boolean;
  readonly pages: boolean;
  readonly records: boolean;
}

async function run(options: Options): Promise<Record<string, unknown>> {
  const server = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>idb-floor</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const profile = mkdtempSync(join(tmpdir(), 'idb-floor-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(setUp, options);
    await delay(1500); // the setup's compaction, outside the measurement
    const before = cpuSnapshot();
    const wallMs = await page.evaluate(drainWrites, options);
    await delay(1500);
    return { diagnostic: 'idb-floor', ...options, wallMs: Math.round(wallMs), cpuMs: cpuSince(before) };
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

interface FloorWindow {
  floorDb?: IDBDatabase;
  floorIds?: string[];
}

async function setUp(options: Options): Promise<void> {
  const w = window as unknown as FloorWindow;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('idb-floor', 1);
    open.onupgradeneeded = () => {
      const outbox = open.result.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('seq', 'seq');
      const outcomes = open.result.createObjectStore('outcomes', { keyPath: 'batchId' });
      if (options.idIndex) outcomes.createIndex('ids', 'ids', { multiEntry: true });
      outcomes.createIndex('retainedFrom', 'retainedFrom');
      open.result.createObjectStore('transactions', { keyPath: 'id' }).createIndex('seq', 'seq');
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
  });
  const ids = Array.from({ length: options.transactions }, (_, i) => `01JD3Z6Q8W${String(i).padStart(16, '0')}`);
  for (let from = 0; from < ids.length; from += 1000) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['outbox', 'transactions'], 'readwrite');
      ids.slice(from, from + 1000).forEach((id, i) => {
        const seq = from + i + 1;
        tx.objectStore('outbox').put({ id, seq, createdAtMs: 0, nextAttemptAt: 0, attempts: 0, attachmentShas: [], badRequests: 0, suspect: false });
        if (!options.records) return;
        const ciphertext = crypto.getRandomValues(new Uint8Array(1200));
        const sealed = { ciphertext, iv: crypto.getRandomValues(new Uint8Array(12)), wrappedKey: crypto.getRandomValues(new Uint8Array(60)) };
        tx.objectStore('transactions').put({ id, seq, service: 'id.renewal', createdAt: '2026-11-24T09:00:00.000Z', maskedName: '*', maskedIdNumber: '*', attachmentShas: [], sealed });
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('setup failed'));
    });
  }
  w.floorDb = db;
  w.floorIds = ids;
}

async function drainWrites(options: Options): Promise<number> {
  const w = window as unknown as FloorWindow;
  const db = w.floorDb;
  const ids = w.floorIds;
  if (!db || !ids) throw new Error('set up first');
  const batch = 50;
  const perCall = 16 * batch;
  const t0 = performance.now();
  let afterSeq = 0;
  for (let from = 0; from < ids.length; from += perCall) {
    if (options.pages && from % (2 * perCall) === 0) {
      afterSeq = await new Promise<number>((resolve, reject) => {
        const read = db.transaction('outbox', 'readonly').objectStore('outbox').index('seq').getAll(IDBKeyRange.lowerBound(afterSeq, true), 2 * perCall);
        read.onsuccess = () => resolve((read.result as { seq: number }[]).at(-1)?.seq ?? afterSeq);
        read.onerror = () => reject(read.error ?? new Error('page read failed'));
      });
    }
    const call = ids.slice(from, from + perCall);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['outbox', 'outcomes'], 'readwrite', { durability: 'strict' });
      const outbox = tx.objectStore('outbox');
      const range = IDBKeyRange.bound(call[0], call.at(-1));
      outbox.getAllKeys(range, 2 * call.length);
      for (let b = 0; b < call.length; b += batch) {
        const answered = call.slice(b, b + batch);
        const items = answered.map((id) => ({ id, status: 'accepted', caseNumber: `C-2026-${id.slice(-6)}`, receivedAt: '2026-11-24T09:00:00.000Z' }));
        tx.objectStore('outcomes').add({ batchId: answered[0], ids: answered, items, acceptedAt: 1, retainedFrom: 1 });
      }
      outbox.delete(range);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('drain write failed'));
    });
  }
  return performance.now() - t0;
}

if (isMain(import.meta.url)) {
  const flag = (name: string): boolean => process.argv.includes(name);
  run({ transactions: 10_000, idIndex: !flag('--no-id-index'), pages: flag('--pages'), records: flag('--records') }).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(`idb-floor: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
