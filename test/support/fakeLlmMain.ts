/**
 * `npm run fake-llm -- [--port 11435] [--latency MS] [--api-key KEY] [--step-ms MS] [--schema-strict | --schema-minimal]`
 *
 * Runs the fake OpenAI-compatible server in its own process for manual runs and Playwright.
 * stdout carries only the base URL (one line) so a parent process can read it; the admin routes
 * are on so that parent can inject faults.
 */
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from './fakeOpenAI';

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${value}\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    latency: { type: 'string' },
    'api-key': { type: 'string' },
    'step-ms': { type: 'string' },
    'schema-strict': { type: 'boolean' },
    'schema-minimal': { type: 'boolean' },
  },
  strict: true,
});

const fake = await startFakeOpenAI({
  port: intOption(values.port, 'port', 11435),
  latencyMs: intOption(values.latency, 'latency', 0),
  fineTuneStepMs: intOption(values['step-ms'], 'step-ms', 50),
  ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
  admin: true,
  schemaStrict: values['schema-minimal'] === true ? 'minimal' : values['schema-strict'] === true,
});

process.stdout.write(`${fake.url}\n`);
const origin = fake.url.replace(/\/v1$/, '');
process.stderr.write(`fake OpenAI server ready; faults: POST ${origin}/__admin/faults, counts: GET ${origin}/__admin/requests\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
