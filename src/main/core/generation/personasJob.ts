import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { LlmGateway } from '../llm/gateway';
import { minhashSignature, similarity } from '../sessions/minhash';
import { newId } from '../util/ids';
import { personaCellSchema, type PersonaCell } from './personaCell';
import { personaFingerprint, personaSchema, type PersonaContent } from './personaSchema';
import type { PersonasRepo } from './personasRepo';
import { batchAnswer, generationRequest, itemSeed } from './batchItems';
import { renderTemplate } from './templates';
import { generationRunFields } from './runParams';

export const personaJobParamsSchema = z.object({
  ...generationRunFields,
  similarityThreshold: z.number(),
  cells: z.array(personaCellSchema()).min(1),
});
export type PersonaJobParams = z.infer<typeof personaJobParamsSchema>;

const labelOf = (items: readonly { id: string; label: string }[], id: string) => items.find((x) => x.id === id)?.label ?? id;

/** The template's placeholders for one cell, in words from the domain pack. */
export function personaPromptValues(pack: DomainPack, cell: PersonaCell): Record<string, string> {
  const style = pack.styles.find((s) => s.id === cell.style);
  return {
    presentingProblem: labelOf(pack.presentingProblems, cell.presentingProblem),
    ageBand: cell.ageBand,
    severity: labelOf(pack.severities, cell.severity),
    riskLevel: labelOf(pack.riskLevels, cell.riskLevel),
    distortions: cell.distortions.map((d) => labelOf(pack.distortions, d)).join(', '),
    style: style ? `${style.label}: ${style.description}` : cell.style,
    coreBeliefs: pack.coreBeliefs.flatMap((g) => g.beliefs.map((b) => `${b.label} (${g.label})`)).join('; '),
  };
}

/**
 * Writes one persona per planned cell as structured output. A persona too similar to one already in the
 * project is asked for again, once, with the other person named; if it is still too similar the item
 * fails with that reason rather than adding a near-copy.
 */
export function personasJob(deps: {
  gateway: LlmGateway;
  personas: PersonasRepo;
  pack: () => DomainPack;
}): JobHandler<PersonaJobParams, { index: number; cell: PersonaCell }, { personaId: string; name: string }> {
  const signatures = new Map<string, { name: string; sig: Uint32Array }>();
  const known = () => {
    if (signatures.size === 0) {
      for (const p of deps.personas.list(0, 100_000).rows) {
        const parsed = personaSchema.safeParse(p.persona);
        if (parsed.success) signatures.set(p.id, { name: p.name, sig: minhashSignature(personaFingerprint(parsed.data)) });
      }
    }
    return signatures;
  };
  const nearest = (sig: Uint32Array) => {
    let best: { name: string; similarity: number } | null = null;
    for (const other of known().values()) {
      const s = similarity(sig, other.sig);
      if (!best || s > best.similarity) best = { name: other.name, similarity: s };
    }
    return best;
  };

  return {
    ...jobKinds.generatePersonas,
    paramsSchema: personaJobParamsSchema,
    title: (p) => `Generate ${p.cells.length} persona${p.cells.length === 1 ? '' : 's'} with ${p.model}`,
    plan: (p) => p.cells.map((cell, index) => ({ index, cell })),
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const prompt = renderTemplate(params.prompt.template, personaPromptValues(deps.pack(), input.cell));
      let avoid = '';
      let last: { name: string; similarity: number } | null = null;
      for (let attempt = 0; attempt < 2; attempt++) {
        const seed = itemSeed(params, input) + attempt;
        const answer = await deps.gateway.chatStructured({
          providerId: params.providerId,
          model: params.model,
          purpose: 'generate-persona',
          jobId,
          temperature: params.temperature,
          seed,
          signal,
          messages: avoid
            ? [
                { role: 'system', content: avoid },
                { role: 'user', content: prompt },
              ]
            : [{ role: 'user', content: prompt }],
          schema: personaSchema,
          schemaName: 'persona',
        });
        const sig = minhashSignature(personaFingerprint(answer.value));
        last = nearest(sig);
        if (!last || last.similarity < params.similarityThreshold) {
          const id = newId();
          // Claimed now, so an item finishing alongside compares against this persona too.
          signatures.set(id, { name: answer.value.name, sig });
          return storedPersona(deps.personas, id, input.cell, answer.value, answer.costUsd, {
            ...runProvenance(jobId, params, seed),
            callId: answer.callId,
            tokensIn: answer.usage.tokensIn,
            tokensOut: answer.usage.tokensOut,
          });
        }
        avoid = `An existing persona is too similar to what you wrote (${last.name}). Write a clearly different person: another background, situation and voice.`;
      }
      throw new Error(
        `Too similar to the existing persona ${last!.name} (${Math.round(last!.similarity * 100)}% alike), even after asking for a different one.`,
      );
    },
    batch: {
      purpose: 'generate-persona',
      provider: (p) => ({ providerId: p.providerId, model: p.model }),
      requests: ({ params, input }) =>
        generationRequest(
          params,
          input,
          renderTemplate(params.prompt.template, personaPromptValues(deps.pack(), input.cell)),
          personaSchema,
          'persona',
        ),
      accept: ({ jobId, params, input }, answers) => {
        const answer = batchAnswer(answers, personaSchema, 'persona');
        const sig = minhashSignature(personaFingerprint(answer.value));
        const near = nearest(sig);
        // No second try in a batch: a near-copy fails with its reason and can be rerun without the batch.
        if (near && near.similarity >= params.similarityThreshold)
          throw new Error(`Too similar to the existing persona ${near.name} (${Math.round(near.similarity * 100)}% alike).`);
        const id = newId();
        signatures.set(id, { name: answer.value.name, sig });
        return storedPersona(deps.personas, id, input.cell, answer.value, answer.costUsd, {
          ...runProvenance(jobId, params, itemSeed(params, input)),
          callId: answer.callId,
          batch: true,
        });
      },
    },
  };
}

/** Where a persona came from: the run's prompt version, provider, model, temperature and this call's seed. */
function runProvenance(jobId: string, params: PersonaJobParams, seed: number) {
  return {
    jobId,
    prompt: { name: params.prompt.name, version: params.prompt.version },
    providerId: params.providerId,
    model: params.model,
    temperature: params.temperature,
    seed,
  };
}

/** An item's outcome that stores one accepted persona (in the runner's transaction, with the item's done mark). */
function storedPersona(
  personas: PersonasRepo,
  id: string,
  cell: PersonaCell,
  persona: PersonaContent,
  costUsd: number | null,
  provenance: Record<string, unknown>,
) {
  return {
    costUsd: costUsd ?? 0,
    store: () => {
      personas.insert({ id, name: persona.name, cell, persona, provenance: { ...provenance, costUsd }, createdAt: Date.now() });
      return { personaId: id, name: persona.name };
    },
  };
}
