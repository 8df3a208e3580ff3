import Store from 'electron-store';
import { appSettingsSchema, type AppSettings, type SettingsStore } from '../core/settings/settingsStore';

/**
 * App-wide settings in electron-store. The file is `settings.json` in the data folder, the same file
 * browser mode and the CLI use, so the three hosts share recent projects. Contents are parsed with the
 * settings schema on every read; anything unreadable only costs the recent list, never start-up.
 */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>;

  constructor(dataDir: string) {
    this.store = new Store<Record<string, unknown>>({
      name: 'settings',
      cwd: dataDir,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: true,
    });
  }

  read(): AppSettings {
    const parsed = appSettingsSchema.safeParse(this.store.store);
    return parsed.success ? parsed.data : appSettingsSchema.parse({});
  }

  write(settings: AppSettings): void {
    this.store.store = appSettingsSchema.parse(settings);
  }
}
