// OpenAI chat fine-tuning JSONL: one {"messages": [{role, content, weight?}]} per line, the format
// the app exports, so exported data can be imported again. A bad line is reported with its number
// and skipped; the others are kept.
import { TranscriptFormatError, type ParsedTranscript, type ParseProblem } from '../types';
import { isArray, isObject } from './json';
import type { FormatResult } from './result';
import { readTurns } from './turns';

function parseLine(line: string, lineNo: number): { value?: unknown; problem?: string } {
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (e) {
    // The error sits at the very end of the line when the line was cut off.
    const at = e instanceof Error ? /at position (\d+)/.exec(e.message)?.[1] : undefined;
    const cut = at === undefined || Number(at) >= line.trimEnd().length;
    return { problem: `Line ${lineNo} is ${cut ? 'cut off before its JSON is complete' : 'not valid JSON'}; it was skipped.` };
  }
}

export function parseChatJsonl(text: string): FormatResult {
  const problems: ParseProblem[] = [];
  const transcripts: ParsedTranscript[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const error = (message: string): void => void problems.push({ line: lineNo, message, severity: 'error' });
    const { value, problem } = parseLine(raw, lineNo);
    if (problem) return error(problem);
    if (!isObject(value) || !isArray(value.messages)) return error(`Line ${lineNo} has no "messages" list; it was skipped.`);
    const read = readTurns(value.messages, (i) => `Line ${lineNo}, message ${i + 1}`, lineNo);
    problems.push(...read.problems);
    if (read.utterances.length === 0) return error(`Line ${lineNo} has no messages with text; it was skipped.`);
    const metadata: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'messages') metadata[k] = v;
    if (read.systemPrompt) metadata.systemPrompt = read.systemPrompt;
    transcripts.push({
      key: String(lineNo),
      title: '',
      utterances: read.utterances,
      metadata,
      ...(read.knownRoles ? { knownRoles: read.knownRoles } : {}),
    });
  });
  if (transcripts.length === 0) {
    const first = problems.find((p) => p.severity === 'error');
    throw new TranscriptFormatError(
      `No line of this JSON Lines file holds a conversation${first ? ` (${first.message})` : ''}. Each line should be {"messages": [{"role": "user", "content": "…"}, …]}.`,
      first?.line,
    );
  }
  return { transcripts, problems };
}
