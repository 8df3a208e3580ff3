import { z } from 'zod';
import { lazy, lazyTable } from '../domain/lazy';
import type { ProjectInfo, RecentProject } from '../domain/project';
import type { InputSchemas, Method, NoInput } from './contractTypes';

const filePath = lazy(() => z.string().trim().min(1, 'a file path is required').max(4096));

export interface ProjectsApi {
  /** Creates a new project file and opens it. Without `file`, it goes in the default projects folder. */
  'projects.create': Method<{ name: string; file?: string | undefined }, ProjectInfo>;
  'projects.open': Method<{ file: string }, ProjectInfo>;
  /** The open project, or null when none is open. */
  'projects.current': Method<NoInput, ProjectInfo | null>;
  'projects.close': Method<NoInput, null>;
  'projects.rename': Method<{ name: string }, ProjectInfo>;
  'projects.recent': Method<NoInput, RecentProject[]>;
  'projects.forgetRecent': Method<{ file: string }, RecentProject[]>;
  /** Writes a consistent copy of the open project (SQLite online backup); the original stays open. */
  'projects.saveCopy': Method<{ file: string; overwrite?: boolean | undefined }, { file: string; sizeBytes: number }>;
}

// Built per method on first use: every CLI command opens its project through this domain (see lazyTable).
export const projectsInputs = lazyTable({
  'projects.create': () => z.strictObject({ name: z.string().trim().min(1, 'a name is required').max(200), file: filePath().optional() }),
  'projects.open': () => z.strictObject({ file: filePath() }),
  'projects.current': () => z.strictObject({}),
  'projects.close': () => z.strictObject({}),
  'projects.rename': () => z.strictObject({ name: z.string().trim().min(1).max(200) }),
  'projects.recent': () => z.strictObject({}),
  'projects.forgetRecent': () => z.strictObject({ file: filePath() }),
  'projects.saveCopy': () => z.strictObject({ file: filePath(), overwrite: z.boolean().optional() }),
}) satisfies InputSchemas<ProjectsApi>;
