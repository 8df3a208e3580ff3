import { ApiError } from '../../../shared/api/result';
import type { Logger } from '../util/logger';
import type { JobRow } from './jobRows';
import type { JobsRepo } from './jobsRepo';
import type { Lease } from './jobLease';
import { DEFAULT_LEASE_MS, describeOwner, heldElsewhere, newLeaseOwner } from './jobLease';

/** Jobs running at once in one project; more wait, queued (700 speed tests at once once meant 245k queued calls). */
const DEFAULT_MAX_RUNNING = 4;

export interface JobSlotsOptions {
  leaseMs?: number | undefined;
  owner?: string;
  maxRunning?: number | undefined;
}

/** What the slots need from the runner: its running jobs, and how to stop or start one. */
export interface SlotHooks {
  active: ReadonlyMap<string, unknown>;
  /** The heartbeat found another process holds this running job's lease now. */
  stopLost(id: string): void;
  /** A slot freed and this queued job's turn came. */
  start(id: string): void;
}

/**
 * Which jobs this process may run, apart from how their items run: the leases that keep a job to one
 * process (taken, renewed by a heartbeat, released, and the refusal to act on a job held elsewhere), and
 * the `maxRunning` cap, with the queue of jobs waiting for a slot. Kept out of the runner so each stays
 * small enough to read whole.
 */
export class JobSlots {
  /** This process's name on the leases of the jobs it runs. */
  readonly owner: string;
  readonly leaseMs: number;
  /** At most this many jobs run at once here; others wait, queued, in order (followers of remote work do not count). */
  readonly maxRunning: number;
  private readonly waiting: string[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: JobsRepo,
    private readonly log: Logger,
    private readonly hooks: SlotHooks,
    options: JobSlotsOptions = {},
  ) {
    this.owner = options.owner ?? newLeaseOwner();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.maxRunning = options.maxRunning ?? DEFAULT_MAX_RUNNING;
  }

  /** Another live process holds this lease. */
  elsewhere(lease: Lease): boolean {
    return heldElsewhere(lease, this.owner, Date.now());
  }

  isWaiting(id: string): boolean {
    return this.waiting.includes(id);
  }

  hasRoom(counted: number): boolean {
    return counted < this.maxRunning;
  }

  /** Refuses to act on a job another process runs, saying where it runs and how to go on. */
  refuseIfElsewhere(job: JobRow, action: string): void {
    if (this.hooks.active.has(job.id) || !this.elsewhere(job)) return;
    throw new ApiError(
      'CONFLICT',
      `This job is running in another window or process (${describeOwner(job.leaseOwner!)}). ${action} it there, or here once it has stopped; a process that ended without closing frees it within ${Math.ceil(this.leaseMs / 1000)} seconds.`,
    );
  }

  /** Takes the job's lease to run it now. */
  take(id: string, job: JobRow): void {
    this.refuseIfElsewhere(job, 'Resume');
    if (this.repo.takeLease(id, job, this.owner, Date.now() + this.leaseMs)) return;
    // The lease changed since it was read: whoever holds it now decides.
    const fresh = this.repo.get(id);
    if (!fresh) throw new ApiError('NOT_FOUND', 'That job no longer exists.');
    this.refuseIfElsewhere(fresh, 'Resume');
    if (!this.repo.takeLease(id, fresh, this.owner, Date.now() + this.leaseMs))
      throw new ApiError('CONFLICT', 'Another window or process started this job at the same moment. Try again in a moment.');
  }

  /** Queues the job, holding its lease, until a slot frees. */
  wait(id: string, job: JobRow): void {
    // The same lease as a job that starts at once: a queued job must hold it, or another process could start it.
    this.take(id, job);
    this.waiting.push(id);
    this.repo.setStatus(id, 'queued', {
      message: `Waiting: ${this.maxRunning} jobs are running in this project; it starts when one of them finishes.`,
    });
    this.startHeartbeat();
  }

  /** A job that never started leaves the queue and gives its lease back. */
  unqueue(id: string): void {
    const at = this.waiting.indexOf(id);
    if (at >= 0) this.waiting.splice(at, 1);
    this.repo.releaseLease(id, this.owner);
    this.stopHeartbeatIfIdle();
  }

  release(id: string): void {
    this.repo.releaseLease(id, this.owner);
  }

  /** A slot freed: the longest-waiting job starts, and the heartbeat stops with the last job. */
  freed(): void {
    this.startWaiting();
    this.stopHeartbeatIfIdle();
  }

  /** Empties the queue (the project is closing) and returns the jobs that were in it. */
  drain(): string[] {
    return this.waiting.splice(0);
  }

  private startWaiting(): void {
    const next = this.waiting.shift();
    if (!next) return;
    try {
      this.hooks.start(next);
    } catch (err) {
      this.log.error(`queued job ${next} could not start`, err);
      this.repo.releaseLease(next, this.owner);
      this.startWaiting();
    }
  }

  /** Renews the leases of the jobs running here, and stops any whose lease another process has taken. */
  startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(
      () => {
        const held = new Set(this.repo.renewLeases(this.owner, Date.now() + this.leaseMs));
        for (const id of [...this.hooks.active.keys()]) {
          if (!held.has(id)) this.hooks.stopLost(id);
        }
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private stopHeartbeatIfIdle(): void {
    if (this.hooks.active.size === 0 && this.waiting.length === 0) this.stopHeartbeat();
  }
}
