import type { JobSummary } from '../../../shared/domain/job';
import { canResume } from '../../../shared/domain/job';
import { ApiError } from '../../../shared/api/result';
import { newId } from '../util/ids';
import type { Logger } from '../util/logger';
import type { EventBus } from '../events';
import type { AnyJobHandler } from './jobHandler';
import { HandlerRegistry } from './handlerRegistry';
import type { JobRow } from './jobRows';
import type { JobsRepo } from './jobsRepo';
import { describeOwner, LeaseLostError } from './jobLease';
import type { JobSlotsOptions } from './jobSlots';
import { JobSlots } from './jobSlots';
import { KeyedThrottle } from './throttle';
import { ChangeNotices } from './changeNotices';
import type { LlmGateway } from '../llm/gateway';
import { runAsBatch } from './batchRun';
import { ProviderCallError } from '../llm/providerErrors';
import { finishedStatus, outcomeMessage, tallyOutcome } from './outcome';
import { itemProgress, pace, stoppedState, type ActiveRun } from './activeRun';
import { runItems } from './itemLoop';

/** About four updates a second per job: smooth for a progress bar, cheap for the transport. */
const EVENT_INTERVAL_MS = 250;

/**
 * Runs persisted jobs. State goes to SQLite first, then a throttled `job.updated` event; what stored items
 * change goes out as `data.changed` for the areas the handler declares. An item whose result is stored is
 * never run again, so resuming after a crash, a pause or a cancel repeats no work.
 */
export class JobRunner {
  /** The kinds this runner knows, each one's handler loaded on first need. */
  readonly kinds = new HandlerRegistry();
  private readonly active = new Map<string, ActiveRun>();
  private readonly throttle: KeyedThrottle<JobSummary>;
  private readonly changes: ChangeNotices;
  /** Leases (one process per job) and the running-jobs cap with its queue. */
  private readonly slots: JobSlots;
  /** This process's name on the leases of the jobs it runs. */
  readonly owner: string;

  constructor(
    private readonly repo: JobsRepo,
    events: Pick<EventBus, 'emit'>,
    private readonly log: Logger,
    /** Needed only by jobs that run through the Batch API. */
    private readonly gateway?: LlmGateway,
    options: JobSlotsOptions = {},
  ) {
    this.throttle = new KeyedThrottle(EVENT_INTERVAL_MS, (summary) => events.emit('job.updated', summary));
    this.changes = new ChangeNotices((entity) => events.emit('data.changed', { entity }));
    const hooks = {
      active: this.active,
      stopLost: (id: string) => {
        const run = this.active.get(id);
        if (!run) return;
        run.stop = 'lost';
        run.abort.abort();
      },
      start: (id: string) => this.start(id),
    };
    this.slots = new JobSlots(repo, log, hooks, options);
    this.owner = this.slots.owner;
  }

  register(handler: AnyJobHandler): void {
    this.kinds.register(handler);
  }

  /** Loads a kind's handler: `create` needs it loaded, so the writes around a job's creation stay one synchronous step. */
  async load(kind: string): Promise<void> {
    await this.kinds.load(kind);
  }

  /**
   * Called when a project opens: jobs a crash or quit left running become interrupted, except those
   * that only follow work running elsewhere, which resume at once. Returns the ones left interrupted.
   */
  async recoverInterrupted(): Promise<string[]> {
    // A job another process is running (its lease is live) is left alone: it is not interrupted.
    const crashed = this.repo.markInterrupted(
      this.repo
        .runningOrQueued()
        .filter((j) => !this.slots.elsewhere(j))
        .map((j) => j.id),
    );
    // Followers stopped by a clean quit are interrupted too; they resume as well.
    for (const kind of this.kinds.resumingOnOpen()) {
      for (const id of this.repo.idsWithStatus(kind, 'interrupted')) await this.resume(id);
    }
    return crashed.filter((id) => this.repo.get(id)?.status === 'interrupted');
  }

