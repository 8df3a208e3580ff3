import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCircles, importGraph } from '../support/importGraph';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A throwaway source tree: file name → contents. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hds-imports-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('import circles', () => {
  it('finds a circle through value imports, type-only imports, re-exports, folder indexes and dynamic imports', () => {
    const root = tree({
      'a/context.ts': `import type { Manager } from '../b/manager';\nexport interface Ctx { m: Manager }\n`,
      'b/manager.ts': `import { Project } from './project';\nexport class Manager { p = new Project(); }\n`,
      'b/project.ts': `export { job } from '../c';\nexport class Project {}\n`,
      'c/index.ts': `export const job = () => import('../d/api');\n`,
      'd/api.ts': `import { type Ctx } from '../a/context';\nexport const api = (c: Ctx) => c;\n`,
      'd/helper.ts': `import { api } from './api';\nexport const h = api;\n`,
      'e/one.ts': `import { two } from './two';\nexport const one = two;\n`,
      'e/two.ts': `import type { one } from './one';\nexport const two = 2 as unknown as typeof one;\n`,
    });
    const { edges } = importGraph(root);
    expect(importCircles(edges, { includeTypeOnly: true })).toEqual([
      ['a/context.ts', 'b/manager.ts', 'b/project.ts', 'c/index.ts', 'd/api.ts'],
      ['e/one.ts', 'e/two.ts'],
    ]);
    // Only the circle's first and last steps are types: at run time nothing loops.
    expect(importCircles(edges, { includeTypeOnly: false })).toEqual([]);
  });

  it('finds none in a tree that only imports downward', () => {
    const root = tree({
      'api.ts': `import { repo } from './repo';\nimport type { Row } from './types';\nexport const api = (r: Row) => repo(r);\n`,
      'repo.ts': `import type { Row } from './types';\nexport const repo = (r: Row) => r;\n`,
      'types.ts': `export interface Row { id: string }\n`,
    });
    const { edges } = importGraph(root);
    expect(edges).toHaveLength(3);
    expect(importCircles(edges, { includeTypeOnly: true })).toEqual([]);
  });

  // Type-only imports count too: a circle of types still means no file of it can be read or moved alone.
  it('core has no import circle, not even through type-only imports', () => {
    const { files, edges } = importGraph(join(process.cwd(), 'src/main/core'));
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'projects/projectManager.ts' && e.to === 'projects/openProject.ts')).toBe(true);
    expect(importCircles(edges, { includeTypeOnly: true })).toEqual([]);
  });

  it('the main process as a whole (hosts, rpc, cli and core) has none either', () => {
    const { edges } = importGraph(join(process.cwd(), 'src/main'));
    expect(edges.some((e) => e.from === 'cli/options.ts' && e.to === 'cli/command.ts')).toBe(true);
    expect(importCircles(edges, { includeTypeOnly: true })).toEqual([]);
  });
});
