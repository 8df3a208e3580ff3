import type { PromptChange, ResumePrompts } from '../../../shared/api/jobs';
import { ApiError } from '../../../shared/api/result';
import { currentPrompt } from './domainPack';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PromptsRepo } from './promptsRepo';

interface PromptRef {
  name: string;
  version: number;
  template: string;
}

const isPromptRef = (v: unknown): v is PromptRef =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as PromptRef).name === 'string' &&
  typeof (v as PromptRef).version === 'number' &&
  typeof (v as PromptRef).template === 'string';

/** The prompts a generation job carries in its params (a session job has two: counselor and client), by param key. */
function promptRefs(params: Record<string, unknown>): [string, PromptRef][] {
  return Object.entries(params).filter((e): e is [string, PromptRef] => isPromptRef(e[1]));
}

/** Each prompt of the job's params whose current version is not the one the job started with. */
export function promptChanges(
  project: { meta: ProjectMetaRepo; prompts: PromptsRepo },
  params: Record<string, unknown>,
): (PromptChange & { key: string; now: PromptRef })[] {
  return promptRefs(params).flatMap(([key, started]) => {
    const now = currentPrompt(project, started.name);
    return now.version === started.version && now.template === started.template
      ? []
      : [{ key, name: started.name, started: started.version, current: now.version, now }];
  });
}

/**
 * The job's params for a resume: as started, or with the newer prompt versions. A job whose prompt
 * changed is not resumed on either without a person's choice, since the two halves would differ.
 */
export function paramsForResume(
  project: { meta: ProjectMetaRepo; prompts: PromptsRepo },
  params: Record<string, unknown>,
  choice: ResumePrompts | undefined,
): Record<string, unknown> | null {
  const changes = promptChanges(project, params);
  if (changes.length === 0 || choice === 'started') return null;
  if (choice === undefined) {
    const list = changes.map((c) => `the ${c.name} prompt (started with v${c.started}, now v${c.current})`).join(' and ');
    throw new ApiError(
      'CONFLICT',
      `This job's ${list} changed since it started: resume it with the version it started with, or with the new one for the items left (the CLI's --prompts started or --prompts current).`,
    );
  }
  return {
    ...params,
    ...Object.fromEntries(changes.map((c) => [c.key, { name: c.now.name, version: c.now.version, template: c.now.template }])),
  };
}
