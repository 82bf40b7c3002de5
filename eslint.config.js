// @ts-check
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * Layer rules from DESIGN.md ("Layer rules, enforced by lint"):
 * - drivers/ imports neither electron nor react (nor the host, the renderer or fixtures/: simulators
 *   are wired in by the host, never reached from a driver);
 * - renderer/ imports no node:*, serialport, node-hid (nor usb, ws, electron);
 * - only electron/main* and electron/preload* import electron.
 * Tests and fixtures may import anything.
 */
export const layerRules = {
  drivers: {
    paths: ['electron', 'react', 'react-dom'],
    patterns: ['electron/*', 'react/*', 'react-dom/*', '**/renderer/**', '**/electron/**', '**/fixtures/**'],
  },
  renderer: {
    paths: [...nodeBuiltins, 'serialport', 'node-hid', 'usb', 'ws', 'electron', 'pino'],
    patterns: ['node:*', '@serialport/*', 'electron/*', '**/electron/host/**', '**/electron/main*', '**/fixtures/**'],
  },
  electronOutsideShell: { paths: ['electron'], patterns: ['electron/*'] },
};

/** renderer/outbox/db.ts runs Dexie without its observability middleware */
const noLiveQuery = {
  name: 'dexie',
  importNames: ['liveQuery'],
  message: 'the outbox database runs without Dexie\'s observability middleware (renderer/outbox/db.ts), so a liveQuery would never update; query, and query again on the sync events.',
};

/** @param {{paths: string[], patterns: string[]}} rule @param {string} why @param {{name: string, importNames: string[], message: string}[]} [also] */
const restrict = (rule, why, also = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [...rule.paths.map((name) => ({ name, message: why })), ...also],
      patterns: [{ group: rule.patterns, message: why }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.kiosk-data/**', 'coverage/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['drivers/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: restrict(layerRules.drivers, 'drivers/ must not depend on electron, react, the renderer or the host (DESIGN.md layer rules).'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: restrict(layerRules.renderer, 'renderer/ runs in the sandbox: no Node built-ins, device libraries, electron or host code (DESIGN.md layer rules).', [noLiveQuery]),
  },
  {
    files: ['electron/**/*.{ts,tsx}', 'cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['electron/main*', 'electron/preload*', 'electron/testing/**', '**/*.test.{ts,tsx}'],
    rules: restrict(layerRules.electronOutsideShell, 'only electron/main* and electron/preload* may import electron (DESIGN.md layer rules).'),
  },
);
