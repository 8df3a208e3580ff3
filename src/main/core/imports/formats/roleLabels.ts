// What a speaker label says about the speaker's role. Shared by the label finder (a role word is
// always a label) and by guessRoles (a role word decides the role with high confidence).

export type LabelRole = 'user' | 'assistant' | 'drop';

export interface LabelVerdict {
  role: LabelRole;
  confidence: number;
  reason: string;
}

const assistantWords = [
  'therapist',
  'counselor',
  'counsellor',
  'supporter',
  'listener',
  'interviewer',
  'doctor',
  'clinician',
  'psychologist',
  'psychiatrist',
  'psychotherapist',
  'practitioner',
  'coach',
  'helper',
  'facilitator',
  'provider',
  'nurse',
  'social worker',
  'assistant',
  'gpt',
  'bot',
  'model',
  'ai',
  'moderator',
  // Chinese (simplified and traditional) and Japanese transcripts.
  '治疗师',
  '治療師',
  '咨询师',
  '諮詢師',
  '諮商師',
  '心理咨询师',
  '心理諮詢師',
  '心理师',
  '心理師',
  '心理医生',
  '心理醫生',
  '医生',
  '醫生',
  '辅导员',
  '輔導員',
  '社工',
  '访谈者',
  '訪談者',
  '咨询员',
  '諮詢員',
  // Emotional-support chats (SMILECHAT, PsyQA-style data): the supporter and the listener.
  '支持者',
  '倾听者',
  '傾聽者',
  'セラピスト',
  'カウンセラー',
  '医師',
  '治療者',
  '面接者',
  '相談員',
  '支援者',
  'インタビュアー',
];
const userWords = [
  'client',
  'patient',
  'seeker',
  'help-seeker',
  'speaker',
  'user',
  'human',
  'interviewee',
  'participant',
  'respondent',
  'member',
  'caller',
  'student',
  '来访者',
  '來訪者',
  '患者',
  '病人',
  '咨询者',
  '諮詢者',
  '求助者',
  '个案',
  '個案',
  '案主',
  '当事人',
  '當事人',
  '受访者',
  '受訪者',
  'クライエント',
  'クライアント',
  '相談者',
  '来談者',
  '利用者',
  '被面接者',
];
const dropWords = [
  'narrator',
  'note',
  'notes',
  'music',
  'applause',
  'laughter',
  'laughs',
  'inaudible',
  'crosstalk',
  'silence',
  'pause',
  'noise',
  'background noise',
  'unintelligible',
  'indistinct',
  'coughs',
  'sighs',
  'crying',
  'static',
  'caption',
  'captions',
  'subtitle',
  'subtitles',
  'transcriber',
  'system',
];
// One- and two-letter abbreviations that transcribers use for the two roles (I/R: interviewer and
// respondent in research interviews).
const assistantAbbreviations = ['t', 'th', 'co', 'dr', 'i'];
const userAbbreviations = ['c', 'cl', 'p', 'pt', 'r'];

/** Sounds that captions put in brackets; such a bracket is never a speaker name. */
export const captionSounds = new Set(dropWords.filter((w) => !['narrator', 'note', 'notes', 'transcriber', 'system'].includes(w)));

const allRoleWords = new Set([...assistantWords, ...userWords, ...dropWords]);

/** The label reduced for comparison: no brackets, markdown or trailing punctuation, lower case. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/^[[(*_>\s【「]+|[\])*_:：\s.】」]+$/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** True when the label is (or starts with) a role word: "Therapist", "Client 2", "Counselor Jane". */
export function isRoleWordLabel(label: string): boolean {
  const norm = normaliseLabel(label);
  if (allRoleWords.has(norm)) return true;
  const first = norm.split(/[\s_-]/)[0] ?? '';
  return allRoleWords.has(first) && first !== 'speaker';
}

/** The role a label states, or undefined when the label is a name or an anonymous tag. */
export function roleFromLabel(label: string): LabelVerdict | undefined {
  const norm = normaliseLabel(label);
  const quoted = `"${label.trim()}"`;
  if (/^\[.*\]$/.test(label.trim()) && captionSounds.has(norm)) {
    return { role: 'drop', confidence: 0.95, reason: `${quoted} is a caption sound, not a speaker` };
  }
  if (dropWords.includes(norm)) return { role: 'drop', confidence: 0.9, reason: `${quoted} is not a participant` };
  if (/^dr\.?\s+\S/.test(norm)) return { role: 'assistant', confidence: 0.85, reason: `${quoted} has the title Dr.` };
  // ESConv names the help-seeker "speaker"; elsewhere "Speaker 1" is anonymous (handled by the caller).
  if (norm === 'speaker') return { role: 'user', confidence: 0.7, reason: `${quoted} is ESConv's name for the help-seeker` };
  const byWord = (words: string[], role: LabelRole): LabelVerdict | undefined => {
    if (words.includes(norm)) return { role, confidence: 0.95, reason: `the label ${quoted} names the role` };
    const first = norm.split(/[\s_(-]/)[0] ?? '';
    if (first !== 'speaker' && words.includes(first))
      return { role, confidence: 0.9, reason: `the label ${quoted} starts with a role word` };
    return undefined;
  };
  const verdict = byWord(assistantWords, 'assistant') ?? byWord(userWords, 'user');
  if (verdict) return verdict;
  if (assistantAbbreviations.includes(norm))
    return { role: 'assistant', confidence: 0.8, reason: `${quoted} is the usual short form for the therapist` };
  if (userAbbreviations.includes(norm))
    return { role: 'user', confidence: 0.8, reason: `${quoted} is the usual short form for the client` };
  const numbered = numberedAbbreviation(label);
  if (numbered) {
    const role = assistantAbbreviations.includes(numbered.prefix.toLowerCase()) ? 'assistant' : 'user';
    return {
      role,
      confidence: 0.75,
      reason: `${quoted} is the usual short form for the ${role === 'assistant' ? 'therapist' : 'client'}, numbered`,
    };
  }
  return undefined;
}

/**
 * "T1", "C12", "Th-3": a role abbreviation with a number. The number may count turns (T1, C1, T2…)
 * or tell people apart (P1, P2 in a group); text.ts decides per file.
 */
export function numberedAbbreviation(label: string): { prefix: string; number: number } | undefined {
  const m = /^([A-Za-z]{1,2})[\s-]?(\d{1,4})$/.exec(label.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const key = m[1].toLowerCase();
  return assistantAbbreviations.includes(key) || userAbbreviations.includes(key) ? { prefix: m[1], number: Number(m[2]) } : undefined;
}
