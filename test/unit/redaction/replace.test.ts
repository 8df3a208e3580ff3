import { describe, expect, it } from 'vitest';
import { applyRedactions, detectPii, type RedactionTurn } from '../../../src/main/core/redaction';

const session: RedactionTurn[] = [
  { role: 'assistant', text: "Hi Sarah, I'm Dr. Patel. Welcome." },
  { role: 'user', text: 'Thanks, Dr. Patel. My husband Tom Jones left on March 3rd, 2021. I am 34 and live at 42 Elm Street in Leeds.' },
  { role: 'user', text: 'Tom said Sarah Jones should call 07700 900123 or email sarah.jones@gmail.com. ID AB123456.' },
  { role: 'assistant', text: 'Sarah, on 12/03/2021 you said tom was angry. Tom matters to you. Patel here.' },
];

const placeholder = (turns: RedactionTurn[], decisions = {}) => applyRedactions(turns, detectPii(turns), decisions, 'placeholder');

describe('placeholders', () => {
  it('number each person, place and detail once per session (a lower-case "tom" too) and name the client and counselor', () => {
    const { turns } = placeholder(session);
    expect(turns.map((t) => t.text)).toEqual([
      "Hi [CLIENT_NAME_1], I'm [COUNSELOR_NAME_1]. Welcome.",
      'Thanks, [COUNSELOR_NAME_1]. My husband [NAME_1] left on [DATE_1]. I am [AGE_1] and live at [ADDRESS_1] in [PLACE_1].',
      '[NAME_1] said [CLIENT_NAME_1] should call [PHONE_1] or email [EMAIL_1]. ID [ID_1].',
      '[CLIENT_NAME_1], on [DATE_2] you said [NAME_1] was angry. [NAME_1] matters to you. [COUNSELOR_NAME_1] here.',
    ]);
  });
  it('give the same placeholder to the same name in any case, and to a first name of a known full name', () => {
    const turns: RedactionTurn[] = [
      { role: 'user', text: 'My friend Priya Shah came. Later PRIYA said hi, and Priya left.' },
      { role: 'user', text: 'My friend Kwame and my sister Emily came too.' },
    ];
    const { turns: out } = placeholder(turns);
    expect(out.map((t) => t.text)).toEqual([
      'My friend [NAME_1] came. Later [NAME_1] said hi, and [NAME_1] left.',
      'My friend [NAME_2] and my sister [NAME_3] came too.',
    ]);
  });
  it('take the client role from a self-introduction and the counselor role when the client greets them', () => {
    const { turns } = placeholder([
      { role: 'user', text: 'Hello Dr. Nguyen. My name is Amara.' },
      { role: 'assistant', text: 'Nice to meet you. Amara, what brings you here?' },
    ]);
    expect(turns.map((t) => t.text)).toEqual([
      'Hello [COUNSELOR_NAME_1]. My name is [CLIENT_NAME_1].',
      'Nice to meet you. [CLIENT_NAME_1], what brings you here?',
    ]);
  });
  it('leave rejected detections as they are and report every decision', () => {
    const detections = detectPii(session);
    const leeds = detections.find((d) => d.text === 'Leeds');
    const age = detections.find((d) => d.kind === 'age');
    if (!leeds || !age) throw new Error('fixture changed');
    const { turns, report } = applyRedactions(session, detections, { [leeds.id]: 'rejected', [age.id]: 'rejected' }, 'placeholder', 's', {
      now: new Date(0),
    });
    expect(turns[1]?.text).toContain('I am 34 and live at [ADDRESS_1] in Leeds.');
    expect(report.appliedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(report.mode).toBe('placeholder');
    expect(report.detections).toHaveLength(detections.length);
    expect(report.detections.find((d) => d.id === leeds.id)).toMatchObject({ decision: 'rejected', replacement: null });
    expect(report.detections.find((d) => d.text === '42 Elm Street')).toMatchObject({ decision: 'accepted', replacement: '[ADDRESS_1]' });
    expect(report.counts.place).toEqual({ accepted: 0, rejected: 1 });
    expect(report.counts.name).toEqual({ accepted: 10, rejected: 0 });
  });
  it('refuse detections that no longer match the text, and overlapping accepted ones', () => {
    const detections = detectPii(session);
    const edited = session.map((t, i) => (i === 0 ? { ...t, text: `Well. ${t.text}` } : t));
    expect(() => applyRedactions(edited, detections, {}, 'placeholder')).toThrow(/does not match/);
    const first = detections[0];
    if (!first) throw new Error('no detections');
    const overlapping = {
      ...first,
      id: `${first.turnIndex}:${first.start}:${first.end + 1}`,
      end: first.end + 1,
      text: session[0]?.text.slice(first.start, first.end + 1) ?? '',
    };
    expect(() => applyRedactions(session, [...detections, overlapping], {}, 'placeholder')).toThrow(/overlap/);
  });
  it('keep the other fields of each turn', () => {
    const turns = [{ role: 'user' as const, text: 'Call 07700 900123.', extra: 7 }];
    expect(applyRedactions(turns, detectPii(turns), {}, 'placeholder').turns).toEqual([
      { role: 'user', text: 'Call [PHONE_1].', extra: 7 },
    ]);
  });
});

describe('surrogates', () => {
  const surrogate = (seed: string) => applyRedactions(session, detectPii(session), {}, 'surrogate', seed).turns.map((t) => t.text);

  it('are the same for the same seed and differ for another seed', () => {
    expect(surrogate('seed-1')).toEqual(surrogate('seed-1'));
    expect(surrogate('seed-1')).not.toEqual(surrogate('seed-2'));
  });
  it('remove every original detail and keep the shape of structured ones', () => {
    const out = surrogate('seed-1').join('\n');
    for (const gone of [
      'Sarah',
      'Patel',
      'Tom',
      'Jones',
      'March 3rd, 2021',
      '34',
      '42 Elm',
      'Leeds',
      '07700 900123',
      'sarah.jones@gmail.com',
      'AB123456',
      '12/03/2021',
    ]) {
      expect(out).not.toContain(gone);
    }
    expect(out).toMatch(/Dr\. [A-Z][a-z]+\. Welcome/);
    expect(out).toMatch(/on [A-Z][a-z]+ \d{1,2}(st|nd|rd|th), 20\d\d\./);
    expect(out).toMatch(/call \d{5} \d{6} or email [a-z]+\.[a-z]+\d@example\.org\. ID [A-Z]{2}\d{6}\./);
    expect(out).toMatch(/live at \d{2} [A-Z][a-z]+ Street in [A-Z][a-z]+/);
  });
  it('keep one person one surrogate: "Sarah" and "Sarah Jones" share the first name', () => {
    const [t0 = '', , t2 = '', t3 = ''] = surrogate('seed-1');
    const client = /^Hi ([A-Z][a-z]+),/.exec(t0)?.[1] ?? 'missing';
    expect(t2).toContain(`said ${client} `);
    expect(t3.startsWith(`${client},`)).toBe(true);
    const husband = /husband ([A-Z][a-z]+) ([A-Z][a-z]+) left/.exec(surrogate('seed-1')[1] ?? '');
    expect(t2.startsWith(`${husband?.[1]} said`)).toBe(true);
  });
  it('shift all dates of a session by the same number of days, keeping their format', () => {
    const turns: RedactionTurn[] = [{ role: 'user', text: 'From 2023-04-11 to 2023-04-25, then 11 April 2023 again.' }];
    const text = applyRedactions(turns, detectPii(turns), {}, 'surrogate', 'x').turns[0]?.text ?? '';
    const m = /^From (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2}), then (\d{1,2} [A-Z][a-z]+ \d{4}) again\.$/.exec(text);
    expect(m).not.toBeNull();
    const day = (s: string) => Date.parse(`${s} UTC`) / 86_400_000;
    expect(day(m?.[2] ?? '') - day(m?.[1] ?? '')).toBe(14);
    expect(day(m?.[3] ?? '')).toBe(day(m?.[1] ?? ''));
    expect(m?.[1]).not.toBe('2023-04-11');
  });
  it('move ages by a few years without crossing 18', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const turns: RedactionTurn[] = [{ role: 'user', text: 'My son is 17. I am 18. Dad is 60.' }];
      const text = applyRedactions(turns, detectPii(turns), {}, 'surrogate', seed).turns[0]?.text ?? '';
      const [son, me, dad] = [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
      expect(son).toBeLessThan(18);
      expect(me).toBeGreaterThanOrEqual(18);
      expect(Math.abs((dad ?? 0) - 60)).toBeGreaterThanOrEqual(1);
      expect(Math.abs((dad ?? 0) - 60)).toBeLessThanOrEqual(3);
    }
  });
});
