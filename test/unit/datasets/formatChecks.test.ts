import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExample, MAX_STORED_ISSUES, validateChatJsonl } from '../../../src/main/core/datasets/formatChecks';
import { countTokens } from '../../../src/main/core/imports/tokens';
import { CBT_PROMPT, tempDir } from './builders';

const system = { role: 'system', content: CBT_PROMPT };
const user = { role: 'user', content: "I failed my exam. I'm useless." };
const assistant = { role: 'assistant', content: 'What makes that thought feel true right now?' };
const good = JSON.stringify({ messages: [system, user, assistant] });

/** Twelve good lines with `line` (1-based) replaced, written with one trailing newline. */
async function fileWith(line: number, text: string, total = 12): Promise<string> {
  const lines = Array.from({ length: total }, (_, i) => (i + 1 === line ? text : good));
  const path = join(await tempDir(), 'train.jsonl');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const m = (messages: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ messages, ...extra });

describe('validateChatJsonl: one defect per file, found on its line', () => {
  const defects: [code: string, line: string][] = [
    ['invalid_json', '{"messages": [{"role": "user", "content": "cut off'],
    ['not_object', JSON.stringify([system, user, assistant])],
    ['missing_messages', '{}'],
    ['missing_messages', JSON.stringify({ messages: 'Hello' })],
    ['empty_messages', m([])],
    ['unknown_key', m([system, user, assistant], { metadata: { source: 'real' } })],
    ['unknown_key', m([system, { ...user, speaker: 'client' }, assistant])],
    ['message_not_object', m([system, 'hello', user, assistant])],
    ['missing_role', m([system, { content: 'Hello?' }, user, assistant])],
    ['unknown_role', m([system, user, { role: 'tool', content: '{}' }, assistant])],
    ['missing_content', m([system, { role: 'user' }, assistant])],
    ['missing_content', m([system, { role: 'user', content: [{ type: 'text', text: 'hi' }] }, assistant])],
    ['bad_weight', m([system, user, { ...assistant, weight: 0.5 }])],
    ['weight_on_non_assistant', m([system, { ...user, weight: 1 }, assistant])],
    ['no_assistant', m([system, user])],
    ['blank_line', ''],
    ['blank_line', '   '],
  ];

  it.each(defects)('%s', async (code, text) => {
    const result = await validateChatJsonl(await fileWith(4, text));
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ example: 4, severity: 'error', code });
    expect(result.errors[0]!.message).toMatch(/^Line 4\b/);
  });

  it('passes the good file and counts its tokens as OpenAI does', async () => {
    const result = await validateChatJsonl(await fileWith(0, ''));
    const perExample = countTokens(system.content) + countTokens(user.content) + countTokens(assistant.content) + 3 * 3;
    expect(result).toMatchObject({ examples: 12, ok: true, errorCount: 0, warningCount: 0, errors: [], warnings: [] });
    expect(result.tokens).toEqual({ total: 12 * perExample, min: perExample, max: perExample, mean: perExample });
  });

  it('accepts exactly one trailing newline and none, and flags a second one as a blank line', async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 10 }, () => good).join('\n');
    await writeFile(join(dir, 'none.jsonl'), lines);
    await writeFile(join(dir, 'two.jsonl'), `${lines}\n\n`);
    expect((await validateChatJsonl(join(dir, 'none.jsonl'))).ok).toBe(true);
    const two = await validateChatJsonl(join(dir, 'two.jsonl'));
    expect(two.errors.map((e) => [e.example, e.code])).toEqual([[11, 'blank_line']]);
  });
});

describe('validateChatJsonl: the file as a whole', () => {
  it('refuses fewer than 10 examples, as example 0', async () => {
    const result = await validateChatJsonl(await fileWith(0, '', 9));
    expect(result.errors).toEqual([expect.objectContaining({ example: 0, code: 'too_few_examples' })]);
    expect(result.errors[0]!.message).toContain('9 examples');
  });

  it("refuses an example above the target model's token limit", async () => {
    const long = m([system, { role: 'user', content: 'I keep thinking about it. '.repeat(40) }, assistant]);
    const result = await validateChatJsonl(await fileWith(7, long), { tokenLimit: 100 });
    expect(result.errors.map((e) => [e.example, e.code])).toEqual([[7, 'too_many_tokens']]);
    expect(result.errors[0]!.message).toMatch(/^Line 7 has [\d,]+ tokens, above the target model's limit of 100/);
  });

  it('warns about missing system and user messages, empty replies and token outliers', async () => {
    const lines = Array.from({ length: 20 }, () => good);
    lines[2] = m([user, assistant]);
    lines[5] = m([system, assistant]);
    lines[8] = m([system, user, { role: 'assistant', content: ' ' }]);
    lines[11] = m([system, user, { role: 'assistant', content: 'Let us slow down and look at this together. '.repeat(30) }]);
    const path = join(await tempDir(), 'w.jsonl');
    await writeFile(path, lines.join('\n'));
    const result = await validateChatJsonl(path);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.example, w.code])).toEqual([
      [3, 'no_system'],
      [6, 'no_user'],
      [9, 'empty_assistant'],
      [12, 'token_outlier'],
    ]);
  });

  it('keeps the first issues of a broken file and counts the rest', async () => {
    const path = join(await tempDir(), 'broken.jsonl');
    await writeFile(path, Array.from({ length: MAX_STORED_ISSUES + 500 }, () => '{}').join('\n'));
    const progress: number[] = [];
    const result = await validateChatJsonl(path, { onProgress: (n) => progress.push(n) });
    expect(result.errors).toHaveLength(MAX_STORED_ISSUES);
    expect(result.errors.at(-1)?.example).toBe(MAX_STORED_ISSUES);
    expect(result.errorCount).toBe(MAX_STORED_ISSUES + 500);
    expect(result.countsByCode).toEqual({ missing_messages: MAX_STORED_ISSUES + 500 });
    expect(progress.at(-1)).toBe(MAX_STORED_ISSUES + 500);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const path = await fileWith(0, '', 500);
    const run = validateChatJsonl(path, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});

describe('checkExample', () => {
  it('reports every problem of one example, with the message number', () => {
    const { issues, tokens } = checkExample(
      {
        messages: [
          { role: 'user', content: 'Hi', weight: 1 },
          { role: 'function', content: null },
        ],
        extra: 1,
      },
      3,
    );
    expect(issues.map((i) => [i.severity, i.code])).toEqual([
      ['error', 'unknown_key'],
      ['error', 'weight_on_non_assistant'],
      ['error', 'unknown_role'],
      ['error', 'missing_content'],
      ['error', 'no_assistant'],
      ['warning', 'no_system'],
    ]);
    expect(issues[2]!.message).toBe('Line 3, message 2 has the unknown role "function"; use "system", "user" or "assistant".');
    expect(tokens).toBe(countTokens('Hi') + 6);
  });

  it('accepts extra top-level keys when asked (Hugging Face rows)', () => {
    const row = { messages: [system, user, assistant], id: 's-1', source: 'real', split: 'train' };
    expect(checkExample(row, 1).issues.map((i) => i.code)).toEqual(['unknown_key', 'unknown_key', 'unknown_key']);
    expect(checkExample(row, 1, { extraKeys: ['id', 'source', 'split'] }).issues).toEqual([]);
  });
});
