import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toChatExample, type DatasetRecord } from '../../../src/main/core/datasets/chatExample';
import { exportFormats } from '../../../src/main/core/datasets/exporters';
import { exportHfChat } from '../../../src/main/core/datasets/exporters/hfChat';
import { exportOpenAiJsonl } from '../../../src/main/core/datasets/exporters/openaiJsonl';
import { exportShareGpt } from '../../../src/main/core/datasets/exporters/sharegpt';
import { exportTurnsCsv, TURN_COLUMNS } from '../../../src/main/core/datasets/exporters/turnsCsv';
import { validateChatJsonl } from '../../../src/main/core/datasets/formatChecks';
import { CBT_PROMPT, filesUnder, record, records, tempDir } from './builders';

async function* slowly(items: DatasetRecord[]): AsyncGenerator<DatasetRecord> {
  for (const item of items) {
    await new Promise((resolve) => setImmediate(resolve));
    yield item;
  }
}

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('toChatExample', () => {
  it('puts the system prompt first, then the turns; the record prompt wins over the default', () => {
    const r = record(2, { systemPrompt: 'Session prompt' });
    expect(toChatExample(r, CBT_PROMPT).messages).toEqual([
      { role: 'system', content: 'Session prompt' },
      { role: 'user', content: r.turns[0]!.text },
      { role: 'assistant', content: r.turns[1]!.text },
    ]);
    expect(toChatExample(record(2), CBT_PROMPT).messages[0]).toEqual({ role: 'system', content: CBT_PROMPT });
    expect(toChatExample(record(2)).messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('adds no second system message when the turns open with one', () => {
    const r = record(2, {
      turns: [
        { role: 'system', text: 'Own' },
        { role: 'user', text: 'Hi' },
        { role: 'assistant', text: 'Hello' },
      ],
    });
    expect(toChatExample(r, CBT_PROMPT).messages.filter((m) => m.role === 'system')).toEqual([{ role: 'system', content: 'Own' }]);
  });
});

describe('OpenAI and Hugging Face JSONL', () => {
  it('writes train and validation files that pass the OpenAI checks with no errors', async () => {
    const dir = await tempDir();
    const progress: number[] = [];
    const result = await exportOpenAiJsonl(slowly(records(60)), dir, { systemPrompt: CBT_PROMPT, onProgress: (n) => progress.push(n) });
    expect(result.records).toBe(60);
    expect(progress).toHaveLength(60);
    expect(result.files.map((f) => [f.path, f.count])).toEqual([
      [join(dir, 'train.jsonl'), 48],
      [join(dir, 'validation.jsonl'), 12],
    ]);
    for (const file of result.files) {
      expect(file.bytes).toBe((await stat(file.path)).size);
      const check = await validateChatJsonl(file.path);
      expect(check).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, examples: file.count });
    }
    const [first] = await lines(join(dir, 'train.jsonl'));
    expect(first).toEqual(toChatExample(record(0), CBT_PROMPT));
    expect(await filesUnder(dir)).toEqual(['train.jsonl', 'validation.jsonl']);
  });

  it('writes no file for a split without sessions', async () => {
    const dir = await tempDir();
    const result = await exportOpenAiJsonl(records(12, { split: 'train' }), dir);
    expect(result.records).toBe(12);
    expect(result.files.map((f) => f.count)).toEqual([12]);
    expect(await filesUnder(dir)).toEqual(['train.jsonl']);
  });

  it('writes HF rows with id, source and split under data/, valid chat apart from those keys', async () => {
    const dir = await tempDir();
    const result = await exportHfChat(records(50), dir, { systemPrompt: CBT_PROMPT });
    expect(await filesUnder(dir)).toEqual(['data/train.jsonl', 'data/validation.jsonl']);
    expect(result.files.map((f) => f.count)).toEqual([40, 10]);
    for (const file of result.files) {
      const check = await validateChatJsonl(file.path, { extraKeys: ['id', 'source', 'split'] });
      expect(check.errors).toEqual([]);
    }
    const rows = await lines(join(dir, 'data', 'validation.jsonl'));
    expect(rows[0]).toEqual({ messages: toChatExample(record(4), CBT_PROMPT).messages, id: 's-4', source: 'real', split: 'validation' });
  });

  it('escapes line and paragraph separators so no reader splits a line', async () => {
    const dir = await tempDir();
    await exportOpenAiJsonl(
      [
        record(0, {
          turns: [
            { role: 'user', text: 'a\u2028b' },
            { role: 'assistant', text: 'c\u2029d' },
          ],
        }),
      ],
      dir,
    );
    const text = await readFile(join(dir, 'train.jsonl'), 'utf8');
    expect(text).toContain('a\\u2028b');
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect((JSON.parse(text) as { messages: { content: string }[] }).messages[1]!.content).toBe('c\u2029d');
  });
});

describe('ShareGPT', () => {
  it('writes one JSON array of conversations with human and gpt turns', async () => {
    const dir = await tempDir();
    const out = join(dir, 'sharegpt.json');
    const result = await exportShareGpt(slowly(records(7)), out, { systemPrompt: CBT_PROMPT });
    const parsed = JSON.parse(await readFile(out, 'utf8')) as unknown[];
    expect(parsed).toHaveLength(7);
    expect(result.records).toBe(7);
    expect(result.files).toEqual([{ path: out, bytes: (await stat(out)).size, count: 7 }]);
    expect(parsed[3]).toEqual({
      id: 's-3',
      conversations: [
        { from: 'system', value: CBT_PROMPT },
        ...record(3).turns.map((t) => ({ from: t.role === 'user' ? 'human' : 'gpt', value: t.text })),
      ],
      source: 'synthetic',
      labels: ['overgeneralization', 'labeling'],
    });
  });

  it('writes an empty array when there is nothing to export', async () => {
    const out = join(await tempDir(), 'empty.json');
    await exportShareGpt([], out);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual([]);
  });
});

describe('turns CSV', () => {
  it('writes one row per turn that papaparse reads back, commas, quotes and line breaks included', async () => {
    const out = join(await tempDir(), 'turns.csv');
    const input = records(600);
    const result = await exportTurnsCsv(input, out);
    const turns = input.reduce((n, r) => n + r.turns.length, 0);
    expect(result.files[0]?.count).toBe(turns);
    const parsed = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...TURN_COLUMNS]);
    expect(parsed.data).toHaveLength(turns);
    expect(parsed.data[7]).toEqual({
      session_id: 's-1',
      split: 'train',
      source: 'synthetic',
      turn_index: '3',
      role: 'assistant',
      text: 'So there are at least two other possibilities. How likely does being fired feel now, from 0 to 100?',
      labels: 'mind reading',
    });
    expect(parsed.data[6]?.text).toBe('Maybe the project, I guess.\nOr the schedule, we talked about it, last week.');
    expect(parsed.data[4]?.text).toBe('My boss sent an email saying "see me tomorrow". I know I am getting fired.');
    expect(parsed.data[0]?.labels).toBe('overgeneralization; labeling');
  });
});

