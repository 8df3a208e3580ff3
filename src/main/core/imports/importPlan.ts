import { z } from 'zod';
import { cleaningChoicesSchema, csvMappingSchema, importFormats, speakerRoles } from '../../../shared/domain/importing';
import type { FilePreview, TranscriptPreview } from '../../../shared/domain/importing';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import { cleaningOptionsSchema, type CleaningOptions } from './cleaningOptions';
import type { ImportsRepo } from './importsRepo';
import { parseTranscriptionJson } from './formats/transcriptionJson';
import { audioExtensions, extensionOf } from './detectFormat';
import { readIsolated } from './parseIsolated';
import type { PrepareRequest } from './parseTask';
import { prepareTranscript, type PreparePurpose, type PreparedTranscript, type RoleSources } from './prepareTranscript';
import { readSource, type SourceFile } from './readSource';
import { NotATranscriptError, TranscriptFormatError, type ParseResult } from './types';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { ApiError } from '../../../shared/api/result';
import type { WorkerPool } from '../workers/workerPool';

const roleMap = z.record(z.string(), z.enum(speakerRoles));

/** What an import job stores as its params: everything needed to redo it identically after a restart. */
export const importParamsSchema = z.object({
  paths: z.array(z.string()).min(1),
  format: z.enum(importFormats).optional(),
  csvMapping: csvMappingSchema.optional(),
  roles: roleMap.optional(),
  fileRoles: z.record(z.string(), roleMap).optional(),
  cleaning: cleaningChoicesSchema.optional(),
  redaction: z.enum(['off', 'review', 'apply']).default('off'),
  redactionMode: z.enum(['placeholder', 'surrogate']).default('placeholder'),
  tags: z.array(z.string()).default([]),
  fromFolders: z.array(z.string()).default([]),
});
export type ImportParams = z.infer<typeof importParamsSchema>;

export interface PlannedFile {
  source: SourceFile;
  parsed: ParseResult;
  transcripts: PreparedTranscript[];
}

export function cleaningFor(params: Pick<ImportParams, 'cleaning'>): CleaningOptions {
  const chosen = Object.fromEntries(Object.entries(params.cleaning ?? {}).filter(([, v]) => v !== undefined));
  return cleaningOptionsSchema.parse(chosen);
}

export function systemPromptOf(meta: ProjectMetaRepo): string {
  return meta.get<{ systemPrompt?: string }>('domainPack')?.systemPrompt ?? '';
}

export interface PlanDeps {
  imports: ImportsRepo;
  meta: ProjectMetaRepo;
  workers: WorkerPool;
  /** A cancelled import stops reading its file at once (the worker reading it is replaced). */
  signal?: AbortSignal;
  /** Only the import job transcribes audio (it costs money); the preview just says it will. */
  transcribe?: (source: SourceFile) => Promise<unknown>;
  /** A preview by default (see PreparePurpose). */
  purpose?: PreparePurpose;
}

/**
 * Reads, parses and prepares one file exactly as the import will, so the preview shows what will happen.
 * Parsing and preparing run in the reading worker; only audio, once transcribed, is prepared here.
 */
export async function planFile(
  path: string,
  params: Omit<ImportParams, 'redaction' | 'redactionMode' | 'tags' | 'fromFolders'>,
  deps: PlanDeps,
): Promise<PlannedFile> {
  const source = await readSource(path);
  const prepare = {
    roles: { file: params.fileRoles?.[path], all: params.roles, remembered: deps.imports.rememberedRoles() } satisfies RoleSources,
    cleaning: cleaningFor(params),
    systemPrompt: systemPromptOf(deps.meta),
    purpose: deps.purpose ?? 'preview',
  } satisfies PrepareRequest;
  try {
    // Only audio needs its bytes again (for transcription); any other file's bytes move to the worker.
    const audio =
      params.format === 'audio' ||
      (params.format === undefined && (audioExtensions as readonly string[]).includes(extensionOf(source.name)));
    const read = await readIsolated(
      deps.workers,
      source.name,
      source.bytes,
      { format: params.format, csvMapping: params.csvMapping },
      { prepare, transfer: !audio, signal: deps.signal },
    );
    if (read.prepared) return { source, parsed: read.parsed, transcripts: read.prepared };
    let parsed: ParseResult = read.parsed;
    if (parsed.format === 'audio' && deps.transcribe) {
      const result = parseTranscriptionJson(await deps.transcribe(source));
      const title = source.name.replace(/\.[^.]+$/, '');
      parsed = {
        format: 'audio',
        transcripts: result.transcripts.map((t) => ({ ...t, title: t.title || title })),
        problems: result.problems,
      };
    }
    const transcripts = parsed.transcripts.map((t) =>
      prepareTranscript(t, prepare.roles, prepare.cleaning, prepare.systemPrompt, prepare.purpose),
    );
    return { source, parsed: { ...parsed, transcripts: [] }, transcripts };
  } catch (err) {
    if (err instanceof TranscriptFormatError) {
      // Named once: some messages start with the file's name already ("a.txt is empty.").
      const message = err.message.startsWith(source.name) ? err.message : `${source.name}: ${err.message}`;
      throw new ApiError('INVALID_INPUT', message, { notTranscript: err instanceof NotATranscriptError });
    }
    throw err;
  }
}

/** A file that reads fine but is not a transcript (see NotATranscriptError), as planFile reports it. */
export function isNotTranscript(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.details as { notTranscript?: boolean } | undefined)?.notTranscript === true;
}

const PREVIEW_TURNS = 6;

export function toPreview(plan: PlannedFile, deps: { imports: ImportsRepo; sessions: SessionsRepo }): FilePreview {
  const transcripts: TranscriptPreview[] = plan.transcripts.map((t) => {
    const first = t.sessions[0];
    return {
      key: t.key,
      title: t.title,
      utterances: t.utterances,
      speakers: t.speakers,
      firstTurns: (first?.turns ?? [])
        .slice(0, PREVIEW_TURNS)
        .map((turn) => ({ role: turn.role === 'user' ? 'user' : 'assistant', text: turn.text })),
      // A preview counts every session's tokens (see PreparePurpose).
      tokenCount: t.sessions.reduce((sum, s) => sum + (s.tokenCount ?? 0), 0),
      windows: t.sessions.length,
      duplicateOf: first ? (deps.sessions.findByHash(first.contentHash) ?? null) : null,
    };
  });
  return {
    path: plan.source.path,
    name: plan.source.name,
    format: plan.parsed.format,
    transcripts,
    transcriptCount: transcripts.length,
    problems: [
      ...plan.parsed.problems,
      ...plan.transcripts.flatMap((t) =>
        [...t.notes, ...(t.emptyReason ? [`It ${t.emptyReason}.`] : [])].map((message) => ({
          message: `${t.title}: ${message}`,
          severity: 'warning' as const,
        })),
      ),
    ],
    error: null,
    alreadyImported: deps.imports.fileImported(plan.source.hash),
  };
}
