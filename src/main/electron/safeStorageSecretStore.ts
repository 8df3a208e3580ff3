import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { KeyStorage, KeyStorageInfo } from '../../shared/domain/provider';
import { MemorySecretStore } from '../core/secrets/memorySecretStore';
import type { ListableSecretStore } from '../core/secrets/mirroredSecretStore';

/** How this computer can protect a stored key. */
type Protection = 'keyring' | 'basic_text' | 'unavailable';

/** The secrets file: secret name to base64 safeStorage ciphertext. Never plaintext, never a project. */
type Ciphertexts = Record<string, string>;

const STORE_NAME = 'secrets';

/**
 * API keys in the desktop app. Stored keys are encrypted with Electron's safeStorage (the OS keychain,
 * DPAPI, or the Linux keyring) and the ciphertext kept in its own electron-store file in the data
 * folder. On a Linux desktop without a keyring safeStorage falls back to `basic_text`, which only
 * obscures; a key is then kept for the session unless the person asks to store it after a warning.
 * There is deliberately no home-made encryption fallback.
 *
 * safeStorage's synchronous calls are deprecated, while this interface is synchronous: so stored keys
 * are decrypted once at start-up (`open`), and new ones are encrypted in the background in call order
 * (`flush` waits for that, and runs before the app quits).
 */
export class SafeStorageSecretStore implements ListableSecretStore {
  private readonly session = new MemorySecretStore();
  /** Plaintext of every key that is (or is about to be) in the secrets file. */
  private readonly persisted = new Map<string, string>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly protection: Protection,
    private readonly file: Store<Ciphertexts>,
  ) {}

  /** Call after the app is ready: safeStorage cannot tell before. */
  static async open(dataDir: string): Promise<SafeStorageSecretStore> {
    const store = new SafeStorageSecretStore(await detectProtection(), openSecretsFile(dataDir));
    if (store.protection !== 'unavailable') await store.decryptStored();
    return store;
  }

  info(): KeyStorageInfo {
    switch (this.protection) {
      case 'keyring':
        return { backend: 'safeStorage', secure: true, warning: null };
      case 'basic_text':
        return {
          backend: 'basic_text',
          secure: false,
          warning:
            'This computer has no keyring, so a stored key would be only lightly obscured on disk. Keep it for this session, or store it anyway if you accept that.',
        };
      case 'unavailable':
        return {
          backend: 'memory',
          secure: false,
          warning: 'This computer offers no way to encrypt stored keys, so keys are kept only until the app quits.',
        };
    }
  }

  get(name: string): string | null {
    return this.session.get(name) ?? this.persisted.get(name) ?? null;
  }

  set(name: string, value: string, options: { persist: boolean }): KeyStorage {
    if (!options.persist || this.protection === 'unavailable') {
      // "Only for this session" also means no older copy of this key is left on disk.
      this.forgetPersisted(name);
      return this.session.set(name, value);
    }
    this.session.delete(name);
    this.persisted.set(name, value);
    this.encryptInBackground(name, value);
    return this.persistedAs();
  }

  delete(name: string): void {
    this.session.delete(name);
    this.forgetPersisted(name);
  }

  where(name: string): KeyStorage {
    if (this.session.get(name) !== null) return 'session';
    return this.persisted.has(name) ? this.persistedAs() : 'none';
  }

  /** Every key held, for the snapshot handed to the backend's process. */
  names(): string[] {
    return [...new Set([...this.session.names(), ...this.persisted.keys()])];
  }

  /** Resolves once every key set so far is written (or known to have failed and kept in memory). */
  flush(): Promise<void> {
    return this.writes;
  }

  /** Behind a real keyring a stored key is 'secure'; with basic_text it is merely in a file. */
  private persistedAs(): KeyStorage {
    return this.protection === 'keyring' ? 'secure' : 'file';
  }

  private forgetPersisted(name: string): void {
    this.persisted.delete(name);
    if (this.file.has(name)) this.file.delete(name);
  }

  private encryptInBackground(name: string, value: string): void {
    this.writes = this.writes.then(async () => {
      try {
        const ciphertext = await safeStorage.encryptStringAsync(value);
        // Replaced or deleted while this one was being encrypted: the newer state wins.
        if (this.persisted.get(name) !== value) return;
        this.file.set(name, ciphertext.toString('base64'));
      } catch {
        if (this.persisted.get(name) === value) {
          this.persisted.delete(name);
          this.session.set(name, value);
        }
        console.error(`Could not encrypt the key "${name}" for storage; it is kept for this session only.`);
      }
    });
  }

  private async decryptStored(): Promise<void> {
    for (const [name, encoded] of Object.entries(this.file.store)) {
      if (typeof encoded !== 'string') continue;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encoded, 'base64'));
        this.persisted.set(name, result);
        if (shouldReEncrypt) this.encryptInBackground(name, result);
      } catch {
        // Typically the keyring changed (a new OS account or a reset keychain). The ciphertext stays
        // until the person enters the key again, which overwrites it.
        console.warn(`The stored key "${name}" could not be decrypted on this computer; please enter it again.`);
      }
    }
  }
}

async function detectProtection(): Promise<Protection> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return 'basic_text';
  }
  return 'keyring';
}

/**
 * Readable by this user only: with basic_text the ciphertext is merely obscured. A damaged file is
 * set aside (not deleted) so start-up never fails on it.
 */
function openSecretsFile(dataDir: string): Store<Ciphertexts> {
  const options = {
    name: STORE_NAME,
    cwd: dataDir,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  } as const;
  try {
    return new Store<Ciphertexts>(options);
  } catch (err) {
    const file = join(dataDir, `${STORE_NAME}.json`);
    if (!existsSync(file)) throw err;
    const aside = `${file}.damaged-${Date.now()}`;
    renameSync(file, aside);
    console.warn(`The secrets file was damaged and has been moved to ${aside}; stored keys must be entered again.`);
    return new Store<Ciphertexts>(options);
  }
}
