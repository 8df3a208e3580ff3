import nlp from 'compromise';
import type { Span } from './span';
import { neverPii } from './words';

/** One word of compromise's `.json({ offset: true, terms: { offset: true } })` output. */
export interface TermJson {
  text: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

export const bare = (word: string) =>
  word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/\.$/, '');

// Tags that say a capitalised word is something other than an unknown name: "Sometimes,",
// "Honestly,", "Yesterday,", "Congratulations,".
const knownWordTags = [
  'Adverb',
  'Adjective',
  'Verb',
  'Expression',
  'Pronoun',
  'Date',
  'Value',
  'QuestionWord',
  'Conjunction',
  'Determiner',
  'Preposition',
  'Plural',
  'Acronym',
];
// compromise's own dictionary: a capitalised "Home" or "Target" is an ordinary word it knows.
const lexicon = (nlp.world() as { model: { one: { lexicon: Record<string, unknown> } } }).model.one.lexicon;
const nameTags = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'City', 'Region', 'Country', 'Place', 'ProperNoun']);

/** The gender compromise's dictionary gives a first name, when it gives one. */
export function nameGender(word: string): 'female' | 'male' | null {
  const entry = lexicon[word.toLowerCase()];
  const tags = Array.isArray(entry) ? entry : [entry];
  if (tags.includes('FemaleName')) return 'female';
  if (tags.includes('MaleName')) return 'male';
  return null;
}

/** How compromise's dictionary knows a lower-case word: not at all, as a name or place, or as an ordinary word. */
export function lexiconKind(word: string): 'unknown' | 'name' | 'word' {
  const entry = lexicon[word.toLowerCase()];
  if (entry === undefined) return 'unknown';
  const tags = Array.isArray(entry) ? entry : [entry];
  return tags.some((t) => typeof t === 'string' && nameTags.has(t)) ? 'name' : 'word';
}
const unknown = (t: TermJson) =>
  /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
  !neverPii.has(bare(t.text)) &&
  !(bare(t.text) in lexicon) &&
  !t.tags.some((tag) => knownWordTags.includes(tag));
const isPlaceOrPerson = (t: TermJson) => t.tags.some((tag) => ['Person', 'Place', 'Organization'].includes(tag));

const placePrepositions = new Set(['in', 'from', 'near']);
const moveVerbs = new Set(['moved', 'move', 'moving', 'relocated', 'went', 'flew', 'drove', 'emigrated']);

/**
 * Names and places compromise does not know ("Aoife", "Dayton") but whose position gives away:
 * a word opening a sentence and followed by a comma is someone spoken to ("Aoife, how are you?");
 * a word after "in", "from", "near" or "moved to" is a place. Words compromise can tag as anything
 * else (adverbs, dates, verbs…) are skipped.
 */
export function unknownNamesAndPlaces(sentences: TermJson[][]): Span[] {
  const out: Span[] = [];
  for (const terms of sentences) {
    terms.forEach((t, i) => {
      if (!unknown(t) || isPlaceOrPerson(t)) return;
      const span = { start: t.offset.start, end: t.offset.start + t.offset.length, source: 'nlp' as const };
      if (i === 0 && t.post.trim().startsWith(',') && terms.length > 1) {
        out.push({ ...span, kind: 'name', confidence: 0.5 });
        return;
      }
      const prev = bare(terms[i - 1]?.text ?? '');
      const prevPrev = bare(terms[i - 2]?.text ?? '');
      if (i > 0 && !/['’]s$/.test(t.text) && (placePrepositions.has(prev) || (prev === 'to' && moveVerbs.has(prevPrev)))) {
        out.push({ ...span, kind: 'place', confidence: 0.55 });
      }
    });
  }
  return out;
}

const placeTags = new Set(['City', 'Region', 'Country', 'Place']);

/** True when compromise's dictionary knows the lower-case word as a city, region or country ("tulsa"). */
export function lexiconPlace(word: string): boolean {
  const entry = lexicon[word.toLowerCase()];
  const tags = Array.isArray(entry) ? entry : [entry];
  return tags.some((t) => typeof t === 'string' && placeTags.has(t));
}

const ordinaryTags = ['Adjective', 'Adverb', 'Verb', 'Gerund', 'Expression', 'Pronoun', 'Preposition', 'Conjunction', 'Determiner'];

/**
 * True when a word reads as an ordinary word: in compromise's dictionary as one, or tagged as an
 * adjective, verb… by its shape ("useless", "panicking"), so "I'm useless." is not an introduction.
 */
export function readsAsWord(word: string): boolean {
  if (lexiconKind(word) === 'word') return true;
  if (lexiconKind(word) === 'name') return false;
  const terms = (nlp(word.toLowerCase()).json({ terms: { tags: true } }) as { terms: { tags: string[] }[] }[])[0]?.terms ?? [];
  return terms.some((t) => t.tags.some((tag) => ordinaryTags.includes(tag)));
}