  create(kind: string, rawParams: unknown, options: { budgetUsd?: number | null } = {}): JobSummary {
    const handler = this.kinds.handler(kind);
    const params = handler.paramsSchema.parse(rawParams);
    const now = Date.now();
    const job: JobRow = {
      id: newId(),
      kind,
      title: handler.title(params),
      status: 'queued',
      params: params as Record<string, unknown>,
      result: null,
      outcome: null,
      message: null,
      budgetUsd: options.budgetUsd ?? null,
      costUsd: 0,
      total: 0,
      done: 0,
      failed: 0,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      updatedAt: now,
      leaseOwner: null,
      leaseUntil: null,
    };
    const items = handler.plan(params).map((input, seq) => ({ id: newId(), seq, input }));
    this.repo.insertWithItems(job, items);
    this.startOrQueue(job.id);
    return this.summary(job.id);
  }

  summary(id: string): JobSummary {
    const job = this.orphansInterrupted(this.repo.get(id));
    if (!job) throw new ApiError('NOT_FOUND', 'That job no longer exists.');
    const run = this.active.get(id);
    const { ratePerMinute, etaMs } = pace(job, run);
    const { params, result, leaseOwner, leaseUntil, ...rest } = job;
    const elsewhere = !run && (job.status === 'running' || job.status === 'queued') && this.slots.elsewhere({ leaseOwner, leaseUntil });
    return {
      ...rest,
      ...(elsewhere
        ? { message: `Running in another window or process (${describeOwner(leaseOwner!)}); its progress shows here as it is saved.` }
        : {}),
      params,
      result,
      running: run?.running ?? 0,
      itemProgress: run ? itemProgress(run) : null,
      ratePerMinute,
      etaMs,
      runningElsewhere: elsewhere,
      retriesFailed: this.kinds.factsOf(job.kind)?.retryFailedOnResume !== false,
    };
  }

  /**
   * A job recorded as running that no live process holds (its process died, or quit without a word, and its
   * lease ran out) becomes interrupted when it is next looked at, so it can be resumed.
   */
  private orphansInterrupted(job: JobRow | undefined): JobRow | undefined {
    if (
      !job ||
      this.active.has(job.id) ||
      this.slots.isWaiting(job.id) ||
      (job.status !== 'running' && job.status !== 'queued') ||
      this.slots.elsewhere(job)
    )
      return job;
    this.repo.markInterrupted([job.id]);
    return this.repo.get(job.id);
  }

  list(filter: { status?: JobSummary['status'] | undefined; kind?: string | undefined }, limit: number): JobSummary[] {
    return this.repo.list(filter, limit).map((j) => this.summary(j.id));
  }

  async cancel(id: string): Promise<JobSummary> {
    // Loaded before anything changes: its handler may cancel work running elsewhere too (a training run).
    const handler = await this.kinds.load(this.require(id).kind);
    const job = this.require(id);
    this.slots.refuseIfElsewhere(job, 'Cancel');
    const run = this.active.get(id);
    if (run) {
      run.stop = 'cancel';
      run.abort.abort();
      await run.finished;
    } else if (job.status === 'succeeded' || job.status === 'problems' || job.status === 'failed' || job.status === 'cancelled') {
      throw new ApiError(
        'CONFLICT',
        `This job has already ${job.status === 'failed' || job.status === 'cancelled' ? job.status : 'finished'}.`,
      );
    } else {
      this.repo.setStatus(id, 'cancelled', { message: 'Cancelled before it finished.', finishedAt: Date.now() });
      this.slots.unqueue(id);
    }
    if (handler.onCancel) {
      await handler.onCancel(handler.paramsSchema.parse(job.params));
      // It cancelled work running elsewhere and recorded so (a training run): that is a change too.
      this.changes.stopped(handler.changes);
    }
    return this.publish(id, true);
  }

