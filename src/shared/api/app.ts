import { z } from 'zod';
import type { InputSchemas, Method, NoInput } from './contractTypes';

export type HostKind = 'electron' | 'browser' | 'cli' | 'test';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  /** Native dialogs and reveal-in-folder exist only in the desktop app. */
  desktop: boolean;
  dataDir: string;
  projectsDir: string;
}

export interface AppApi {
  'app.info': Method<NoInput, AppInfo>;
}

export const appInputs = {
  'app.info': z.strictObject({}),
} satisfies InputSchemas<AppApi>;
