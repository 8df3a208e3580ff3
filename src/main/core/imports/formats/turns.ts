// Turn lists as dialogue data and chat files hold them: [{role|speaker|from, content|text|value}].
// Shared by dialogue JSON and chat JSONL, so that both read roles and system prompts alike.
import type { ParsedTranscript, ParseProblem, Utterance } from '../types';
import { firstKey, isNumber, isObject, isString, type JsonObject } from './json';
import { contentText, speakerKeys, textKeys } from './jsonShape';

type KnownRole = 'user' | 'assistant' | 'system';

// Role names that say who is who by themselves: chat formats, ShareGPT, and ESConv (whose
// help-seeker is "speaker"/"seeker" and supporter "listener"/"supporter").
const roleWords: Record<string, KnownRole> = {
  user: 'user',
  human: 'user',
  seeker: 'user',
  'help-seeker': 'user',
  speaker: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  chatgpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  supporter: 'assistant',
  listener: 'assistant',
  system: 'system',
};
const toolRoles = new Set(['tool', 'function', 'ipython']);

export interface ReadTurns {
  utterances: Utterance[];
  knownRoles?: ParsedTranscript['knownRoles'];
  systemPrompt?: string;
  problems: ParseProblem[];
}

function annotationsOf(turn: JsonObject): Record<string, string> | undefined {
  const source = isObject(turn.annotation) ? turn.annotation : isObject(turn.annotations) ? turn.annotations : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (isString(v) || isNumber(v) || typeof v === 'boolean') out[k] = String(v);
  // OpenAI fine-tuning: weight 0 keeps an assistant message as context without training on it.
  if (isNumber(turn.weight)) out.weight = String(turn.weight);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Reads turns; `where(i)` names turn i in messages ("Line 4, message 2"); `line` is the file line
 * of the turns, when they all sit on one (JSONL). Leading system messages become the system prompt.
 */
export function readTurns(turns: readonly unknown[], where: (i: number) => string, line?: number): ReadTurns {
  const at = line === undefined ? {} : { line };
  const problems: ParseProblem[] = [];
  const utterances: Utterance[] = [];
  const system: string[] = [];
  turns.forEach((turn, i) => {
    if (!isObject(turn)) {
      problems.push({ ...at, message: `${where(i)} is not an object; it was skipped.`, severity: 'warning' });
      return;
    }
    const rawSpeaker = firstKey(turn, speakerKeys, (v): v is string | number => isString(v) || isNumber(v));
    const speaker = rawSpeaker === undefined ? '' : String(rawSpeaker).trim();
    const said = (textKeys.map((k) => contentText(turn[k])).find((t) => t !== undefined) ?? '').trim();
    if (speaker === '' || said === '') {
      problems.push({
        ...at,
        message: `${where(i)} has no ${speaker === '' ? 'speaker or role' : 'text'}; it was skipped.`,
        severity: 'warning',
      });
      return;
    }
    if (toolRoles.has(speaker.toLowerCase())) {
      problems.push({
        ...at,
        message: `${where(i)} is a ${speaker} message, which is not part of a conversation; it was skipped.`,
        severity: 'warning',
      });
      return;
    }
    if (roleWords[speaker.toLowerCase()] === 'system' && utterances.length === 0) {
      system.push(said);
      return;
    }
    const annotations = annotationsOf(turn);
    utterances.push({ speaker, text: said, ...at, ...(annotations ? { annotations } : {}) });
  });

  const speakers = [...new Set(utterances.map((u) => u.speaker))];
  const known = speakers.every((s) => roleWords[s.toLowerCase()] !== undefined);
  const result: ReadTurns = { utterances, problems };
  if (known && speakers.length > 0) {
    result.knownRoles = Object.fromEntries(speakers.map((s) => [s, roleWords[s.toLowerCase()] ?? 'user']));
  }
  if (system.length > 0) result.systemPrompt = system.join('\n\n');
  return result;
}
