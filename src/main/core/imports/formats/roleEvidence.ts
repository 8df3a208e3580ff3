// What a speaker's own words say about their role when the label says nothing ("A", "Speaker 1",
// "JANE"). Counselors ask questions, reflect ("it sounds like…", "what I'm hearing…"), open the
// session with a greeting and talk about "you"; clients talk about "I".
import type { Utterance } from '../types';

export interface SpeakerEvidence {
  speaker: string;
  turns: number;
  words: number;
  questions: number;
  reflections: number;
  /** The first phrases found, for the reason shown to people. */
  reflectionExamples: string[];
  greetsFirst: boolean;
  youWords: number;
  iWords: number;
}

const questionStart =
  /^(?:what|how|why|when|where|who|which|do you|did you|are you|is it|is that|can you|could you|would you|have you|tell me)\b/;
const reflectionPhrases = [
  'it sounds like',
  'sounds like',
  "what i'm hearing",
  'what i hear',
  "i'm hearing",
  'it seems like',
  'it seems that',
  "you're feeling",
  'you are feeling',
  'you feel',
  'you mentioned',
  'you said',
  'if i understand',
  'let me see if',
  'tell me more',
  'how does that make you feel',
  'on a scale',
];
const greeting =
  /\b(?:hi|hello|hey|welcome|good (?:morning|afternoon|evening)|nice to meet|thanks for coming|thank you for coming|what brings you)\b/;
const iWords = new Set(['i', "i'm", "i've", "i'd", "i'll", 'me', 'my', 'myself', 'mine', 'im']);
const youWords = new Set(['you', "you're", "you've", "you'd", "you'll", 'your', 'yourself', 'yours', 'youre']);

function isQuestion(text: string): boolean {
  return text.includes('?') || questionStart.test(text.trimStart());
}

export function collectEvidence(utterances: readonly Utterance[]): Map<string, SpeakerEvidence> {
  const bySpeaker = new Map<string, SpeakerEvidence>();
  utterances.forEach((u, index) => {
    let e = bySpeaker.get(u.speaker);
    if (!e) {
      e = {
        speaker: u.speaker,
        turns: 0,
        words: 0,
        questions: 0,
        reflections: 0,
        reflectionExamples: [],
        greetsFirst: false,
        youWords: 0,
        iWords: 0,
      };
      bySpeaker.set(u.speaker, e);
    }
    const text = u.text.toLowerCase().replace(/[’‘]/g, "'");
    const tokens = text.match(/[a-z']+/g) ?? [];
    e.turns++;
    e.words += tokens.length;
    for (const t of tokens) {
      if (iWords.has(t)) e.iWords++;
      else if (youWords.has(t)) e.youWords++;
    }
    if (isQuestion(text)) e.questions++;
    const phrase = reflectionPhrases.find((p) => text.includes(p));
    if (phrase) {
      e.reflections++;
      if (e.reflectionExamples.length < 2 && !e.reflectionExamples.includes(phrase)) e.reflectionExamples.push(phrase);
    }
    if (index === 0 && greeting.test(text)) e.greetsFirst = true;
  });
  return bySpeaker;
}

/** How counselor-like a speaker is: higher is more like the assistant. Around 0 to 2. */
export function assistantScore(e: SpeakerEvidence): number {
  if (e.turns === 0) return 0;
  const youMinusI = e.words > 0 ? Math.max(-0.25, Math.min(0.25, (e.youWords - e.iWords) / e.words)) : 0;
  return e.questions / e.turns + 1.5 * (e.reflections / e.turns) + 4 * youMinusI + (e.greetsFirst ? 0.3 : 0);
}

/** The evidence in words, comparing a speaker with another ("asks more questions (6 of 10 turns vs 1 of 9)"). */
export function describeLead(lead: SpeakerEvidence, other: SpeakerEvidence | undefined): string {
  const parts: string[] = [];
  const rate = (n: number, d: number): number => (d === 0 ? 0 : n / d);
  if (!other || rate(lead.questions, lead.turns) > rate(other.questions, other.turns)) {
    parts.push(`asks more questions (${lead.questions} of ${lead.turns} turns${other ? ` vs ${other.questions} of ${other.turns}` : ''})`);
  }
  if (lead.reflections > 0 && (!other || rate(lead.reflections, lead.turns) > rate(other.reflections, other.turns))) {
    parts.push(`reflects (${lead.reflectionExamples.map((p) => `"${p}"`).join(', ')}, ${lead.reflections}×)`);
  }
  if (lead.greetsFirst) parts.push('opens with a greeting');
  if (!other || rate(lead.youWords - lead.iWords, lead.words) > rate(other.youWords - other.iWords, other.words)) {
    parts.push('says "you" more than "I"');
  }
  return parts.length > 0 ? parts.join(', ') : 'slightly more counselor-like overall';
}
