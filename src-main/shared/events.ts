/**
 * Events pushed from the core to every signed-in client. Modules add their entries here;
 * payloads must be JSON-serialisable.
 */
export interface EventMap {
  /** Someone changed users, roles or settings: clients refresh what they show. */
  'system.changed': { what: 'users' | 'roles' | 'settings' | 'institution' };
}
export type EventName = keyof EventMap;
export interface EventEnvelope<K extends EventName = EventName> {
  name: K;
  payload: EventMap[K];
  at: string;
}
