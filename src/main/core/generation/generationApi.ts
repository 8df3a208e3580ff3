import cbtPack from '../../../../resources/domain-packs/cbt/pack.json';
import type { GenerationApi, PersonaGenerationInput, PromptVersion } from '../../../shared/api/generation';
import { ApiError } from '../../../shared/api/result';
import { domainPackSchema, type DomainPack } from '../../../shared/domain/domainPack';
import type { DomainDeps } from '../context';
import type { OpenProject } from '../projects/openProject';
import { countTokens } from '../imports/tokens';
import { newId } from '../util/ids';
import { estimateFor } from './estimate';
import { personaPromptValues } from './personasJob';
import { coverage, planPersonaCells } from './quota';
import { previewPrompt } from './promptPreview';
import { placeholders, renderTemplate } from './templates';
import { currentPrompt, domainPack } from './domainPack';
import { projectProvider } from '../llm/projectProvider';

/** Roughly what a persona answer weighs in tokens; used only for estimates before a run. */
const PERSONA_OUTPUT_TOKENS = 450;
const DEFAULT_SIMILARITY = 0.6;

function duplicateIds(pack: DomainPack): string[] {
  const lists: [string, { id: string }[]][] = [
    ['distortions', pack.distortions],
    ['styles', pack.styles],
    ['presenting problems', pack.presentingProblems],
    ['severities', pack.severities],
    ['risk levels', pack.riskLevels],
    ['techniques', pack.techniques],
    ['core beliefs', pack.coreBeliefs.flatMap((g) => g.beliefs)],
  ];
  return lists.flatMap(([list, items]) => {
    const seen = new Set<string>();
    return items.filter((i) => (seen.has(i.id) ? true : (seen.add(i.id), false))).map((i) => `${list}: "${i.id}"`);
  });
}

function checkLabels(
  pack: DomainPack,
  input: { distortions: string[]; styles: string[]; ageBands?: string[] | undefined; riskLevels?: string[] | undefined },
): void {
  const unknown = [
    ...input.distortions.filter((d) => !pack.distortions.some((x) => x.id === d)).map((d) => `distortion "${d}"`),
    ...input.styles.filter((s) => !pack.styles.some((x) => x.id === s)).map((s) => `style "${s}"`),
    ...(input.ageBands ?? []).filter((a) => !pack.ageBands.includes(a)).map((a) => `age band "${a}"`),
    ...(input.riskLevels ?? []).filter((r) => !pack.riskLevels.some((x) => x.id === r)).map((r) => `risk level "${r}"`),
  ];
  if (unknown.length) throw new ApiError('INVALID_INPUT', `Not in the project's domain pack: ${unknown.join(', ')}.`);
}

export type PersonaAndPromptApi = Omit<
  GenerationApi,
  'scenarios.list' | 'scenarios.estimate' | 'scenarios.generate' | 'sessions.estimateGeneration' | 'sessions.generate'
>;

/** The parts of the open project this API reads and writes. */
export type GenerationParts = 'jobs' | 'jobsRepo' | 'meta' | 'personas' | 'prices' | 'prompts' | 'providers' | 'scenarios' | 'sessions';

