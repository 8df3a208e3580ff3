import pLimit, { type LimitFunction } from 'p-limit';

/** One queue per provider, so every job and chat shares the provider's concurrency setting. */
export class ProviderLimits {
  private readonly limits = new Map<string, LimitFunction>();

  run<T>(providerId: string, concurrency: number, task: () => Promise<T>): Promise<T> {
    let limit = this.limits.get(providerId);
    if (!limit) {
      limit = pLimit(concurrency);
      this.limits.set(providerId, limit);
    } else if (limit.concurrency !== concurrency) {
      limit.concurrency = concurrency;
    }
    return limit(task);
  }
}
