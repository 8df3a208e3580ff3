import { describe, expect, it } from 'vitest';
import type { KeyStorage, KeyStorageInfo } from '../../src/shared/domain/provider';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MirroredSecretStore, snapshotOf, type SecretChange } from '../../src/main/core/secrets/mirroredSecretStore';

const info = (backend: KeyStorageInfo['backend'], secure: boolean): KeyStorageInfo => ({ backend, secure, warning: null });

/** A mirror whose changes wait until the test answers them, as the app's process would. */
function mirror(of: KeyStorageInfo) {
  const changes: { change: SecretChange; answer: (storage: KeyStorage | null) => void }[] = [];
  const store = new MirroredSecretStore({ info: of, keys: {} }, (change) => new Promise((answer) => changes.push({ change, answer })));
  return { store, changes };
}

describe('a mirror of the key store in another process', () => {
  it('says where a key goes as the real store would, before it answers', () => {
    expect(mirror(info('safeStorage', true)).store.set('a', 'k', { persist: true })).toBe('secure');
    expect(mirror(info('basic_text', false)).store.set('a', 'k', { persist: true })).toBe('file');
    expect(mirror(info('memory', false)).store.set('a', 'k', { persist: true })).toBe('session');
    expect(mirror(info('safeStorage', true)).store.set('a', 'k', { persist: false })).toBe('session');
  });

  it('sends every change, takes the real store’s answer, and never lets a late answer undo a newer key', async () => {
    const { store, changes } = mirror(info('basic_text', false));
    store.set('p', 'first-key', { persist: true });
    store.set('p', 'second-key', { persist: false });
    expect(changes.map((c) => c.change)).toEqual([
      { op: 'set', name: 'p', value: 'first-key', persist: true },
      { op: 'set', name: 'p', value: 'second-key', persist: false },
    ]);
    changes[1]!.answer('session');
    changes[0]!.answer('file');
    await new Promise((r) => setImmediate(r));
    expect(store.get('p')).toBe('second-key');
    expect(store.where('p')).toBe('session');

    store.delete('p');
    expect(store.get('p')).toBeNull();
    expect(store.where('p')).toBe('none');
    expect(changes.at(-1)!.change).toEqual({ op: 'delete', name: 'p' });
  });

  it('starts from a snapshot of every key the real store holds', () => {
    const real = new MemorySecretStore();
    real.set('provider:a', 'sk-a');
    real.set('provider:b', 'sk-b');
    const store = new MirroredSecretStore(snapshotOf(real), async () => null);
    expect([store.get('provider:a'), store.get('provider:b'), store.where('provider:a')]).toEqual(['sk-a', 'sk-b', 'session']);
    expect(store.info()).toEqual(real.info());
  });
});
