/** Kinds of personal detail the redaction step looks for in transcripts. */
export const piiKinds = ['name', 'place', 'address', 'phone', 'email', 'url', 'date', 'age', 'id'] as const;
export type PiiKind = (typeof piiKinds)[number];

/** The smallest shape of a turn redaction needs; callers may pass richer turns. */
export interface RedactionTurn {
  role: 'user' | 'assistant' | 'system';
  text: string;
}

/** One span of a turn that looks like a personal detail, shown to a person for accept/reject. */
export interface Detection {
  /** Stable across runs on the same text: `${turnIndex}:${start}:${end}`. */
  id: string;
  turnIndex: number;
  /** UTF-16 offsets into that turn's text (what `String.prototype.slice` takes). */
  start: number;
  end: number;
  text: string;
  kind: PiiKind;
  /** 'nlp' from the language library (names, places), 'pattern' from the structured-kind patterns. */
  source: 'nlp' | 'pattern';
  /** 0..1, a rough prior per rule, so the review screen can sort doubtful ones first. */
  confidence: number;
}

export interface DetectOptions {
  /** Only these kinds are returned; all kinds when absent. */
  kinds?: PiiKind[];
  /** Words or phrases never flagged (case-insensitive), e.g. 'CBT', 'God', a clinic's public name. */
  allowList?: string[];
  /**
   * Names and places accepted in other sessions of the project: looked for in this one too, in any
   * case, even where nothing around them says they are names ("project-wide" propagation).
   */
  known?: { text: string; kind: 'name' | 'place' }[];
}

export type Decision = 'accepted' | 'rejected';
export type RedactionMode = 'placeholder' | 'surrogate';

export interface ReportedDetection extends Detection {
  decision: Decision;
  /** What replaced the text; null when rejected (the text was left as it was). */
  replacement: string | null;
}

export interface RedactionReport {
  detections: ReportedDetection[];
  mode: RedactionMode;
  counts: Record<PiiKind, { accepted: number; rejected: number }>;
  /** ISO 8601 time the redactions were applied. */
  appliedAt: string;
}

/** A detection waiting for a decision is accepted: when in doubt, a personal detail is removed. */
export type Decisions = Record<string, Decision>;

export const emptyCounts = (): RedactionReport['counts'] =>
  Object.fromEntries(piiKinds.map((k) => [k, { accepted: 0, rejected: 0 }])) as RedactionReport['counts'];
