import { describe, expect, it } from 'vitest';
import type { ArenaMessage } from '../../src/shared/api/arena';
import { thread as coreThread } from '../../src/main/core/arena/threads';
import { thread as sharedThread } from '../../src/shared/domain/arenaThread';
import { evalRunDefaults } from '../../src/shared/domain/evalRunDefaults';

const message = (id: string, parentId: string | null): ArenaMessage => ({
  id,
  column: 0,
  parentId,
  role: id.startsWith('u') ? 'user' : 'assistant',
  text: id,
  status: 'done',
  error: null,
  createdAt: 0,
});

describe('one thread() for the backend and the screen', () => {
  it('reads a column from its head back, and stops where a damaged chain loops', () => {
    const chain = [message('u1', null), message('a1', 'u1'), message('u2', 'a1'), message('a2', 'u2'), message('a1b', 'u1')];
    for (const thread of [coreThread, sharedThread]) {
      expect(thread(chain, 'a2').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
      expect(thread(chain, 'a1b').map((m) => m.id)).toEqual(['u1', 'a1b']);
      // u1 points back at a2: the thread ends instead of going round forever.
      const looped = chain.map((m) => (m.id === 'u1' ? { ...m, parentId: 'a2' } : m));
      expect(thread(looped, 'a2').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
    }
    // The screen re-exports the same function (src/renderer/src/features/arena/threads.ts).
    expect(coreThread).toBe(sharedThread);
  });
});

describe('run defaults', () => {
  it('are one object both the Evaluate screen and the CLI start from', () => {
    expect(evalRunDefaults).toEqual({ turns: 10, seeds: 1, judgeRepeats: 1, simulatorTemperature: 0.8 });
  });
});
