import { basename } from 'node:path';
import { withoutFileName, type FileImportReport, type SpeakerRole } from '../../../shared/domain/importing';
import { ApiError } from '../../../shared/api/result';
import { resultOnly, type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { WorkerPool } from '../workers/workerPool';
import { sessionSignature } from '../sessions/minhash';
import { newId } from '../util/ids';
import { yielder } from '../util/yielder';
import { checkSessions, NEAR_DUPLICATE, whyUnusable } from './importChecks';
import { importParamsSchema, isNotTranscript, planFile, type ImportParams } from './importPlan';
import { speakerKey, type PreparedSession } from './prepareTranscript';
import { knownPerImport, redactForImport, type ImportRedaction } from './redactForImport';
import { stagedName } from './readSource';
import type { LlmGateway } from '../llm/gateway';
import type { ImportsRepo } from './importsRepo';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { ModelsRepo } from '../llm/modelsRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { groupedCount } from '../util/count';

/** How often a file's session count may update the job's message: often enough to see it move, rarely enough not to flood events. */
const PROGRESS_EVERY_MS = 200;

/**
 * Counts a file's sessions as they are read and checked, in the job's progress and its message: a file of
 * a thousand sessions otherwise shows "0 of 1 files" until the last one is stored. The first and last count always show.
 */
function sessionProgress(
  name: string,
  total: number,
  say: ((message: string) => void) | undefined,
  count: ((done: number, total: number) => void) | undefined,
): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = Date.now();
    if (done > 1 && done < total && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    count?.(done, total);
    say?.(`${name}: ${groupedCount(done)} of ${groupedCount(total)} ${total === 1 ? 'session' : 'sessions'} read and checked`);
  };
}

/**
 * Found by searching a folder, a file that reads fine but is not a transcript (a README, notes, a dataset's
 * metadata) is one of the folder's other files: skipped with its reason, not a failed import. Rethrows anything else.
 */
function skippedFile(path: string, err: unknown, fromFolders: readonly string[]): FileImportReport {
  if (!isNotTranscript(err) || !fromFolders.includes(path)) throw err;
  const name = stagedName(basename(path));
  return {
    path,
    name,
    format: null,
    imported: 0,
    skipped: [],
    problems: [],
    nearDuplicates: [],
    sessionIds: [],
    awaitingReview: 0,
    error: null,
    notTranscript: withoutFileName(name, err.message),
  };
}

/** What an import writes to: the library, its imports, and the planner statistics refreshed after a large one. */
type ImportTarget = {
  gateway: LlmGateway;
  imports: ImportsRepo;
  meta: ProjectMetaRepo;
  models: ModelsRepo;
  sessions: SessionsRepo;
  refreshPlannerStatistics(): void;
};

/**
 * Imports files as a job, one item per file. Each file is one transaction: it lands whole with its report,
 * or not at all. Sessions already in the library (same content) are skipped, so importing a file twice
 * creates no duplicates; near-duplicates are reported.
 */
