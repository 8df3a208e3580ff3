import { lexiconKind } from './nlpTerms';
import { overlaps, type Span } from './span';
import { honorifics, neverPii } from './words';

interface Form {
  kind: 'name' | 'place';
  source: Span['source'];
  confidence: number;
}

/** A name or place known from elsewhere in the project (accepted in another session). */
export interface KnownDetail {
  text: string;
  kind: 'name' | 'place';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The full text of every name and place found, and each word of a name ("Priya Shah" → "Priya", "Shah"). */
function forms(texts: string[], spans: Span[][], known: readonly KnownDetail[]): Map<string, Form> {
  const out = new Map<string, Form>();
  // Names and places a person accepted in other sessions of the project are looked for here too.
  for (const k of known) {
    const key = k.text.trim().toLowerCase();
    if (key.length >= 2 && !neverPii.has(key) && !honorifics.has(key)) out.set(key, { kind: k.kind, source: 'pattern', confidence: 0.6 });
  }
  spans.forEach((turnSpans, i) => {
    for (const s of turnSpans) {
      // Only finds with a reason behind them spread: a guess ("Childcare," read as someone spoken to) must not
      // turn every "childcare" of the session into a name.
      if ((s.kind !== 'name' && s.kind !== 'place') || s.confidence < 0.55) continue;
      const text = texts[i]?.slice(s.start, s.end) ?? '';
      const form: Form = { kind: s.kind, source: s.source, confidence: Math.round(s.confidence * 90) / 100 };
      const words = s.kind === 'name' ? text.split(/\s+/).map((w) => w.replace(/[.,]+$/, '')) : [];
      for (const f of [text, ...words]) {
        const key = f.toLowerCase();
        if (f.length < 2 || honorifics.has(key) || neverPii.has(key) || out.has(key)) continue;
        out.set(key, form);
      }
    }
  });
  return out;
}

/**
 * A name or place found once is the same wherever it appears in the session, in any case and before
 * a possessive ("My friend Priya" gives away "priya's" and "PRIYA" further on, where nothing around
 * them says they are names). Longer forms go first. A word that is also an ordinary word counts only
 * capitalised ("the Cancer Society" must not make every "society" a name) and not at the start of a
 * sentence ("Will you…").
 */
export function propagateNames(texts: string[], spans: Span[][], known: readonly KnownDetail[] = []): void {
  const found = forms(texts, spans, known);
  const ordered = [...found.entries()]
    .sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    .map(([key, form]) => ({ key, form, re: new RegExp(`(?<![\\p{L}\\p{N}@.])${escape(key)}(?![\\p{L}\\p{N}@]|\\.\\p{L})`, 'giu') }));
  texts.forEach((text, i) => {
    const turnSpans = spans[i];
    if (!turnSpans) return;
    for (const { key, form, re } of ordered) {
      for (const m of text.matchAll(re)) {
        const start = m.index;
        const span: Span = { start, end: start + m[0].length, kind: form.kind, source: form.source, confidence: form.confidence };
        if (turnSpans.some((s) => overlaps(s, span))) continue;
        const ordinary = lexiconKind(key) === 'word';
        // "maria", "MARIA", "portland": people type names in any case. A name that is also an ordinary
        // word ("Hope", "Will") spreads only where it is capitalised, and not at a sentence start.
        if (ordinary && !/^\p{Lu}\p{Ll}/u.test(m[0])) continue;
        if (ordinary && /(?:^|[.!?"“(-]\s*)$/.test(text.slice(0, start))) continue;
        turnSpans.push(span);
      }
    }
    turnSpans.sort((a, b) => a.start - b.start || a.end - b.end);
  });
}
