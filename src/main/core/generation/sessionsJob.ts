import { z } from 'zod';
import type { DomainPack } from '../../../shared/domain/domainPack';
import type { Turn } from '../../../shared/domain/session';
import type { JobHandler } from '../jobs/jobHandler';
import type { LlmGateway } from '../llm/gateway';
import { sessionTokens } from '../sessions/sessionEditing';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { newId } from '../util/ids';
import { personaSchema } from './personaSchema';
import type { PersonasRepo } from './personasRepo';
import { generatedSessionSchema } from './scenarioSchema';
import type { ScenarioRecord, ScenariosRepo } from './scenariosRepo';
import { generateStructured, type Provenance } from './structuredCall';
import { describePersona } from './taxonomy';
import { renderTemplate } from './templates';
import { twoAgentDialogue } from './twoAgent';

const promptRef = z.object({ name: z.string(), version: z.number(), template: z.string() });

export const sessionJobParamsSchema = z.object({
  providerId: z.string(),
  model: z.string(),
  temperature: z.number(),
  seed: z.number().int(),
  concurrency: z.number().int().min(1),
  mode: z.enum(['single', 'twoAgent']),
  systemPrompt: z.string(),
  prompt: promptRef,
  clientPrompt: promptRef,
  items: z.array(z.object({ scenarioId: z.string(), turns: z.number().int().min(2) })).min(1),
});
export type SessionJobParams = z.infer<typeof sessionJobParamsSchema>;

const techniquesSchema = z.object({ techniques: z.array(z.string().max(100)).max(20) });

function scenarioText(scenario: ScenarioRecord, personaText: string): string {
  return `${personaText}\n\nSituation: ${scenario.scenario}`;
}

/** Keeps known technique labels only (the pack's list), matched loosely. */
function knownTechniques(pack: DomainPack, labels: string[]): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '');
  return [...new Set(labels.flatMap((l) => pack.techniques.filter((t) => norm(t.label) === norm(l) || norm(t.id) === norm(l)).map((t) => t.id)))];
}

/**
 * Writes sessions from scenarios: in one call that writes the whole dialogue, or with two agents taking
 * turns (a client playing the persona in its style, a counselor following the project's system prompt).
 * Either way the session ends with the counselor, records the techniques used and keeps its provenance;
 * it lands in the library as synthetic and waits for the judge and the review queue.
 */
export function sessionsJob(deps: { gateway: LlmGateway; personas: PersonasRepo; scenarios: ScenariosRepo; sessions: SessionsRepo; pack: () => DomainPack }): JobHandler<SessionJobParams, { index: number; scenarioId: string; turns: number }, { sessionId: string }> {
  return {
    kind: 'generateSessions',
    paramsSchema: sessionJobParamsSchema,
    title: (p) => `Generate ${p.items.length} session${p.items.length === 1 ? '' : 's'} (${p.mode === 'single' ? 'one call each' : 'two agents'}) with ${p.model}`,
    plan: (p) => p.items.map((item, index) => ({ index, ...item })),
    concurrency: (p) => p.concurrency,
    async runItem({ jobId, params, input, signal }) {
      const pack = deps.pack();
      const scenario = deps.scenarios.get(input.scenarioId);
      if (!scenario) throw new Error('The scenario was deleted before its session was written.');
      const stored = deps.personas.get(scenario.personaId);
      if (!stored) throw new Error('The persona was deleted before its session was written.');
      const persona = personaSchema.parse(stored.persona);
      const seed = params.seed + input.index * 101;
      const call = { jobId, signal, seed };
      let turns: Turn[];
      let labels: string[];
      let provenance: Provenance;
      if (params.mode === 'single') {
        const prompt = renderTemplate(params.prompt.template, {
          systemPrompt: params.systemPrompt,
          scenario: scenarioText(scenario, describePersona(persona)),
          turns: String(input.turns),
          techniqueList: pack.techniques.map((t) => t.label).join(', '),
        });
        const out = await generateStructured(deps.gateway, params, { ...call, purpose: 'generate-session', messages: [{ role: 'user', content: prompt }], schema: generatedSessionSchema, schemaName: 'session' });
        turns = out.value.turns;
        labels = out.value.techniques;
        provenance = out.provenance;
      } else {
        const style = pack.styles.find((s) => s.id === stored.cell.style);
        const clientSystem = renderTemplate(params.clientPrompt.template, {
          persona: describePersona(persona),
          scenario: scenario.scenario,
          style: style?.label ?? stored.cell.style,
          styleInstruction: style?.simulatorInstruction ?? '',
        });
        const dialogue = await twoAgentDialogue(deps.gateway, params, { ...call, clientSystem, counselorSystem: params.systemPrompt, maxTurns: input.turns });
        turns = dialogue.turns;
        const tagged = await generateStructured(deps.gateway, params, {
          ...call,
          purpose: 'label-techniques',
          messages: [{ role: 'user', content: `Which of these CBT techniques did the counselor (assistant) use in this session? Techniques: ${pack.techniques.map((t) => t.label).join(', ')}.\n\nReply with JSON {"techniques": [labels]}.\n\n${turns.map((t) => `${t.role}: ${t.text}`).join('\n')}` }],
          schema: techniquesSchema,
          schemaName: 'techniques',
        });
        labels = tagged.value.techniques;
        provenance = { ...dialogue.provenance, callIds: [...dialogue.provenance.callIds, ...tagged.provenance.callIds], costUsd: dialogue.provenance.costUsd + tagged.provenance.costUsd, tokensIn: dialogue.provenance.tokensIn + tagged.provenance.tokensIn, tokensOut: dialogue.provenance.tokensOut + tagged.provenance.tokensOut };
      }
      // A session for training must end with the counselor; a trailing client line is dropped.
      while (turns.length && turns[turns.length - 1]!.role !== 'assistant') turns = turns.slice(0, -1);
      if (turns.length < 2) throw new Error('The model wrote no counselor turn; nothing was stored.');
      const id = newId();
      const now = Date.now();
      deps.sessions.insert({
        id,
        title: `${stored.name}: ${scenario.summary.slice(0, 80)}`,
        source: 'synthetic',
        status: 'needs_review',
        tags: ['synthetic'],
        systemPrompt: params.systemPrompt,
        notes: null,
        metadata: { personaId: stored.id, scenarioId: scenario.id, mode: params.mode, targetTurns: input.turns, techniques: knownTechniques(pack, labels), distortions: scenario.distortions, style: stored.cell.style, riskLevel: stored.cell.riskLevel },
        turns,
        tokenCount: sessionTokens(params.systemPrompt, turns),
        scenarioId: scenario.id,
        provenance,
        createdAt: now,
      });
      return { result: { sessionId: id }, costUsd: provenance.costUsd };
    },
  };
}
