import type { DomainPack } from '../../../shared/domain/domainPack';
import type { PersonaContent } from './personaSchema';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** A distortion label as a model wrote it → the pack's id, through ids, labels and aliases; null if unknown. */
export function distortionId(pack: DomainPack, label: string): string | null {
  const wanted = norm(label);
  const found = pack.distortions.find((d) => [d.id, d.label, ...d.aliases].some((name) => norm(name) === wanted));
  return found?.id ?? null;
}

export function coreBeliefLabels(pack: DomainPack): string[] {
  return pack.coreBeliefs.flatMap((g) => g.beliefs.map((b) => b.label));
}

export function distortionList(pack: DomainPack): string {
  return pack.distortions.map((d) => `- ${d.label}: ${d.definition}`).join('\n');
}

/** A persona as the scenario and client prompts read it. */
export function describePersona(p: PersonaContent): string {
  return [
    `${p.name}, ${p.age}.`,
    `Background: ${p.background}`,
    `Personality: ${p.personality}`,
    `Presenting problem: ${p.presentingProblem}`,
    `History: ${p.history}`,
  ].join('\n');
}
