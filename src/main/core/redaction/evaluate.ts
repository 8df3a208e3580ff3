import { overlaps } from './span';
import { type Detection, type PiiKind, piiKinds, type RedactionTurn } from './types';

/** A hand-labelled span of the evaluation set. */
export interface GoldSpan {
  turn: number;
  start: number;
  end: number;
  kind: PiiKind;
}

export interface KindScore {
  gold: number;
  detected: number;
  /** Gold spans found (overlapped by a detection of the same kind). */
  found: number;
  /** Detections that overlap a gold span of the same kind. */
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  overall: KindScore;
  perKind: Record<PiiKind, KindScore>;
}

const hit = (g: GoldSpan, d: Detection) => g.turn === d.turnIndex && g.kind === d.kind && overlaps(g, d);

function score(gold: GoldSpan[], detections: readonly Detection[]): KindScore {
  const found = gold.filter((g) => detections.some((d) => hit(g, d))).length;
  const correct = detections.filter((d) => gold.some((g) => hit(g, d))).length;
  // With nothing to find, or nothing found, the empty side counts as perfect rather than undefined.
  const recall = gold.length ? found / gold.length : 1;
  const precision = detections.length ? correct / detections.length : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { gold: gold.length, detected: detections.length, found, correct, precision, recall, f1 };
}

/**
 * Precision and recall of detections against gold spans, overall and per kind. A detection counts
 * when it overlaps a gold span of exactly the same kind (an address found as a place is a miss),
 * so a span cut slightly short or long still counts, but the wrong kind never does.
 */
export function scoreDetections(gold: GoldSpan[], detections: readonly Detection[]): Scores {
  const perKind = Object.fromEntries(
    piiKinds.map((k) => [
      k,
      score(
        gold.filter((g) => g.kind === k),
        detections.filter((d) => d.kind === k),
      ),
    ]),
  ) as Record<PiiKind, KindScore>;
  return { overall: score(gold, detections), perKind };
}

/** The scores as a fixed-width table, for test output and the bench. */
export function formatScores(s: Scores): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, k: KindScore) =>
    `${name.padEnd(8)} ${String(k.gold).padStart(5)} ${String(k.detected).padStart(9)} ${pct(k.precision)} ${pct(k.recall)} ${pct(k.f1)}`;
  return [
    `${'kind'.padEnd(8)} ${'gold'.padStart(5)} ${'detected'.padStart(9)} ${'prec.'.padStart(7)} ${'recall'.padStart(7)} ${'F1'.padStart(7)}`,
    ...piiKinds.map((k) => row(k, s.perKind[k])),
    row('overall', s.overall),
  ].join('\n');
}

/** A labelled set written as marked-up text: one session per `## id`, gold spans as `[kind:text]`. */
export interface MarkedSession {
  id: string;
  turns: RedactionTurn[];
  gold: GoldSpan[];
}

const marker = /\[([a-z]+):([^\]]+)\]/g;

/**
 * Reads a marked-up labelled set. Writing details inline keeps a large set easy to write and check
 * by eye; offsets are computed here, so an edit can never leave a gold span pointing at the wrong text.
 */
export function parseMarkedSet(source: string): MarkedSession[] {
  const sessions: MarkedSession[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('## ')) sessions.push({ id: line.slice(3).trim(), turns: [], gold: [] });
    const turn = /^([CT]):\s?(.*)$/.exec(line);
    const session = sessions.at(-1);
    if (!turn || !session) continue;
    let text = '';
    let last = 0;
    const body = turn[2] ?? '';
    for (const m of body.matchAll(marker)) {
      const kind = m[1] as PiiKind;
      if (!piiKinds.includes(kind)) throw new Error(`Unknown kind "${kind}" in session ${session.id}: ${line}`);
      text += body.slice(last, m.index);
      session.gold.push({ turn: session.turns.length, start: text.length, end: text.length + (m[2] ?? '').length, kind });
      text += m[2];
      last = m.index + m[0].length;
    }
    session.turns.push({ role: turn[1] === 'C' ? 'user' : 'assistant', text: text + body.slice(last) });
  }
  return sessions;
}

/** Detection run session by session, as the app does, scored over the whole set. */
export function scoreMarkedSet(sessions: readonly MarkedSession[], detect: (turns: RedactionTurn[]) => Detection[]): Scores {
  const gold: GoldSpan[] = [];
  const found: Detection[] = [];
  let offset = 0;
  for (const s of sessions) {
    gold.push(...s.gold.map((g) => ({ ...g, turn: g.turn + offset })));
    found.push(...detect(s.turns).map((d) => ({ ...d, turnIndex: d.turnIndex + offset })));
    offset += s.turns.length;
  }
  return scoreDetections(gold, found);
}