export function generationApi({ project: open, events }: DomainDeps<GenerationParts>): PersonaAndPromptApi {
  const personaPlan = (project: Pick<OpenProject, GenerationParts>, input: PersonaGenerationInput) => {
    const pack = domainPack(project);
    checkLabels(pack, input);
    const provider = projectProvider(project.providers, input.providerId);
    if (input.useBatch && !provider.capabilities.batches)
      throw new ApiError('INVALID_INPUT', `${provider.name} does not offer the Batch API; generate without it.`);
    const seed = input.seed ?? 1;
    const cells = planPersonaCells(pack, input, input.count, seed, input.riskLevels?.length ? input.riskLevels : ['none']);
    const prompt = currentPrompt(project, 'persona');
    return { pack, provider, seed, cells, prompt };
  };

  return {
    'domain.pack': async () => domainPack(open()),
    'domain.updatePack': async ({ pack }) => {
      const duplicates = duplicateIds(pack);
      if (duplicates.length) throw new ApiError('INVALID_INPUT', `Each id must be unique in its list; repeated: ${duplicates.join(', ')}.`);
      open().meta.set('domainPack', pack);
      events.emit('data.changed', { entity: 'domain' });
      return pack;
    },
    'domain.resetPack': async () => {
      const pack = domainPackSchema.parse(cbtPack);
      open().meta.set('domainPack', pack);
      events.emit('data.changed', { entity: 'domain' });
      return pack;
    },

    'prompts.list': async () => {
      const project = open();
      const pack = domainPack(project);
      const saved = project.prompts.all();
      const names = [...new Set([...Object.keys(pack.prompts), ...saved.map((p) => p.name)])].sort();
      return names.flatMap((name): PromptVersion[] => {
        const versions = saved.filter((p) => p.name === name).map((p, i) => ({ ...p, current: i === 0 }));
        const packPrompt = Object.hasOwn(pack.prompts, name) ? pack.prompts[name] : undefined;
        const builtIn = packPrompt
          ? [
              {
                name,
                version: packPrompt.version,
                template: packPrompt.template,
                note: 'From the domain pack',
                createdAt: 0,
                current: versions.length === 0,
              },
            ]
          : [];
        return [...versions, ...builtIn];
      });
    },
    'prompts.save': async ({ name, template, note }) => {
      const project = open();
      const current = currentPrompt(project, name);
      if (current.template === template) throw new ApiError('CONFLICT', 'This is the same as the current version; nothing to save.');
      const version = { id: newId(), name, version: current.version + 1, template, note: note ?? null, createdAt: Date.now() };
      project.prompts.insert(version);
      events.emit('data.changed', { entity: 'prompts' });
      return { ...version, current: true };
    },

    'prompts.preview': async ({ name, template }) => {
      const project = open();
      const text = template ?? currentPrompt(project, name).template;
      try {
        return { ...previewPrompt(project, name, text), placeholders: placeholders(text) };
      } catch (err) {
        // A template with a placeholder nobody fills is the person's to fix, not an internal error.
        if (err instanceof Error && !(err instanceof ApiError)) throw new ApiError('INVALID_INPUT', err.message);
        throw err;
      }
    },
    'personas.list': async ({ offset, limit }) => open().personas.list(offset ?? 0, limit ?? 100),
    'personas.coverage': async (plan) => coverage(plan, open().personas.cells()),
    'personas.estimate': async (input) => {
      const project = open();
      const { pack, provider, cells, prompt } = personaPlan(project, input);
      const tokensInPerCall =
        cells.slice(0, 20).reduce((sum, cell) => sum + countTokens(renderTemplate(prompt.template, personaPromptValues(pack, cell))), 0) /
        Math.min(20, cells.length);
      return estimateFor(
        project,
        { calls: cells.length, tokensInPerCall, tokensOutPerCall: PERSONA_OUTPUT_TOKENS },
        { model: input.model, providerId: provider.id, concurrency: provider.concurrency, useBatch: input.useBatch },
      );
    },
    'personas.generate': async (input) => {
      const project = open();
      await project.jobs.load('generatePersonas');
      const { provider, seed, cells, prompt } = personaPlan(project, input);
      const job = project.jobs.create(
        'generatePersonas',
        {
          providerId: provider.id,
          model: input.model,
          temperature: input.temperature ?? 0.9,
          seed,
          similarityThreshold: input.similarityThreshold ?? DEFAULT_SIMILARITY,
          concurrency: provider.concurrency,
          prompt,
          cells,
          useBatch: input.useBatch ?? false,
        },
        { budgetUsd: input.budgetUsd ?? null },
      );
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
  };
}
