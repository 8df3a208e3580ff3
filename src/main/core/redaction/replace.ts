import { spreadDecisions } from './decisions';
import { type Entity, groupEntities } from './entities';
import { placeholders } from './placeholders';
import { overlaps } from './span';
import { surrogateContext, surrogateFor } from './surrogates';
import {
  type Decision,
  type Decisions,
  type Detection,
  emptyCounts,
  type RedactionMode,
  type RedactionReport,
  type RedactionTurn,
  type ReportedDetection,
} from './types';

export interface ApplyOptions {
  /** The report's time; the clock when absent. */
  now?: Date;
}

/** Refuses detections that no longer fit the text: applying them would corrupt the turn. */
function check(turns: readonly RedactionTurn[], detections: readonly Detection[]): void {
  for (const d of detections) {
    const text = turns[d.turnIndex]?.text;
    if (text === undefined || text.slice(d.start, d.end) !== d.text) {
      throw new Error(`Detection ${d.id} ("${d.text}") does not match turn ${d.turnIndex} any more; detect again.`);
    }
  }
}

/**
 * Replaces the accepted detections with placeholders (`[CLIENT_NAME_1]`, `[PHONE_2]`…) or with
 * seeded surrogates, and reports every decision. A detection without a decision takes its entity's
 * decision, else it is accepted: when nobody looked, the personal detail is removed rather than trained on.
 */
export function applyRedactions<T extends RedactionTurn>(
  turns: readonly T[],
  detections: readonly Detection[],
  decisions: Decisions,
  mode: RedactionMode,
  seed = 'hybrid-data-studio',
  options: ApplyOptions = {},
): { turns: T[]; report: RedactionReport } {
  check(turns, detections);
  const ordered = [...detections].sort((a, b) => a.turnIndex - b.turnIndex || a.start - b.start || a.end - b.end);
  // A decision on one mention holds for the entity's other mentions unless they have their own.
  const spread = spreadDecisions(turns, detections, decisions);
  const decisionOf = (d: Detection): Decision => spread[d.id] ?? 'accepted';
  const accepted = ordered.filter((d) => decisionOf(d) === 'accepted');
  accepted.forEach((d, i) => {
    const next = accepted[i + 1];
    if (next && next.turnIndex === d.turnIndex && overlaps(d, next))
      throw new Error(`Detections ${d.id} and ${next.id} overlap; accept only one.`);
  });

  const entities = groupEntities(turns, accepted);
  const labels = placeholders(entities.values());
  const label = (e: Entity) => labels.get(e) ?? `[${e.kind.toUpperCase()}]`;
  const ctx = surrogateContext(seed, label);
  const replacement = new Map<string, string>();
  for (const d of accepted) {
    const e = entities.get(d.id);
    if (e) replacement.set(d.id, mode === 'placeholder' ? label(e) : surrogateFor(e, d, ctx));
  }

  // From the end of each turn backwards, so earlier offsets stay valid while the text changes.
  const out = turns.map((t) => ({ ...t }));
  for (const d of [...accepted].reverse()) {
    const turn = out[d.turnIndex];
    const r = replacement.get(d.id);
    if (turn && r !== undefined) turn.text = turn.text.slice(0, d.start) + r + turn.text.slice(d.end);
  }

  const counts = emptyCounts();
  const reported: ReportedDetection[] = ordered.map((d) => {
    const decision = decisionOf(d);
    counts[d.kind][decision]++;
    return { ...d, decision, replacement: decision === 'accepted' ? (replacement.get(d.id) ?? null) : null };
  });
  return { turns: out, report: { detections: reported, mode, counts, appliedAt: (options.now ?? new Date()).toISOString() } };
}
