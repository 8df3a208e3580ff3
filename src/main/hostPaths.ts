import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where browser mode and the CLI keep app-wide files when no --data-dir is given. The same folder the
 * desktop app uses on each platform, so the three hosts share recent projects and the sample.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HDS_DATA_DIR) return env.HDS_DATA_DIR;
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hybrid Data Studio');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hybrid Data Studio');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Hybrid Data Studio');
}
