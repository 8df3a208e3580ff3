import { app, BrowserWindow, Menu, type ContextMenuParams, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { APP_NAME } from '../version';
import { preloadFile, windowIconFile } from './paths';
import type { RendererOrigin } from './rendererOrigin';

/** The one app window: created on demand, re-created on macOS when the dock icon is clicked. */
export class MainWindow {
  private window: BrowserWindow | null = null;

  constructor(private readonly origin: RendererOrigin) {}

  /** The live window, or null when there is none (closed, or not yet opened). */
  get(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  open(): BrowserWindow {
    const existing = this.get();
    if (existing) {
      this.focus();
      return existing;
    }
    const window = createWindow(this.origin);
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
    return window;
  }

  focus(): void {
    const window = this.get();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}

function createWindow(origin: RendererOrigin): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    icon: windowIconFile(),
    webPreferences: {
      preload: preloadFile(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  // A page that fails to load never becomes ready to show; an empty window beats an invisible app.
  window.webContents.on('did-fail-load', (_event, _code, _description, _url, isMainFrame) => {
    if (isMainFrame && !window.isVisible()) window.show();
  });
  window.webContents.on('context-menu', (_event, params) => showEditMenu(window.webContents, params));
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`The window's renderer stopped (${details.reason}, exit code ${details.exitCode}).`);
  });
  window.loadURL(origin.startUrl).catch((err: unknown) => {
    console.error(`Could not load ${origin.startUrl}: ${err instanceof Error ? err.message : String(err)}`);
  });
  return window;
}

/** Spelling suggestions and clipboard actions where text can be edited or selected; nothing else. */
function showEditMenu(contents: WebContents, params: ContextMenuParams): void {
  const items: MenuItemConstructorOptions[] = [];
  if (params.misspelledWord) {
    for (const word of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: word, click: () => contents.replaceMisspelling(word) });
    }
    if (items.length === 0) items.push({ label: 'No suggestions', enabled: false });
    items.push({ type: 'separator' });
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll' },
    );
  } else if (params.selectionText.trim()) {
    items.push({ role: 'copy' });
  }
  if (items.length > 0) Menu.buildFromTemplate(items).popup();
}
