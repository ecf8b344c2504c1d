import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the audit chain's key lives: never in the database file. The headless server keeps it in a
 * file beside (not inside) the data folder; the desktop app encrypts it with the OS user's keychain
 * (Electron safeStorage). Whoever holds both the database and the key can still forge the log.
 */
export interface AuditKeyStore {
  load(): Buffer | null;
  save(key: Buffer): void;
  /** Files the signed anchor is written to (the app adds one in the data folder). */
  anchorPaths: string[];
}

export function fileKeyStore(path: string): AuditKeyStore {
  return {
    load: () => (existsSync(path) ? Buffer.from(readFileSync(path, 'utf8').trim(), 'base64') : null),
    save(key) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, key.toString('base64'), { mode: 0o600 });
      try {
        chmodSync(path, 0o600);
      } catch {
        // Windows has no POSIX modes; the file sits in the user's own profile there.
      }
    },
    anchorPaths: [`${path}.anchor`],
  };
}

/** For `:memory:` databases: a key that lives as long as the process, and no anchor on disk. */
export function memoryKeyStore(): AuditKeyStore {
  let key: Buffer | null = null;
  return {
    load: () => key,
    save: (k) => {
      key = k;
    },
    anchorPaths: [],
  };
}

export function loadOrCreateKey(store: AuditKeyStore): Buffer {
  const existing = store.load();
  if (existing && existing.length >= 32) return existing;
  const key = randomBytes(32);
  store.save(key);
  return key;
}

/** The head of the chain as last committed, signed with the key and kept outside the database. */
export interface AuditAnchor {
  /** Id of the newest audit row. */
  seq: number;
  hash: string;
  /** Rows from this id on are keyed (HMAC); older ones, from before keying, plain SHA-256. */
  keyedFrom: number;
  at: string;
}

function sign(key: Buffer, a: AuditAnchor): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([a.seq, a.hash, a.keyedFrom, a.at]))
    .digest('hex');
}

export type AnchorRead =
  { state: 'none' } | { state: 'ok'; anchor: AuditAnchor } | { state: 'forged'; path: string };

/**
 * Anchors in several places (the data folder and beside the key): a reader takes the most advanced
 * one with a valid signature, so deleting one copy, or putting back an older one, is not enough.
 */
export function createAnchorStore(paths: string[], key: Buffer) {
  return {
    paths,
    read(): AnchorRead {
      let best: AuditAnchor | null = null;
      for (const path of paths) {
        if (!existsSync(path)) continue;
        let parsed: AuditAnchor & { sig?: string };
        try {
          parsed = JSON.parse(readFileSync(path, 'utf8')) as AuditAnchor & { sig?: string };
        } catch {
          return { state: 'forged', path };
        }
        const expected = Buffer.from(sign(key, parsed), 'hex');
        const given = Buffer.from(String(parsed.sig ?? ''), 'hex');
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          return { state: 'forged', path };
        if (!best || parsed.seq > best.seq) {
          best = { seq: parsed.seq, hash: parsed.hash, keyedFrom: parsed.keyedFrom, at: parsed.at };
        }
      }
      return best ? { state: 'ok', anchor: best } : { state: 'none' };
    },
    write(anchor: AuditAnchor): void {
      const text = JSON.stringify({ ...anchor, sig: sign(key, anchor) });
      for (const path of paths) {
        mkdirSync(dirname(path), { recursive: true });
        // Written after the commit, never before: an anchor may lag the log (a crash in between)
        // but is never ahead of it.
        writeFileSync(`${path}.tmp`, text);
        renameSync(`${path}.tmp`, path);
      }
    },
  };
}

export type AnchorStore = ReturnType<typeof createAnchorStore>;
