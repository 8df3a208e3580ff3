// OpenAI chat fine-tuning JSONL: one {"messages": [{role, content, weight?}]} per line, the format
// the app exports, so exported data can be imported again; other data sets' lines (ShareGPT
// {"conversations"}, instruction records, a "text" field of labelled lines) as dialogue JSON reads them. A bad line is reported with its number
// and skipped; the others are kept.
import { TranscriptFormatError, type ParsedTranscript, type ParseProblem } from '../types';
import { readConversation } from './dialogueJson';
import { isArray, isObject } from './json';
import { recordTitle } from './records';
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
  const readings = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const error = (message: string): void => void problems.push({ line: lineNo, message, severity: 'error' });
    const { value, problem } = parseLine(raw, lineNo);
    if (problem) return error(problem);
    const messages = isObject(value) && isArray(value.messages) ? value.messages : undefined;
    const read = messages
      ? { ...readTurns(messages, (i) => `Line ${lineNo}, message ${i + 1}`, lineNo), used: ['messages'] }
      : readConversation(value, `Line ${lineNo}`);
    if (!read) {
      return error(
        `Line ${lineNo} holds no conversation (no "messages" or "conversations" list, no client and counselor fields, no labelled transcript); it was skipped.`,
      );
    }
    problems.push(...read.problems.map((p) => ({ ...p, line: lineNo })));
    if (read.reading) readings.add(read.reading);
    if (read.utterances.length === 0) return error(`Line ${lineNo} has no messages with text; it was skipped.`);
    const metadata: Record<string, unknown> = {};
    if (isObject(value)) for (const [k, v] of Object.entries(value)) if (!read.used.includes(k)) metadata[k] = v;
    if (read.systemPrompt) metadata.systemPrompt = read.systemPrompt;
    if (read.preamble) metadata.preamble = read.preamble;
    transcripts.push({
      key: String(lineNo),
      title: isObject(value) ? recordTitle(value) : '',
      utterances: read.utterances.map((u) => ({ ...u, line: lineNo })),
      metadata,
      ...(read.knownRoles ? { knownRoles: read.knownRoles } : {}),
    });
  });
  if (transcripts.length === 0) {
    const first = problems.find((p) => p.severity === 'error');
    throw new TranscriptFormatError(
      `No line of this JSON Lines file holds a conversation${first ? ` (${first.message})` : ''}. Each line should be {"messages": [{"role": "user", "content": "…"}, …]}, {"conversations": [{"from": "human", "value": "…"}, …]}, a record with a client and a counselor field (input/output, Context/Response) or a labelled transcript ({"text": "User: …\\nAssistant: …"}).`,
      first?.line,
    );
  }
  for (const reading of readings) problems.unshift({ message: `${reading}.`, severity: 'warning' });
  return { transcripts, problems };
}
