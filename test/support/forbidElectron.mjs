// Loaded with --import before the backend: any attempt to load Electron in a plain-Node host fails loudly.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron' || specifier === 'electron-store' || specifier.startsWith('electron/')) {
      throw new Error(`plain-Node backend tried to import ${specifier}`);
    }
    return nextResolve(specifier, context);
  },
});
