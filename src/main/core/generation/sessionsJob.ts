import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import type { Turn } from '../../../shared/domain/session';
import { type JobHandler } from '../jobs/jobHandler';
import { jobKinds } from '../jobs/jobKinds';
import type { LlmGateway } from '../llm/gateway';
import { freeText } from '../llm/strictFields';
import { sessionTokens } from '../sessions/sessionEditing';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { newId } from '../util/ids';
import { personaSchema } from './personaSchema';
import type { PersonasRepo } from './personasRepo';
import { generatedSessionSchema } from './scenarioSchema';
import type { ScenarioRecord, ScenariosRepo } from './scenariosRepo';
import { generateStructured, type Provenance } from './structuredCall';
import { describePersona } from './taxonomy';
import { batchAnswer, generationRequest, itemSeed } from './batchItems';
import { renderTemplate } from './templates';
import { twoAgentDialogue } from './twoAgent';
import { generationRunFields, promptRefSchema } from './runParams';

export const sessionJobParamsSchema = z.object({
  ...generationRunFields,
  mode: z.enum(['single', 'twoAgent']),
  systemPrompt: z.string(),
  clientPrompt: promptRefSchema,
  items: z.array(z.object({ scenarioId: z.string(), turns: z.number().int().min(2) })).min(1),
});
export type SessionJobParams = z.infer<typeof sessionJobParamsSchema>;

const techniquesSchema = z.object({ techniques: z.array(freeText(100)).max(20) });

function scenarioText(scenario: ScenarioRecord, personaText: string): string {
  return `${personaText}\n\nSituation: ${scenario.scenario}`;
}

