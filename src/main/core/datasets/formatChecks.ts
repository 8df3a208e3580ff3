import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { quantileSorted } from 'simple-statistics';
import { countTokens, TOKENS_PER_MESSAGE } from '../imports/tokens';
import { groupedCount } from '../util/count';

// The checks OpenAI's cookbook validator runs on a chat fine-tuning file ("Data preparation and
// analysis for chat model fine-tuning"), made strict where the upload would fail later anyway, so
// people learn which line to fix before they pay for an upload and a queued job.

export type IssueCode =
  | 'invalid_json'
  | 'not_object'
  | 'blank_line'
  | 'unknown_key'
  | 'missing_messages'
  | 'empty_messages'
  | 'message_not_object'
  | 'missing_role'
  | 'unknown_role'
  | 'missing_content'
  | 'bad_weight'
  | 'weight_on_non_assistant'
  | 'no_assistant'
  | 'too_many_tokens'
  | 'too_few_examples'
  | 'no_system'
  | 'no_user'
  | 'empty_assistant'
  | 'token_outlier';

export interface ChatIssue {
  /** 1-based line number of the example; 0 for an issue with the file as a whole. */
  example: number;
  severity: 'error' | 'warning';
  code: IssueCode;
  /** A sentence for people: which line, what is wrong, how to fix it. */
  message: string;
}

export interface CheckOptions {
  /** The target model's limit per training example; gpt-4o-mini and gpt-4.1 accept 65,536. */
  tokenLimit?: number;
  /** Top-level keys accepted besides "messages" (Hugging Face rows carry id, source and split). */
  extraKeys?: readonly string[];
}

export interface ExampleCheck {
  issues: ChatIssue[];
  /** Tokens as OpenAI bills them, or null when there is no list of messages to count. */
  tokens: number | null;
}

export const DEFAULT_TOKEN_LIMIT = 65_536;
/** OpenAI refuses a training file with fewer examples than this. */
export const MIN_EXAMPLES = 10;
/** Issues kept word for word per severity; beyond it only counts grow, so a broken 100k-line file stays small. */
export const MAX_STORED_ISSUES = 1000;
/** Examples above Q3 + 3 × IQR of the file's token counts are flagged: far out, not merely long. */
const OUTLIER_IQR_FACTOR = 3;

