import type { ApiEvent, ApiEventName, ApiEvents } from '../../shared/api/events';

export type EventListener = (event: ApiEvent) => void;

/** Fan-out of pushed events to every connected host transport. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<K extends ApiEventName>(name: K, payload: ApiEvents[K]): void {
    const event = { name, payload } as ApiEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
