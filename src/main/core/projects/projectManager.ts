import type Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { link, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ProjectInfo, RecentProject } from '../../../shared/domain/project';
import { ApiError } from '../../../shared/api/result';
import { openProjectFile, startProjectFile } from '../db/openProject';
import { PROJECT_EXTENSION } from '../db/projectFile';
import type { EventBus } from '../events';
import type { LazyJobKind } from '../jobs/handlerRegistry';
import type { ApiKeys } from '../llm/apiKeys';
import type { SettingsStore } from '../settings/settingsStore';
import { checkNewFilePath } from '../util/filePaths';
import type { Logger } from '../util/logger';
import { OpenProject, type ProjectOptions } from './openProject';

const MAX_RECENT = 12;
const MINUTE = 60_000;

/** Which project file is open. One at a time: a project is one SQLite file. */
export class ProjectManager {
  private current: OpenProject | null = null;

  constructor(
    private readonly deps: {
      projectsDir: string;
      settings: SettingsStore;
      keys: ApiKeys;
      events: EventBus;
      log: Logger;
      projectOptions?: ProjectOptions;
      /**
       * The job kinds a project runs (core/projectJobs.ts, from the composition root): their facts at once, each
       * one's handler loaded by its project's runner when a job of that kind first needs it.
       */
      jobs: (project: OpenProject) => LazyJobKind[];
    },
  ) {}

  get open(): OpenProject | null {
    return this.current;
  }

  require(): OpenProject {
    if (!this.current) throw new ApiError('CONFLICT', 'No project is open. Create a project or open one first.');
    return this.current;
  }

  defaultFileFor(name: string): string {
    const slug =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'project';
    let file = join(this.deps.projectsDir, `${slug}${PROJECT_EXTENSION}`);
    for (let n = 2; existsSync(file); n++) file = join(this.deps.projectsDir, `${slug}-${n}${PROJECT_EXTENSION}`);
    return file;
  }

  async create(name: string, file?: string, options: { sample?: boolean } = {}): Promise<ProjectInfo> {
    const target = checkNewFilePath(file ?? this.defaultFileFor(name), { folderMustExist: false });
    const build = startProjectFile(target);
    // Seeded under the file's temporary name, so a failure or a kill while seeding leaves nothing under its own.
    const seeding = this.construct(build.db, build.building);
    try {
      // The seed (the CBT pack, the price table) loads only when a project is created, not with every open.
      (await import('./seedProject')).seedNewProject(seeding, name);
      // The sample's content (and the redaction library it runs) loads only for the one project that needs it.
      if (options.sample) await (await import('./sampleProject')).seedSampleContent(seeding);
      await seeding.close();
    } catch (err) {
      await seeding.close().catch(() => undefined);
      build.discard();
      throw err;
    }
    const opened = build.finish();
    const project = this.construct(opened.db, target);
    return this.activate(project);
  }

  async openFile(file: string): Promise<ProjectInfo> {
    const target = resolve(file);
    if (this.current?.file === target) return this.current.info();
    const opened = await openProjectFile(target);
    if (opened.backupFile) this.deps.log.info(`upgraded ${target} from format ${opened.migratedFrom}; backup at ${opened.backupFile}`);
    const project = this.construct(opened.db, target);
    // Recovery resumes the jobs that follow work running elsewhere (a fine-tune), loading only their kinds' handlers.
    const interrupted = await project.jobs.recoverInterrupted();
    if (interrupted.length) this.deps.log.info(`${interrupted.length} job(s) were interrupted last time and can be resumed`);
    return this.activate(project);
  }

  async close(): Promise<void> {
    const project = this.current;
    if (!project) return;
    this.current = null;
    await project.close();
    this.deps.events.emit('project.changed', null);
  }

  rename(name: string): ProjectInfo {
    const project = this.require();
    project.meta.set('name', name);
    const info = project.info();
    this.remember(info);
    this.deps.events.emit('project.changed', info);
    return info;
  }

