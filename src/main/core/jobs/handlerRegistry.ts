import { ApiError } from '../../../shared/api/result';
import type { AnyJobHandler } from './jobHandler';
import type { JobKindFacts } from './jobKinds';

/** Builds a kind's handler for the open project, importing its code (see `core/projectJobs.ts`). */
export type HandlerLoader = () => Promise<AnyJobHandler>;

/** A kind known by its facts now, and by its handler once something needs it. */
export interface LazyJobKind {
  facts: JobKindFacts;
  load: HandlerLoader;
}

/**
 * The job kinds of one project. A kind's facts are known at once; its code (schemas, prompts, default rubrics)
 * loads the first time a job of that kind is created, resumed or cancelled here. A CLI import then loads
 * the import handler alone, and listing jobs loads none (module evaluation was a measurable part of a short
 * command's CPU when every kind loaded with the first job call).
 */
export class HandlerRegistry {
  private readonly facts = new Map<string, JobKindFacts>();
  private readonly loaders = new Map<string, HandlerLoader>();
  private readonly handlers = new Map<string, AnyJobHandler>();
  private readonly loading = new Map<string, Promise<AnyJobHandler>>();

  /** A kind whose handler is already built (a test's own kind). */
  register(handler: AnyJobHandler): void {
    this.facts.set(handler.kind, handler);
    this.handlers.set(handler.kind, handler);
  }

  registerLazy(kinds: readonly LazyJobKind[]): void {
    for (const { facts, load } of kinds) {
      this.facts.set(facts.kind, facts);
      this.loaders.set(facts.kind, load);
    }
  }

  /** The kind's facts, or undefined for a kind this version does not know (a job written by a newer one). */
  factsOf(kind: string): JobKindFacts | undefined {
    return this.facts.get(kind);
  }

  requireFacts(kind: string): JobKindFacts {
    const facts = this.facts.get(kind);
    if (!facts) throw new ApiError('INVALID_INPUT', `Unknown job kind "${kind}".`);
    return facts;
  }

  /** Kinds whose jobs follow work running elsewhere and resume when the project opens. */
  resumingOnOpen(): string[] {
    return [...this.facts.values()].filter((f) => f.resumeOnOpen).map((f) => f.kind);
  }

  /** The handler of a kind that `load` has loaded: every path that runs a job loads its kind first. */
  handler(kind: string): AnyJobHandler {
    const handler = this.handlers.get(kind);
    if (handler) return handler;
    this.requireFacts(kind);
    throw new Error(`The "${kind}" job handler was used before it was loaded; await jobs.load("${kind}") first.`);
  }

  /** Loads the kind's handler, and those of the kinds it starts, once; a failed load is tried again next time. */
  async load(kind: string): Promise<AnyJobHandler> {
    const [handler] = await Promise.all([kind, ...(this.requireFacts(kind).starts ?? [])].map((k) => this.loadOne(k)));
    return handler!;
  }

  /** The kinds whose handlers are loaded, in the order they loaded (what a command actually pulled in). */
  loadedKinds(): string[] {
    return [...this.handlers.keys()];
  }

  private loadOne(kind: string): Promise<AnyJobHandler> {
    const ready = this.handlers.get(kind);
    if (ready) return Promise.resolve(ready);
    const facts = this.requireFacts(kind);
    let pending = this.loading.get(kind);
    if (!pending) {
      pending = this.loaders.get(kind)!().then((handler) => {
        checkFacts(facts, handler);
        this.handlers.set(kind, handler);
        return handler;
      });
      this.loading.set(kind, pending);
      pending.then(
        () => this.loading.delete(kind),
        () => this.loading.delete(kind),
      );
    }
    return pending;
  }
}

/** A handler must agree with the facts the runner used before it loaded (it spreads its `jobKinds` entry). */
function checkFacts(facts: JobKindFacts, handler: AnyJobHandler): void {
  const same =
    handler.kind === facts.kind &&
    handler.resumeOnOpen === facts.resumeOnOpen &&
    handler.retryFailedOnResume === facts.retryFailedOnResume &&
    handler.changes.join() === facts.changes.join();
  if (!same) throw new Error(`The "${facts.kind}" job handler does not match its entry in jobs/jobKinds.ts; spread the entry into it.`);
}
