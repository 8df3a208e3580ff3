import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_NAME, APP_VERSION } from '../version';
import type { MainWindow } from './window';

const DISCLAIMER = 'A research tool, not a clinical service.';

/**
 * The application menu: standard roles only. Project actions live in the app's own screens, because
 * the renderer is reachable only through the two API channels and a menu must not invent a third.
 */
export function installMenu(mainWindow: MainWindow): void {
  const isMac = process.platform === 'darwin';
  const dev = !app.isPackaged;
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: APP_VERSION, credits: DISCLAIMER });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(dev
          ? [
              { role: 'reload' as const },
              { role: 'forceReload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `About ${APP_NAME}`, click: () => void showAbout(mainWindow) }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function showAbout(mainWindow: MainWindow): Promise<void> {
  const options = {
    type: 'info' as const,
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${APP_VERSION}`,
    detail: `${DISCLAIMER}\n\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  const window = mainWindow.get();
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
