import Store from 'electron-store';
import { appSettingsSchema, SettingsSnapshot, type AppSettings, type SettingsStore } from '../core/settings/settingsStore';

/**
 * App-wide settings in electron-store. The file is `settings.json` in the data folder, the same file
 * browser mode and the CLI use, so the three hosts share recent projects. Contents are parsed with the
 * settings schema whenever the file has changed; anything unreadable only costs the recent list, never start-up.
 */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>;
  private readonly snapshot: SettingsSnapshot;

  constructor(dataDir: string) {
    this.store = new Store<Record<string, unknown>>({
      name: 'settings',
      cwd: dataDir,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: true,
    });
    // electron-store reads and parses its file on every access; the snapshot keeps it until the file changes.
    this.snapshot = new SettingsSnapshot(this.store.path, () => {
      const parsed = appSettingsSchema.safeParse(this.store.store);
      return parsed.success ? parsed.data : appSettingsSchema.parse({});
    });
  }

  read(): AppSettings {
    return this.snapshot.read();
  }

  write(settings: AppSettings): void {
    this.store.store = appSettingsSchema.parse(settings);
    this.snapshot.invalidate();
  }
}
