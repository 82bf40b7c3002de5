/**
 * Test helper for journal.test.ts: seals transactions in a loop and prints each seq the moment
 * sealTransaction returns, so the parent can SIGKILL it right after a call returned (and, as
 * the loop goes on, in the middle of the next one). Usage: node --import tsx sigkill-child.ts <dataDir>
 */
import { ulid } from 'ulid';
import { createDevKeystore } from './keystore';
import { createVault } from './vault';

async function main(dataDir: string): Promise<void> {
  const vault = await createVault({ dataDir, keystore: createDevKeystore(dataDir), devMode: true });
  if (!vault.ok) throw new Error(vault.error.code);
  for (;;) {
    const id = ulid();
    const sealed = await vault.value.sealTransaction(
      { id, service: 'id.renewal', applicant: { idNumber: '11010519491231002X', name: '张三' }, attachments: [] },
      { terminalId: 'CZ-T0012' },
    );
    if (!sealed.ok) throw new Error(sealed.error.code);
    process.stdout.write(`${sealed.value.seq} ${id}\n`);
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: sigkill-child.ts <dataDir>');
await main(dir);
