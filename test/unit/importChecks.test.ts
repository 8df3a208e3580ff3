import { describe, expect, it } from 'vitest';
import type { Turn } from '../../src/shared/domain/session';
import { checkSessions, NEAR_DUPLICATE } from '../../src/main/core/imports/importChecks';
import { sessionSignature } from '../../src/main/core/sessions/minhash';
import type { PreparedSession } from '../../src/main/core/imports/prepareTranscript';
import { similarity } from '../../src/main/core/sessions/minhash';

const exam =
  'I keep thinking that my teammates ignore my ideas because they think I am foolish. When they went quiet in the meeting I was sure of it, and afterwards I stopped talking for the rest of the week.';
const sleep =
  'We talked about sleep hygiene, a regular wake-up time and keeping screens out of the bedroom for two weeks as an experiment, and about writing worries down before bed.';

const turns = (client: string, counselor = 'What went through your mind then?'): Turn[] =>
  [
    { role: 'user', text: client },
    { role: 'assistant', text: counselor },
  ] as Turn[];
const prepared = (key: string, t: Turn[], hash = key): PreparedSession =>
  ({ key, title: key, turns: t, systemPrompt: null, metadata: {}, tokenCount: 0, contentHash: hash }) as unknown as PreparedSession;

describe('checking a file before storing it', () => {
  it('expects what storing one by one would find: repeats and unusable sessions skipped, each near-duplicate the most similar of the library and the earlier sessions', async () => {
    const library = { id: 'lib-1', signature: sessionSignature(turns(exam)) };
    const file = [
      prepared('near-library', turns(`${exam} It felt awful.`)),
      prepared('sleep', turns(sleep)),
      prepared('sleep-again', turns(sleep), 'sleep'),
      prepared('no-counselor', [{ role: 'user', text: sleep }] as Turn[]),
      prepared('sleep-edited', turns(sleep.replace('two weeks', 'three weeks'))),
      prepared('sleep-edited-more', turns(`${sleep.replace('two weeks', 'three weeks')} Maybe.`)),
      prepared('in-library', turns('Anything at all.'), 'known-hash'),
    ];
    let pauses = 0;
    const checked = await checkSessions(
      file.map((session) => ({ session, turns: session.turns })),
      {
        inLibrary: (hash) => hash === 'known-hash',
        nearDuplicates: (sig, threshold) => {
          const s = similarity(sig, library.signature);
          return s >= threshold ? [{ sessionId: library.id, similarity: s }] : [];
        },
      },
      async () => {
        pauses++;
      },
    );
    expect(pauses).toBe(file.length);
    const byKey = new Map([...checked].map(([s, c]) => [s.key, c]));
    expect([...byKey.keys()]).toEqual(['near-library', 'sleep', 'sleep-edited', 'sleep-edited-more']);
    expect(byKey.get('near-library')!.similar?.sessionId).toBe('lib-1');
    expect(byKey.get('sleep')!.similar).toBeUndefined();

    // The same answer as comparing each stored session with every earlier one (and the library), one at a time.
    const stored: { id: string; signature: Uint32Array }[] = [library];
    for (const session of file) {
      const entry = checked.get(session);
      if (!entry) continue;
      const best = stored
        .map((o) => ({ sessionId: o.id, similarity: similarity(entry.signature, o.signature) }))
        .filter((c) => c.similarity >= NEAR_DUPLICATE)
        .sort((a, b) => b.similarity - a.similarity)[0];
      expect(entry.similar).toEqual(best);
      stored.push(entry);
    }
    expect(byKey.get('sleep-edited-more')!.similar?.sessionId).toBe(byKey.get('sleep-edited')!.id);
  });
});
