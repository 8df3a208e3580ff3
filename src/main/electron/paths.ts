import { fileURLToPath } from 'node:url';

/*
 * Files the app ships, found relative to the built main bundle (out/main/index.js), which is where
 * this module ends up: only src/main/index.ts imports this folder, so the bundler keeps it in that
 * entry's chunk. The same relative layout holds inside app.asar.
 */
const besideMain = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export const rendererDir = () => besideMain('../renderer');
/** The entry the backend's utility process runs (src/main/backendProcess.ts). */
export const backendProcessFile = () => besideMain('./backendProcess.js');
export const preloadFile = () => besideMain('../preload/index.cjs');
export const windowIconFile = () => besideMain('../../resources/icons/icon-512.png');
