import type { Migration } from '../migrate';
import { migration0001 } from './0001-foundation';

/** Ordered; append only. Never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [migration0001];
