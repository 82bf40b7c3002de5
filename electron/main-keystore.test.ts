import { describe, expect, it } from 'vitest';
import { createSafeStorageKeystore } from './main-keystore';

const xorStorage = (backend: string, available = true) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data: Buffer) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
});

describe('the safeStorage keystore', () => {
  it('wraps and unwraps a data key', () => {
    const keystore = createSafeStorageKeystore(xorStorage('gnome_libsecret'), 'linux');
    const key = new Uint8Array(32).map((_, i) => i * 7);
    const wrapped = keystore.wrap(key);
    expect(Buffer.from(wrapped).includes(Buffer.from(key))).toBe(false);
    expect(keystore.unwrap(wrapped)).toEqual(key);
    expect(keystore.backend).toBe('os');
  });

  it('reports the plain-text backends as plain-text so the vault can refuse them', () => {
    expect(createSafeStorageKeystore(xorStorage('basic_text'), 'linux').backend).toBe('plain-text');
    expect(createSafeStorageKeystore(xorStorage('unknown', false), 'win32').backend).toBe('plain-text');
    expect(createSafeStorageKeystore(xorStorage('basic_text'), 'win32').backend).toBe('os');
  });
});
