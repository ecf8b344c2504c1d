import type { EventEnvelope, EventMap, EventName } from '../shared/events';
import type { Clock } from './clock';

export type EventListener = (event: EventEnvelope) => void;

/** In-process fan-out of core events to the transports (IPC windows, SSE streams). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  constructor(private readonly clock: Clock) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    const envelope = { name, payload, at: this.clock.now().toISOString() } as EventEnvelope;
    for (const listener of [...this.listeners]) {
      try {
        listener(envelope);
      } catch {
        // One broken client must not stop the others from hearing the event.
      }
    }
  }
}
