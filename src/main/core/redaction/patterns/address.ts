import { matches, type Span } from '../span';
import { streetTypes } from '../words';

// House number + capitalised street name + street type, with an optional flat before or after:
// "42 Elm Street", "12B Baker St.", "Flat 3, 7 Mill Lane", "221 5th Avenue, Apt 4B".
const unit = '(?:Apt|Apartment|Flat|Unit|Suite|#)\\.?\\s*[\\dA-Z]+';
const nameWord = "(?:[A-Z][A-Za-z'’-]*\\.?|\\d+(?:st|nd|rd|th))";
const street = new RegExp(
  `\\b(?:${unit},?\\s+)?\\d{1,5}[A-Za-z]?,?\\s+(?:${nameWord}\\s+){1,3}(${streetTypes.join('|')})\\b(\\.)?(?:,?\\s+${unit}\\b)?`,
  'g',
);
const poBox = /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi;

// An abbreviated type keeps its dot ("St."); after a full word the dot ends the sentence.
const abbreviated = new Set(['St', 'Rd', 'Ave', 'Ln', 'Dr', 'Blvd', 'Ct', 'Pl', 'Sq', 'Pkwy', 'Hwy', 'Cir']);

export function findAddresses(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end, m } of matches(street, text)) {
    const type = m[1] ?? '';
    const dotOnFullWord = !abbreviated.has(type) && m[0].endsWith(`${type}.`);
    out.push({ start, end: dotOnFullWord ? end - 1 : end, kind: 'address', source: 'pattern', confidence: 0.9 });
  }
  for (const { start, end } of matches(poBox, text)) out.push({ start, end, kind: 'address', source: 'pattern', confidence: 0.9 });
  return out;
}
