import { matches, type Span } from '../span';

// Ages are redacted as the number alone, so "I'm [AGE_1]" and "a [AGE_1]-year-old" still read well.
const numberWords =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a )?hundred)';
const n = `(\\d{1,3}|${numberWords})`;

// What comes after a number that makes it a measure, a time or a score rather than an age.
const notAge =
  "(?![\\d%'’\"]|[.,:/]\\d|\\s*(?:%|percent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|times|o'?clock|am\\b|pm\\b|out of|on a scale|\\/|kg|lbs?|pounds|stone|st\\b|foot|feet|ft|inches|cm|miles|km|dollars|quid|bucks|k\\b|sessions?|people|kids|children|drinks|beers|cigarettes|pills|tablets|mg|points?|steps|calls|texts|messages|things|of (?:them|us|those)|(?:years?|yrs?)\\b(?![- ]old)|a (?:day|night|week|month|year)\\b))";

const subject =
  "(?:I'm|I’m|im|I am|I was|I turned|I turn|I'll turn|I’ll turn|I'll be|I will be|I'd just turned|I just turned|he's|she's|he is|she is|he was|she was|he turned|she turned|they're|they are|they were|we were|turned|turning|aged?|age of|at the age of|when I was|when he was|when she was)";

// Hedges and the fillers of transcribed speech between the subject and the number: "I was, like, 16".
const hedge = '(?:,?\\s+(?:only|just|nearly|almost|about|around|like|um|uh|er|you know),?)*';

const patterns: { re: RegExp; confidence: number }[] = [
  // "34 years old", "34-year-old", "34 yrs old", "34yo"
  { re: new RegExp(`\\b${n}(?:[- ]years?[- ]old|[- ]yrs?[- ]old|yo)\\b`, 'dgi'), confidence: 0.95 },
  // "I'm 34", "aged 34", "she turned 12"; a subject phrase is required so scores and counts stay.
  { re: new RegExp(`\\b${subject}${hedge}\\s+${n}\\b${notAge}`, 'dgi'), confidence: 0.8 },
  // "my son is 12", "my daughter, who is 7", "my brother Cian is 16"
  {
    re: new RegExp(
      `\\b(?:son|daughter|kid|child|boy|girl|brother|sister|mom|mum|dad|mother|father|wife|husband|partner|grandson|granddaughter|nephew|niece|baby)(?:,?\\s+\\p{Lu}[\\p{L}'’-]+,?)?(?:'s|’s| is| was|, who is|, who's)\\s+(?:only |just |nearly |almost )?${n}\\b${notAge}`,
      'dgiu',
    ),
    confidence: 0.75,
  },
];

// Once a sentence states an age, "by 30", "at 22" or "until 16" in it are ages too: "she had me
// when she was 22 and owned a house by 30". Alone, "by 30" is as likely a percentage or a count.
const laterAge = new RegExp(`\\b(?:by|at|until|till|before|after|around|since|from)\\s+(?:age\\s+)?(\\d{1,2})\\b${notAge}`, 'dgi');

// "I'm Sam, 34, from Leeds", "im kenji. 29.": a bare number right after a self-introduced name.
const afterIntro = new RegExp(
  `(?:^|[\\s,.!?])(?:I'm|I’m|im|I am|my name is|my name's|my name’s)\\s+\\p{L}[\\p{L}'’-]+[,.]\\s+(\\d{1,2})(?=\\s*[,.!?]|\\s*$)`,
  'dgiu',
);

// The answer to "how old…?": the numbers of the reply's first sentence that stand alone ("6 and 11. the
// older one…", "maybe 13 or 14"). A number before a noun is a count even there: "he's 13 and has 2 sisters".
const howOld = /\bhow old\b/i;
const bareNumber = new RegExp(
  `\\b(\\d{1,2})\\b${notAge}(?=\\s*(?:[,.!?;:)]|$|(?:and|or|now|next|soon|this|last|in|but|so|then|when|though)\\b|[-–]\\s*\\d))`,
  'dg',
);

/** Ages given as the reply to a question about age, in the turn that follows it. */
export function findAnsweredAges(question: string, answer: string): Span[] {
  if (!howOld.test(question)) return [];
  const first = /^[^.!?]*/.exec(answer)?.[0] ?? '';
  return [...matches(bareNumber, first, 1)].map(({ start, end }) => ({
    start,
    end,
    kind: 'age' as const,
    source: 'pattern' as const,
    confidence: 0.7,
  }));
}

const plausible = (value: string) => !/^\d+$/.test(value) || (Number(value) >= 1 && Number(value) <= 120);

export function findAges(text: string): Span[] {
  const out: Span[] = [];
  for (const { re, confidence } of patterns) {
    for (const { start, end, m } of matches(re, text, 1)) {
      const value = m[1] ?? '';
      if (!plausible(value)) continue;
      out.push({ start, end, kind: 'age', source: 'pattern', confidence });
    }
  }
  for (const { start, end } of matches(afterIntro, text, 1)) out.push({ start, end, kind: 'age', source: 'pattern', confidence: 0.7 });
  for (const sentence of text.matchAll(/[^.!?]+[.!?]*/g)) {
    const from = sentence.index;
    const to = from + sentence[0].length;
    if (!out.some((a) => a.start >= from && a.end <= to)) continue;
    for (const { start, end } of matches(laterAge, sentence[0], 1)) {
      out.push({ start: from + start, end: from + end, kind: 'age', source: 'pattern', confidence: 0.6 });
    }
  }
  return out;
}
