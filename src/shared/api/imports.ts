import { z } from 'zod';
import type { JobSummary } from '../domain/job';
import { cleaningChoicesSchema, csvMappingSchema, importFormats, speakerRoles } from '../domain/importing';
import type { CleaningChoices, CsvMapping, FilePreview, ImportFormat, SpeakerRole } from '../domain/importing';
import type { InputSchemas, Method } from './contractTypes';

const paths = z.array(z.string().trim().min(1).max(4096)).min(1, 'choose at least one file').max(5000);
const roleMap = z.record(z.string().max(200), z.enum(speakerRoles));

export interface ImportOptions {
  paths: string[];
  format?: ImportFormat | undefined;
  csvMapping?: CsvMapping | undefined;
  /** Speaker label → role, for every file (remembered for later imports). */
  roles?: Record<string, SpeakerRole> | undefined;
  /** Per file path: speaker label → role, overriding `roles` for that file only. */
  fileRoles?: Record<string, Record<string, SpeakerRole>> | undefined;
  cleaning?: CleaningChoices | undefined;
}

export interface ImportsApi {
  /** Browser mode: the page sends a dropped file's bytes; the backend keeps them in a staging folder. */
  'imports.stage': Method<{ name: string; contentBase64: string }, { path: string }>;
  'imports.preview': Method<ImportOptions, FilePreview[]>;
  'imports.start': Method<
    ImportOptions & {
      redaction?: 'off' | 'review' | 'apply' | undefined;
      redactionMode?: 'placeholder' | 'surrogate' | undefined;
      tags?: string[] | undefined;
      /** Those of `paths` found by searching a folder: one that turns out not to be a transcript (a README) is skipped, not failed. */
      fromFolders?: string[] | undefined;
    },
    JobSummary
  >;
}

const importOptions = {
  paths,
  format: z.enum(importFormats).optional(),
  csvMapping: csvMappingSchema.optional(),
  roles: roleMap.optional(),
  fileRoles: z.record(z.string(), roleMap).optional(),
  cleaning: cleaningChoicesSchema.optional(),
};

export const importsInputs = {
  'imports.stage': z.strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[^/\\]+$/, 'a file name, not a path'),
    contentBase64: z
      .string()
      .max(280_000_000, 'the file is larger than 200 MB; split it')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
  }),
  'imports.preview': z.strictObject(importOptions),
  'imports.start': z.strictObject({
    ...importOptions,
    redaction: z.enum(['off', 'review', 'apply']).optional(),
    redactionMode: z.enum(['placeholder', 'surrogate']).optional(),
    tags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
    fromFolders: z.array(z.string().trim().min(1).max(4096)).max(5000).optional(),
  }),
} satisfies InputSchemas<ImportsApi>;
