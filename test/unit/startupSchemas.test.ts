import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyTable } from '../../src/shared/domain/lazy';
import { importGraph, staticClosure } from '../support/importGraph';

// Issue #17's start-up budget: a short CLI command (open a project, print its info) within 2x a bare
// better-sqlite3 open. Building a zod schema costs start-up time whether or not anything parses with it, so
// the modules every command loads before its first call (the CLI, the composition root, the open project's
// repos) build theirs on first use. The schemas of the contract load per domain, on its first call.

/** `z.something(…)` calls that run when the module loads: at its top level, outside any function. */
function schemasBuiltAtLoad(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'z'
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${file}:${line + 1} z.${node.expression.name.text}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function offenders(root: string, entries: string[]): string[] {
  const { edges } = importGraph(root);
  const files = new Set(entries.flatMap((entry) => staticClosure(edges, entry)));
  return [...files].sort().flatMap((file) => schemasBuiltAtLoad(file, readFileSync(join(root, file), 'utf8')));
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hds-startup-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('zod schemas on the start-up path', () => {
  it('finds schemas built at load in statically imported modules, not in functions, types or dynamic imports', () => {
    const root = tree({
      'main.ts': `import { a } from './a';\nimport type { T } from './typed';\nexport const later = () => import('./later');\n`,
      'a.ts': `import { z } from 'zod';\nimport './b';\nexport const a = z.object({ x: z.string() });\nexport const f = () => z.number();\n`,
      'b.ts': `import { z } from 'zod';\nexport class C { s = z.string(); }\nexport const lazyOne = lazy(() => z.array(z.string()));\n`,
      'typed.ts': `import { z } from 'zod';\nexport const t = z.boolean();\nexport type T = string;\n`,
      'later.ts': `import { z } from 'zod';\nexport const l = z.boolean();\n`,
    });
    expect(offenders(root, ['main.ts'])).toEqual(['a.ts:3 z.object']);
  });

  it('are built on first use in every module the CLI and the backend load before their first call', () => {
    const root = join(import.meta.dirname, '../../src');
    expect(offenders(root, ['main/cli.ts', 'main/backend.ts', 'main/core/projects/openProject.ts'])).toEqual([]);
  });

  it('are built per method in the contract of projects, whose domain every CLI command calls to open its project', () => {
    const root = join(import.meta.dirname, '../../src');
    expect(offenders(root, ['shared/api/projects.ts'])).toEqual([]);
  });
});

describe('a lazy table', () => {
  it('builds an entry on its first read only, once, and lists and spreads as a plain object', () => {
    const built: string[] = [];
    const table = lazyTable({
      a: () => (built.push('a'), { name: 'a' }),
      b: () => (built.push('b'), { name: 'b' }),
    });
    expect(Object.keys(table)).toEqual(['a', 'b']);
    expect(Object.hasOwn(table, 'a')).toBe(true);
    expect(built).toEqual([]);
    const a = table.a;
    expect(a).toEqual({ name: 'a' });
    expect(table.a).toBe(a);
    expect(built).toEqual(['a']);
    expect({ ...table }).toEqual({ a: { name: 'a' }, b: { name: 'b' } });
    expect({ ...table }.a).toBe(a);
    expect(built).toEqual(['a', 'b']);
  });
});
