import { matches, trimEdges, type Span } from '../span';

// Local part and domain kept to the characters addresses really use, so "me@5pm" is not an email.
const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// http(s) and www. links run to the next space; a bare domain needs a well-known ending so that
// "e.g." or "3.5" never match.
const url = /\b(?:https?:\/\/|www\.)[^\s<>"“”]+/gi;
const bareDomain =
  /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info|co\.uk|org\.uk|nhs\.uk|ac\.uk|me|app)\b(?!\.[a-z0-9])(?:\/[^\s<>"“”]*)?/gi;

// Sentence punctuation after a link belongs to the sentence, not the link.
const urlTail = /[.,;:!?'"’)\]]/;

export function findEmails(text: string): Span[] {
  return [...matches(email, text)].map(({ start, end }) => {
    const t = trimEdges(text, start, end, /[.\-_]/);
    return { ...t, kind: 'email' as const, source: 'pattern' as const, confidence: 0.99 };
  });
}

export function findUrls(text: string): Span[] {
  const out: Span[] = [];
  for (const { start, end } of matches(url, text)) {
    let e = end;
    while (e > start && urlTail.test(text[e - 1] ?? '')) e--;
    out.push({ start, end: e, kind: 'url', source: 'pattern', confidence: 0.95 });
  }
  for (const { start, end } of matches(bareDomain, text)) {
    // The domain of an email is the email's; "www." links are already found above.
    if (text[start - 1] === '@' || text[start - 1] === '.' || text[start - 1] === '/' || /^www\./i.test(text.slice(start))) continue;
    let e = end;
    while (e > start && urlTail.test(text[e - 1] ?? '')) e--;
    out.push({ start, end: e, kind: 'url', source: 'pattern', confidence: 0.8 });
  }
  return out;
}
