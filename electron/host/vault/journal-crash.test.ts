import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevKeystore } from './keystore';
import { createVault } from './vault';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'journal-crash-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

interface Returned {
  readonly seq: number;
  readonly id: string;
  readonly photo: string;
}

/** runs sigkill-child.ts with 8 sealing loops and SIGKILLs it once `after` seals have returned */
async function sealUntilKilled(after: number): Promise<Returned[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sigkill-child.ts', import.meta.url)), dataDir, '8'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const returned: Returned[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const [seq, id, photo] = line.split(' ');
    returned.push({ seq: Number(seq), id: id ?? '', photo: photo ?? '' });
    if (returned.length === after) {
      // the other seven loops are somewhere in their next photo or transaction append
      child.kill('SIGKILL');
      break;
    }
  }
  expect(await exited).toBe('SIGKILL');
  return returned;
}

describe('journal under SIGKILL', () => {
  it('keeps every transaction and photo whose append had resolved, across two kills mid-append', async () => {
    const returned = [...(await sealUntilKilled(24)), ...(await sealUntilKilled(40))];
    const keystore = createDevKeystore(dataDir);
    const vault = await createVault({ dataDir, keystore, devMode: true });
    if (!vault.ok) throw new Error(vault.error.code);
    const pending = new Map((await vault.value.pending()).map((e) => [e.transaction.id, e]));
    for (const r of returned) {
      const entry = pending.get(r.id);
      expect(entry?.transaction.seq).toBe(r.seq);
      expect(entry?.attachments.map((a) => a.sha256)).toEqual([r.photo]);
      const photo = entry?.attachments[0];
      expect(photo && vault.value.unsealAttachment(photo.sha256, photo.sealed).ok).toBe(true);
      expect(entry && vault.value.unsealTransaction(r.id, entry.transaction.sealed).ok).toBe(true);
    }
    // seq never goes back across the kills
    expect(vault.value.lastSeq()).toBeGreaterThanOrEqual(Math.max(...returned.map((r) => r.seq)));
  });
});
