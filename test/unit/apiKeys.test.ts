import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Provider } from '../../src/shared/domain/provider';
import { presetById } from '../../src/shared/domain/providerPresets';
import { ApiKeys } from '../../src/main/core/llm/apiKeys';
import { KeyFileSecretStore } from '../../src/main/core/secrets/keyFileSecretStore';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { MemorySettingsStore } from '../../src/main/core/settings/settingsStore';
import { createLogger } from '../../src/main/core/util/logger';

const provider = (over: Partial<Provider> = {}): Provider => ({
  id: '01J00000000000000000000001',
  name: 'P',
  preset: 'openai',
  baseUrl: 'http://127.0.0.1:1/v1',
  apiKeyEnv: 'OPENAI_API_KEY',
  concurrency: 1,
  timeoutMs: 1000,
  maxRetries: 0,
  capabilities: presetById('openai').capabilities,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

describe('API keys', () => {
  it('come from the secret store first, then the provider’s environment variable', () => {
    const keys = new ApiKeys(new MemorySecretStore(), { OPENAI_API_KEY: 'sk-from-env-00001111' }, new MemorySettingsStore());
    keys.trustEnv(provider());
    expect(keys.status(provider())).toEqual({ hasKey: true, last4: '1111', storage: 'env', heldBack: null });
    keys.set(provider(), 'sk-stored-22223333', false);
    expect(keys.get(provider())).toBe('sk-stored-22223333');
    expect(keys.status(provider())).toEqual({ hasKey: true, last4: '3333', storage: 'session', heldBack: null });
    expect(keys.status(provider({ apiKeyEnv: null, id: '01J00000000000000000000002' }))).toEqual({
      hasKey: false,
      last4: null,
      storage: 'none',
      heldBack: null,
    });
  });

  it('are scrubbed from any text, including log lines', () => {
    const keys = new ApiKeys(new MemorySecretStore(), {}, new MemorySettingsStore());
    keys.set(provider(), 'sk-secret-abcdef123456', false);
    expect(keys.scrub('failed: Bearer sk-secret-abcdef123456 refused')).toBe('failed: Bearer [key removed] refused');
    const lines: string[] = [];
    const log = createLogger({ write: (_l, line) => lines.push(line) }, (t) => keys.scrub(t));
    log.error('call failed', new Error('key sk-secret-abcdef123456 rejected'));
    expect(lines.join('\n')).not.toContain('sk-secret-abcdef123456');
    expect(lines.join('\n')).toContain('[key removed]');
  });

  it('shows no last four characters of a key too short to hide', () => {
    const keys = new ApiKeys(new MemorySecretStore(), {}, new MemorySettingsStore());
    keys.set(provider(), 'abc12', false);
    expect(keys.status(provider()).last4).toBeNull();
  });
});

describe('key file store (browser mode and CLI)', () => {
  it('keeps keys in memory unless asked to remember them, then writes a 0600 file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hds-keys-')), 'keys.json');
    const store = new KeyFileSecretStore(file);
    expect(store.set('a', 'k1', { persist: false })).toBe('session');
    expect(store.where('a')).toBe('session');
    expect(store.set('b', 'k2', { persist: true })).toBe('file');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new KeyFileSecretStore(file).get('b')).toBe('k2');
    expect(new KeyFileSecretStore(file).get('a')).toBeNull();
    store.set('b', 'k3', { persist: false });
    expect(new KeyFileSecretStore(file).get('b')).toBeNull();
    expect(store.get('b')).toBe('k3');
    store.delete('b');
    expect(store.get('b')).toBeNull();
  });

  it('refuses a key file other users can read, saying how to fix it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hds-keys-')), 'keys.json');
    writeFileSync(file, JSON.stringify({ a: 'k' }));
    chmodSync(file, 0o644);
    expect(() => new KeyFileSecretStore(file).get('a')).toThrow(/chmod 600/);
  });
});
