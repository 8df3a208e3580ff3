/**
 * A fake OpenAI-compatible server for tests: the real SDK talks to it by changing only `baseURL`.
 *
 *   const fake = await startFakeOpenAI({ apiKey: 'sk-test' });
 *   const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.url });
 *
 * Scripting from a prompt (last user message): `[[fake:reply=TEXT]]` answers exactly TEXT;
 * `[[fake:usage=none]]` leaves `usage` out, like providers that do not report it;
 * `[[fake:pick={"needle":"reply"}]]` answers the reply whose needle occurs in the request's messages;
 * a `[[fake:reply=TEXT]]` in the system message scripts that assistant when the user message does not.
 * Faults: `fake.addFault({ route: 'chat', kind: 'status429', times: 1, retryAfterMs: 500 })`, or
 * `POST /__admin/faults` with the same JSON when started with `admin: true` (the `fake-llm` CLI).
 */
export { startFakeOpenAI } from './server';
export type { FakeOpenAI, FakeOpenAIOptions, FaultRoute, FaultRule, RecordedRequest, RouteName } from './types';
