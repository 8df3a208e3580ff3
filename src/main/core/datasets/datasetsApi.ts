import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DatasetsApi, DatasetSpec, DatasetView, DatasetVersionView } from '../../../shared/api/datasets';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext, DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { requireFolder } from '../util/filePaths';
import { newId } from '../util/ids';
import type { VersionRow } from './datasetsRepo';
import { diffVersions } from './diff';
import { exportFormat, exportFormats } from './exporters';
import { refusePendingDetails, withheldNote } from './privacyGate';
import { withheldForDetails } from './sessionPool';
import { resolveSize, sizeWarningFor } from './sizeMatch';
import { validateVersion } from './validateVersion';
import { freezeCancelled, newestEvaluationScenarios, settleFreeze, whenFrozen, type FreezeJobParams } from './freezeJob';

const view = (project: Pick<OpenProject, DatasetsParts>, id: string): DatasetView => {
  const d = project.datasets.get(id);
  if (!d) throw new ApiError('NOT_FOUND', 'That dataset is not in this project.');
  return { ...d, versions: project.datasets.versions(id).map(({ spec: _spec, stats: _stats, ...summary }) => summary) };
};

const versionOf = (project: Pick<OpenProject, DatasetsParts>, versionId: string): VersionRow => {
  const v = project.datasets.version(versionId);
  if (!v) throw new ApiError('NOT_FOUND', 'That dataset version is not in this project.');
  return v;
};

function checkSpec(spec: DatasetSpec): void {
  if (spec.filters.minTurns !== null && spec.filters.maxTurns !== null && spec.filters.minTurns > spec.filters.maxTurns) {
    throw new ApiError(
      'INVALID_INPUT',
      `The minimum number of turns (${spec.filters.minTurns}) is above the maximum (${spec.filters.maxTurns}).`,
    );
  }
  if (spec.mix === 'hybrid' && (spec.syntheticShare <= 0 || spec.syntheticShare >= 1)) {
    throw new ApiError(
      'INVALID_INPUT',
      'A hybrid mix needs a synthetic share between 0% and 100%; choose real-only or synthetic-only for the ends.',
    );
  }
}

/** A name for the export that does not overwrite an earlier one: "<dataset>-v2-openai-jsonl", then "… (2)". */
function exportTarget(outDir: string, datasetName: string, version: number, defaultName: string): string {
  const slug =
    datasetName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'dataset';
  const base = `${slug}-v${version}-${defaultName}`;
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  for (let n = 1; ; n++) {
    const candidate = join(outDir, n === 1 ? base : `${stem} (${n})${ext}`);
    if (!existsSync(candidate) && !existsSync(`${candidate}.partial`)) return candidate;
  }
}

/** The parts of the open project this API reads and writes. */
export type DatasetsParts = 'datasets' | 'db' | 'evaluation' | 'file' | 'jobs' | 'prices' | 'sessions';

