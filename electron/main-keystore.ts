import type { SafeStorage } from 'electron';
import type { Keystore } from './host/vault/keystore';

/**
 * The OS keystore behind the vault (DESIGN.md "Data and sync"): Electron's safeStorage uses
 * DPAPI, the macOS Keychain, or libsecret/kwallet. On Linux without a keyring it falls back to
 * `basic_text`, a hard-coded key: reported as `plain-text` so the vault refuses to capture
 * personal data unless the kiosk runs in its explicit development mode.
 */
export function createSafeStorageKeystore(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: () => string }, platform: NodeJS.Platform = process.platform): Keystore {
  const plain = !safeStorage.isEncryptionAvailable() || (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  return {
    backend: plain ? 'plain-text' : 'os',
    wrap: (key) => new Uint8Array(safeStorage.encryptString(Buffer.from(key).toString('base64'))),
    unwrap: (wrapped) => new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(wrapped)), 'base64')),
  };
}
