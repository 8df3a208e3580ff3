import { keepPreviousData, useMutation, useQueries } from '@tanstack/react-query';
import type { ImportOptions } from '../../../../shared/api/imports';
import type { FileImportReport, FilePreview } from '../../../../shared/domain/importing';
import type { JobSummary } from '../../../../shared/domain/job';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { useJobs } from '../jobs/useJobs';
import type { Cleaning, WizardState } from './importWizard';

/**
 * Files that share the same format choice go to the backend together. The contract takes one
 * `format` and one `csvMapping` per call, so a file given its own format (or CSV columns) is
 * previewed and imported in a call of its own.
 */
export interface FileGroup {
  key: string;
  options: ImportOptions;
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length ? value : undefined;
}

export function fileGroups(
  state: Pick<WizardState, 'files' | 'overrides' | 'roles' | 'fileRoles'>,
  cleaning: Cleaning,
  only?: ReadonlySet<string>,
): FileGroup[] {
  const groups = new Map<string, string[]>();
  for (const file of state.files) {
    if (file.status !== 'ready' || !file.path || (only && !only.has(file.path))) continue;
    const key = JSON.stringify(state.overrides[file.path] ?? {});
    groups.set(key, [...(groups.get(key) ?? []), file.path]);
  }
  return [...groups.entries()].map(([key, paths]) => {
    const override = state.overrides[paths[0] ?? ''] ?? {};
    const fileRoles = nonEmpty(
      Object.fromEntries(
        paths.filter((p) => state.fileRoles[p] && Object.keys(state.fileRoles[p] ?? {}).length).map((p) => [p, state.fileRoles[p] ?? {}]),
      ),
    );
    const options: ImportOptions = { paths, cleaning };
    if (override.format) options.format = override.format;
    if (override.csvMapping) options.csvMapping = override.csvMapping;
    const roles = nonEmpty(state.roles);
    if (roles) options.roles = roles;
    if (fileRoles) options.fileRoles = fileRoles;
    return { key, options };
  });
}

export interface Previews {
  byPath: Map<string, FilePreview>;
  /** Nothing to show yet for at least one group. */
  loading: boolean;
  /** A new preview is on its way (the one shown is for the previous choices). */
  refreshing: boolean;
  error: unknown;
  refetch(): void;
}

/** What each file would import with the current choices; re-run whenever a choice changes. */
export function usePreviews(groups: FileGroup[]): Previews {
  const api = useApi();
  const results = useQueries({
    queries: groups.map((g) => ({
      queryKey: queryKeys.importPreview(g.options),
      queryFn: () => api.imports.preview(g.options),
      placeholderData: keepPreviousData,
    })),
  });
  const byPath = new Map<string, FilePreview>();
  let error: unknown = null;
  for (const r of results) {
    for (const preview of r.data ?? []) byPath.set(preview.path, preview);
    if (r.isError) error ??= r.error;
  }
  return {
    byPath,
    loading: results.some((r) => r.isPending),
    refreshing: results.some((r) => r.isFetching),
    error,
    refetch: () => results.forEach((r) => void r.refetch()),
  };
}

export interface StartInput {
  groups: FileGroup[];
  redaction: WizardState['redaction'];
  redactionMode: WizardState['redactionMode'];
  tags: string[];
}

/** One import job per group of files. */
export function useStartImport() {
  const api = useApi();
  return useMutation({
    mutationFn: async ({ groups, redaction, redactionMode, tags }: StartInput) => {
      const jobs: JobSummary[] = [];
      for (const g of groups)
        jobs.push(await api.imports.start({ ...g.options, redaction, redactionMode, ...(tags.length ? { tags } : {}) }));
      return jobs;
    },
  });
}

/** The started jobs as they are now: `job.updated` events keep the jobs list current. */
export function useImportJobs(started: JobSummary[]): JobSummary[] {
  const jobs = useJobs();
  return started.map((s) => {
    const live = jobs.data?.find((j) => j.id === s.id);
    return live && live.updatedAt >= s.updatedAt ? live : s;
  });
}

export interface ImportSummary {
  reports: FileImportReport[];
  failedFiles: { path: string; error: string | null }[];
}

/** The job's result as the import job writes it (see importJob.summarize), read defensively. */
export function summaryOf(job: JobSummary): ImportSummary {
  const result = job.result ?? {};
  const reports = Array.isArray(result.reports) ? (result.reports as FileImportReport[]) : [];
  const failedFiles = Array.isArray(result.failedFiles) ? (result.failedFiles as { path: string; error: string | null }[]) : [];
  return { reports, failedFiles };
}
