import { z } from 'zod';
import type { InputSchemas, Method } from './contractTypes';

/**
 * Abilities only the desktop app has. Other hosts answer NOT_FOUND; the UI checks `app.info().desktop`
 * and uses file inputs and downloads instead.
 */
export interface DesktopApi {
  'desktop.chooseFile': Method<
    { mode: 'open' | 'save'; title?: string | undefined; defaultPath?: string | undefined; extensions?: string[] | undefined },
    { file: string | null }
  >;
  'desktop.revealInFolder': Method<{ file: string }, null>;
}

export const desktopInputs = {
  'desktop.chooseFile': z.strictObject({
    mode: z.enum(['open', 'save']),
    title: z.string().max(200).optional(),
    defaultPath: z.string().max(4096).optional(),
    extensions: z
      .array(z.string().regex(/^[a-z0-9]{1,10}$/i))
      .max(20)
      .optional(),
  }),
  'desktop.revealInFolder': z.strictObject({ file: z.string().min(1).max(4096) }),
} satisfies InputSchemas<DesktopApi>;