  /** A consistent copy through SQLite's online backup, safe while jobs write to the original. */
  async saveCopy(file: string, overwrite: boolean): Promise<{ file: string; sizeBytes: number }> {
    const project = this.require();
    const target = checkNewFilePath(file, { folderMustExist: true });
    if (target === project.file) throw new ApiError('INVALID_INPUT', 'Choose a different file from the open project.');
    if (existsSync(target) && !overwrite)
      throw new ApiError('CONFLICT', `A file already exists at ${target}. Choose another name or allow overwriting.`);
    // A name of its own in the target folder: concurrent saves never share a half-written file, and the
    // rename below stays on one file system, so it is atomic and the file at `target` is never partial.
    const { randomUUID } = await import('node:crypto');
    const tmp = join(dirname(target), `.${PROJECT_EXTENSION.slice(1)}-copy-${randomUUID()}.partial`);
    try {
      await project.db.backup(tmp);
      const sizeBytes = statSync(tmp).size;
      await (overwrite ? rename(tmp, target) : placeWithoutOverwriting(tmp, target));
      return { file: target, sizeBytes };
    } finally {
      await rm(tmp, { force: true });
      await rm(`${tmp}-journal`, { force: true });
    }
  }

  recent(): RecentProject[] {
    return this.deps.settings.read().recentProjects.map((r) => ({ ...r, exists: existsSync(r.file) }));
  }

  forgetRecent(file: string): RecentProject[] {
    const settings = this.deps.settings.read();
    this.deps.settings.write({ ...settings, recentProjects: settings.recentProjects.filter((r) => r.file !== resolve(file)) });
    return this.recent();
  }

  /** First launch opens the sample; later launches reopen the last project if it still exists. */
  async openAtStartup(): Promise<void> {
    const settings = this.deps.settings.read();
    if (settings.lastProject && existsSync(settings.lastProject)) {
      try {
        await this.openFile(settings.lastProject);
        return;
      } catch (err) {
        this.deps.log.warn(`could not reopen ${settings.lastProject}: ${(err as Error).message}`);
      }
    }
    if (!settings.sampleCreated) {
      this.deps.settings.write({ ...settings, sampleCreated: true });
      const file = join(this.deps.projectsDir, `sample-project${PROJECT_EXTENSION}`);
      if (existsSync(file)) await this.openFile(file);
      else await this.create('Sample project', file, { sample: true });
    }
  }

  /** A project that knows its job kinds (their handlers load on first need). */
  private construct(db: Database.Database, file: string): OpenProject {
    const project = new OpenProject(db, file, this.deps.keys, this.deps.events, this.deps.log, this.deps.projectOptions);
    project.jobs.kinds.registerLazy(this.deps.jobs(project));
    return project;
  }

  private async activate(project: OpenProject): Promise<ProjectInfo> {
    const previous = this.current;
    this.current = project;
    if (previous) await previous.close();
    const info = project.info();
    this.remember(info);
    this.deps.events.emit('project.changed', info);
    return info;
  }

  private remember(info: ProjectInfo): void {
    const settings = this.deps.settings.read();
    const now = Date.now();
    const before = settings.recentProjects.find((r) => r.file === info.file)?.openedAt;
    // The recent list shows the time to the minute: a project opened again within the minute it shows keeps that
    // time, so a script's commands in a row change nothing and leave the settings file unwritten.
    const openedAt = before !== undefined && Math.floor(before / MINUTE) === Math.floor(now / MINUTE) ? before : now;
    const recentProjects = [
      { file: info.file, name: info.name, openedAt },
      ...settings.recentProjects.filter((r) => r.file !== info.file),
    ].slice(0, MAX_RECENT);
    this.deps.settings.write({ ...settings, recentProjects, lastProject: info.file });
  }
}

/**
 * Moves a finished copy into place unless a file is already there, atomically: a hard link fails when the
 * name exists, so two saves racing for one name cannot both succeed. File systems without hard links
 * (FAT, some network shares) fall back to a check followed by a rename.
 */
async function placeWithoutOverwriting(tmp: string, target: string): Promise<void> {
  try {
    await link(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ApiError('CONFLICT', `A file already exists at ${target}. Choose another name or allow overwriting.`);
    if (existsSync(target)) throw new ApiError('CONFLICT', `A file already exists at ${target}. Choose another name or allow overwriting.`);
    await rename(tmp, target);
  }
}
