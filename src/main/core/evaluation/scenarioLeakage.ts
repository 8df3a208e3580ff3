import type { EvalScenario } from '../../../shared/api/evaluation';
import { shingles } from '../sessions/minhash';

/** At least this share of a scenario's word 3-shingles found in one training session counts as leaked. */
export const CONTAINMENT_THRESHOLD = 0.5;

export interface TrainingText {
  sessionId: string;
  title: string;
  datasetVersionId: string;
  text: string;
}

const scenarioText = (s: EvalScenario) =>
  [s.intake, s.cognitiveModel.situation, s.cognitiveModel.automaticThought, s.cognitiveModel.behaviour].join('\n');

/**
 * Scenarios a model may have seen in training. A scenario is short and a session long, so the measure
 * is containment (the share of the scenario's shingles that occur in the session), not Jaccard
 * similarity, which the length difference would always keep low. Lexical: it catches copies and close
 * paraphrases, not a situation retold in other words.
 */
export function scenarioLeakage(
  scenarios: EvalScenario[],
  sessions: Iterable<TrainingText>,
  threshold = CONTAINMENT_THRESHOLD,
): ScenarioLeak[] {
  const match = scenarioMatcher(scenarios, threshold);
  const found: ScenarioLeak[] = [];
  for (const session of sessions) found.push(...match(session));
  return strongest(found);
}

export interface ScenarioLeak {
  scenarioId: string;
  title: string;
  sessionId: string;
  sessionTitle: string;
  datasetVersionId: string;
  similarity: number;
}

/** The scenarios found in one session; sessions can then be read one at a time (a freeze streams them). */
export function scenarioMatcher(scenarios: EvalScenario[], threshold = CONTAINMENT_THRESHOLD): (session: TrainingText) => ScenarioLeak[] {
  const wanted = scenarios.map((s) => ({ scenario: s, shingles: shingles(scenarioText(s)) })).filter((w) => w.shingles.size > 0);
  return (session) => {
    if (wanted.length === 0) return [];
    const have = shingles(session.text);
    const out: ScenarioLeak[] = [];
    for (const { scenario, shingles: mine } of wanted) {
      let found = 0;
      for (const h of mine) if (have.has(h)) found++;
      const containment = found / mine.size;
      if (containment >= threshold)
        out.push({
          scenarioId: scenario.id,
          title: scenario.title,
          sessionId: session.sessionId,
          sessionTitle: session.title,
          datasetVersionId: session.datasetVersionId,
          similarity: containment,
        });
    }
    return out;
  };
}

/** The best containment per scenario and session, strongest first, at most 200 (in the order found on ties). */
export function strongest(found: readonly ScenarioLeak[]): ScenarioLeak[] {
  const best = new Map<string, ScenarioLeak>();
  for (const leak of found) {
    const key = `${leak.scenarioId}:${leak.sessionId}`;
    if ((best.get(key)?.similarity ?? 0) < leak.similarity) best.set(key, leak);
  }
  return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, 200);
}
