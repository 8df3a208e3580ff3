import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './fakeOpenAI';

/**
 * One fake OpenAI server for a test file: started before its tests, closed after, with faults and latency
 * reset before each test. The returned object stands for the server, so tests read `fake.url` as usual.
 */
export function fakeOpenAIForSuite(options: FakeOpenAIOptions): FakeOpenAI {
  let server: FakeOpenAI | null = null;
  beforeAll(async () => {
    server = await startFakeOpenAI(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.clearFaults();
    server!.setLatency(0);
  });
  return new Proxy({} as FakeOpenAI, {
    get(_target, key) {
      if (!server) throw new Error('The fake OpenAI server starts in beforeAll; use it inside tests or hooks.');
      const value = server[key as keyof FakeOpenAI];
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}
