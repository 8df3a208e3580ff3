// The backend's transport over a message port: the Electron app runs the backend in a utility process and
// speaks to it over the process's port, with the same calls, replies and events as every other host. The
// code knows ports only through `Port`, so it runs as well over a Node `MessageChannel` (tests) as over
// Electron's `MessagePortMain` (the adapter lives in src/main/electron).
import type { MessagePort } from 'node:worker_threads';
import type { ApiEvent } from '../../shared/api/events';
import type { ApiResult } from '../../shared/api/result';
import type { Backend } from '../backend';

/** The two things a transport needs from a port. */
export interface Port {
  postMessage(message: unknown): void;
  /** Listens for messages; returns a function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/**
 * Calls travel on one of two channels. `api` is the contract (what the renderer may call); `host` is
 * what the two processes ask each other (start and close the backend, a native dialog, storing a key).
 * A renderer's call only ever reaches `api`, so it can never stop the backend or read a secret.
 */
export type Channel = 'api' | 'host';

export type Serve = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

type Wire =
  | { t: 'call'; id: number; channel: Channel; method: string; input: unknown }
  | { t: 'reply'; id: number; result: ApiResult<unknown> }
  | { t: 'event'; event: ApiEvent };

const failure = (message: string): ApiResult<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

function isWire(message: unknown): message is Wire {
  const t = (message as { t?: unknown } | null)?.t;
  return t === 'call' || t === 'reply' || t === 'event';
}

/** One end of the port: it can call the other end, answer its calls, and send and receive events. */
export class PortPeer {
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private readonly stopListening: () => void;
  private nextId = 1;
  private closedWith: string | null = null;

  constructor(
    private readonly port: Port,
    private readonly serve: Partial<Record<Channel, Serve>> = {},
  ) {
    this.stopListening = port.onMessage((message) => {
      if (isWire(message)) void this.receive(message);
    });
  }

  /** A call of the contract, answered by the backend on the other end. */
  call(method: string, input: unknown): Promise<ApiResult<unknown>> {
    return this.send('api', method, input);
  }

  /** A call between the two processes themselves. */
  host(method: string, input: unknown = {}): Promise<ApiResult<unknown>> {
    return this.send('host', method, input);
  }

  emit(event: ApiEvent): void {
    if (this.closedWith === null) this.port.postMessage({ t: 'event', event } satisfies Wire);
  }

  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The other end is gone (its process exited): every call waiting for it, and every later one, fails with `reason`. */
  close(reason: string): void {
    if (this.closedWith !== null) return;
    this.closedWith = reason;
    this.stopListening();
    for (const answer of this.pending.values()) answer(failure(reason));
    this.pending.clear();
  }

  private send(channel: Channel, method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (this.closedWith !== null) return Promise.resolve(failure(this.closedWith));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.port.postMessage({ t: 'call', id, channel, method, input } satisfies Wire);
      } catch (err) {
        // Input that cannot be cloned (a function, say) fails this call alone.
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'INVALID_INPUT', message: `The call could not be sent: ${(err as Error).message}` } });
      }
    });
  }

  private async receive(message: Wire): Promise<void> {
    if (message.t === 'reply') {
      const answer = this.pending.get(message.id);
      this.pending.delete(message.id);
      answer?.(message.result);
      return;
    }
    if (message.t === 'event') {
      for (const listener of this.listeners) listener(message.event);
      return;
    }
    const serve = this.serve[message.channel];
    let result: ApiResult<unknown>;
    try {
      result = serve
        ? await serve(message.method, message.input)
        : { ok: false, error: { code: 'NOT_FOUND', message: `Nothing answers ${message.channel} calls here.` } };
    } catch (err) {
      // A serve function answers its own failures; this only keeps a bug from leaving the caller waiting.
      result = failure(err instanceof Error ? err.message : String(err));
    }
    if (this.closedWith === null) this.port.postMessage({ t: 'reply', id: message.id, result } satisfies Wire);
  }
}

/**
 * The backend seen through a port, for a host transport (the Electron IPC one) to use as if it were local.
 * Errors outside the dispatcher here come from the port itself (the process stopped), never from a call's
 * data, so there is no key in them to scrub; the backend scrubs its own logs.
 */
export function remoteBackend(peer: PortPeer, close: () => Promise<void>): Backend {
  return {
    call: (method, input) => peer.call(method, input),
    subscribe: (listener) => peer.onEvent(listener),
    close,
    scrub: (text) => text,
  };
}

/** Answers the contract's calls with `backend` and forwards its events, on the backend's end of the port. */
export function serveBackend(port: Port, backend: Promise<Backend>, host: Serve): PortPeer {
  const peer = new PortPeer(port, { api: async (method, input) => (await backend).call(method, input), host });
  void backend.then(
    (b) => b.subscribe((event) => peer.emit(event)),
    () => undefined,
  );
  return peer;
}

/** A Node `MessagePort` (worker_threads) as a `Port`: the backend's transport in tests and between threads. */
export function nodePort(port: MessagePort): Port {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
  };
}