const ROLES = new Set(['system', 'user', 'assistant']);
const MESSAGE_KEYS = new Set(['role', 'content', 'weight', 'name']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Checks one parsed line against OpenAI's chat format and the token limit. */
export function checkExample(value: unknown, lineNumber: number, opts: CheckOptions = {}): ExampleCheck {
  const issues: ChatIssue[] = [];
  const error = (code: IssueCode, message: string) => issues.push({ example: lineNumber, severity: 'error', code, message });
  const warn = (code: IssueCode, message: string) => issues.push({ example: lineNumber, severity: 'warning', code, message });
  const line = `Line ${lineNumber}`;

  if (!isObject(value)) {
    error('not_object', `${line} holds ${kindOf(value)}, not an object; write each example as {"messages": [...]}.`);
    return { issues, tokens: null };
  }
  const extraKeys = opts.extraKeys ?? [];
  for (const key of Object.keys(value)) {
    if (key !== 'messages' && !extraKeys.includes(key))
      error('unknown_key', `${line} has the key "${key}", which OpenAI does not accept next to "messages"; remove it.`);
  }
  const messages = value.messages;
  if (!Array.isArray(messages)) {
    error('missing_messages', `${line} has no "messages" list; put the conversation in a "messages" array.`);
    return { issues, tokens: null };
  }
  if (messages.length === 0) {
    error('empty_messages', `${line} has an empty "messages" list; add the conversation's messages or remove the line.`);
    return { issues, tokens: 0 };
  }

  const roles = new Set<string>();
  let tokens = 0;
  messages.forEach((message: unknown, index) => {
    const where = `${line}, message ${index + 1}`;
    if (!isObject(message)) {
      error('message_not_object', `${where} is ${kindOf(message)}; write it as {"role": ..., "content": ...}.`);
      return;
    }
    for (const key of Object.keys(message)) {
      if (!MESSAGE_KEYS.has(key))
        error('unknown_key', `${where} has the key "${key}"; a message may hold only role, content, weight and name.`);
    }
    const role = message.role;
    if (role === undefined) error('missing_role', `${where} has no "role"; set it to "system", "user" or "assistant".`);
    else if (typeof role !== 'string' || !ROLES.has(role))
      error('unknown_role', `${where} has the unknown role ${JSON.stringify(role)}; use "system", "user" or "assistant".`);
    else roles.add(role);

    const content = message.content;
    if (typeof content !== 'string') {
      const found = content === undefined ? 'no "content"' : `${kindOf(content)} as "content"`;
      error('missing_content', `${where} has ${found}; the content must be a string of text.`);
    } else {
      tokens += countTokens(content);
      if (role === 'assistant' && !content.trim())
        warn(
          'empty_assistant',
          `${where} is an assistant message with no text; the model would learn to answer with nothing. Fill it in or remove it.`,
        );
    }
    tokens += TOKENS_PER_MESSAGE;

    if ('weight' in message) {
      if (message.weight !== 0 && message.weight !== 1)
        error('bad_weight', `${where} has the weight ${JSON.stringify(message.weight)}; a weight must be 0 or 1.`);
      else if (role !== 'assistant')
        error(
          'weight_on_non_assistant',
          `${where} has a weight on a ${typeof role === 'string' ? role : 'non-assistant'} message; only assistant messages may carry one, so remove it.`,
        );
    }
  });

  if (!roles.has('assistant'))
    error('no_assistant', `${line} has no assistant message; every example needs at least one reply to learn from.`);
  if (!roles.has('system'))
    warn('no_system', `${line} has no system message; add one if the model will get a system prompt when it is used.`);
  if (!roles.has('user')) warn('no_user', `${line} has no user message; the model learns best from replies to something.`);
  const limit = opts.tokenLimit ?? DEFAULT_TOKEN_LIMIT;
  if (tokens > limit) {
    error(
      'too_many_tokens',
      `${line} has ${groupedCount(tokens)} tokens, above the target model's limit of ${groupedCount(limit)}; shorten or split the session.`,
    );
  }
  return { issues, tokens };
}

/** Parses one line of a JSONL file and checks it; blank lines are reported, not skipped. */
export function checkLine(text: string, lineNumber: number, opts: CheckOptions = {}): ExampleCheck {
  if (!text.trim()) {
    return {
      issues: [
        {
          example: lineNumber,
          severity: 'error',
          code: 'blank_line',
          message: `Line ${lineNumber} is blank; remove empty lines (only one newline may end the file).`,
        },
      ],
      tokens: null,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.slice(0, 120) : 'unreadable';
    return {
      issues: [
        {
          example: lineNumber,
          severity: 'error',
          code: 'invalid_json',
          message: `Line ${lineNumber} is not valid JSON (${reason}); each line must hold one complete JSON object.`,
        },
      ],
      tokens: null,
    };
  }
  return checkExample(value, lineNumber, opts);
}

export interface ValidateOptions extends CheckOptions {
  signal?: AbortSignal;
  /** Called with the number of lines read so far, every 100 lines and once at the end. */
  onProgress?(lines: number): void;
}

export interface TokenStats {
  total: number;
  min: number;
  max: number;
  mean: number;
}

export interface ChatValidation {
  /** Non-blank lines, valid or not. */
  examples: number;
  /** The first MAX_STORED_ISSUES errors in file order; the file-wide errors come last. */
  errors: ChatIssue[];
  warnings: ChatIssue[];
  errorCount: number;
  warningCount: number;
  countsByCode: Partial<Record<IssueCode, number>>;
  tokens: TokenStats;
  ok: boolean;
}

/** Keeps the first issues of each severity and counts all of them. */
class IssueLog {
  readonly errors: ChatIssue[] = [];
  readonly warnings: ChatIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  readonly countsByCode: Partial<Record<IssueCode, number>> = {};

  add(issue: ChatIssue): void {
    this.countsByCode[issue.code] = (this.countsByCode[issue.code] ?? 0) + 1;
    if (issue.severity === 'error') {
      this.errorCount++;
      if (this.errors.length < MAX_STORED_ISSUES) this.errors.push(issue);
    } else {
      this.warningCount++;
      if (this.warnings.length < MAX_STORED_ISSUES) this.warnings.push(issue);
    }
  }
}

/**
 * Gathers the checks of one example after another and then the file-wide ones: used for a JSONL file
 * on disk and for a frozen dataset version alike, so both say exactly the same things.
 */
export class ChatValidator {
  private readonly log = new IssueLog();
  private readonly tokenCounts: number[] = [];
  private readonly tokenLines: number[] = [];
  private examples = 0;

  constructor(private readonly opts: CheckOptions = {}) {}

  /** One example, by its 1-based number (its line in a file); `blank` lines count as no example. */
  add(check: ExampleCheck, lineNumber: number, blank = false): void {
    if (!blank) this.examples++;
    for (const issue of check.issues) this.log.add(issue);
    if (check.tokens !== null) {
      this.tokenCounts.push(check.tokens);
      this.tokenLines.push(lineNumber);
    }
  }

  addValue(value: unknown, exampleNumber: number): void {
    this.add(checkExample(value, exampleNumber, this.opts), exampleNumber);
  }

  addLine(text: string, lineNumber: number): void {
    this.add(checkLine(text, lineNumber, this.opts), lineNumber, !text.trim());
  }

  /** Outliers need the whole spread, and the minimum count the whole file, so they come last. */
  finish(): ChatValidation {
    const { log, examples } = this;
    for (const issue of outlierWarnings(this.tokenCounts, this.tokenLines)) log.add(issue);
    if (examples < MIN_EXAMPLES) {
      log.add({
        example: 0,
        severity: 'error',
        code: 'too_few_examples',
        message: `The file holds ${examples} example${examples === 1 ? '' : 's'}; OpenAI needs at least ${MIN_EXAMPLES}. Add more sessions to the dataset.`,
      });
    }
    return {
      examples,
      errors: log.errors,
      warnings: log.warnings,
      errorCount: log.errorCount,
      warningCount: log.warningCount,
      countsByCode: log.countsByCode,
      tokens: tokenStats(this.tokenCounts),
      ok: log.errorCount === 0,
    };
  }
}

/**
 * Checks a chat JSONL file line by line without reading it whole: only the issues kept and one
 * token count per example stay in memory.
 */
export async function validateChatJsonl(filePath: string, opts: ValidateOptions = {}): Promise<ChatValidation> {
  const { signal, onProgress } = opts;
  signal?.throwIfAborted();
  const validator = new ChatValidator(opts);
  let lines = 0;
  const input = createReadStream(filePath, { encoding: 'utf8', signal });
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of reader) {
      signal?.throwIfAborted();
      lines++;
      validator.addLine(text, lines);
      if (lines % 100 === 0) onProgress?.(lines);
    }
  } finally {
    reader.close();
    input.destroy();
  }
  onProgress?.(lines);
  return validator.finish();
}

function tokenStats(counts: readonly number[]): TokenStats {
  if (counts.length === 0) return { total: 0, min: 0, max: 0, mean: 0 };
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const n of counts) {
    total += n;
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return { total, min, max, mean: total / counts.length };
}

/** Flags examples far longer than the file's bulk; with fewer than MIN_EXAMPLES the spread means nothing. */
function outlierWarnings(counts: readonly number[], lineNumbers: readonly number[]): ChatIssue[] {
  if (counts.length < MIN_EXAMPLES) return [];
  const sorted = [...counts].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const fence = q3 + OUTLIER_IQR_FACTOR * (q3 - q1);
  const issues: ChatIssue[] = [];
  counts.forEach((tokens, i) => {
    if (tokens <= fence) return;
    const line = lineNumbers[i] ?? 0;
    issues.push({
      example: line,
      severity: 'warning',
      code: 'token_outlier',
      message: `Line ${line} has ${groupedCount(tokens)} tokens, far more than most examples (above ${groupedCount(Math.round(fence))}); check that it is one session and not several run together.`,
    });
  });
  return issues;
}
