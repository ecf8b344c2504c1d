import type { Access } from './contract/define';
import type { ActiveCall, PortStatus } from './contract/nursecall';

/**
 * Events pushed from the core to every signed-in client. Modules add their entries here;
 * payloads must be JSON-serialisable.
 */
export interface EventMap {
  /** Someone changed users, roles or settings: clients refresh what they show. */
  'system.changed': { what: 'users' | 'roles' | 'settings' | 'institution' };
  /** A resident's record, status or bed changed. */
  'residents.changed': { residentId: number; action: string };
  /** Staffing and billing react to this: the category drives ratios and fees. */
  'residents.careCategoryChanged': { residentId: number; from: string | null; to: string | null };
  /**
   * The grade a resident is billed and staffed at (护理等级) changed: by a new category, a
   * per-resident override, or new settings mapping categories to grades.
   */
  'residents.careGradeChanged': {
    residentId: number;
    from: string | null;
    to: string | null;
    cause: 'assessment' | 'override' | 'settings';
  };
  /** Beds were added, retired, taken out of or put back into service. */
  'beds.changed': { bedIds: number[] };
  /** A new call rang, or a repeat/priority change updated an active one. */
  'nursecall.raised': { call: ActiveCall };
  'nursecall.acknowledged': { call: ActiveCall };
  'nursecall.cleared': { callId: number; how: 'panel' | 'attended' };
  /** Not acknowledged in time: red, louder, and the head nurse is told. */
  'nursecall.escalated': { call: ActiveCall };
  'nursecall.portStatus': { status: PortStatus };
}
export type EventName = keyof EventMap;
/** Distributes over the names, so checking `name` narrows `payload`. */
export type EventEnvelope<K extends EventName = EventName> = K extends EventName
  ? { name: K; payload: EventMap[K]; at: string }
  : never;

/** Who may hear each event; transports check it for every client before delivering. */
export const eventAccess: Record<EventName, Access> = {
  'system.changed': 'authenticated',
  'residents.changed': 'residents.read',
  'residents.careCategoryChanged': 'residents.read',
  'residents.careGradeChanged': 'residents.read',
  'beds.changed': 'residents.read',
  'nursecall.raised': 'nursecall.read',
  'nursecall.acknowledged': 'nursecall.read',
  'nursecall.cleared': 'nursecall.read',
  'nursecall.escalated': 'nursecall.read',
  'nursecall.portStatus': 'nursecall.read',
};
