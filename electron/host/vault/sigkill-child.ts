/**
 * Test helper for the journal's SIGKILL tests: seals transactions in a loop and prints each one
 * the moment sealTransaction returns (`<seq> <id> <photo sha256 or ->`), so the parent can
 * SIGKILL it right after a call returned and, as the loop goes on, in the middle of the next
 * append. With a concurrency above 1, that many loops seal a 40 KB photo and a transaction
 * naming it side by side, so the kill lands among group-committed appends.
 * Usage: node --import tsx sigkill-child.ts <dataDir> [concurrency]
 */
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { createDevKeystore } from './keystore';
import { createVault, type Vault } from './vault';

async function sealLoop(vault: Vault, withPhoto: boolean): Promise<never> {
  for (;;) {
    const id = ulid();
    let photo: { sha256: string; size: number } | undefined;
    if (withPhoto) {
      const bytes = randomBytes(40 * 1024);
      bytes[0] = 0xff;
      bytes[1] = 0xd8;
      const sealed = await vault.sealAttachment({ bytes, contentType: 'image/jpeg' });
      if (!sealed.ok) throw new Error(sealed.error.code);
      photo = sealed.value;
    }
    const sealed = await vault.sealTransaction(
      {
        id,
        service: 'id.renewal',
        applicant: { idNumber: '11010519491231002X', name: '张三' },
        attachments: photo ? [{ sha256: photo.sha256, role: 'photo', contentType: 'image/jpeg', size: photo.size }] : [],
      },
      { terminalId: 'CZ-T0012' },
    );
    if (!sealed.ok) throw new Error(sealed.error.code);
    process.stdout.write(`${sealed.value.seq} ${id} ${photo?.sha256 ?? '-'}\n`);
  }
}

async function main(dataDir: string, concurrency: number): Promise<void> {
  const vault = await createVault({ dataDir, keystore: createDevKeystore(dataDir), devMode: true });
  if (!vault.ok) throw new Error(vault.error.code);
  await Promise.all(Array.from({ length: concurrency }, () => sealLoop(vault.value, concurrency > 1)));
}

const [dir, concurrency] = process.argv.slice(2);
if (!dir) throw new Error('usage: sigkill-child.ts <dataDir> [concurrency]');
await main(dir, Number(concurrency ?? 1));
