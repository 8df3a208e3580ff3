import type Database from 'better-sqlite3';
import { memoizedCounter } from '../imports/tokens';
import { isBusy } from '../util/sqliteBusy';
import { sessionTokens } from './sessionEditing';
import { TokenCountsRepo } from './tokenCountsRepo';

/** Sessions counted per transaction: few statements, and a concurrent writer never waits long. */
const PAGE = 500;

/**
 * Counts every session stored as "not counted", in one pass in id order, and stores the counts. Runs
 * where the tokenizer may load without holding up calls: in a worker (tokenCountTask, asked by
 * TokenCountGate) or inside a freeze.
 * Returns how many sessions it counted.
 */
export function countUncountedTokens(db: Database.Database): number {
  const repo = new TokenCountsRepo(db);
  let counted = 0;
  let after = '';
  for (;;) {
    const page = repo.uncounted(after, PAGE);
    if (page.length === 0) return counted;
    // Sessions of one import share their system prompt: counted once a page, not once a session.
    const count = memoizedCounter();
    try {
      repo.store(page.map((s) => ({ id: s.id, tokens: sessionTokens(s.systemPrompt, s.turns, count) })));
    } catch (err) {
      // A long write elsewhere (a large file landing) outlasted the busy timeout: the rest stay uncounted for the next read.
      if (isBusy(err)) return counted;
      throw err;
    }
    counted += page.length;
    after = page[page.length - 1]!.id;
  }
}
