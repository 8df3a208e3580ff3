import { lexiconKind, lexiconPlace, readsAsWord } from '../nlpTerms';
import { matches, type Span } from '../span';
import { neverPii } from '../words';

// People type in lower case ("my coworker priya", "im kenji"). Where the words around say a name
// follows, a lower-case word counts when the dictionary does not know it as an ordinary word.
const word = "([\\p{L}][\\p{L}'’-]+)";
const kin =
  '(?:friend|best friend|buddy|mate|boyfriend|girlfriend|partner|husband|wife|ex|son|daughter|brother|sister|mom|mum|dad|stepdad|stepmom|cousin|aunt|uncle|grandma|grandpa|niece|nephew|boss|manager|supervisor|coworker|co-worker|colleague|teacher|roommate|flatmate|neighbour|neighbor|therapist|counselor|counsellor|doctor|nurse|charge nurse|lawyer|sponsor|pastor|principal)';
const nameCues: RegExp[] = [
  new RegExp(`\\b(?:my|his|her|our|their)\\s+${kin},?\\s+${word}`, 'dgiu'),
  // "I'm Hollis.", "im kenji, 29": a self-introduction ends at punctuation, or "I'm tired" would count.
  new RegExp(`(?:^|[\\s,.!?])(?:I'm|I’m|im|I am)\\s+${word}(?=\\s*[,.!?]|\\s*$)`, 'dgiu'),
];

/** A lower-case or capitalised word that a cue says is a name, unless it is an ordinary word. */
const nameLike = (w: string) => w.length >= 3 && !neverPii.has(w.toLowerCase()) && !readsAsWord(w.replace(/['’]s$/, ''));

export function findContextNames(text: string): Span[] {
  const out: Span[] = [];
  for (const re of nameCues) {
    for (const { start, end, m } of matches(re, text, 1)) {
      const w = m[1] ?? '';
      if (!nameLike(w)) continue;
      out.push({ start, end: /['’]s$/.test(w) ? end - 2 : end, kind: 'name', source: 'pattern', confidence: 0.7 });
    }
  }
  return out;
}

// "in tulsa", "from sacramento": a place the dictionary knows, typed in lower case.
const lowerPlace = /\b(?:in|from|near|to|outside|around)\s+([a-z][a-z'’-]+(?:\s+[a-z][a-z'’-]+)?)\b/dg;
// Where someone works says where they can be found: "I work at Rosewood Bakery", "my employer
// Brazos Energy Partners", "a startup called Brightloop".
const org = "((?:\\p{Lu}[\\p{L}'’&-]*\\s+){0,3}\\p{Lu}[\\p{L}'’&-]*)";
const workplaces = [
  new RegExp(`\\b(?:work|works|worked|working|job|shift|employed|volunteer|volunteers)\\s+(?:at|for)\\s+(?:the\\s+)?${org}`, 'dgu'),
  new RegExp(`\\b(?:employer|company|firm)\\s+(?:is\\s+)?${org}`, 'dgu'),
  new RegExp(`\\b(?:company|startup|firm|shop|store|business|agency|restaurant|bakery|cafe|bar)\\s+called\\s+${org}`, 'dgu'),
];
const road = /\b((?:Route|Highway|Hwy|Interstate|I-)\s?\d{1,3})\b/dg;

export function findContextPlaces(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end, m } of matches(lowerPlace, text, 1)) {
    const words = (m[1] ?? '').split(/\s+/);
    // Two words ("new york") or one ("tulsa"): the longest the dictionary knows as a place.
    if (words.length === 2 && lexiconPlace(words.join(' '))) out.push({ start, end, kind: 'place', source: 'pattern', confidence: 0.65 });
    else if (lexiconPlace(words[0] ?? ''))
      out.push({ start, end: start + (words[0] ?? '').length, kind: 'place', source: 'pattern', confidence: 0.65 });
  }
  for (const re of workplaces) {
    for (const { start, end, m } of matches(re, text, 1)) {
      const first = (m[1] ?? '').split(/\s+/)[0]?.toLowerCase() ?? '';
      if (neverPii.has(first) || (lexiconKind(first) === 'word' && !/\s/.test(m[1] ?? ''))) continue;
      out.push({ start, end, kind: 'place', source: 'pattern', confidence: 0.7 });
    }
  }
  for (const { start, end } of matches(road, text, 1)) out.push({ start, end, kind: 'place', source: 'pattern', confidence: 0.8 });
  return out;
}
