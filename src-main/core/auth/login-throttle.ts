import { AppError } from '../../shared/errors';

/**
 * Wrong passwords one client may make freely; after more, each attempt waits 1 s, 2 s, 4 s … 60 s.
 * As many as the default lockout threshold, so one person mistyping one account meets the lockout's
 * "还可以再试 N 次" first; the brake is for a client going from account to account.
 */
const FREE_FAILURES = 5;
const MAX_DELAY_MS = 60_000;
/** A client with no failure for this long starts afresh. */
const FORGET_MS = 15 * 60_000;
/** Password checks one client may have under way at once; a browser needs one. */
const PER_CLIENT_IN_FLIGHT = 2;
/** Clients remembered; the oldest are forgotten first, so a flood of addresses cannot fill memory. */
const MAX_CLIENTS = 10_000;

interface ClientState {
  failures: number;
  lastFailureMs: number;
  inFlight: number;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Per-client brakes on password guessing, kept in memory: a client (the desktop window, or one
 * network address) that keeps getting passwords wrong waits longer and longer between attempts,
 * and its extra attempts are turned away before any hashing is done. Which account is guessed does
 * not matter here; the per-account lockout is separate and also per client.
 */
export function createLoginThrottle() {
  const clients = new Map<string, ClientState>();

  function state(clientId: string, nowMs: number): ClientState {
    let s = clients.get(clientId);
    if (s && s.inFlight === 0 && nowMs - s.lastFailureMs > FORGET_MS) s.failures = 0;
    if (!s) {
      if (clients.size >= MAX_CLIENTS) {
        for (const [id, old] of clients) {
          if (old.inFlight === 0) {
            clients.delete(id);
            break;
          }
        }
      }
      s = { failures: 0, lastFailureMs: 0, inFlight: 0 };
      clients.set(clientId, s);
    } else {
      // Most recently used last, so the eviction above drops the stalest.
      clients.delete(clientId);
      clients.set(clientId, s);
    }
    return s;
  }

  return {
    /**
     * Lets one attempt through or throws RATE_LIMITED; call the returned function when the attempt
     * is over. Cheap: this runs before any password is hashed.
     */
    admit(clientId: string, nowMs: number): () => void {
      const s = state(clientId, nowMs);
      if (s.inFlight >= PER_CLIENT_IN_FLIGHT) {
        throw new AppError('RATE_LIMITED', '登录请求太频繁，请等上一次登录有结果后再试。', {
          retryAfterSeconds: 1,
        });
      }
      if (s.failures > FREE_FAILURES) {
        const wait = Math.min(MAX_DELAY_MS, 1000 * 2 ** (s.failures - FREE_FAILURES - 1));
        const left = s.lastFailureMs + wait - nowMs;
        if (left > 0) {
          throw new AppError(
            'RATE_LIMITED',
            `密码已连续输错 ${s.failures} 次，请 ${seconds(left)} 秒后再试。忘记密码请联系管理员重置。`,
            { retryAfterSeconds: seconds(left) },
          );
        }
      }
      s.inFlight++;
      let done = false;
      return () => {
        if (!done) s.inFlight--;
        done = true;
      };
    },
    failed(clientId: string, nowMs: number): void {
      const s = state(clientId, nowMs);
      s.failures++;
      s.lastFailureMs = nowMs;
    },
    succeeded(clientId: string): void {
      const s = clients.get(clientId);
      if (s) s.failures = 0;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
