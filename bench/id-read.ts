import { pathToFileURL } from 'node:url';
import { samSerialOpener } from '../drivers/id-reader/adapters/sam-serial';
import { createSamReader } from '../drivers/id-reader/driver';
import { findFixtureCard } from '../fixtures/cards/index';
import { startIdReaderBehindPty } from '../fixtures/devices/id-reader/behind-pty';

/**
 * bench/id-read (issue 3): time from a card presented to the parsed record, over a real pty,
 * with the simulator pacing its bytes at 115200 baud, as a ratio to the pure wire time of the
 * bytes exchanged in that interval (10 bits per byte, both directions, as on a half-duplex
 * request/answer line). Target: ratio ≤ 1.10.
 *
 * Each round uses a fresh driver (opening is not timed) with the card already on the reader
 * when the read starts, so the clock measures find → select → read 30 01 → 30 03 and parsing,
 * not the polling interval chosen for an idle kiosk.
 */
const BAUD = 115200;
const TARGET = 1.1;
const ROUNDS = 8;

export interface IdReadBench {
  bench: string;
  ratio: number;
  target: number;
  pass: boolean;
  rounds: number;
  baud: number;
  bytesPerRead: number;
  wireMsPerRead: number;
  meanMsPerRead: number;
}

export async function run(): Promise<IdReadBench> {
  const card = findFixtureCard('resident-valid');
  if (!card) throw new Error('fixture card missing');
  const device = await startIdReaderBehindPty({ simulator: { baudRate: BAUD } });
  let elapsedMs = 0;
  let bytes = 0;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const reader = createSamReader(samSerialOpener(device.driverPath, BAUD), { statusPollMs: 0 });
      // connect before the clock starts: the bench times the read, not the open
      await new Promise<void>((resolve) => {
        if (reader.status().state === 'ready') return resolve();
        const off = reader.onStatus((s) => s.state === 'ready' && (off(), resolve()));
      });
      device.simulator.presentCard(card);
      const before = reader.channel.bytesIn + reader.channel.bytesOut;
      const start = performance.now();
      const result = await reader.readCard({ timeoutMs: 5000 });
      const took = performance.now() - start;
      const exchanged = reader.channel.bytesIn + reader.channel.bytesOut - before;
      await reader.close();
      device.simulator.removeCard();
      if (!result.ok) throw new Error(`read failed: ${result.error.code}`);
      // the first round warms up the JIT and the pty
      if (round === 0) continue;
      elapsedMs += took;
      bytes += exchanged;
    }
  } finally {
    await device.close();
  }
  const rounds = ROUNDS - 1;
  const wireMs = (bytes * 10 * 1000) / BAUD;
  const ratio = Math.round((elapsedMs / wireMs) * 1000) / 1000;
  return {
    bench: 'id-read',
    ratio,
    target: TARGET,
    pass: ratio <= TARGET,
    rounds,
    baud: BAUD,
    bytesPerRead: bytes / rounds,
    wireMsPerRead: Math.round((wireMs / rounds) * 100) / 100,
    meanMsPerRead: Math.round((elapsedMs / rounds) * 100) / 100,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (r) => {
      process.stdout.write(`id-read: ${r.meanMsPerRead} ms per read vs ${r.wireMsPerRead} ms on the wire (${r.bytesPerRead} bytes at ${r.baud} baud): ratio ${r.ratio} (target ≤ ${r.target}) ${r.pass ? 'PASS' : 'FAIL'}\n`);
      process.stdout.write(`${JSON.stringify(r)}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`bench id-read: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