  /** Stops taking new items; items already in flight finish and are kept. */
  async pause(id: string): Promise<JobSummary> {
    this.slots.refuseIfElsewhere(this.require(id), 'Pause');
    const run = this.active.get(id);
    if (!run) throw new ApiError('CONFLICT', 'Only a running job can be paused.');
    run.stop ??= 'pause';
    // A job that follows work elsewhere has one long item: it stops following now, and resuming picks up where it was.
    if (this.kinds.factsOf(this.require(id).kind)?.resumeOnOpen) run.abort.abort();
    await run.finished;
    return this.publish(id, true);
  }

  /** Loads the job's kind first. `prepare` runs once the job is known to be resumable, just before it starts (a change to its params). */
  async resume(id: string, budgetUsd?: number | null, prepare?: () => void): Promise<JobSummary> {
    await this.kinds.load(this.require(id).kind);
    if (this.active.has(id)) throw new ApiError('CONFLICT', 'This job is already running.');
    this.slots.refuseIfElsewhere(this.require(id), 'Resume');
    const job = this.summary(id);
    if (!canResume(job)) {
      const why = job.retriesFailed ? '' : ' Its failed items are not tried again: they would fail the same way (see the reason for each).';
      throw new ApiError('CONFLICT', `A ${job.status} job has nothing left to run.${why}`);
    }
    if (budgetUsd !== undefined) this.repo.setStatus(id, job.status, { budgetUsd });
    const effectiveBudget = budgetUsd === undefined ? job.budgetUsd : budgetUsd;
    if (effectiveBudget !== null && job.costUsd >= effectiveBudget) {
      throw new ApiError(
        'BUDGET_EXCEEDED',
        `This job has already spent $${job.costUsd.toFixed(4)} of its $${effectiveBudget.toFixed(2)} budget. Raise the budget to resume it.`,
      );
    }
    if (this.slots.isWaiting(id)) throw new ApiError('CONFLICT', 'This job is already queued; it starts when a running job finishes.');
    prepare?.();
    this.startOrQueue(id);
    return this.summary(id);
  }

