import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { dialog, shell, type FileFilter } from 'electron';
import type { DesktopApi } from '../../shared/api/desktop';
import { ApiError } from '../../shared/api/result';
import type { MainWindow } from './window';

const PROJECT_EXTENSION = 'hds';

/** The optional `desktop` group: native file dialogs and reveal-in-folder, attached to the app window. */
export function desktopApi(mainWindow: MainWindow): DesktopApi {
  return {
    'desktop.chooseFile': async ({ mode, title, defaultPath, extensions }) => {
      const filters = fileFilters(extensions?.length ? extensions : [PROJECT_EXTENSION]);
      const window = mainWindow.get();
      if (mode === 'open') {
        const options = { title, defaultPath, filters, properties: ['openFile' as const] };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return { file: result.canceled ? null : (result.filePaths[0] ?? null) };
      }
      const options = { title, defaultPath, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return { file: result.canceled || !result.filePath ? null : result.filePath };
    },

    'desktop.revealInFolder': async ({ file }) => {
      if (!isAbsolute(file)) throw new ApiError('INVALID_INPUT', 'Give the full path of the file to show.');
      if (!existsSync(file)) throw new ApiError('NOT_FOUND', 'That file no longer exists.');
      shell.showItemInFolder(file);
      return null;
    },
  };
}

function fileFilters(extensions: string[]): FileFilter[] {
  const lower = extensions.map((e) => e.toLowerCase());
  const name =
    lower.length === 1 && lower[0] === PROJECT_EXTENSION ? 'Hybrid Data Studio project' : `${lower.map((e) => `.${e}`).join(', ')} files`;
  return [
    { name, extensions: lower },
    { name: 'All files', extensions: ['*'] },
  ];
}
