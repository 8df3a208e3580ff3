/**
 * Calls `emit` at most once per `intervalMs` per key, always with the latest value, and lets the
 * caller flush at once (a job's final state must never wait behind the throttle).
 */
export class KeyedThrottle<T> {
  private readonly pending = new Map<string, { value: T; timer: NodeJS.Timeout }>();
  private readonly lastEmit = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (value: T) => void,
  ) {}

  push(key: string, value: T): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.value = value;
      return;
    }
    const since = Date.now() - (this.lastEmit.get(key) ?? 0);
    if (since >= this.intervalMs) {
      this.fire(key, value);
      return;
    }
    const timer = setTimeout(() => {
      const entry = this.pending.get(key);
      this.pending.delete(key);
      if (entry) this.fire(key, entry.value);
    }, this.intervalMs - since);
    this.pending.set(key, { value, timer });
  }

  flush(key: string, value: T): void {
    const waiting = this.pending.get(key);
    if (waiting) clearTimeout(waiting.timer);
    this.pending.delete(key);
    this.fire(key, value);
  }

  dispose(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private fire(key: string, value: T): void {
    this.lastEmit.set(key, Date.now());
    this.emit(value);
  }
}
