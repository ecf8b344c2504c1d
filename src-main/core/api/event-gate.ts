import { eventAccess, type EventName } from '../../shared/events';
import { AppError } from '../../shared/errors';
import { hasPermission } from '../../shared/permissions';
import type { Clock } from '../clock';
import type { SessionResolver } from './dispatcher';

export type Delivery = 'deliver' | 'withhold' | 'sessionEnded';

/**
 * Decides, per event and per client, whether a pushed event may reach it: the session must still
 * be alive (a stream opened before logout must not keep listening) and hold the event's permission.
 * A screen-locked session still hears events: a nurse call must ring behind the lock screen.
 * A session that must first change its password hears only what any signed-in user may (it can
 * call nothing else yet), not residents' changes: its holder may be someone who found the
 * printed first password.
 */
export function createEventGate(sessions: SessionResolver, clock: Clock) {
  return (token: string, name: EventName): Delivery => {
    const session = sessions.resolve(token, clock.now());
    if (session instanceof AppError) return 'sessionEnded';
    const access = eventAccess[name];
    if (access === 'authenticated') return 'deliver';
    if (session.user.mustChangePassword) return 'withhold';
    return hasPermission(session.user.permissions, access) ? 'deliver' : 'withhold';
  };
}

export type EventGate = ReturnType<typeof createEventGate>;
