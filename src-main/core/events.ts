import type { EventEnvelope, EventMap, EventName } from '../shared/events';
import type { Clock } from './clock';
import type { Logger } from './logger';

export type EventListener = (event: EventEnvelope) => void;

export interface ListenerFailure {
  at: string;
  event: EventName;
  error: string;
  /** How many listener errors happened since start. */
  count: number;
}

/**
 * In-process fan-out of core events to the transports (IPC windows, SSE streams) and to modules.
 * A listener that throws does not stop the others hearing the event; its error is logged and kept
 * so the alerts can show it (a silently deaf listener could mean a call that never rings).
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private failures = 0;
  private lastFailure: ListenerFailure | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    const envelope = { name, payload, at: this.clock.now().toISOString() } as EventEnvelope;
    for (const listener of [...this.listeners]) {
      try {
        listener(envelope);
      } catch (error) {
        this.failures += 1;
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.lastFailure = { at: envelope.at, event: name, error: message, count: this.failures };
        this.logger?.error('event listener failed', { event: name, error: message });
      }
    }
  }

  /** The most recent listener error, if any listener has failed since start. */
  lastListenerFailure(): ListenerFailure | null {
    return this.lastFailure;
  }
}
