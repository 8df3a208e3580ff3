import type { KeyStorage, KeyStorageInfo } from '../../../shared/domain/provider';
import type { SecretStore } from './secretStore';

/** Every key a store holds, with where it is kept, and how the store protects keys. */
export interface SecretsSnapshot {
  info: KeyStorageInfo;
  keys: Record<string, { value: string; storage: KeyStorage }>;
}

/** A store that can say which keys it holds, so a snapshot of it can be handed to another process. */
export interface ListableSecretStore extends SecretStore {
  names(): string[];
}

export function snapshotOf(store: ListableSecretStore): SecretsSnapshot {
  const keys: SecretsSnapshot['keys'] = {};
  for (const name of store.names()) {
    const value = store.get(name);
    if (value !== null) keys[name] = { value, storage: store.where(name) };
  }
  return { info: store.info(), keys };
}

/** A change made in the mirror, to be made in the store that keeps keys for real; it answers where the key went. */
export type SecretChange = { op: 'set'; name: string; value: string; persist: boolean } | { op: 'delete'; name: string };

/**
 * The keys of a store that lives in another process (Electron's safeStorage works only in the app's main
 * process, the backend runs in a utility process). Reads answer from the copy handed over at start; a
 * change applies here at once, as the interface is synchronous, and is sent to the real store, whose
 * answer of where the key went then replaces the expected one.
 */
export class MirroredSecretStore implements SecretStore {
  private readonly keys: Map<string, { value: string; storage: KeyStorage }>;

  constructor(
    private readonly snapshot: SecretsSnapshot,
    private readonly apply: (change: SecretChange) => Promise<KeyStorage | null>,
  ) {
    this.keys = new Map(Object.entries(snapshot.keys));
  }

  info(): KeyStorageInfo {
    return this.snapshot.info;
  }

  get(name: string): string | null {
    return this.keys.get(name)?.value ?? null;
  }

  set(name: string, value: string, options: { persist: boolean }): KeyStorage {
    const { info } = this.snapshot;
    // What the real store does: without any protection a key stays for the session; with basic_text it is merely in a file.
    const expected: KeyStorage = !options.persist || info.backend === 'memory' ? 'session' : info.secure ? 'secure' : 'file';
    this.keys.set(name, { value, storage: expected });
    void this.apply({ op: 'set', name, value, persist: options.persist }).then(
      (storage) => {
        if (storage && this.keys.get(name)?.value === value) this.keys.set(name, { value, storage });
      },
      () => undefined,
    );
    return expected;
  }

  delete(name: string): void {
    this.keys.delete(name);
    void this.apply({ op: 'delete', name }).catch(() => undefined);
  }

  where(name: string): KeyStorage {
    return this.keys.get(name)?.storage ?? 'none';
  }
}
