import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { lazy } from '../../../shared/domain/lazy';
import type { KeyStorage, KeyStorageInfo } from '../../../shared/domain/provider';
import { MemorySecretStore } from './memorySecretStore';
import type { SecretStore } from './secretStore';

// Built on first use: the CLI loads this store for every command, most of which never read a key.
const keyFileSchema = lazy(() => z.record(z.string(), z.string()));

/**
 * Browser mode and the CLI: keys in a JSON file only the user can read (mode 0600), as SSH does with
 * private keys. A file others can read is refused rather than silently used.
 */
export class KeyFileSecretStore implements SecretStore {
  private readonly session = new MemorySecretStore();

  constructor(private readonly file: string) {}

  info(): KeyStorageInfo {
    return {
      backend: 'file',
      secure: false,
      warning: `Keys you choose to remember are written to ${this.file}, readable only by your user account. Otherwise they last until the app quits.`,
    };
  }

  get(name: string): string | null {
    return this.session.get(name) ?? this.readFile()[name] ?? null;
  }

  set(name: string, value: string, options: { persist: boolean }): KeyStorage {
    if (!options.persist) {
      // "This session only" also forgets a copy remembered earlier, so the file never holds a stale key.
      this.removeFromFile(name);
      this.session.set(name, value);
      return 'session';
    }
    this.session.delete(name);
    this.writeFile({ ...this.readFile(), [name]: value });
    return 'file';
  }

  delete(name: string): void {
    this.session.delete(name);
    this.removeFromFile(name);
  }

  private removeFromFile(name: string): void {
    const all = this.readFile();
    if (name in all) {
      delete all[name];
      this.writeFile(all);
    }
  }

  where(name: string): KeyStorage {
    if (this.session.get(name) !== null) return 'session';
    return this.readFile()[name] !== undefined ? 'file' : 'none';
  }

  /** Every model call looks its key up, so the file is parsed again only when it changed on disk. */
  private cached: { mtimeMs: number; size: number; values: Record<string, string> } | null = null;

  private readFile(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    const stat = statSync(this.file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new Error(`The key file ${this.file} can be read by other users. Run: chmod 600 "${this.file}"`);
    }
    if (this.cached && this.cached.mtimeMs === stat.mtimeMs && this.cached.size === stat.size) return { ...this.cached.values };
    const parsed = keyFileSchema().safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`The key file ${this.file} is not a JSON object of names to keys.`);
    this.cached = { mtimeMs: stat.mtimeMs, size: stat.size, values: parsed.data };
    return { ...parsed.data };
  }

  private writeFile(values: Record<string, string>): void {
    this.cached = null;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(values, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
