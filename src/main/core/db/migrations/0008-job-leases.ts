import type { Migration } from '../migrate';

/**
 * A running job is owned by one process through a lease: who holds it (host, process id and a random
 * part) and until when, renewed by a heartbeat. Another process opening the project respects a live lease.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'job-leases',
  up: `
    ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
    ALTER TABLE jobs ADD COLUMN lease_until INTEGER;
  `,
};
