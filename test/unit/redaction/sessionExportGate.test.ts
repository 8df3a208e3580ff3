import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportSessionsJsonl } from '../../../src/main/core/sessions/sessionExport';
import type { SessionsRepo } from '../../../src/main/core/sessions/sessionsRepo';

const dir = mkdtempSync(join(tmpdir(), 'hds-export-gate-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A repo in which details are detected in session b after the export listed its sessions and before it
 * reached b (a long export while a person runs detection): the text is read as it stood when written.
 */
function racingRepo(): SessionsRepo {
  const session = (id: string, text: string, redaction: unknown) => ({
    id,
    systemPrompt: null,
    turns: [
      { role: 'user', text },
      { role: 'assistant', text: 'I hear you.' },
    ],
    redaction,
  });
  const rows: Record<string, unknown> = {
    a: session('a', 'I slept badly.', null),
    b: session('b', 'My sister Radka lives in Brno.', { status: 'pending', mode: 'placeholder', detections: [] }),
  };
  return { ids: () => ['a', 'b'], count: () => 0, get: (id: string) => rows[id] } as unknown as SessionsRepo;
}

describe('sessions export', () => {
  it('checks each session for pending details as it writes it, not only when it lists them', async () => {
    const out = join(dir, 'all.jsonl');
    const done = await exportSessionsJsonl(racingRepo(), {}, out);
    expect(done).toEqual({ file: out, sessions: 1, withheldForDetails: 1 });
    expect(readFileSync(out, 'utf8')).toMatch(/slept badly/);
    expect(readFileSync(out, 'utf8')).not.toMatch(/Radka|Brno/);
  });
});
