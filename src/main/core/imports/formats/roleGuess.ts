// Who is the client (user) and who the counselor (assistant)? In order of certainty: the file says
// so (knownRoles), the label says so ("Therapist", "Dr. Smith", "[Music]"), or the words do
// (questions, reflections, greetings, "you" against "I"). Pure: the wizard shows the result with its
// confidence and reason, and a person overrides it.
import type { ParsedTranscript } from '../types';
import { assistantScore, collectEvidence, describeLead, type SpeakerEvidence } from './roleEvidence';
import { roleFromLabel, type LabelRole } from './roleLabels';

export interface RoleGuess {
  role: LabelRole;
  /** 0..1 */
  confidence: number;
  reason: string;
}

// Labels that name nobody: "Speaker 1", "SPEAKER_00", "Speaker A", "spk_0", "Person 2".
const anonymous = /^(?:speaker|spk|person|participant|voice|guest|unknown)[\s_-]*(?:\d{1,3}|[a-z])$/i;

const round = (x: number): number => Math.round(x * 100) / 100;

/** From the gap between the two most counselor-like speakers, discounted for short transcripts. */
function confidenceFrom(margin: number, turns: number): number {
  const strength = Math.tanh(Math.max(0, margin) * 2);
  return round(0.5 + 0.45 * strength * Math.min(1, turns / 8));
}

function byEvidence(
  unresolved: readonly SpeakerEvidence[],
  decided: Readonly<Record<string, RoleGuess>>,
  all: ReadonlyMap<string, SpeakerEvidence>,
): Record<string, RoleGuess> {
  const out: Record<string, RoleGuess> = {};
  const holders = (role: LabelRole): string[] => Object.keys(decided).filter((s) => decided[s]?.role === role);
  const assistants = holders('assistant');
  const users = holders('user');
  // Stable sort: on a tie the one who spoke first (usually the counselor) leads.
  const ranked = [...unresolved].sort((a, b) => assistantScore(b) - assistantScore(a));
  const [lead, second] = ranked;
  if (!lead) return out;

  if (assistants.length > 0 && users.length === 0) {
    for (const e of ranked)
      out[e.speaker] = {
        role: 'user',
        confidence: ranked.length === 1 ? 0.8 : 0.6,
        reason: `the other speaker, ${assistants.join(', ')}, is the counselor`,
      };
    return out;
  }
  if (assistants.length > 0 && users.length > 0) {
    // Both roles are taken: each remaining speaker goes with the side whose words resemble theirs.
    const mean = (names: string[]): number => names.reduce((s, n) => s + assistantScore(all.get(n) ?? lead), 0) / names.length;
    const [a, u] = [mean(assistants), mean(users)];
    for (const e of ranked) {
      const s = assistantScore(e);
      const role = Math.abs(s - a) < Math.abs(s - u) ? 'assistant' : 'user';
      out[e.speaker] = {
        role,
        confidence: 0.55,
        reason: `talks more like the ${role === 'assistant' ? 'counselor' : 'client'} of this session`,
      };
    }
    return out;
  }
  if (!second) {
    out[lead.speaker] =
      users.length > 0
        ? { role: 'assistant', confidence: 0.8, reason: `the other speaker, ${users.join(', ')}, is the client` }
        : { role: 'user', confidence: 0.3, reason: 'the only speaker; there is nobody to compare with' };
    return out;
  }
  const margin = assistantScore(lead) - assistantScore(second);
  const turns = lead.turns + second.turns;
  const confidence = confidenceFrom(margin, turns);
  const why = margin > 0.05 ? describeLead(lead, second) : 'no clear difference; the first to speak is taken as the counselor';
  out[lead.speaker] = { role: 'assistant', confidence, reason: why };
  for (const e of ranked.slice(1)) {
    out[e.speaker] = {
      role: 'user',
      confidence: e === second ? confidence : round(confidence * 0.8),
      reason: `${lead.speaker} looks like the counselor: ${why}`,
    };
  }
  return out;
}

export function guessRoles(transcript: ParsedTranscript): Record<string, RoleGuess> {
  const out: Record<string, RoleGuess> = {};
  const unresolved: string[] = [];
  for (const speaker of new Set(transcript.utterances.map((u) => u.speaker))) {
    const known = transcript.knownRoles?.[speaker];
    if (known) {
      out[speaker] =
        known === 'system'
          ? { role: 'drop', confidence: 1, reason: 'the file marks it as a system message' }
          : { role: known, confidence: 1, reason: `the file gives the role "${known}"` };
      continue;
    }
    const verdict = anonymous.test(speaker.trim()) ? undefined : roleFromLabel(speaker);
    if (verdict) out[speaker] = verdict;
    else unresolved.push(speaker);
  }
  if (unresolved.length === 0) return out;
  // The words are read only when a speaker is left open: reading every utterance was a large share of
  // preparing a file whose labels already say who is who.
  const evidence = collectEvidence(transcript.utterances);
  return {
    ...out,
    ...byEvidence(
      unresolved.map((speaker) => evidence.get(speaker)!),
      out,
      evidence,
    ),
  };
}
