import { createHash } from 'node:crypto';
import type { EvalScenario } from '../../../shared/api/evaluation';

/**
 * The content hash of a frozen scenario set: SHA-256 over what a model meets and a judge checks
 * (title, intake, style, risk, hidden cognitive model), in the set's order, with fixed key order.
 * Ids are random per import and `source` says how a scenario arrived, so neither enters: the same
 * file imported twice, into any set, hashes the same, and any edit to a scenario changes the hash.
 */
export function scenarioSetHash(scenarios: readonly EvalScenario[]): string {
  const canonical = scenarios.map((s) => [
    s.title,
    s.intake,
    s.style,
    s.riskLevel,
    [
      s.cognitiveModel.situation,
      s.cognitiveModel.automaticThought,
      s.cognitiveModel.emotion,
      s.cognitiveModel.behaviour,
      s.cognitiveModel.coreBelief,
      s.cognitiveModel.distortions,
    ],
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
