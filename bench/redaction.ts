import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectPii, formatScores, scoreDetections, type GoldSpan } from '../src/main/core/redaction';
import type { RedactionTurn } from '../src/main/core/redaction/types';
import { printSection } from './measure';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction');

/** Precision and recall of personal-detail detection on the hand-labelled sets (main and holdout). */
export async function redactionBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of ['labelled', 'labelled-holdout']) {
    const set = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { turns: RedactionTurn[]; gold: GoldSpan[] };
    const started = performance.now();
    const detections = detectPii(set.turns);
    const ms = performance.now() - started;
    const scores = scoreDetections(set.gold, detections);
    console.log(`\nRedaction on ${name}.json (${set.turns.length} turns, ${set.gold.length} gold spans, ${ms.toFixed(0)} ms)\n${formatScores(scores)}`);
    out[name] = { turns: set.turns.length, gold: set.gold.length, precision: scores.overall.precision, recall: scores.overall.recall, ms: Math.round(ms) };
  }
  printSection('Redaction summary', out);
  return out;
}
