import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { AppError } from '../../shared/errors';

/**
 * 32 MB per hash (128·N·r bytes), not 16 MB. glibc serves a freed block of 16 MB again from the
 * thread's own heap instead of returning it to the system, so each thread-pool thread that hashed
 * once kept 16 MB for good: up to 80 MB of the app's memory after a day of logins. Blocks over
 * 32 MB always get pages of their own that go back when freed. It also doubles the cost of a
 * guessing attack (~60 ms a hash here).
 */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
/** Node's default limit (32 MB) is just under what N=32768, r=8 needs. */
const MAXMEM = 64 * 1024 * 1024;

interface Parsed {
  salt: Buffer;
  hash: Buffer;
  options: ScryptOptions;
}

function parse(stored: string): Parsed | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  return {
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
    options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAXMEM },
  };
}

const format = (salt: Buffer, hash: Buffer) =>
  `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;

/**
 * A stored hash made with a lower cost than today's (N=16384 before): the next successful login
 * replaces it (see `auth.login`), so a home's existing accounts move to the new cost on their own.
 */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !!parsed && (parsed.options.N !== N || parsed.options.r !== R || parsed.options.p !== P);
}

const matches = (actual: Buffer, expected: Buffer) =>
  actual.length === expected.length && timingSafeEqual(actual, expected);

/** `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking stored hashes. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const options = { N, r: R, p: P, maxmem: MAXMEM };
  return format(salt, scryptSync(password.normalize('NFKC'), salt, KEY_LENGTH, options));
}

export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = scryptSync(password.normalize('NFKC'), parsed.salt, parsed.hash.length, parsed.options);
  return matches(actual, parsed.hash);
}

/**
 * Compared against when a username does not exist, so timing does not reveal which usernames do.
 * A fixed hash at today's cost, of a random password nobody kept: no account has it, and a wrong
 * username is refused whatever the verdict. Making it at start cost every start the hash (~60 ms);
 * making it on first use held the event loop for as long, with a nurse call perhaps waiting.
 */
const DUMMY_HASH =
  'scrypt$32768$8$1$ju0s/6z4GKTVBPJVAgOcSg==$OP6ysdmntjQQoY38YxHvRcBgfAmRLhPjbLIZ3KBJhSdBdz2GeV5Mm97EgVDzgox8XD/Yg1yMKlanXk2dZYuEzQ==';

export function dummyHash(): string {
  return DUMMY_HASH;
}

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Runs scrypt off the main thread, a few at a time, and turns work away once too much is waiting.
 * Each hash takes ~60 ms of a core and 32 MB: sixty at once would starve the event loop (the
 * nurse-call board with it) and the machine's memory, so the excess is shed with RATE_LIMITED
 * before any is computed, rather than queued behind each other for seconds. Under a queue, hashes
 * also start at most every `spacingMs`, so a storm takes about half a core, not a whole one; a
 * login with nothing queued starts at once.
 */
export function createPasswordHasher(
  options: { concurrency?: number; maxWaiting?: number; spacingMs?: number } = {},
) {
  // One core stays free for the event loop on a small two-core front-desk PC.
  const concurrency = options.concurrency ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const maxWaiting = options.maxWaiting ?? 8;
  const spacingMs = options.spacingMs ?? 100;
  let running = 0;
  let lastStart = 0;
  const waiting: Array<() => void> = [];

  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= maxWaiting) {
        throw new AppError('RATE_LIMITED', '同时登录的人太多，系统正忙。请等几秒钟再试。', {
          retryAfterSeconds: 2,
        });
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    lastStart = performance.now();
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump in.
      const next = waiting.shift();
      if (next) {
        const wait = lastStart + spacingMs - performance.now();
        if (wait > 0) setTimeout(next, wait);
        else next();
      } else running--;
    }
  }

  return {
    hash(password: string): Promise<string> {
      const salt = randomBytes(16);
      return slot(async () =>
        format(salt, await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAXMEM })),
      );
    },
    verify(password: string, stored: string): Promise<boolean> {
      const parsed = parse(stored);
      if (!parsed) return Promise.resolve(false);
      return slot(async () =>
        matches(await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.options), parsed.hash),
      );
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/**
 * Hashes worked out before a call's (synchronous) transaction, for that call only. The handler asks
 * here first and falls back to hashing in place, which is correct but blocks the event loop.
 */
export class PreparedPasswords {
  private readonly verdicts = new Map<string, Map<string, boolean>>();
  private readonly hashes = new Map<string, string>();

  addVerdict(password: string, stored: string, ok: boolean): void {
    let byPassword = this.verdicts.get(stored);
    if (!byPassword) this.verdicts.set(stored, (byPassword = new Map()));
    byPassword.set(password, ok);
  }

  addHash(password: string, hash: string): void {
    this.hashes.set(password, hash);
  }

  verdict(password: string, stored: string): boolean | undefined {
    return this.verdicts.get(stored)?.get(password);
  }

  hash(password: string): string | undefined {
    return this.hashes.get(password);
  }
}

const prepared = new AsyncLocalStorage<PreparedPasswords>();

/** Runs `fn` (a dispatch) with hashes prepared for it; they are visible to that call alone. */
export function withPreparedPasswords<T>(store: PreparedPasswords, fn: () => T): T {
  return prepared.run(store, fn);
}

/** For the auth service: a prepared verdict if there is one, else scrypt in place. */
export function checkPassword(password: string, stored: string): boolean {
  return prepared.getStore()?.verdict(password, stored) ?? verifyPassword(password, stored);
}

/** For the auth service: a hash of this password prepared off the event loop, or nothing. */
export function preparedHash(password: string): string | undefined {
  return prepared.getStore()?.hash(password);
}

/** For the auth service: a prepared hash of this password if there is one, else scrypt in place. */
export function newPasswordHash(password: string): string {
  return preparedHash(password) ?? hashPassword(password);
}
