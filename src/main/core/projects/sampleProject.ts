import { z } from 'zod';
import cbtPack from '../../../../resources/domain-packs/cbt/pack.json';
import sampleSessions from '../../../../resources/sample/sessions.json';
import sampleStudy from '../../../../resources/sample/study.json';
import { domainPackSchema, type DomainPack } from '../../../shared/domain/domainPack';
import { personaCellSchema } from '../generation/personaCell';
import { personaSchema } from '../generation/personaSchema';
import { generatedSessionSchema, scenarioSchemaFor } from '../generation/scenarioSchema';
import { knownTechniques } from '../generation/sessionsJob';
import { distortionId } from '../generation/taxonomy';
import { defaultRubrics } from '../judging/defaultRubrics';
import { storeJudgment } from '../judging/judgeJob';
import { recordDecision } from '../judging/reviewDecision';
import { safetyCheckSchema } from '../judging/safetyCheck';
import { operate } from '../sessions/operate';
import { sessionTokens } from '../sessions/sessionEditing';
import {
  applyReviewedRedactions,
  describeDecisions,
  detectionRecord,
  loadRedaction,
  pendingOf,
  type RedactionLibrary,
} from '../sessions/sessionRedaction';
import { newId } from '../util/ids';
import type { OpenProject } from './openProject';

const transcriptsSchema = z.array(
  z.object({
    title: z.string(),
    status: z.enum(['draft', 'approved', 'rejected', 'needs_review']),
    tags: z.array(z.string()),
    notes: z.string().nullable().default(null),
    metadata: z.record(z.string(), z.unknown()),
    turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string().min(1) })).min(2),
  }),
);

const studySchema = z.object({
  redaction: z.object({ kept: z.array(z.object({ kind: z.string(), text: z.string(), why: z.string() })) }),
  judge: z.object({ model: z.string(), rubric: z.string() }),
  personas: z.array(z.object({ key: z.string(), cell: personaCellSchema(), persona: personaSchema })).min(1),
  scenarios: z.array(z.object({ key: z.string(), persona: z.string(), theme: z.string(), answer: z.unknown() })).min(1),
  sessions: z
    .array(
      z.object({
        scenario: z.string(),
        targetTurns: z.number().int().min(2),
        turns: generatedSessionSchema.shape.turns,
        techniques: z.array(z.string()),
        judgment: z.unknown(),
        safetyCheck: safetyCheckSchema,
        review: z.discriminatedUnion('decision', [
          z.object({ decision: z.literal('approve') }),
          z.object({ decision: z.literal('reject'), reason: z.string().min(1) }),
        ]),
        humanRating: z.record(z.string(), z.number()),
      }),
    )
    .min(1),
});

/** Everything the sample's content says was done by hand, not by a model or a job. */
const HAND_WRITTEN = { sample: true, note: 'Written by hand for the sample project; no model was called.' };

/**
 * The first-launch project: the first half of the experiment already carried out, so the Study home
 * opens part-way with a real next step. Its transcripts were checked for personal details (the
 * decisions are in resources/sample/study.json); two personas, their scenarios and three sessions were
 * written from them, judged and reviewed by a person. Each is stored through the same steps the app's
 * own jobs use, so every count on the checklist is derived from rows like any project's.
 */
export async function seedSampleContent(project: OpenProject): Promise<void> {
  const pack = domainPackSchema.parse(cbtPack);
  const transcripts = transcriptsSchema.parse(sampleSessions);
  const study = studySchema.parse(sampleStudy);
  const lib = await loadRedaction();
  const now = Date.now();
  project.db.transaction(() => {
    project.meta.set('isSample', true);
    const ids = transcripts.map((s, i) => {
      const id = newId();
      project.sessions.insert({
        id,
        title: s.title,
        source: 'sample',
        status: s.status,
        tags: s.tags,
        systemPrompt: pack.systemPrompt,
        notes: s.notes,
        metadata: s.metadata,
        turns: s.turns,
        tokenCount: sessionTokens(pack.systemPrompt, s.turns),
        redaction: detectionRecord(lib.detectPii(s.turns, {})),
        createdAt: now - (transcripts.length - i) * 60_000,
      });
      return id;
    });
    clearPersonalDetails(project, lib, ids, study.redaction.kept);
    seedSynthetic(project, pack, study, now);
  })();
}

