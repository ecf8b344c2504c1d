import type { Sql } from '../db/sql';
import type { SettingsService } from '../settings/service';

/** The desktop window's client id (and that of in-process callers such as tests and scripts). */
export const DESKTOP_CLIENT = 'desktop';
const MINUTE = 60_000;

interface Counter {
  attempts: number;
  lockedUntil: string | null;
}

export type FailureOutcome = { locked: true; until: string } | { locked: false; remaining: number };

/**
 * Wrong-password counters per account *and* client, so guessing from another PC locks the account
 * for that PC only and the administrator can still sign in at the front desk. The desktop's counter
 * stays in the users row, where it survives restarting the app (closing and reopening it must not
 * buy five more guesses); other clients cannot restart the server, so theirs live in memory.
 */
export function createLockouts(sql: Sql, settings: SettingsService) {
  const { qb } = sql;
  const remote = new Map<string, Counter>();
  const key = (userId: number, clientId: string) => `${userId}\u0000${clientId}`;

  function read(userId: number, clientId: string): Counter {
    if (clientId !== DESKTOP_CLIENT)
      return remote.get(key(userId, clientId)) ?? { attempts: 0, lockedUntil: null };
    const row = sql.first(
      qb.selectFrom('users').select(['failed_attempts', 'locked_until']).where('id', '=', userId),
    );
    return { attempts: row?.failed_attempts ?? 0, lockedUntil: row?.locked_until ?? null };
  }

  function write(userId: number, clientId: string, counter: Counter): void {
    if (clientId !== DESKTOP_CLIENT) {
      if (counter.attempts === 0 && counter.lockedUntil === null) remote.delete(key(userId, clientId));
      else remote.set(key(userId, clientId), counter);
      return;
    }
    sql.run(
      qb
        .updateTable('users')
        .set({ failed_attempts: counter.attempts, locked_until: counter.lockedUntil })
        .where('id', '=', userId),
    );
  }

  return {
    /** When this client's lock on the account ends, or null if it may try. */
    lockedUntil(userId: number, clientId: string, now: Date): string | null {
      const { lockedUntil } = read(userId, clientId);
      return lockedUntil && lockedUntil > now.toISOString() ? lockedUntil : null;
    },

    /** Counts a wrong password; locks the account for this client at the threshold. */
    fail(userId: number, clientId: string, now: Date): FailureOutcome {
      const threshold = settings.get('security.lockoutThreshold');
      const attempts = read(userId, clientId).attempts + 1;
      if (attempts >= threshold) {
        const until = new Date(
          now.getTime() + settings.get('security.lockoutMinutes') * MINUTE,
        ).toISOString();
        write(userId, clientId, { attempts: 0, lockedUntil: until });
        return { locked: true, until };
      }
      write(userId, clientId, { attempts, lockedUntil: null });
      return { locked: false, remaining: threshold - attempts };
    },

    succeeded(userId: number, clientId: string): void {
      const current = read(userId, clientId);
      if (current.attempts !== 0 || current.lockedUntil !== null)
        write(userId, clientId, { attempts: 0, lockedUntil: null });
    },

    /** The administrator unlocks (or resets the password of) an account: for every client. */
    clearUser(userId: number): void {
      for (const k of [...remote.keys()]) if (k.startsWith(`${userId}\u0000`)) remote.delete(k);
      write(userId, DESKTOP_CLIENT, { attempts: 0, lockedUntil: null });
    },

    /** The latest lock on the account from any client, for the user list. */
    latestLock(userId: number, desktopLockedUntil: string | null): string | null {
      let latest = desktopLockedUntil;
      for (const [k, c] of remote) {
        if (k.startsWith(`${userId}\u0000`) && c.lockedUntil && (!latest || c.lockedUntil > latest))
          latest = c.lockedUntil;
      }
      return latest;
    },
  };
}

export type Lockouts = ReturnType<typeof createLockouts>;
