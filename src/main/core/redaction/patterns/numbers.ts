import { matches, type Span } from '../span';
import type { PiiKind } from '../types';

// A run of digits with single separators between groups ("+44 (0)20 7946 0958", "123-45-6789").
// Each separator must be followed by a digit, so the run always ends on one.
const digitRun = /\+?\(?\d(?:\d|[ .-](?=\(?\d)|\)[ .-]?(?=\d)|\((?=\d))*/g;

// Words earlier in the same sentence that say what a number is. An identifier word wins over a
// phone word because "my NHS number is ..." holds both.
const idContext =
  /\b(?:nhs|ssn|social security|id|i\.d\.|identification|account|acct|policy|member(?:ship)?|patient|case|reference|ref|passport|licen[cs]e|insurance|medicare|medicaid|student|employee|claim|record|mrn|national insurance|zip|postcode|postal code|badge|payroll)\b[^.!?]*$/i;
const phoneContextAfter = /^\W{0,3}(?:call|text|ring|is my (?:number|cell|mobile|phone))\b/i;
const phoneContext = /\b(?:phone|call|text|cell|mobile|landline|reach|ring|whatsapp|fax|tel|hotline|helpline|dial|number)\b[^.!?]*$/i;

// Money, percentages and measures are never identifiers.
const notAnIdBefore = /[$£€¥#]\s?$/;
const notAnIdAfter =
  /^(?:\s?%|\s?(?:k|m|bn)\b|\s+(?:dollars|pounds|euros|quid|bucks|percent|steps|calories|words|people|miles|km|kg|lbs|times|years|days|hours|minutes|seconds))/i;

interface Verdict {
  kind: PiiKind;
  confidence: number;
}

/** What a digit run is, from its shape and the words before it; null for years, counts, scores. */
export function classifyNumber(run: string, before: string, after = ''): Verdict | null {
  const digits = run.replace(/\D/g, '').length;
  if (/^\d{3}-\d{2}-\d{4}$/.test(run)) return { kind: 'id', confidence: 0.95 };
  if (idContext.test(before) && digits >= 5) return { kind: 'id', confidence: 0.85 };
  if (run.startsWith('+') && digits >= 8 && digits <= 15) return { kind: 'phone', confidence: 0.95 };
  if (/^(?:1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$/.test(run)) return { kind: 'phone', confidence: 0.9 };
  if (/^0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}$/.test(run) && digits >= 10 && digits <= 11) return { kind: 'phone', confidence: 0.9 };
  if (/^\d{3}[ .-]\d{4}$/.test(run)) return { kind: 'phone', confidence: 0.75 };
  if ((phoneContext.test(before) || phoneContextAfter.test(after)) && digits >= 7 && digits <= 15)
    return { kind: 'phone', confidence: 0.8 };
  if (/^\d{10}$/.test(run)) return { kind: 'id', confidence: 0.8 };
  if (/^\d{6,}$/.test(run)) return { kind: 'id', confidence: 0.75 };
  if (/^\d{3}[ -]\d{3}[ -]\d{4}$/.test(run)) return { kind: 'id', confidence: 0.7 };
  return null;
}

/** Phone numbers and numeric identifiers. */
export function findNumbers(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end } of matches(digitRun, text)) {
    const prev = text[start - 1] ?? '';
    // Part of a word, a decimal, a date or a time ("B12", "3.5", "12/03", "10:30").
    if (/[\w/:,]/.test(prev) || (prev === '.' && /\d/.test(text[start - 2] ?? ''))) continue;
    if (/^[\w/:]/.test(text.slice(end, end + 1)) || /^[.,]\d/.test(text.slice(end, end + 2))) continue;
    if (notAnIdBefore.test(text.slice(0, start)) || notAnIdAfter.test(text.slice(end))) continue;
    const sentenceBefore = text.slice(Math.max(0, start - 60), start);
    // A run joined by spaces to an unrelated number ("room 12 555-1234"): drop leading groups.
    let s = start;
    while (s < end) {
      const run = text.slice(s, end);
      const verdict = classifyNumber(run, sentenceBefore + text.slice(start, s), text.slice(end, end + 30));
      if (verdict) {
        out.push({ start: s, end, ...verdict, source: 'pattern' });
        break;
      }
      const nextSpace = text.indexOf(' ', s);
      if (nextSpace < 0 || nextSpace >= end) break;
      s = nextSpace + 1;
    }
  }
  return out;
}

// Letters then digits: "AB123456", "QQ123456C", "MRN-448812"; or digits then letters, as in an
// Irish PPS number "1234567TA". Two digits or fewer ("PHQ-9", "B12") are scale names and vitamins.
const alphaCode = /\b(?:[A-Z]{1,4}-?\d{4,}[A-Z]{0,2}|\d{6,}[A-Z]{1,2})\b/g;
// UK postcodes ("SW1A 1AA", "M1 1AE"), Canadian ones ("M4S 2B5") and a US ZIP after a state ("IL 62704", "Illinois 62704").
const postcode = /\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d)\b/g;
const zipAfterState = /\b(?:[A-Z]{2}|[A-Z][a-z]+),? (\d{5}(?:-\d{4})?)\b(?![.,]\d)/dg;

export function findCodes(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end } of matches(alphaCode, text)) out.push({ start, end, kind: 'id', source: 'pattern', confidence: 0.85 });
  for (const { start, end } of matches(postcode, text)) out.push({ start, end, kind: 'id', source: 'pattern', confidence: 0.85 });
  for (const { start, end } of matches(zipAfterState, text, 1)) out.push({ start, end, kind: 'id', source: 'pattern', confidence: 0.8 });
  return out;
}