export function importJob(project: ImportTarget, workers: WorkerPool): JobHandler<ImportParams, { path: string }, FileImportReport> {
  const known = knownPerImport(project.sessions);
  return {
    ...jobKinds.import,
    paramsSchema: importParamsSchema,
    title: (p) => `Import ${p.paths.length === 1 ? '1 file' : `${p.paths.length} files`}`,
    plan: (p) => p.paths.map((path) => ({ path })),
    concurrency: () => 1,
    async runItem({ jobId, params, input, signal, report: say, count }) {
      const plan = await planFile(input.path, params, {
        imports: project.imports,
        meta: project.meta,
        workers,
        signal,
        purpose: 'import',
        transcribe: (source) => {
          const transcriber = project.models.roleDefaults().find((d) => d.role === 'transcriber');
          if (!transcriber?.providerId || !transcriber.modelId) {
            throw new ApiError(
              'INVALID_INPUT',
              `${source.name} is audio: choose a Transcriber model in Settings > Models, then import it again.`,
            );
          }
          return project.gateway.transcribe({
            providerId: transcriber.providerId,
            model: transcriber.modelId,
            fileName: source.name,
            bytes: source.bytes,
            purpose: 'transcribe',
            jobId,
            signal,
          });
        },
      }).catch((err: unknown) => skippedFile(input.path, err, params.fromFolders));
      // A skipped file comes back as its report, not as a plan (which has a source).
      if (!('source' in plan)) return resultOnly(plan);
      // Built afresh by each run of `store`: a write SQLite refused as busy is run again, and must not count twice.
      const newReport = (): FileImportReport => ({
        path: input.path,
        name: plan.source.name,
        format: plan.parsed.format,
        imported: 0,
        skipped: [],
        problems: [...plan.parsed.problems],
        nearDuplicates: [],
        sessionIds: [],
        awaitingReview: 0,
        error: null,
      });
      // Redaction (which may load an NLP library) and the duplicate checks are the slow part: they run
      // before the write transaction, giving other calls a turn every few milliseconds.
      const pause = yielder();
      const redactions = new Map<PreparedSession, ImportRedaction>();
      const progress = sessionProgress(
        plan.source.name,
        plan.transcripts.reduce((n, t) => n + t.sessions.length, 0),
        say,
        count,
      );
      for (const transcript of plan.transcripts) {
        for (const session of transcript.sessions) {
          await pause();
          redactions.set(session, await redactForImport(session.turns, params.redaction, params.redactionMode, known(jobId)));
          progress(redactions.size);
        }
      }
      const checks = await checkSessions(
        [...redactions].map(([session, r]) => ({ session, turns: r.turns })),
        {
          inLibrary: (hash) => project.sessions.findByHash(hash) !== undefined,
          nearDuplicates: (sig, threshold) => project.imports.nearDuplicates(sig, threshold),
        },
        pause,
      );
      const now = Date.now();
      // The file's sessions, its report and the item's done mark commit together (the runner's transaction).
      const store = () => {
        const report = newReport();
        // The checks hold while every session is stored or skipped as they expected; from the first that is
        // not (the library changed meanwhile), the rest are checked here, against the library as it is now.
        let expected = true;
        const remembered = new Map<string, SpeakerRole>();
        for (const transcript of plan.transcripts) {
          if (transcript.sessions.length === 0)
            report.skipped.push({
              key: transcript.key,
              title: transcript.title,
              reason: transcript.emptyReason ?? 'is empty after mapping and cleaning',
            });
          for (const note of transcript.notes) report.problems.push({ message: `${transcript.title}: ${note}`, severity: 'warning' });
          for (const session of transcript.sessions) {
            const unusable = whyUnusable(session);
            if (unusable) {
              report.skipped.push({ key: session.key, title: session.title, reason: unusable });
              continue;
            }
            if (project.sessions.findByHash(session.contentHash)) {
              if (checks.has(session)) expected = false;
              report.skipped.push({ key: session.key, title: session.title, reason: 'is already in the library' });
              continue;
            }
            const redaction = redactions.get(session)!;
            const checked = expected ? checks.get(session) : undefined;
            if (!checked) expected = false;
            const id = checked?.id ?? newId();
            const signature = checked?.signature ?? sessionSignature(redaction.turns);
            const similar = checked ? checked.similar : project.imports.nearDuplicates(signature, NEAR_DUPLICATE)[0];
            if (similar) report.nearDuplicates.push({ sessionId: id, similarTo: similar.sessionId, similarity: similar.similarity });
            project.sessions.insert({
              id,
              title: session.title,
              source: 'real',
              status: redaction.pending ? 'needs_review' : 'draft',
              tags: [...new Set(params.tags)].sort(),
              systemPrompt: session.systemPrompt,
              notes: null,
              metadata: {
                ...session.metadata,
                importedFrom: plan.source.name,
                format: plan.parsed.format,
                speakers: Object.fromEntries(transcript.speakers.map((s) => [s.speaker, s.role])),
              },
              turns: redaction.turns,
              // A count made before redaction replaced text would be stale: left for the count after import.
              tokenCount: redaction.turns === session.turns ? session.tokenCount : undefined,
              originFile: plan.source.name,
              originKey: session.key,
              contentHash: session.contentHash,
              cleaning: session.cleaning,
              redaction: redaction.record,
              signature,
              createdAt: now,
            });
            project.imports.indexSignature(id, signature);
            report.sessionIds.push(id);
            report.imported++;
            if (redaction.pending) report.awaitingReview++;
          }
          for (const speaker of transcript.speakers)
            if (speaker.basis !== 'source') remembered.set(speakerKey(speaker.speaker), speaker.role as SpeakerRole);
        }
        // Once per speaker name, the last transcript's role winning as before: a CSV of many transcripts names the same two.
        for (const [key, role] of remembered) project.imports.rememberRole(key, role, now);
        project.imports.recordFile(plan.source.hash, plan.source.name, plan.parsed.format, now, report);
        return report;
      };
      return { costUsd: 0, store };
    },
    // The planner's statistics date from when the project opened; a large import would otherwise leave
    // the library's filtered pages on a plan fit for the small library it was, until the project reopens.
    onSucceeded: () => project.refreshPlannerStatistics(),
    summarize: (_params, items) => {
      const results = items.flatMap((i) => (i.result ? [i.result as FileImportReport] : []));
      const reports = results.filter((r) => r.notTranscript === undefined);
      return {
        files: items.length,
        imported: reports.reduce((n, r) => n + r.imported, 0),
        skipped: reports.reduce((n, r) => n + r.skipped.length, 0),
        nearDuplicates: reports.reduce((n, r) => n + r.nearDuplicates.length, 0),
        failedFiles: items.filter((i) => i.status === 'failed').map((i) => ({ path: (i.input as { path: string }).path, error: i.error })),
        skippedFiles: results.flatMap((r) => (r.notTranscript === undefined ? [] : [{ path: r.path, reason: r.notTranscript }])),
        reports,
      };
    },
  };
}
