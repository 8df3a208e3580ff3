// The two real data sets in ../shared/data, end to end through parseFile and guessRoles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessRoles } from '../../../src/main/core/imports/formats/roleGuess';
import { parseFile } from '../../../src/main/core/imports/parseFile';
import { sharedData } from './fixtures';

describe('AnnoMI (AnnoMI-simple.csv)', () => {
  const bytes = readFileSync(sharedData('annomi/AnnoMI-simple.csv'));

  it('is recognised without a mapping: 133 transcripts, 9,699 utterances, both roles, no empty turn', async () => {
    const started = performance.now();
    const result = await parseFile('AnnoMI-simple.csv', bytes);
    const ms = performance.now() - started;
    expect(result.format).toBe('csv');
    expect(result.problems).toEqual([]);
    expect(result.transcripts).toHaveLength(133);
    expect(result.transcripts.reduce((n, t) => n + t.utterances.length, 0)).toBe(9699);
    for (const t of result.transcripts) {
      const roles = new Set(Object.values(guessRoles(t)).map((g) => g.role));
      expect(roles, t.key).toEqual(new Set(['user', 'assistant']));
      for (const u of t.utterances) expect(u.text.trim(), `${t.key}:${u.line}`).not.toBe('');
      expect(['high', 'low']).toContain(t.metadata.miQuality);
      expect(typeof t.metadata.topic).toBe('string');
      expect(t.metadata.topic).toBe(String(t.metadata.topic).trim());
    }
    // Generous: the machine is shared; the brief's target is well under 300 ms.
    expect(ms).toBeLessThan(1500);
  });

  it('keeps titles, metadata, annotations (without n/a), timestamps and utterance order', async () => {
    const { transcripts } = await parseFile('AnnoMI-simple.csv', bytes);
    const first = transcripts[0];
    expect(first?.key).toBe('0');
    expect(first?.title).toBe('NEW VIDEO: Brief intervention: "Barbara"');
    expect(first?.metadata).toEqual({
      miQuality: 'high',
      topic: 'reducing alcohol consumption',
      videoUrl: 'https://www.youtube.com/watch?v=PaSKcfTmFEk',
      transcriptId: '0',
    });
    expect(first?.utterances[0]).toMatchObject({
      speaker: 'therapist',
      startSec: 13,
      line: 2,
      annotations: { mainTherapistBehaviour: 'question' },
    });
    expect(first?.utterances[1]).toEqual({
      speaker: 'client',
      text: 'Sure.',
      line: 3,
      startSec: 24,
      annotations: { clientTalkType: 'neutral' },
    });
    const topics = new Set(transcripts.map((t) => t.metadata.topic));
    expect(topics.has('smoking cessation')).toBe(true);
    expect(topics.has('smoking cessation ')).toBe(false);
    expect(transcripts.filter((t) => t.metadata.miQuality === 'low')).toHaveLength(23);
  });
});

describe('ESConv (FailedESConv.json)', () => {
  it('gives 196 dialogues with known roles, trimmed turns and survey scores as numbers', async () => {
    const result = await parseFile('FailedESConv.json', readFileSync(sharedData('esconv/FailedESConv.json')));
    expect(result.format).toBe('dialogue-json');
    expect(result.transcripts).toHaveLength(196);
    const [first] = result.transcripts;
    expect(first?.title).toBe('ongoing depression #1');
    expect(first?.knownRoles).toEqual({ speaker: 'user', listener: 'assistant' });
    expect(first?.metadata).toMatchObject({
      emotionType: 'depression',
      problemType: 'ongoing depression',
      experienceType: 'Current Experience',
      situation: 'General depression made worse by the ongoing pandemic in my country.',
      surveyScore: { seeker: { initialEmotionIntensity: 5, empathy: 1, relevance: 1, finalEmotionIntensity: 5 } },
    });
    expect(first?.utterances.slice(0, 3)).toEqual([
      { speaker: 'speaker', text: 'Hey there' },
      { speaker: 'speaker', text: 'How are you?' },
      { speaker: 'listener', text: 'hi', annotations: { strategy: 'Other' } },
    ]);
    for (const t of result.transcripts) {
      const seeker = (t.metadata.surveyScore as { seeker: Record<string, unknown> }).seeker;
      for (const key of ['empathy', 'relevance']) if (seeker[key] !== undefined) expect(typeof seeker[key]).toBe('number');
      const roles = new Set(Object.values(guessRoles(t)).map((g) => g.role));
      expect(roles.has('user')).toBe(true);
      for (const u of t.utterances) expect(u.text).toBe(u.text.trim());
    }
  });
});
