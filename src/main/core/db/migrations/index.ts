import type { Migration } from '../migrate';
import { migration0001 } from './0001-foundation';
import { migration0002 } from './0002-transcripts';
import { migration0003 } from './0003-synthetic';
import { migration0004 } from './0004-datasets';
import { migration0005 } from './0005-evaluation';
import { migration0006 } from './0006-arena';
import { migration0007 } from './0007-judge-identity';
import { migration0008 } from './0008-job-leases';
import { migration0009 } from './0009-session-counts';
import { migration0010 } from './0010-token-counts';
import { migration0011 } from './0011-uncounted-old-sessions';

/** Ordered; append only. Never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
];
