import { setTimeout as sleep } from 'node:timers/promises';

/** SQLite refused because another connection holds the file's lock (a CLI command writing while the app runs a job). */
export function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown } | null)?.code));
}

/** Pauses between tries of a busy write, growing: 0.4 s in all, on top of the connection's own busy timeout. */
const BUSY_PAUSES_MS = [25, 50, 100, 200];

/**
 * Runs a write, trying it again a few times after a short, growing pause while SQLite reports the file
 * busy. In WAL mode a write can be refused at once, without the busy timeout's wait, when another
 * connection wrote since this one's transaction began reading; the next try starts afresh and succeeds.
 * The write must be one transaction, so a refused try left nothing behind, and safe to run again: whatever
 * it builds in memory is built afresh on each try. Any other error, or a lock that outlasts the pauses, is thrown.
 */
export async function retryWhenBusy<T>(write: () => T): Promise<T> {
  for (const pause of BUSY_PAUSES_MS) {
    try {
      return write();
    } catch (err) {
      if (!isBusy(err)) throw err;
    }
    await sleep(pause);
  }
  return write();
}
