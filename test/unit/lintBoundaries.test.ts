import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath` (nothing is written). */
async function rules(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const runsSql = `import Database from 'better-sqlite3';\nexport const open = (f: string) => new Database(f);\n`;
const preparesSql = `import type Database from 'better-sqlite3';\nexport const n = (db: Database.Database) => db.prepare('SELECT 1').get();\n`;
const passesDb = `import type Database from 'better-sqlite3';\nexport const keep = (db: Database.Database) => db;\n`;

describe('lint boundaries', () => {
  it('keeps SQL in core/db and *Repo.ts files', async () => {
    expect(await rules(runsSql, 'src/main/core/datasets/pool.ts')).toContain('@typescript-eslint/no-restricted-imports');
    expect(await rules(preparesSql, 'src/main/core/datasets/pool.ts')).toContain('no-restricted-syntax');
    expect(await rules(preparesSql, 'src/main/cli/pool.ts')).toContain('no-restricted-syntax');
    expect(await rules(runsSql, 'src/main/core/datasets/poolRepo.ts')).toEqual([]);
    expect(await rules(preparesSql, 'src/main/core/datasets/poolRepo.ts')).toEqual([]);
    expect(await rules(runsSql, 'src/main/core/db/connection.ts')).toEqual([]);
    // Handing a connection on, as a type, is fine anywhere in main.
    expect(await rules(passesDb, 'src/main/core/datasets/pool.ts')).toEqual([]);
  });

  it('keeps hosts out of core', async () => {
    for (const host of ['../../rpc/dispatcher', '../../cli/commands', '../../standalone', '../../backend', '../../electron/window']) {
      expect(await rules(`import { x } from '${host}';\nexport const y = x;\n`, 'src/main/core/datasets/pool.ts')).toContain(
        '@typescript-eslint/no-restricted-imports',
      );
    }
    expect(await rules(`import { x } from '../rpc/dispatcher';\nexport const y = x;\n`, 'src/main/core/sessionsRepo.ts')).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await rules(`import { x } from './core/datasets/pool';\nexport const y = x;\n`, 'src/main/backend.ts')).toEqual([]);
  });

  it('loads the OpenAI SDK in the gateway only through openAiSdk(), so a command that makes no call never loads it', async () => {
    const eager = `import OpenAI from 'openai';\nexport const make = () => new OpenAI();\n`;
    const eagerHelper = `import { zodResponseFormat } from 'openai/helpers/zod';\nexport const f = zodResponseFormat;\n`;
    const typeOnly = `import type OpenAI from 'openai';\nexport type Client = OpenAI;\n`;
    expect(await rules(eager, 'src/main/core/llm/gateway.ts')).toContain('no-restricted-syntax');
    expect(await rules(eagerHelper, 'src/main/core/llm/batchCalls.ts')).toContain('no-restricted-syntax');
    expect(await rules(typeOnly, 'src/main/core/llm/gateway.ts')).toEqual([]);
    expect(await rules(eager, 'src/main/core/llm/openAiSdk.ts')).toEqual([]);
    // The SQL rule still holds in the gateway's folder.
    expect(await rules(preparesSql, 'src/main/core/llm/gateway.ts')).toContain('no-restricted-syntax');
  });
});