/** The sample's personal-detail review: every detection replaced by a placeholder except the false ones it lists. */
function clearPersonalDetails(project: OpenProject, lib: RedactionLibrary, ids: string[], kept: { kind: string; text: string }[]): void {
  const decisionsOf = (redaction: unknown): Record<string, 'accepted' | 'rejected'> =>
    Object.fromEntries(
      (pendingOf(redaction)?.detections ?? []).map((d) => [
        d.id,
        kept.some((k) => k.kind === d.kind && k.text === d.text) ? 'rejected' : 'accepted',
      ]),
    );
  operate(
    project,
    () => {},
    ids,
    'redaction',
    // The review leaves each transcript's own status (approved, draft…) as the sample describes it.
    (state) =>
      pendingOf(state.redaction)
        ? { ...applyReviewedRedactions(lib, decisionsOf(state.redaction), 'placeholder')(state), status: state.status }
        : null,
    (before) => describeDecisions(before.redaction, decisionsOf(before.redaction)),
  );
}

function seedSynthetic(project: OpenProject, pack: DomainPack, study: z.infer<typeof studySchema>, now: number): void {
  const prompt = (name: 'session' | 'judge') => ({ name, version: pack.prompts[name]!.version, template: pack.prompts[name]!.template });
  const personas = new Map(
    study.personas.map((p) => {
      const id = newId();
      project.personas.insert({
        id,
        name: p.persona.name,
        cell: p.cell,
        persona: p.persona,
        provenance: { ...HAND_WRITTEN, prompt: { name: 'persona', version: pack.prompts.persona!.version } },
        createdAt: now,
      });
      return [p.key, { id, name: p.persona.name, cell: p.cell }] as const;
    }),
  );
  const scenarios = new Map(
    study.scenarios.map((s) => {
      const persona = personas.get(s.persona)!;
      const answer = scenarioSchemaFor(pack).parse(s.answer);
      const id = newId();
      project.scenarios.insert({
        id,
        personaId: persona.id,
        theme: s.theme,
        summary: answer.summary,
        distortions: answer.cognitive_distortions.map((label) => distortionId(pack, label)!),
        scenario: answer.scenario,
        cognitiveModel: answer.cognitiveModel,
        provenance: { ...HAND_WRITTEN, prompt: { name: 'scenario', version: pack.prompts.scenario!.version } },
        createdAt: now,
      });
      return [s.key, { id, persona, summary: answer.summary, distortions: answer.cognitive_distortions }] as const;
    }),
  );
  const rubric = defaultRubrics.find((r) => r.id === study.judge.rubric)!;
  project.judgments.ensureRubric(rubric, true, now);
  for (const s of study.sessions) {
    const scenario = scenarios.get(s.scenario)!;
    const id = newId();
    // As the session job stores a generated session: waiting for review, with what it was written from.
    project.sessions.insert({
      id,
      title: `${scenario.persona.name}: ${scenario.summary.slice(0, 80)}`,
      source: 'synthetic',
      status: 'needs_review',
      tags: ['sample', 'synthetic'],
      systemPrompt: pack.systemPrompt,
      notes: null,
      metadata: {
        personaId: scenario.persona.id,
        scenarioId: scenario.id,
        mode: 'single',
        targetTurns: s.targetTurns,
        techniques: knownTechniques(pack, s.techniques),
        distortions: scenario.distortions.map((label) => distortionId(pack, label)!),
        style: scenario.persona.cell.style,
        riskLevel: scenario.persona.cell.riskLevel,
      },
      turns: s.turns,
      tokenCount: sessionTokens(pack.systemPrompt, s.turns),
      scenarioId: scenario.id,
      provenance: { ...HAND_WRITTEN, prompt: { name: 'session', version: prompt('session').version } },
      createdAt: now,
    });
    storeJudgment(
      project,
      { rubric, model: study.judge.model, prompt: prompt('judge') },
      { sessionId: id, repeat: 1 },
      { value: s.judgment },
      s.safetyCheck,
    );
    recordDecision(project, project.sessions.get(id)!, s.review.decision, s.review.decision === 'reject' ? s.review.reason : undefined);
    for (const [criterion, score] of Object.entries(s.humanRating)) {
      if (!rubric.criteria.some((c) => c.id === criterion))
        throw new Error(`The sample rates "${criterion}", which ${rubric.name} does not have.`);
      project.judgments.rate(id, rubric.id, criterion, score, now);
    }
  }
}
