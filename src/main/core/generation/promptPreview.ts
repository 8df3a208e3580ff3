import { ApiError } from '../../../shared/api/result';
import { buildJudgePrompt } from '../judging/judgment';
import { defaultRubrics } from '../judging/defaultRubrics';
import { renderRubric } from '../judging/rubric';
import { personaSchema } from './personaSchema';
import { personaPromptValues } from './personasJob';
import { planPersonaCells } from './quota';
import { coreBeliefLabels, describePersona, distortionList } from './taxonomy';
import { renderTemplate } from './templates';
import { domainPack } from './domainPack';
import type { ProjectMetaRepo } from '../db/projectMetaRepo';
import type { PersonasRepo } from './personasRepo';
import type { PromptsRepo } from './promptsRepo';
import type { ScenariosRepo } from './scenariosRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';

/**
 * Fills a prompt with values from one real item of the project, so a person sees exactly what the model
 * would read before spending anything. Which item depends on the prompt: a sampled cell for personas, the
 * newest persona for scenarios, the newest scenario for sessions and the client, a session for the judge.
 */
export function previewPrompt(
  project: { meta: ProjectMetaRepo; personas: PersonasRepo; prompts: PromptsRepo; scenarios: ScenariosRepo; sessions: SessionsRepo },
  name: string,
  template: string,
): { text: string; item: string } {
  const pack = domainPack(project);
  const persona = project.personas.list(0, 1).rows[0];
  const scenario = project.scenarios.list(0, 1).rows[0];
  const need = (what: string) => new ApiError('CONFLICT', `To preview this prompt the project needs ${what} first.`);
  const personaText = (id: string) => {
    const p = project.personas.get(id);
    return p ? describePersona(personaSchema.parse(p.persona)) : '';
  };
  switch (name) {
    case 'persona': {
      const cell = planPersonaCells(pack, { distortions: [pack.distortions[0]!.id], styles: [pack.styles[0]!.id] }, 1, 1)[0]!;
      return {
        text: renderTemplate(template, personaPromptValues(pack, cell)),
        item: `a persona for ${cell.distortions.join(', ')} × ${cell.style}`,
      };
    }
    case 'scenario':
      if (!persona) throw need('a persona');
      return {
        text: renderTemplate(template, {
          persona: personaText(persona.id),
          theme: persona.cell.presentingProblem,
          distortionList: distortionList(pack),
          coreBeliefs: coreBeliefLabels(pack).join('; '),
        }),
        item: `the persona ${persona.name}`,
      };
    case 'session':
    case 'client': {
      if (!scenario) throw need('a scenario');
      const owner = project.personas.get(scenario.personaId);
      const style = pack.styles.find((s) => s.id === owner?.cell.style);
      const values = {
        systemPrompt: pack.systemPrompt,
        scenario: `${personaText(scenario.personaId)}\n\nSituation: ${scenario.scenario}`,
        turns: '12',
        techniqueList: pack.techniques.map((t) => t.label).join(', '),
        persona: personaText(scenario.personaId),
        style: style?.label ?? '',
        styleInstruction: style?.simulatorInstruction ?? '',
      };
      return { text: renderTemplate(template, values), item: `the scenario "${scenario.summary.slice(0, 60)}"` };
    }
    case 'judge':
    case 'safety': {
      const id = project.sessions.ids({})[0];
      const session = id ? project.sessions.get(id) : undefined;
      if (!session) throw need('a session');
      const rubric = defaultRubrics[0]!;
      const text =
        name === 'judge'
          ? buildJudgePrompt(template, rubric, session.turns)
          : renderTemplate(template, {
              transcript: session.turns.map((t, i) => `[${i + 1}] ${t.role}: ${t.text}`).join('\n'),
              rubric: renderRubric(rubric),
            });
      return { text, item: `the session "${session.title}"` };
    }
    default:
      throw new ApiError('NOT_FOUND', `There is no preview for the "${name}" prompt.`);
  }
}
