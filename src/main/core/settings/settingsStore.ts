import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const appSettingsSchema = z.object({
  recentProjects: z.array(z.object({ file: z.string(), name: z.string(), openedAt: z.number() })).default([]),
  lastProject: z.string().nullable().default(null),
  sampleCreated: z.boolean().default(false),
  /** Environment variables a person on this machine chose as a provider's key, each with the one base URL it may go to. */
  trustedKeyEnvs: z.array(z.object({ env: z.string(), baseUrl: z.string() })).default([]),
  /** The base URL each stored key was set for (by secret name): a key is never sent anywhere else. */
  keyBaseUrls: z.record(z.string(), z.string()).default({}),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** App-wide settings (recent projects and the like). electron-store in the app; a JSON file elsewhere. */
export interface SettingsStore {
  read(): AppSettings;
  write(settings: AppSettings): void;
}

/** Node hosts: a JSON file in the data folder, written atomically. */
export class JsonFileSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

  read(): AppSettings {
    if (!existsSync(this.file)) return appSettingsSchema.parse({});
    try {
      return appSettingsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged settings file only loses the recent list; never block start-up on it.
      return appSettingsSchema.parse({});
    }
  }

  write(settings: AppSettings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(settings, null, 2));
    renameSync(tmp, this.file);
  }
}

export class MemorySettingsStore implements SettingsStore {
  private value: AppSettings = appSettingsSchema.parse({});
  read(): AppSettings {
    return structuredClone(this.value);
  }
  write(settings: AppSettings): void {
    this.value = structuredClone(settings);
  }
}
