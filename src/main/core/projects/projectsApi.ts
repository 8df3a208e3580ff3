import type { ProjectsApi } from '../../../shared/api/projects';
import type { CoreContext } from '../context';

export function projectsApi({ projects }: Pick<CoreContext, 'projects'>): ProjectsApi {
  return {
    'projects.create': async ({ name, file }) => projects.create(name, file),
    'projects.open': async ({ file }) => projects.openFile(file),
    'projects.current': async () => projects.open?.info() ?? null,
    'projects.close': async () => {
      await projects.close();
      return null;
    },
    'projects.rename': async ({ name }) => projects.rename(name),
    'projects.recent': async () => projects.recent(),
    'projects.forgetRecent': async ({ file }) => projects.forgetRecent(file),
    'projects.saveCopy': async ({ file, overwrite }) => projects.saveCopy(file, overwrite ?? false),
  };
}
