import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DatasetRecord } from '../../../src/main/core/datasets/chatExample';
import { exportOpenAiJsonl } from '../../../src/main/core/datasets/exporters/openaiJsonl';
import { MAX_STORED_ISSUES, validateChatJsonl } from '../../../src/main/core/datasets/formatChecks';
import { countLines, tempDir } from './builders';

const TOTAL = 100_000;

/** Records made one at a time, as a database cursor would hand them over: never an array of 100k. */
async function* generated(): AsyncGenerator<DatasetRecord> {
  for (let i = 0; i < TOTAL; i++) {
    yield {
      sessionId: `s-${i}`,
      split: 'train',
      source: 'synthetic',
      title: `Session ${i}`,
      systemPrompt: null,
      turns: [
        { role: 'user', text: `I keep worrying about meeting ${i}.` },
        { role: 'assistant', text: 'What is the worst that could happen, and how likely is it?' },
      ],
      labels: ['catastrophizing'],
      tags: [],
    };
  }
}

describe('a large export', () => {
  it('streams 100,000 sessions to one line each, and the checks stream through them too', async () => {
    const dir = await tempDir();
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const result = await exportOpenAiJsonl(generated(), dir);
    expect(result.records).toBe(TOTAL);
    expect(result.files.map((f) => f.count)).toEqual([TOTAL]);
    expect(await countLines(join(dir, 'train.jsonl'))).toBe(TOTAL);
    // No system prompt anywhere: one warning per example, of which only the first are kept.
    const check = await validateChatJsonl(join(dir, 'train.jsonl'));
    expect(check).toMatchObject({ examples: TOTAL, errorCount: 0, warningCount: TOTAL, countsByCode: { no_system: TOTAL }, ok: true });
    expect(check.warnings).toHaveLength(MAX_STORED_ISSUES);
  });
});
