import { describe, expect, it } from 'vitest';
import { dataEntities, type DataEntity } from '../../../src/shared/api/events';
import { isAppWide, keysFor, queryKeys } from '../../../src/renderer/src/api/queryKeys';

type Key = readonly unknown[];

/** Every key the module can make: functions are called with placeholder arguments (only the prefix matters here). */
function allKeys(group: object, path = 'queryKeys'): { name: string; key: Key }[] {
  return Object.entries(group).flatMap(([name, value]) => {
    const full = `${path}.${name}`;
    if (Array.isArray(value)) return [{ name: full, key: value as Key }];
    if (typeof value === 'function') return [{ name: full, key: (value as (...a: unknown[]) => Key)('x', 'x', 'x') }];
    return allKeys(value as object, full);
  });
}

/** As TanStack Query matches `invalidateQueries({ queryKey })`: the given key is a prefix of the query's. */
const invalidates = (prefix: Key, key: Key) => prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
const areasRefreshing = (key: Key): DataEntity[] => dataEntities.filter((area) => keysFor(area).some((p) => invalidates(p, key)));

describe('query keys by area', () => {
  it('refreshes every project query from some area, except what never changes or follows another query', async () => {
    // Frozen versions never change; export formats are fixed; results follow their run (keyed by its progress).
    const fixed = new Set(['queryKeys.evaluation.version', 'queryKeys.datasets.formats', 'queryKeys.evaluation.results']);
    const keys = allKeys(queryKeys);
    // A group (a prefix of other keys, used to refresh them all after a write) is not itself a query.
    const isGroup = (key: Key) => keys.some((other) => other.key.length > key.length && invalidates(key, other.key));
    const stale = keys.filter(({ name, key }) => !isAppWide(key) && !isGroup(key) && !fixed.has(name) && areasRefreshing(key).length === 0);
    expect(stale.map((s) => s.name)).toEqual([]);
  });

  it('names the screens each area refreshes', () => {
    expect(areasRefreshing(queryKeys.sessionPage({}, 0, 50))).toEqual(['sessions']);
    expect(areasRefreshing(queryKeys.reviewQueue({ status: 'x' }))).toEqual(['sessions']);
    // An import preview says which transcripts are already in the library.
    expect(areasRefreshing(queryKeys.importPreview({ paths: ['a'] } as never))).toEqual(['sessions']);
    expect(areasRefreshing(queryKeys.personas(0, 20))).toEqual(['personas']);
    expect(areasRefreshing(queryKeys.scenarios(0, 20))).toEqual(['scenarios']);
    expect(areasRefreshing(queryKeys.models('p'))).toEqual(['models']);
    expect(areasRefreshing(queryKeys.training.run('r'))).toEqual(['training']);
    expect(areasRefreshing(queryKeys.datasets.list)).toEqual(['datasets']);
    expect(areasRefreshing(queryKeys.arena.leaderboard)).toEqual(['arena']);
    expect(areasRefreshing(queryKeys.evaluation.run('r'))).toEqual(['evaluation']);
    expect(areasRefreshing(queryKeys.evaluation.sets)).toEqual(['evaluation']);
    expect(areasRefreshing(queryKeys.evaluation.conversations('r', 's'))).toEqual(['evaluation']);
    // Costly statistics: an evaluation job storing a conversation does not recompute the results of a finished run.
    expect(areasRefreshing(queryKeys.evaluation.results('r', 'done/12'))).toEqual([]);
    expect(queryKeys.evaluation.results('r', 'scoring/3')).not.toEqual(queryKeys.evaluation.results('r', 'scoring/4'));
  });

  it('refreshes the project counts and the study checklist on every project change', () => {
    for (const area of dataEntities) {
      expect(areasRefreshing(queryKeys.study)).toContain(area);
      if (area !== 'project' && area !== 'prices') expect(keysFor(area)).toContainEqual(queryKeys.projectDetails);
    }
  });
});
