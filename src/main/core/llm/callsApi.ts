import type { CallsApi } from '../../../shared/api/calls';
import type { CoreContext } from '../context';

export function callsApi({ projects }: CoreContext): CallsApi {
  return {
    'calls.list': async ({ offset, limit, ...filter }) => projects.require().calls.list(filter, offset ?? 0, limit ?? 100),
    'calls.totals': async (filter) => projects.require().calls.totals(filter),
    'calls.byPurpose': async () => projects.require().calls.byPurpose(),
  };
}
