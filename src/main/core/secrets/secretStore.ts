import type { KeyStorage, KeyStorageInfo } from '../../../shared/domain/provider';

/**
 * Where API keys live. The core sees only this interface: safeStorage in Electron, a 0600 key file in
 * browser mode and the CLI, memory in tests. No implementation ever writes a key into the project.
 */
export interface SecretStore {
  info(): KeyStorageInfo;
  get(name: string): string | null;
  /** Where the value was put: 'session' means memory only, gone when the app quits. */
  set(name: string, value: string, options: { persist: boolean }): KeyStorage;
  delete(name: string): void;
  where(name: string): KeyStorage;
}