export function datasetsApi({
  project: open,
  events,
  dataDir,
  workers,
}: DomainDeps<DatasetsParts> & Pick<CoreContext, 'dataDir' | 'workers' | 'events'>): DatasetsApi {
  const changed = () => events.emit('data.changed', { entity: 'datasets' });
  return {
    'datasets.list': async () => {
      const project = open();
      return project.datasets.list().map((d) => view(project, d.id));
    },

    'datasets.get': async ({ id }) => view(open(), id),

    'datasets.create': async ({ name, description, spec }) => {
      const project = open();
      checkSpec(spec);
      if (project.datasets.nameTaken(name))
        throw new ApiError('CONFLICT', `There is already a dataset called "${name}". Choose another name.`);
      const now = Date.now();
      const id = newId();
      project.datasets.insert({ id, name, description: description ?? '', spec, createdAt: now, updatedAt: now });
      changed();
      return view(project, id);
    },

    'datasets.update': async ({ id, name, description, spec }) => {
      const project = open();
      const current = project.datasets.get(id);
      if (!current) throw new ApiError('NOT_FOUND', 'That dataset is not in this project.');
      if (spec) checkSpec(spec);
      if (name && project.datasets.nameTaken(name, id))
        throw new ApiError('CONFLICT', `There is already a dataset called "${name}". Choose another name.`);
      // Frozen versions keep their own copy of the spec; only the next freeze uses the new one.
      project.datasets.update({
        ...current,
        name: name ?? current.name,
        description: description ?? current.description,
        spec: spec ?? current.spec,
        updatedAt: Date.now(),
      });
      changed();
      return view(project, id);
    },

    'datasets.remove': async ({ id }) => {
      const project = open();
      if (project.datasets.usedByTraining(id))
        throw new ApiError('CONFLICT', 'A model was trained on a version of this dataset; it stays so the model’s lineage can be read.');
      if (!project.datasets.remove(id)) throw new ApiError('NOT_FOUND', 'That dataset is not in this project.');
      changed();
      return null;
    },

    'datasets.preview': async ({ spec: asked }) => {
      const project = open();
      checkSpec(asked);
      const { spec, matched } = resolveSize(project, asked, null);
      const { stats, pool } = await workers.run('freezeDataset', {
        file: project.file,
        spec,
        evaluationScenarios: newestEvaluationScenarios(project.evaluation),
      });
      const withheld = withheldNote(withheldForDetails(project.db, spec.filters));
      return {
        stats: withheld ? { ...stats, withheldForDetails: withheld } : stats,
        pool,
        matched,
        sizeWarning: sizeWarningFor(project, 'This dataset', spec, stats.examples, null),
      };
    },

    // A job: the copying runs on the worker pool (this thread keeps answering calls while 100,000 sessions
    // are frozen), the Jobs screen shows its counts, and it can be cancelled. The call waits for it.
    'datasets.freeze': async ({ id, note }) => {
      const project = open();
      await project.jobs.load('freezeDataset');
      const dataset = project.datasets.get(id);
      if (!dataset) throw new ApiError('NOT_FOUND', 'That dataset is not in this project.');
      checkSpec(dataset.spec);
      // "Same size as…" is resolved now, and the version keeps the total it froze with.
      const { spec } = resolveSize(project, dataset.spec, id);
      const withheld = withheldNote(withheldForDetails(project.db, dataset.spec.filters));
      const versionId = newId();
      const frozen = whenFrozen(versionId);
      const job = project.jobs.create('freezeDataset', {
        datasetId: id,
        datasetName: dataset.name,
        versionId,
        note: note ?? null,
        createdAt: Date.now(),
        spec,
        withheld: withheld ?? null,
      } satisfies FreezeJobParams);
      events.emit('data.changed', { entity: 'jobs' });
      const off = events.subscribe((e) => {
        if (e.name === 'job.updated' && e.payload.id === job.id && !['queued', 'running', 'paused'].includes(e.payload.status))
          settleFreeze(versionId, {
            error:
              e.payload.status === 'cancelled'
                ? freezeCancelled()
                : new ApiError('CONFLICT', e.payload.message ?? `The freeze job ended (${e.payload.status}) without a version.`),
          });
      });
      try {
        await frozen;
      } finally {
        off();
      }
      changed();
      return versionOf(project, versionId) satisfies DatasetVersionView;
    },

    'datasets.version': async ({ versionId }) => versionOf(open(), versionId),

    'datasets.examples': async ({ versionId, split, offset, limit }) => {
      const project = open();
      versionOf(project, versionId);
      return project.datasets.page(versionId, split ?? null, offset ?? 0, limit ?? 100);
    },

    'datasets.validate': async ({ versionId, model, epochs }) => {
      const project = open();
      return validateVersion(project, versionOf(project, versionId), { model: model ?? null, epochs: epochs ?? 3 });
    },

    'datasets.diff': async ({ fromVersionId, toVersionId }) => {
      const project = open();
      const from = versionOf(project, fromVersionId);
      const to = versionOf(project, toVersionId);
      const diff = diffVersions(project.datasets.fingerprints(from.id), project.datasets.fingerprints(to.id));
      return {
        from: { id: from.id, version: from.version, contentHash: from.contentHash },
        to: { id: to.id, version: to.version, contentHash: to.contentHash },
        ...diff,
      };
    },

    'datasets.formats': async () => exportFormats.map(({ id, label, description, output }) => ({ id, label, description, output })),

    'datasets.export': async ({ versionId, format, outDir: chosen, baseModel }) => {
      const project = open();
      await project.jobs.load('exportDataset');
      const version = versionOf(project, versionId);
      refusePendingDetails(project, versionId, 'export this version');
      const dataset = project.datasets.get(version.datasetId)!;
      const outDir = chosen ?? join(dataDir, 'exports');
      if (!chosen) mkdirSync(outDir, { recursive: true });
      if (!isAbsolute(outDir)) throw new ApiError('INVALID_INPUT', 'Choose the folder to export into as a full path.');
      requireFolder(outDir);
      const target = exportTarget(outDir, dataset.name, version.version, exportFormat(format).defaultName);
      const job = project.jobs.create('exportDataset', {
        versionId,
        format,
        target,
        examples: version.examples,
        bundle: { baseModel, datasetName: dataset.name, datasetVersion: String(version.version), contentHash: version.contentHash },
      });
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
  };
}
