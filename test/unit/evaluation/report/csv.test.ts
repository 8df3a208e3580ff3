import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SCORE_COLUMNS, scoresCsv } from '../../../../src/main/core/evaluation/report/csv';
import { buildFixture, MALICIOUS_TITLE, TRICKY_RATIONALE } from './fixture';

describe('scoresCsv', () => {
  const { scores } = buildFixture();
  const csv = scoresCsv(scores);

  it('reads back with papaparse to the same rows, quotes, commas and line breaks intact', () => {
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...SCORE_COLUMNS]);
    expect(parsed.data).toEqual(
      scores.map((s) => ({
        conversation_id: s.conversationId,
        model: s.model,
        scenario_id: s.scenarioId,
        scenario_title: s.scenarioTitle,
        seed: String(s.seed),
        rubric_id: s.rubricId,
        criterion: s.criterion,
        repeat: String(s.repeat),
        score: s.score === null ? '' : String(s.score),
        status: s.status,
        rationale: s.rationale,
      })),
    );
    expect(parsed.data.some((r) => r.rationale === TRICKY_RATIONALE)).toBe(true);
    expect(parsed.data.some((r) => r.scenario_title === MALICIOUS_TITLE)).toBe(true);
  });

  it('writes RFC 4180: CRLF between records, quoted fields, missing scores empty, not 0', () => {
    expect(csv.startsWith(`${SCORE_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain(
      '"The counselor said ""that sounds hard, doesn\'t it?"", then\nasked about the exam,\r\nand ""reflected"" twice."',
    );
    const missing = scores.filter((s) => s.score === null);
    expect(missing.length).toBeGreaterThan(0);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1);
    expect(parsed.filter((r) => r[8] === '')).toHaveLength(missing.length);
    expect(parsed).toHaveLength(scores.length);
  });

  it('is just the header for a run without scores', () => {
    expect(scoresCsv([])).toBe(`${SCORE_COLUMNS.join(',')}\r\n`);
  });
});