  /** Stops everything without losing work: in-flight items go back to pending, jobs become interrupted. */
  async shutdown(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) {
      run.stop = 'shutdown';
      run.abort.abort();
    }
    const queued = this.slots.drain();
    await Promise.all(runs.map((r) => r.finished));
    this.repo.markInterrupted(queued);
    this.slots.stopHeartbeat();
    this.throttle.dispose();
    this.changes.dispose();
  }

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  private start(id: string): void {
    const job = this.require(id);
    const handler = this.kinds.handler(job.kind);
    const params = handler.paramsSchema.parse(job.params);
    this.slots.take(id, job);
    const queue = this.repo.unfinishedItems(id, handler.retryFailedOnResume !== false);
    this.repo.setStatus(id, 'running', { message: null, startedAt: job.startedAt ?? Date.now(), finishedAt: null });
    const run: ActiveRun = {
      abort: new AbortController(),
      stop: null,
      running: 0,
      startedAt: Date.now(),
      doneAtStart: job.done,
      finished: Promise.resolve(),
      follower: handler.resumeOnOpen === true,
      counts: new Map(),
    };
    this.active.set(id, run);
    this.slots.startHeartbeat();
    const workers = Math.max(1, Math.min(handler.concurrency(params), queue.length));
    const asBatch = handler.batch && (params as { useBatch?: boolean }).useBatch === true && this.gateway && queue.length > 0;
    const work = asBatch
      ? runAsBatch(
          job,
          handler,
          params as Record<string, unknown>,
          queue,
          { repo: this.repo, gateway: this.gateway!, owner: this.owner },
          {
            signal: run.abort.signal,
            stopped: () => run.stop !== null,
            cancelled: () => run.stop === 'cancel',
            progress: (message) => {
              this.repo.setStatus(id, 'running', { message });
              this.publish(id);
            },
            stored: () => this.changes.stored(handler.changes),
          },
        )
      : Promise.all(
          Array.from({ length: workers }, () =>
            runItems({
              id,
              handler,
              params,
              queue,
              run,
              repo: this.repo,
              owner: this.owner,
              publish: () => void this.publish(id),
              stored: () => this.changes.stored(handler.changes),
            }),
          ),
        );
    run.finished = work
      .then(() => this.finish(id, handler, params, run))
      .catch((err: unknown) => {
        if (err instanceof LeaseLostError) return this.lost(id, handler);
        // Stopped on purpose while a call was in flight (a batch's status poll): items in flight go back to pending.
        if (run.stop && run.abort.signal.aborted) {
          this.repo.requeueRunning(id);
          return this.finish(id, handler, params, run);
        }
        // A provider's refusal is worth showing as it is; anything else is a bug, logged with its stack.
        const message =
          err instanceof ProviderCallError
            ? `${err.message} Resume to retry.`
            : 'Stopped on an unexpected error; see the log. Resume to retry.';
        if (!(err instanceof ProviderCallError)) this.log.error(`job ${id} stopped on an unexpected error`, err);
        this.repo.setStatus(id, 'failed', { message, finishedAt: Date.now() });
        this.release(id);
        this.changes.stopped(handler.changes);
        this.publish(id, true);
      });
    this.publish(id, true);
  }

  private finish(id: string, handler: AnyJobHandler, params: unknown, run: ActiveRun): void {
    if (run.stop === 'lost') return this.lost(id, handler);
    const job = this.repo.get(id)!;
    const now = Date.now();
    let succeeded = false;
    // Read once when the job stops, never per item: the summary and the honest count share it.
    const items = handler.summarize || !run.stop ? this.repo.allItems(id) : [];
    if (handler.summarize) this.repo.setResult(id, handler.summarize(params, items, now - run.startedAt));
    if (run.stop) {
      const { status, ...fields } = stoppedState(run.stop, job, now);
      this.repo.setStatus(id, status, fields);
    } else {
      const { outcome, problems } = tallyOutcome(handler, items);
      const status = finishedStatus(outcome, problems, job.total);
      this.repo.setOutcome(id, outcome, status === 'problems');
      this.repo.setStatus(id, status, {
        message: outcomeMessage(outcome, status, handler.retryFailedOnResume !== false),
        finishedAt: now,
      });
      succeeded = outcome.stored > 0;
    }
    this.release(id);
    this.changes.stopped(handler.changes);
    this.publish(id, true);
    if (succeeded) {
      try {
        handler.onSucceeded?.(params);
      } catch (err) {
        this.log.error(`job ${id}: the next stage did not start`, err);
      }
    }
  }

  /** Starts the job now, or queues it (holding its lease) while `maxRunning` jobs run here. */
  private startOrQueue(id: string): void {
    const job = this.require(id);
    const counted = [...this.active.values()].filter((run) => !run.follower).length;
    if (this.kinds.requireFacts(job.kind).resumeOnOpen || this.slots.hasRoom(counted)) return this.start(id);
    this.slots.wait(id, job);
    this.publish(id, true);
  }

  /** The run is over here: the lease goes, the next queued job starts, and the heartbeat stops with the last one. */
  private release(id: string): void {
    this.slots.release(id);
    this.active.delete(id);
    this.slots.freed();
  }

  /** Another process took the job over: it is theirs now, so nothing of its state is written here. */
  private lost(id: string, handler: AnyJobHandler): void {
    this.log.warn(`job ${id} is now run by another process; stopped here`);
    this.active.delete(id);
    this.slots.freed();
    this.changes.stopped(handler.changes);
    this.publish(id, true);
  }

  private publish(id: string, final = false): JobSummary {
    const summary = this.summary(id);
    if (final) this.throttle.flush(id, summary);
    else this.throttle.push(id, summary);
    return summary;
  }

  private require(id: string): JobRow {
    const job = this.repo.get(id);
    if (!job) throw new ApiError('NOT_FOUND', 'That job no longer exists.');
    return job;
  }
}
