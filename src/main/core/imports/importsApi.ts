import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportsApi } from '../../../shared/api/imports';
import { ApiError } from '../../../shared/api/result';
import type { FilePreview } from '../../../shared/domain/importing';
import type { CoreContext, DomainDeps } from '../context';
import { newId } from '../util/ids';
import { isNotTranscript, planFile, toPreview } from './importPlan';
import { MAX_FILE_BYTES, stagedName } from './readSource';

/** The parts of the open project this API reads and writes. */
export type ImportsParts = 'imports' | 'jobs' | 'meta' | 'sessions';

export function importsApi({
  project: open,
  events,
  dataDir,
  workers,
}: DomainDeps<ImportsParts> & Pick<CoreContext, 'dataDir' | 'workers'>): ImportsApi {
  return {
    'imports.stage': async ({ name, contentBase64 }) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length > MAX_FILE_BYTES) throw new ApiError('INVALID_INPUT', `${name} is larger than 200 MB; split it into smaller files.`);
      const dir = join(dataDir, 'staging');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${newId()}--${name}`);
      await writeFile(path, bytes);
      return { path };
    },

    'imports.preview': async (options) => {
      const project = open();
      const previews: FilePreview[] = [];
      for (const path of options.paths) {
        try {
          previews.push(
            toPreview(await planFile(path, options, { imports: project.imports, meta: project.meta, workers }), {
              imports: project.imports,
              sessions: project.sessions,
            }),
          );
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          const name = stagedName(path.split(/[\\/]/).pop() ?? path);
          previews.push({
            path,
            name,
            format: null,
            transcripts: [],
            transcriptCount: 0,
            problems: [],
            error: err.message,
            notTranscript: isNotTranscript(err),
            alreadyImported: false,
          });
        }
      }
      return previews;
    },

    'imports.start': async (options) => {
      const project = open();
      await project.jobs.load('import');
      const job = project.jobs.create('import', options);
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
  };
}
