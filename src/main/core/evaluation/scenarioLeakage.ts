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

const scenarioText = (s: EvalScenario) => [s.intake, s.cognitiveModel.situation, s.cognitiveModel.automaticThought, s.cognitiveModel.behaviour].join('\n');

/**
 * Scenarios a model may have seen in training. A scenario is short and a session long, so the measure
 * is containment (the share of the scenario's shingles that occur in the session), not Jaccard
 * similarity, which the length difference would always keep low. Lexical: it catches copies and close
 * paraphrases, not a situation retold in other words.
 */
export function scenarioLeakage(scenarios: EvalScenario[], sessions: Iterable<TrainingText>, threshold = CONTAINMENT_THRESHOLD) {
  const wanted = scenarios.map((s) => ({ scenario: s, shingles: shingles(scenarioText(s)) }));
  const best = new Map<string, { scenarioId: string; title: string; sessionId: string; sessionTitle: string; datasetVersionId: string; similarity: number }>();
  for (const session of sessions) {
    const have = shingles(session.text);
    for (const { scenario, shingles: mine } of wanted) {
      if (mine.size === 0) continue;
      let found = 0;
      for (const h of mine) if (have.has(h)) found++;
      const containment = found / mine.size;
      const key = `${scenario.id}:${session.sessionId}`;
      if (containment >= threshold && (best.get(key)?.similarity ?? 0) < containment) {
        best.set(key, { scenarioId: scenario.id, title: scenario.title, sessionId: session.sessionId, sessionTitle: session.title, datasetVersionId: session.datasetVersionId, similarity: containment });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, 200);
}
