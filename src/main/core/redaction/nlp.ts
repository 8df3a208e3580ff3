import nlp from 'compromise';
import { type Span, trimEdges } from './span';
import type { PiiKind } from './types';
import { bare, type TermJson, unknownNamesAndPlaces } from './nlpTerms';
import { honorifics, neverPii, placeLikeOrgWords } from './words';

// compromise's `.json({ offset: true, terms: { offset: true } })` gives one of these per match.
// Term offsets are UTF-16 and cover the word alone, without the punctuation around it.
interface MatchJson {
  terms: TermJson[];
}

const jsonOptions = { offset: true, terms: { offset: true } };
const capitalised = /^\p{Lu}/u;
const isHonorific = (t: TermJson) => capitalised.test(t.text) && (t.tags.includes('Honorific') || honorifics.has(bare(t.text)));
// All-capital words are acronyms ("ST", "STD", "NYC") unless they are well-known place short forms.
const placeAcronyms = new Set(['UK', 'US', 'USA', 'NYC', 'LA', 'DC', 'UAE', 'NZ']);

/** A word that can be part of a name or a place: capitalised and not a known non-identifying word. */
const identifying = (t: TermJson) => capitalised.test(t.text) && !neverPii.has(bare(t.text));

/**
 * Turns one compromise match into spans. A match can carry words that are not part of the name
 * ("sister Emily", "Sarah, Tom"), so it is cut at every word that is not identifying and, for
 * names, at every comma; a title is kept only when a name follows it.
 */
function spansFromMatch(text: string, match: MatchJson, kind: PiiKind): Span[] {
  const groups: TermJson[][] = [];
  let current: TermJson[] = [];
  for (const term of match.terms) {
    const keep = identifying(term) || (kind === 'name' && isHonorific(term) && current.length === 0);
    if (keep) current.push(term);
    // A name ends at punctuation ("Sarah, Tom", "New Year's Eve. After"), except a title's dot.
    if (!keep || (kind === 'name' && /[.,;:!?—–]/.test(term.post) && !isHonorific(term))) {
      if (current.length) groups.push(current);
      current = [];
    }
  }
  if (current.length) groups.push(current);

  const out: Span[] = [];
  for (const group of groups) {
    const core = group.filter((t) => !isHonorific(t));
    if (core.length === 0 || core.every((t) => !/\p{Ll}/u.test(t.text) && !(kind === 'place' && placeAcronyms.has(t.text)))) continue;
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) continue;
    let end = last.offset.start + last.offset.length;
    // "Sarah's mom": the possessive stays outside the placeholder.
    if (/['’]s$/.test(last.text)) end -= 2;
    // A title's dot sits between the title and the name, so "Dr. Patel" is redacted whole.
    const span = trimEdges(text, first.offset.start, end);
    const tagged = group.some((t) => t.tags.some((tag) => ['FirstName', 'LastName', 'City', 'Country', 'Region'].includes(tag)));
    out.push({ ...span, kind, source: 'nlp', confidence: tagged ? 0.85 : 0.65 });
  }
  return out;
}

/** Names and places from compromise, plus organisations that are places (schools, hospitals). */
export function findNamesAndPlaces(text: string): Span[] {
  const doc = nlp(text);
  const out: Span[] = [];
  for (const m of doc.people().json(jsonOptions) as MatchJson[]) out.push(...spansFromMatch(text, m, 'name'));
  for (const m of doc.places().json(jsonOptions) as MatchJson[]) out.push(...spansFromMatch(text, m, 'place'));
  for (const m of doc.organizations().json(jsonOptions) as MatchJson[]) {
    const lastWord = m.terms[m.terms.length - 1]?.text ?? '';
    if (placeLikeOrgWords.has(bare(lastWord))) out.push(...spansFromMatch(text, m, 'place'));
  }
  out.push(...unknownNamesAndPlaces((doc.json(jsonOptions) as MatchJson[]).map((s) => s.terms)));
  return out;
}
