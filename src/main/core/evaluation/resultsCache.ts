import { createHash } from 'node:crypto';
import type { EvalResults } from '../../../shared/api/evaluation';
import type { Rubric } from '../judging/rubric';
import type { EvalRunRow, EvaluationRepo } from './evaluationRepo';
import { buildResults } from './results';

export type ComputeResults = (
  repo: EvaluationRepo,
  run: EvalRunRow,
  rubrics: Rubric[],
  resamples: number,
) => EvalResults | Promise<EvalResults>;

/** A run's statistics from its stored rows, on this thread. */
export const resultsFromRepo: ComputeResults = (repo, run, rubrics, resamples) =>
  buildResults(run, repo.version(run.setVersionId)!, rubrics, repo.conversations(run.id), repo.judgments(run.id), resamples);

/** Runs whose results stay cached per open project; the oldest read is dropped first. */
const KEEP = 16;

interface Entry {
  digest: string;
  results: Promise<EvalResults>;
}

/**
 * A run's statistics (thousands of bootstrap resamples for every interval, about 1.5 s for a full run)
 * computed once per state of its scores. The key is a digest of what they are computed from: the
 * run's conversations and judgments as stored, its rubrics and the number of resamples. Reading and
 * hashing those rows is cheap next to the resampling, and it sees every writer, the CLI's included.
 */
export class RunResultsCache {
  private readonly byRepo = new WeakMap<EvaluationRepo, Map<string, Entry>>();

  /** `compute` does the resampling; the backend's runs it on the worker pool, which reads the rows itself. */
  constructor(private readonly compute: ComputeResults = resultsFromRepo) {}

  async results(repo: EvaluationRepo, run: EvalRunRow, rubrics: Rubric[], resamples: number): Promise<EvalResults> {
    const entries = this.byRepo.get(repo) ?? new Map<string, Entry>();
    this.byRepo.set(repo, entries);
    const id = `${run.id}\u0000${resamples}`;
    const digest = this.digest(repo, run, rubrics);
    const cached = entries.get(id);
    entries.delete(id);
    if (cached?.digest === digest) {
      entries.set(id, cached);
      // Each caller gets its own copy: the report writer and in-process hosts must not change the kept one.
      return structuredClone(await cached.results);
    }
    const results = Promise.resolve(this.compute(repo, run, rubrics, resamples));
    entries.set(id, { digest, results });
    while (entries.size > KEEP) entries.delete(entries.keys().next().value!);
    // A failed computation is not kept: the next call tries again.
    results.catch(() => entries.get(id)?.results === results && entries.delete(id));
    return structuredClone(await results);
  }

  private digest(repo: EvaluationRepo, run: EvalRunRow, rubrics: Rubric[]): string {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([run.spec, run.setVersionId, rubrics]));
    for (const record of repo.scoreRecords(run.id)) hash.update(JSON.stringify(record));
    return hash.digest('hex');
  }
}
