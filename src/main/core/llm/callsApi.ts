import type { CallsApi } from '../../../shared/api/calls';
import type { DomainDeps } from '../context';

/** The parts of the open project this API reads and writes. */
export type CallsParts = 'calls';

export function callsApi({ project: open }: Pick<DomainDeps<CallsParts>, 'project'>): CallsApi {
  return {
    'calls.list': async ({ offset, limit, ...filter }) => open().calls.list(filter, offset ?? 0, limit ?? 100),
    'calls.totals': async (filter) => open().calls.totals(filter),
    'calls.byPurpose': async () => open().calls.byPurpose(),
  };
}
