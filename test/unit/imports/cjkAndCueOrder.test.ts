import { describe, expect, it } from 'vitest';
import { guessRoles } from '../../../src/main/core/imports/formats/roleGuess';
import { roleFromLabel } from '../../../src/main/core/imports/formats/roleLabels';
import { parsePlainText } from '../../../src/main/core/imports/formats/text';
import { parseWebVtt } from '../../../src/main/core/imports/formats/webvtt';

describe('Chinese and Japanese speaker labels', () => {
  it('reads 治疗师/来访者 with a full-width or ASCII colon and guesses their roles', () => {
    const { transcripts } = parsePlainText('治疗师：你好，今天感觉怎么样？\n来访者：我最近睡得不好。\n治疗师: 能多说一点吗？\n');
    const t = transcripts[0]!;
    expect(t.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['治疗师', '你好，今天感觉怎么样？'],
      ['来访者', '我最近睡得不好。'],
      ['治疗师', '能多说一点吗？'],
    ]);
    const roles = guessRoles(t);
    expect(roles['治疗师']?.role).toBe('assistant');
    expect(roles['来访者']?.role).toBe('user');
  });

  it('knows the supporter and help-seeker of Chinese emotional-support data (支持者/求助者)', () => {
    const { transcripts } = parsePlainText('求助者：最近我总是睡不着。\n支持者：能说说发生了什么吗？\n');
    expect(transcripts[0]?.utterances.map((u) => [u.speaker, u.text])).toEqual([
      ['求助者', '最近我总是睡不着。'],
      ['支持者', '能说说发生了什么吗？'],
    ]);
    expect(roleFromLabel('支持者')).toMatchObject({ role: 'assistant', reason: 'the label "支持者" names the role' });
    expect(roleFromLabel('求助者')).toMatchObject({ role: 'user' });
  });

  it('reads Japanese labels (カウンセラー) and a bracketed 【相談者】', () => {
    const { transcripts } = parsePlainText('カウンセラー：今日はどうされましたか。\n【相談者】仕事のことで眠れません。\n');
    const t = transcripts[0]!;
    expect(t.utterances.map((u) => u.speaker)).toEqual(['カウンセラー', '相談者']);
    const roles = guessRoles(t);
    expect(roles['カウンセラー']?.role).toBe('assistant');
    expect(roles['相談者']?.role).toBe('user');
  });
});

describe('WebVTT cues that start together', () => {
  it('keep the order of the file, whatever their end times', () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<v Therapist>How was the week?',
      '',
      '00:00:03.000 --> 00:00:04.000',
      '<v Client>Short answer first.',
      '',
      '00:00:03.000 --> 00:00:09.000',
      '<v Therapist>And a longer overlap after it.',
      '',
      '00:00:10.000 --> 00:00:11.000',
      '<v Client>Done.',
      '',
    ].join('\n');
    const utterances = parseWebVtt(vtt).transcripts[0]!.utterances;
    expect(utterances.map((u) => u.text)).toEqual(['How was the week?', 'Short answer first.', 'And a longer overlap after it.', 'Done.']);
  });
});
