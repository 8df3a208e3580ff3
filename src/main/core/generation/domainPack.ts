import cbtPack from '../../../../resources/domain-packs/cbt/pack.json';
import { ApiError } from '../../../shared/api/result';
import { domainPackSchema, type DomainPack } from '../../../shared/domain/domainPack';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PromptsRepo } from './promptsRepo';

/** What reading the pack needs: the project's settings, nothing else. */
export interface PackSource {
  meta: Pick<ProjectMetaRepo, 'get'>;
}

/** What reading a prompt needs: the pack, and the versions people saved. */
export interface PromptSource extends PackSource {
  prompts: Pick<PromptsRepo, 'latest'>;
}

/** The project's domain pack; a project saved without one uses the built-in CBT pack. */
export function domainPack(project: PackSource): DomainPack {
  return domainPackSchema.parse(project.meta.get('domainPack') ?? cbtPack);
}

/** The version generation uses for a prompt: the newest saved one, else the pack's own. */
export function currentPrompt(project: PromptSource, name: string): { name: string; version: number; template: string } {
  const saved = project.prompts.latest(name);
  if (saved) return saved;
  // A project made before a prompt was added to the built-in pack (evaluation's, say) uses the built-in one.
  // Own keys only: a name such as "constructor" must not find Object.prototype's function.
  const own = (prompts: object) =>
    Object.hasOwn(prompts, name) ? (prompts as Record<string, { version: number; template: string }>)[name] : undefined;
  const fromPack = own(domainPack(project).prompts) ?? own(cbtPack.prompts);
  if (!fromPack) throw new ApiError('NOT_FOUND', `The domain pack has no "${name}" prompt.`);
  return { name, version: fromPack.version, template: fromPack.template };
}
