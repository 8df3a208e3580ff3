import { hostname } from 'node:os';

/** How long a lease lasts without a heartbeat; a process that died silently frees its jobs after this. */
export const DEFAULT_LEASE_MS = 30_000;

export interface Lease {
  leaseOwner: string | null;
  leaseUntil: number | null;
}

/** Thrown inside an item's transaction when this process no longer holds the job's lease: nothing is stored. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`Job ${jobId} is now run by another process; this one stopped without storing its item.`);
  }
}

/**
 * Who runs jobs in this process: host and pid so people can tell, and a random part so a reused pid never
 * passes for an old one. The random part only tells processes apart (no secret), so it does not load node:crypto.
 */
export function newLeaseOwner(): string {
  return `${hostname()}/${process.pid}/${Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')}`;
}

function parseOwner(owner: string): { host: string; pid: number | null } {
  const parts = owner.split('/');
  const pid = Number(parts.at(-2));
  return { host: parts.slice(0, -2).join('/'), pid: Number.isInteger(pid) && pid > 0 ? pid : null };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when another process holds a lease that still counts: not expired, and (on this computer) its
 * process still exists, so a crash here frees its jobs at once instead of after the lease runs out.
 */
export function heldElsewhere(lease: Lease, me: string, now: number): boolean {
  if (!lease.leaseOwner || lease.leaseOwner === me) return false;
  if (lease.leaseUntil === null || lease.leaseUntil < now) return false;
  const { host, pid } = parseOwner(lease.leaseOwner);
  return !(host === hostname() && pid !== null && !processAlive(pid));
}

/** "process 4242 on this computer", for messages. */
export function describeOwner(owner: string): string {
  const { host, pid } = parseOwner(owner);
  const where = host === hostname() ? 'on this computer' : `on ${host}`;
  return pid === null ? `another process ${where}` : `process ${pid} ${where}`;
}