/** Keeps known technique labels only (the pack's list), matched loosely. */
export function knownTechniques(pack: DomainPack, labels: string[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');
  return [
    ...new Set(labels.flatMap((l) => pack.techniques.filter((t) => norm(t.label) === norm(l) || norm(t.id) === norm(l)).map((t) => t.id))),
  ];
}

/**
 * Writes sessions from scenarios: in one call that writes the whole dialogue, or with two agents taking
 * turns (a client playing the persona in its style, a counselor following the project's system prompt).
 * Either way the session ends with the counselor, records the techniques used and keeps its provenance;
 * it lands in the library as synthetic and waits for the judge and the review queue.
 */
type SessionItem = { index: number; scenarioId: string; turns: number };

export function sessionsJob(deps: {
  gateway: LlmGateway;
  personas: PersonasRepo;
  scenarios: ScenariosRepo;
  sessions: SessionsRepo;
  pack: () => DomainPack;
}): JobHandler<SessionJobParams, SessionItem, { sessionId: string }> {
  const load = (input: SessionItem) => {
    const pack = deps.pack();
    const scenario = deps.scenarios.get(input.scenarioId);
    if (!scenario) throw new Error('The scenario was deleted before its session was written.');
    const stored = deps.personas.get(scenario.personaId);
    if (!stored) throw new Error('The persona was deleted before its session was written.');
    return { pack, scenario, stored, persona: personaSchema.parse(stored.persona) };
  };
  type Loaded = ReturnType<typeof load>;

  const singlePrompt = (params: SessionJobParams, ctx: Loaded, input: SessionItem) =>
    renderTemplate(params.prompt.template, {
      systemPrompt: params.systemPrompt,
      scenario: scenarioText(ctx.scenario, describePersona(ctx.persona)),
      turns: String(input.turns),
      techniqueList: ctx.pack.techniques.map((t) => t.label).join(', '),
    });

  const outcome = (
    ctx: Loaded,
    params: SessionJobParams,
    input: SessionItem,
    written: Turn[],
    labels: string[],
    provenance: Provenance,
  ) => {
    // A session for training must end with the counselor; a trailing client line is dropped.
    let turns = written;
    while (turns.length && turns[turns.length - 1]!.role !== 'assistant') turns = turns.slice(0, -1);
    if (turns.length < 2) throw new Error('The model wrote no counselor turn; nothing was stored.');
    const id = newId();
    const store = () => {
      deps.sessions.insert({
        id,
        title: `${ctx.stored.name}: ${ctx.scenario.summary.slice(0, 80)}`,
        source: 'synthetic',
        status: 'needs_review',
        tags: ['synthetic'],
        systemPrompt: params.systemPrompt,
        notes: null,
        metadata: {
          personaId: ctx.stored.id,
          scenarioId: ctx.scenario.id,
          mode: params.mode,
          targetTurns: input.turns,
          techniques: knownTechniques(ctx.pack, labels),
          distortions: ctx.scenario.distortions,
          style: ctx.stored.cell.style,
          riskLevel: ctx.stored.cell.riskLevel,
        },
        turns,
        tokenCount: sessionTokens(params.systemPrompt, turns),
        scenarioId: ctx.scenario.id,
        provenance,
        createdAt: Date.now(),
      });
      return { sessionId: id };
    };
    return { costUsd: provenance.costUsd, store };
  };

  return {
    ...jobKinds.generateSessions,
    paramsSchema: sessionJobParamsSchema,
    title: (p) =>
      `Generate ${p.items.length} session${p.items.length === 1 ? '' : 's'} (${p.mode === 'single' ? 'one call each' : 'two agents'}) with ${p.model}`,
    plan: (p) => p.items.map((item, index) => ({ index, ...item })),
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const ctx = load(input);
      const seed = itemSeed(params, input);
      const call = { jobId, signal, seed };
      if (params.mode === 'single') {
        const out = await generateStructured(deps.gateway, params, {
          ...call,
          purpose: 'generate-session',
          messages: [{ role: 'user', content: singlePrompt(params, ctx, input) }],
          schema: generatedSessionSchema,
          schemaName: 'session',
        });
        return outcome(ctx, params, input, out.value.turns, out.value.techniques, out.provenance);
      }
      const style = ctx.pack.styles.find((s) => s.id === ctx.stored.cell.style);
      const clientSystem = renderTemplate(params.clientPrompt.template, {
        persona: describePersona(ctx.persona),
        scenario: ctx.scenario.scenario,
        style: style?.label ?? ctx.stored.cell.style,
        styleInstruction: style?.simulatorInstruction ?? '',
      });
      const dialogue = await twoAgentDialogue(deps.gateway, params, {
        ...call,
        clientSystem,
        counselorSystem: params.systemPrompt,
        maxTurns: input.turns,
      });
      const tagged = await generateStructured(deps.gateway, params, {
        ...call,
        purpose: 'label-techniques',
        messages: [
          {
            role: 'user',
            content: `Which of these CBT techniques did the counselor (assistant) use in this session? Techniques: ${ctx.pack.techniques.map((t) => t.label).join(', ')}.\n\nReply with JSON {"techniques": [labels]}.\n\n${dialogue.turns.map((t) => `${t.role}: ${t.text}`).join('\n')}`,
          },
        ],
        schema: techniquesSchema,
        schemaName: 'techniques',
      });
      const provenance = {
        ...dialogue.provenance,
        callIds: [...dialogue.provenance.callIds, ...tagged.provenance.callIds],
        costUsd: dialogue.provenance.costUsd + tagged.provenance.costUsd,
        tokensIn: dialogue.provenance.tokensIn + tagged.provenance.tokensIn,
        tokensOut: dialogue.provenance.tokensOut + tagged.provenance.tokensOut,
      };
      return outcome(ctx, params, input, dialogue.turns, tagged.value.techniques, provenance);
    },
    batch: {
      purpose: 'generate-session',
      provider: (p) => ({ providerId: p.providerId, model: p.model }),
      requests: ({ params, input }) =>
        generationRequest(params, input, singlePrompt(params, load(input), input), generatedSessionSchema, 'session'),
      accept: ({ jobId, params, input }, answers) => {
        const answer = batchAnswer(answers, generatedSessionSchema, 'session');
        const provenance: Provenance = {
          batch: true,
          jobId,
          prompt: { name: params.prompt.name, version: params.prompt.version },
          providerId: params.providerId,
          model: params.model,
          temperature: params.temperature,
          seed: itemSeed(params, input),
          callIds: [answer.callId],
          tokensIn: 0,
          tokensOut: 0,
          costUsd: answer.costUsd ?? 0,
        };
        return outcome(load(input), params, input, answer.value.turns, answer.value.techniques, provenance);
      },
    },
  };
}