describe('every format, cancelled or failing', () => {
  it.each(exportFormats.map((f) => [f.id, f] as const))(
    '%s leaves no final file and no .partial when aborted mid-export',
    async (_id, format) => {
      const dir = await tempDir();
      const target = format.output === 'folder' ? join(dir, 'out') : join(dir, format.defaultName);
      const controller = new AbortController();
      const run = format.run(slowly(records(2000)), target, {
        signal: controller.signal,
        onProgress: (n) => n === 700 && controller.abort(),
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(await filesUnder(dir)).toEqual([]);
    },
  );

  it.each(exportFormats.map((f) => [f.id, f] as const))('%s leaves nothing when the sessions cannot be read', async (_id, format) => {
    const dir = await tempDir();
    async function* failing() {
      yield* records(30);
      throw new Error('database is locked');
    }
    await expect(format.run(failing(), join(dir, format.defaultName))).rejects.toThrow('database is locked');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('keeps the previous export in place when a new one is cancelled', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'train.jsonl'), 'previous\n');
    const controller = new AbortController();
    const run = exportOpenAiJsonl(slowly(records(100)), dir, {
      signal: controller.signal,
      onProgress: (n) => n === 50 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readFile(join(dir, 'train.jsonl'), 'utf8')).toBe('previous\n');
    expect(await filesUnder(dir)).toEqual(['train.jsonl']);
  });
});
