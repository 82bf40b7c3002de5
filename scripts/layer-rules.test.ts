import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of DESIGN.md are lint rules: this proves the lint run fails when they are broken.
const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked as never] });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['drivers/id-reader/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['drivers/printer/probe.ts', "import { useState } from 'react';\nexport const s = useState;\n"],
    ['renderer/screens/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    ['renderer/screens/probe.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n"],
    ['renderer/probe.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n"],
    ['renderer/probe.ts', "import HID from 'node-hid';\nexport const h = HID;\n"],
    ['renderer/probe.ts', "import { createVault } from '../electron/host/vault/vault';\nexport const v = createVault;\n"],
    ['electron/host/probe.ts', "import { safeStorage } from 'electron';\nexport const s = safeStorage;\n"],
    ['cli/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['drivers/scanner/probe.ts', "import { fixtureCards } from '../../fixtures/cards';\nexport const f = fixtureCards;\n"],
  ])('refuses %s importing what its layer must not', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/preload.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n"],
    ['drivers/transport/probe.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n"],
    ['renderer/probe.ts', "import { kioskContract } from '../electron/api/contract';\nexport const c = kioskContract;\n"],
    ['drivers/id-reader/probe.test.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('allows %s its own imports', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
