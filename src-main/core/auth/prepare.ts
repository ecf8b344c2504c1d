import { procedures } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { hasPermission } from '../../shared/permissions';
import type { CallClient } from '../api/context';
import type { DispatchOutcome, SessionResolver } from '../api/dispatcher';
import type { Clock } from '../clock';
import { DESKTOP_CLIENT } from './lockouts';
import { PreparedPasswords, needsRehash, withPreparedPasswords, type PasswordHasher } from './passwords';
import type { AuthService } from './service';

type Dispatch = (
  name: string,
  input: unknown,
  token?: string | null,
  client?: CallClient,
) => Promise<DispatchOutcome>;

interface Prepared {
  store: PreparedPasswords;
  release: () => void;
}

/**
 * The asynchronous half of every procedure that hashes a password. Writes run synchronously in a
 * transaction, and scrypt there would stall the event loop (60 wrong logins: 2.4 s for a nurse
 * call to answer). So before the call is dispatched, this hashes on the thread pool with bounded
 * concurrency, sheds what is over the limit with RATE_LIMITED, and leaves the results where the
 * handler's `checkPassword` / `newPasswordHash` find them.
 *
 * It is written as one `prepare` per procedure (input, caller → results) so that each moves as is
 * into the `{ prepare, run }` form of the dispatcher, which then passes the results to `run` and
 * the AsyncLocalStorage hand-over in `passwords.ts` goes away.
 */
export function createPasswordPreparation(deps: {
  auth: AuthService;
  sessions: SessionResolver;
  hasher: PasswordHasher;
  clock: Clock;
}) {
  const { auth, sessions, hasher, clock } = deps;

  /** The session's user, if the token is live and usable for `permission` (else nothing to prepare). */
  function caller(token: string | null | undefined, permission: string | null, restricted: boolean) {
    if (!token) return null;
    const session = sessions.resolve(token, clock.now());
    if (session instanceof AppError) return null;
    if (!restricted && (session.locked || session.user.mustChangePassword)) return null;
    if (permission && !hasPermission(session.user.permissions, permission)) return null;
    return session.user;
  }

  /** Checks a password against a stored hash on the pool. */
  async function verify(store: PreparedPasswords, password: string, stored: string) {
    store.addVerdict(password, stored, await hasher.verify(password, stored));
  }

  const preparers: Record<
    string,
    (
      input: unknown,
      token: string | null | undefined,
      clientId: string,
      store: PreparedPasswords,
    ) => Promise<(() => void) | void>
  > = {
    'auth.login': async (raw, _token, clientId, store) => {
      const input = procedures['auth.login'].input.safeParse(raw);
      if (!input.success) return;
      const release = auth.throttle.admit(clientId, clock.now().getTime());
      try {
        // A locked account is refused without looking at the password: nothing to hash.
        if (!auth.lockedFor(input.data.username, clientId, clock.now())) {
          const stored = auth.loginHash(input.data.username);
          await verify(store, input.data.password, stored);
          // A right password under an older cost: its new hash is made here too, off the loop. When
          // too many hashes are waiting, the upgrade waits for a later login; the login goes on.
          if (store.verdict(input.data.password, stored) && needsRehash(stored)) {
            const upgraded = await hasher.hash(input.data.password).catch(() => null);
            if (upgraded) store.addHash(input.data.password, upgraded);
          }
        }
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },
    'auth.unlock': async (raw, token, clientId, store) => {
      const input = procedures['auth.unlock'].input.safeParse(raw);
      const user = input.success ? caller(token, null, true) : null;
      const stored = user && auth.passwordHashOf(user.id);
      if (!input.success || !stored) return;
      const release = auth.throttle.admit(clientId, clock.now().getTime());
      try {
        await verify(store, input.data.password, stored);
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },
    'auth.changePassword': async (raw, token, clientId, store) => {
      const input = procedures['auth.changePassword'].input.safeParse(raw);
      const user = input.success ? caller(token, null, true) : null;
      const stored = user && auth.passwordHashOf(user.id);
      if (!input.success || !stored) return;
      const release = auth.throttle.admit(clientId, clock.now().getTime());
      try {
        await verify(store, input.data.currentPassword, stored);
        if (store.verdict(input.data.currentPassword, stored)) {
          store.addHash(input.data.newPassword, await hasher.hash(input.data.newPassword));
        }
      } catch (error) {
        release();
        throw error;
      }
      return release;
    },
    'auth.setup': async (raw, _token, _clientId, store) => {
      const input = procedures['auth.setup'].input.safeParse(raw);
      if (!input.success || auth.hasUsers()) return;
      store.addHash(input.data.admin.password, await hasher.hash(input.data.admin.password));
    },
    'users.create': async (raw, token, _clientId, store) => {
      const input = procedures['users.create'].input.safeParse(raw);
      if (!input.success || !caller(token, procedures['users.create'].access, false)) return;
      store.addHash(input.data.password, await hasher.hash(input.data.password));
    },
    'users.resetPassword': async (raw, token, _clientId, store) => {
      const input = procedures['users.resetPassword'].input.safeParse(raw);
      if (!input.success || !caller(token, procedures['users.resetPassword'].access, false)) return;
      store.addHash(input.data.password, await hasher.hash(input.data.password));
    },
  };

  async function prepare(
    name: string,
    input: unknown,
    token: string | null | undefined,
    client: CallClient | undefined,
  ): Promise<Prepared | null> {
    const preparer = preparers[name];
    if (!preparer) return null;
    const store = new PreparedPasswords();
    const release = (await preparer(input, token, client?.id ?? DESKTOP_CLIENT, store)) ?? (() => {});
    return { store, release };
  }

  /** Wraps a dispatcher so password procedures are prepared first (see above). */
  function wrap(dispatch: Dispatch): Dispatch {
    return async (name, input, token, client) => {
      let prepared: Prepared | null;
      try {
        prepared = await prepare(name, input, token, client);
      } catch (error) {
        if (error instanceof AppError) return { result: { ok: false, error: error.toData() } };
        throw error;
      }
      if (!prepared) return dispatch(name, input, token, client);
      try {
        return await withPreparedPasswords(prepared.store, () => dispatch(name, input, token, client));
      } finally {
        prepared.release();
      }
    };
  }

  return { prepare, wrap };
}
