import { round, isMain, runStandalone, stderrLog } from './lib/result';
import type { BenchOptions, BenchResult } from './lib/result';
import { percentile } from './lib/stats';
import { bounded, startKioskSession } from '../scripts/loadtest/kiosk-session';

/**
 * bench/outbox (issue 4 "Benchmarks"), in headless Chromium with an on-disk profile: the
 * outbox write of a confirmed transaction with a 40 KB photo, sealed by the host beforehand
 * (record + sealed photo + outbox entry in one strict Dexie transaction), against one raw
 * IndexedDB put of the same sealed bytes with strict durability. ratio = p95(enqueue) /
 * p95(raw put); target ≤ 1.5. The host calls that seal the data are reported too
 * (sealAndEnqueueP95Ms): they are what a confirmation costs end to end, but not the target's
 * subject, which is the outbox write itself.
 */
const TARGET = 1.5;
const PHOTO_BYTES = 40 * 1024;

export async function run(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? stderrLog;
  const iterations = options.quick ? 60 : 300;
  const warmup = options.quick ? 5 : 20;
  // no platform: the host starts its local stand-in and enrols with it, so sealing works
  const session = await startKioskSession({ enrolDeadline: Date.now() + 30_000, log });
  try {
    log(`outbox: ${iterations} enqueues and raw puts of ${PHOTO_BYTES}-byte photos in Chromium…`);
    const runTag = Date.now().toString(36);
    const samples = await bounded(
      session.page.evaluate((o) => {
        const api = window.kioskLoadTest;
        if (!api) throw new Error('the load-test page did not load');
        return api.benchOutbox(o);
      }, { iterations, warmup, photoBytes: PHOTO_BYTES, runTag }),
      10 * 60_000,
    );
    const enqueueP95 = percentile(samples.enqueue, 95);
    const rawP95 = percentile(samples.rawPut, 95);
    const ratio = enqueueP95 / rawP95;
    return {
      bench: 'outbox',
      ratio: round(ratio),
      target: TARGET,
      pass: ratio <= TARGET,
      iterations: samples.enqueue.length,
      photoBytes: PHOTO_BYTES,
      bytesPerWrite: samples.bytesPerWrite,
      enqueueP50Ms: round(percentile(samples.enqueue, 50)),
      enqueueP95Ms: round(enqueueP95),
      rawPutP50Ms: round(percentile(samples.rawPut, 50)),
      rawPutP95Ms: round(rawP95),
      sealAndEnqueueP95Ms: round(percentile(samples.sealAndEnqueue, 95)),
    };
  } finally {
    await session.close();
  }
}

if (isMain(import.meta.url)) {
  runStandalone(
    run,
    (r) => `outbox: enqueue p95 ${String(r.enqueueP95Ms)} ms vs raw strict put p95 ${String(r.rawPutP95Ms)} ms (${String(r.bytesPerWrite)} bytes): ratio ${r.ratio} (target ≤ ${r.target})`,
  );
}
