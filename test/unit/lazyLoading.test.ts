import { describe, expect, it } from 'vitest';
import { commandGroups, findCommand, groupsByFirstWord } from '../../src/main/cli/commandIndex';
import { apiInputs } from '../../src/shared/api';
import { inputLoaders } from '../../src/shared/api/inputLoaders';

// The CLI and the dispatcher load a command's group and a domain's schemas on first use. These check the
// lazy tables against the eager ones, so a command or a method added to a group is never unreachable.
describe('the CLI command index', () => {
  it('finds every command of every group by its name, with the group its first word points to', async () => {
    const tables = await Promise.all(commandGroups.map((load) => load()));
    const names = tables.flatMap((t) => Object.keys(t));
    expect(names.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
    for (const table of tables) {
      for (const [name, command] of Object.entries(table)) {
        const found = await findCommand([...name.split(' '), 'an-argument']);
        expect(found?.name, name).toBe(name);
        expect(found?.command, name).toBe(command);
      }
    }
  });

  it('points each first word only at groups that hold a command starting with it', async () => {
    for (const [word, groups] of Object.entries(groupsByFirstWord)) {
      for (const load of groups)
        expect(
          Object.keys(await load()).some((n) => n.split(' ')[0] === word),
          word,
        ).toBe(true);
    }
  });

  it('finds nothing for an unknown command or an object key', async () => {
    for (const line of [['nonsense'], ['projects', 'explode'], ['constructor'], ['__proto__'], ['toString'], []]) {
      expect(await findCommand(line), line.join(' ')).toBeUndefined();
    }
  });
});

describe("the dispatcher's schema loaders", () => {
  it('load, per domain, exactly the schema objects of the eager contract table', async () => {
    const loaded = new Map<string, unknown>();
    for (const [domain, load] of Object.entries(inputLoaders)) {
      for (const [method, schema] of Object.entries(await load())) if (method.startsWith(`${domain}.`)) loaded.set(method, schema);
    }
    expect([...loaded.keys()].sort()).toEqual(Object.keys(apiInputs).sort());
    for (const [method, schema] of loaded) expect(schema, method).toBe(apiInputs[method as keyof typeof apiInputs]);
  });
});
