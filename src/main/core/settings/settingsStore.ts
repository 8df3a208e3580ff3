import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { lazy } from '../../../shared/domain/lazy';

// Built on first use, as every command loads this module (see shared/domain/lazy.ts). One string schema serves
// every text field: each schema zod builds costs start-up time, and a schema holds no state of its own.
const appSettingsSchema = lazy(() => {
  const text = z.string();
  return z.object({
    recentProjects: z.array(z.object({ file: text, name: text, openedAt: z.number() })).default([]),
    lastProject: text.nullable().default(null),
    sampleCreated: z.boolean().default(false),
    /** Environment variables a person on this machine chose as a provider's key, each with the one base URL it may go to. */
    trustedKeyEnvs: z.array(z.object({ env: text, baseUrl: text })).default([]),
    /** The base URL each stored key was set for (by secret name): a key is never sent anywhere else. */
    keyBaseUrls: z.record(text, text).default({}),
  });
});
export type AppSettings = z.infer<ReturnType<typeof appSettingsSchema>>;

/**
 * Settings are parsed once per change of the file (a short CLI command: once in all). zod's fast path for an
 * object is code it generates and compiles on the first parse, which costs more than it saves for one parse.
 */
const parseSettings = (data: unknown): AppSettings => appSettingsSchema().parse(data, { jitless: true });

/** App-wide settings (recent projects and the like), kept in a JSON file by every host. */
export interface SettingsStore {
  read(): AppSettings;
  /** Stores `settings`; settings equal to the stored ones leave the store untouched. */
  write(settings: AppSettings): void;
}

/**
 * The file's identity as of its last write: every writer (this process, the CLI, the app's electron-store)
 * replaces the file by renaming a new one over it, so a write changes its inode, time or size.
 */
function signature(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return null;
  }
}

/**
 * The parsed settings kept until the file changes. Keys, providers and projects look a setting up on
 * every call (a key's bound address on every model call); each read parsed the file and its schema
 * again. A stat per read tells whether another process wrote it since.
 */
export class SettingsSnapshot {
  private cached: { signature: string | null; value: AppSettings } | null = null;

  constructor(
    private readonly file: string,
    private readonly load: () => AppSettings,
  ) {}

  read(): AppSettings {
    // A copy: callers build the next settings from what they read.
    return structuredClone(this.current());
  }

  /** Whether `settings` say what the file says now (a stat, and a parse only when another process wrote it). */
  holds(settings: AppSettings): boolean {
    return JSON.stringify(settings) === JSON.stringify(this.current());
  }

  private current(): AppSettings {
    const now = signature(this.file);
    if (!this.cached || this.cached.signature !== now) this.cached = { signature: now, value: this.load() };
    return this.cached.value;
  }

  /** This process wrote the file: the next read loads it as written. */
  invalidate(): void {
    this.cached = null;
  }
}

/** Node hosts: a JSON file in the data folder, written atomically. */
export class JsonFileSettingsStore implements SettingsStore {
  private readonly snapshot: SettingsSnapshot;

  constructor(private readonly file: string) {
    this.snapshot = new SettingsSnapshot(file, () => this.load());
  }

  read(): AppSettings {
    return this.snapshot.read();
  }

  write(settings: AppSettings): void {
    // Every command of the CLI records its project as opened; rewriting an unchanged file costs each a write and
    // a rename, and wakes every other host watching it for nothing.
    if (this.snapshot.holds(settings)) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(settings, null, 2));
    renameSync(tmp, this.file);
    this.snapshot.invalidate();
  }

  private load(): AppSettings {
    if (!existsSync(this.file)) return parseSettings({});
    try {
      return parseSettings(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged settings file only loses the recent list; never block start-up on it.
      return parseSettings({});
    }
  }
}

export class MemorySettingsStore implements SettingsStore {
  private value: AppSettings = parseSettings({});
  read(): AppSettings {
    return structuredClone(this.value);
  }
  write(settings: AppSettings): void {
    this.value = structuredClone(settings);
  }
}
