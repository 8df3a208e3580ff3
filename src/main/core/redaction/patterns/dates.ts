import { matches, type Span } from '../span';
import { monthPattern } from '../words';

// Only specific calendar dates are redacted. "last Tuesday", "Monday", "in 2019" and "March" alone
// say nothing about who someone is, and removing them hurts the training text.
const weekday = '(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\\s+)?';
const ordinal = '(?:st|nd|rd|th)?';

const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g;
const numeric = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/g;
const monthFirst = new RegExp(
  `\\b${weekday}${monthPattern}\\.?\\s+(\\d{1,2})${ordinal}(?:,?\\s+(\\d{4}))?\\b(?!\\s*(?:%|percent|times|people|minutes|hours|days|weeks|months|years))`,
  'g',
);
// "the 3rd of March": the article stays in the text; a dot after the month is kept only before a year.
const dayFirst = new RegExp(`\\b${weekday}(\\d{1,2})${ordinal}\\s+(?:of\\s+)?${monthPattern}\\b(?:\\.?,?\\s+(\\d{4}))?`, 'g');
// With a year after it, a month is a month in any case ("june 2023").
const monthYear = new RegExp(`\\b${monthPattern}\\.?,?\\s+(?:of\\s+)?((?:19|20)\\d{2})\\b`, 'gi');
// "before the 15th", "birthday is 5/17": a day or month/day a word before marks as a date.
const dayOfMonth =
  /\b(?:on|before|after|by|until|till|since|from)\s+the\s+(\d{1,2}(?:st|nd|rd|th))\b(?!\s+(?:time|floor|century|grade|place|percentile|round|try|attempt))/dg;
const monthDay = /\b(?:on|birthday is|birthday's|anniversary is|due|since|until|till)\s+(\d{1,2})\/(\d{1,2})\b(?![/\d])/dg;

const validDay = (d: number) => d >= 1 && d <= 31;
const validMonth = (m: number) => m >= 1 && m <= 12;

const span = (start: number, end: number, confidence: number): Span => ({ start, end, kind: 'date', source: 'pattern', confidence });

export function findDates(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end, m } of matches(iso, text)) {
    if (validMonth(Number(m[2])) && validDay(Number(m[3]))) out.push(span(start, end, 0.95));
  }
  for (const { start, end, m } of matches(numeric, text)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    // 12/03/2021 is read day-first or month-first; either reading makes it a date.
    if ((validMonth(a) && validDay(b)) || (validDay(a) && validMonth(b))) out.push(span(start, end, 0.9));
  }
  for (const { start, end, m } of matches(monthFirst, text)) {
    if (validDay(Number(m[1]))) out.push(span(start, end, m[2] ? 0.95 : 0.85));
  }
  for (const { start, end, m } of matches(dayFirst, text)) {
    if (validDay(Number(m[1]))) out.push(span(start, end, m[2] ? 0.95 : 0.85));
  }
  for (const { start, end } of matches(monthYear, text)) out.push(span(start, end, 0.85));
  for (const { start, end, m } of matches(dayOfMonth, text, 1)) if (validDay(parseInt(m[1] ?? '', 10))) out.push(span(start, end, 0.75));
  for (const { m } of matches(monthDay, text)) {
    const at = m.indices?.[1];
    const to = m.indices?.[2];
    if (at && to && validMonth(Number(m[1])) && validDay(Number(m[2]))) out.push(span(at[0], to[1], 0.75));
  }
  return out;
}
