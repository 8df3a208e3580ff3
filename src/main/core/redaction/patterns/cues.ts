import { matches, type Span } from '../span';
import { neverPii } from '../words';

// "called" is left out: "a chapter called Thinking Traps" names a thing, not a person.
// The language library only knows common names ("Sarah", not "Priya" or "Kwame"). Words around a
// name often say it is one, whatever the name: "my friend Priya", "my name is Kwame", "Hi Tunde".
const name = "((?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\\.?\\s+)?\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)?)";
const kin =
  '(?:friend|best friend|boyfriend|girlfriend|partner|husband|wife|ex|fiancée?|son|daughter|brother|sister|mom|mum|dad|mother|father|stepdad|stepmom|stepmum|cousin|aunt|auntie|uncle|grandma|grandpa|nan|niece|nephew|boss|manager|coworker|colleague|teacher|roommate|flatmate|neighbour|neighbor|therapist|counselor|counsellor|doctor|GP|sponsor|pastor)';
// Greetings match whatever their case ("Good morning, Priya", "good morning Priya"); the name still
// needs its capital.
const greetings = [
  'hi',
  'hello',
  'hey',
  'thanks',
  'thank you',
  'welcome',
  'bye',
  'goodbye',
  'good morning',
  'good afternoon',
  'good evening',
  'morning',
  'evening',
]
  .map((g) => g.replace(/\b\w/g, (c) => `[${c.toUpperCase()}${c}]`))
  .join('|');
const cues: { re: RegExp; confidence: number }[] = [
  {
    re: new RegExp(
      `\\b(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Yy]our)\\s+(?:older |younger |little |big |new |old )?${kin},?\\s+${name}`,
      'dgu',
    ),
    confidence: 0.75,
  },
  { re: new RegExp(`\\b(?:named|name is|name's|call me|I go by|goes by)\\s+${name}`, 'dgu'), confidence: 0.8 },
  { re: new RegExp(`\\b(?:${greetings})[,!]?\\s+${name}(?=\\s*[,.!?]|\\s+(?:and|how|it|I|thanks|for)\\b)`, 'dgu'), confidence: 0.75 },
  // A title says a surname follows, whatever the case of the title: "mrs Okonkwo-Baptiste", "Mr. Castellano-Whitby".
  { re: /\b((?:[Dd]r|[Mm]rs?|[Mm][sx]|[Pp]rof)\.?\s+\p{Lu}[\p{L}'’-]+)/dgu, confidence: 0.8 },
];

// Schools, hospitals and clinics say where someone can be found: "Lincoln High School",
// "St. Mary's Hospital", "University of Leeds".
const institution =
  /\b((?:(?:St\.?|Saint)\s+)?(?:\p{Lu}[\p{L}'’]*\s+){1,4}(?:School|Elementary|Academy|College|University|Institute|Hospital|Clinic|Centre|Center|Church|Mosque|Synagogue|Temple|Prison|Hospice)|(?:University|College|Hospital) of \p{Lu}\p{L}+)\b/dgu;

/** Drops trailing words that are not name parts ("my friend Priya Okay" keeps "Priya"). */
function nameEnd(text: string, start: number, end: number): number {
  const words = text.slice(start, end).split(/\s+/);
  while (words.length > 1 && neverPii.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  return start + words.join(' ').length;
}

export function findCuedNames(text: string): Span[] {
  const out: Span[] = [];
  for (const { re, confidence } of cues) {
    for (const { start, end } of matches(re, text, 1)) {
      const e = nameEnd(text, start, end);
      const word = text.slice(start, e).replace(/^(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+/i, '');
      if (neverPii.has(word.toLowerCase())) continue;
      out.push({ start, end: /['’]s$/.test(text.slice(start, e)) ? e - 2 : e, kind: 'name', source: 'pattern', confidence });
    }
  }
  return out;
}

export function findInstitutions(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end } of matches(institution, text, 1)) {
    // "The Priory Clinic": the article is not part of the name.
    const lead = /^(?:The|A|My|Our)\s+/.exec(text.slice(start, end))?.[0].length ?? 0;
    if (end - start - lead > 0) out.push({ start: start + lead, end, kind: 'place', source: 'pattern', confidence: 0.8 });
  }
  return out;
}
