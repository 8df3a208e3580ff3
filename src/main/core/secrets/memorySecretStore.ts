import type { KeyStorage, KeyStorageInfo } from '../../../shared/domain/provider';
import type { SecretStore } from './secretStore';

/** Keys for this run only. Also the fallback layer other stores use when a person declines to persist. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  info(): KeyStorageInfo {
    return { backend: 'memory', secure: false, warning: 'Keys are kept in memory and forgotten when the app quits.' };
  }

  get(name: string): string | null {
    return this.values.get(name) ?? null;
  }

  set(name: string, value: string): KeyStorage {
    this.values.set(name, value);
    return 'session';
  }

  delete(name: string): void {
    this.values.delete(name);
  }

  where(name: string): KeyStorage {
    return this.values.has(name) ? 'session' : 'none';
  }

  names(): string[] {
    return [...this.values.keys()];
  }
}
