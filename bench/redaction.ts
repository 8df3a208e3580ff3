import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPii, formatScores, parseMarkedSet, scoreDetections, scoreMarkedSet, type GoldSpan } from '../src/main/core/redaction';
import type { RedactionTurn } from '../src/main/core/redaction/types';
import { printSection } from './measure';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction');

/**
 * Precision and recall of personal-detail detection on the hand-labelled sets: the main and holdout
 * sets (the detector was tuned on them), and the two fresh counseling sets written for issue 13,
 * scored session by session as the app detects.
 */
export async function redactionBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of ['labelled', 'labelled-holdout']) {
    const set = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { turns: RedactionTurn[]; gold: GoldSpan[] };
    const started = performance.now();
    const detections = detectPii(set.turns);
    const ms = performance.now() - started;
    const scores = scoreDetections(set.gold, detections);
    console.log(
      `\nRedaction on ${name}.json (${set.turns.length} turns, ${set.gold.length} gold spans, ${ms.toFixed(0)} ms)\n${formatScores(scores)}`,
    );
    out[name] = {
      turns: set.turns.length,
      gold: set.gold.length,
      precision: scores.overall.precision,
      recall: scores.overall.recall,
      ms: Math.round(ms),
    };
  }
  // The fresh set guided the detector changes of issue 13; its holdout was written after them and never tuned on.
  for (const name of ['fresh-counseling', 'fresh-counseling-holdout']) {
    const fresh = parseMarkedSet(readFileSync(join(fixtures, `${name}.txt`), 'utf8'));
    const turns = fresh.reduce((n, s) => n + s.turns.length, 0);
    const gold = fresh.reduce((n, s) => n + s.gold.length, 0);
    const started = performance.now();
    const scores = scoreMarkedSet(fresh, (t) => detectPii(t));
    const ms = performance.now() - started;
    console.log(
      `\nRedaction on ${name}.txt (${fresh.length} sessions, ${turns} turns, ${gold} gold spans, ${ms.toFixed(0)} ms)\n${formatScores(scores)}`,
    );
    out[name] = {
      sessions: fresh.length,
      turns,
      gold,
      precision: scores.overall.precision,
      recall: scores.overall.recall,
      ms: Math.round(ms),
    };
  }
  printSection('Redaction summary', out);
  return out;
}
