import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEventName, ApiEvents } from '../../../src/shared/api/events';
import type { JobSummary } from '../../../src/shared/domain/job';
import { connectLiveUpdates } from '../../../src/renderer/src/api/liveUpdates';
import { queryKeys } from '../../../src/renderer/src/api/queryKeys';

/** A client whose events the test sends by hand, as the backend would push them. */
function fakeClient() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    on<K extends ApiEventName>(name: K, listener: (payload: ApiEvents[K]) => void) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    send<K extends ApiEventName>(name: K, payload: ApiEvents[K]) {
      for (const l of listeners.get(name) ?? []) l(payload);
    },
  };
}

const job = (over: Partial<JobSummary> = {}): JobSummary =>
  ({ id: 'j1', kind: 'import', status: 'running', done: 1, total: 10, ...over }) as JobSummary;

let queryClient: QueryClient;
let client: ReturnType<typeof fakeClient>;
let disconnect: () => void;
const keys = {
  libraryPage: queryKeys.sessionPage({}, 0, 50),
  importPreview: queryKeys.importPreview({ paths: ['a'] } as never),
  personas: queryKeys.personas(0, 20),
  evaluationRun: queryKeys.evaluation.run('r'),
};
const invalidated = () =>
  Object.entries(keys)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name);

beforeEach(() => {
  vi.useFakeTimers();
  queryClient = new QueryClient();
  for (const key of Object.values(keys)) queryClient.setQueryData(key, []);
  queryClient.setQueryData(queryKeys.jobs, []);
  client = fakeClient();
  disconnect = connectLiveUpdates(client, { onReconnect: () => () => undefined }, queryClient);
});
afterEach(() => {
  disconnect();
  vi.useRealTimers();
});

describe('live updates', () => {
  it('refreshes by the areas the backend names, never by the kind of a running job', async () => {
    for (const kind of ['import', 'generatePersonas', 'evalConversations']) client.send('job.updated', job({ kind }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(invalidated()).toEqual([]);
    // The progress still lands in the jobs list at once.
    expect(queryClient.getQueryData<JobSummary[]>(queryKeys.jobs)!.map((j) => j.kind)).toEqual(['evalConversations']);

    client.send('data.changed', { entity: 'sessions' });
    client.send('data.changed', { entity: 'sessions' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(invalidated()).toEqual(['libraryPage', 'importPreview']);
  });

  it('a finished job refreshes its own failed items list', async () => {
    queryClient.setQueryData(queryKeys.jobItems('j1', 'failed'), []);
    client.send('job.updated', job({ status: 'problems' }));
    expect(queryClient.getQueryState(queryKeys.jobItems('j1', 'failed'))?.isInvalidated).toBe(true);
  });
});
