import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Database } from './schema';

/**
 * Kysely builds and types the SQL; better-sqlite3 runs it synchronously. Synchronous execution is
 * what lets a whole business operation and its audit row share one real SQLite transaction with
 * no interleaving from other callers.
 */
export function createQueryBuilder(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

export type SqliteDb = BetterSqlite3.Database;

/**
 * One connection, typed per module: `sql.scope<ResidentsTables>()` gives a module a query builder
 * that knows its own tables only, so reading another module's rows means calling its service.
 */
export class Sql<DB = Database> {
  readonly qb: Kysely<DB>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readOnlyDepth = 0;
  private readonly memo = new Map<string, { stamp: string; value: unknown }>();
  private forgotten = 0;
  private readonly untilChanged = new Map<string, { revision: number; value: unknown }>();

  constructor(public db: SqliteDb) {
    this.qb = createQueryBuilder() as unknown as Kysely<DB>;
  }

  /** Points every service at a new connection (after a restore); cached statements belong to the old one. */
  reconnect(db: SqliteDb): void {
    this.statements.clear();
    this.memo.clear();
    this.forgotten += 1;
    this.untilChanged.clear();
    this.readOnlyDepth = 0;
    this.db = db;
  }

  /**
   * A value derived from rows that change rarely (the institution's time zone, a module's config),
   * read once and kept until the next write: the write path forgets everything it kept after every
   * transaction, committed or not. Inside a transaction it is read fresh and not kept, so a change
   * reads back its own rows. Frozen, so no caller can change what the next one gets.
   *
   * `stamp` (a day, a minute) also ends a value's life: one value is kept per key, replaced when
   * asked with another stamp, so a screen polling through a quiet night keeps one, not hundreds.
   */
  remember<T>(key: string, load: () => T, stamp = ''): T {
    if (this.db.inTransaction) return load();
    const kept = this.memo.get(key);
    if (kept && kept.stamp === stamp) return kept.value as T;
    const value = deepFreeze(load());
    this.memo.set(key, { stamp, value });
    return value;
  }

  /**
   * `remember` for a value computed over several turns of the event loop (a report that yields):
   * callers in the meantime share the one computation; a failure is not kept. Not frozen: these are
   * large reports (freezing a quarter's analytics held the loop ~30 ms) that callers only pass on.
   */
  rememberAsync<T>(key: string, load: () => Promise<T>, stamp = ''): Promise<T> {
    const kept = this.memo.get(key);
    if (kept && kept.stamp === stamp) return kept.value as Promise<T>;
    const pending = load();
    const entry = { stamp, value: pending };
    this.memo.set(key, entry);
    pending.catch(() => {
      if (this.memo.get(key) === entry) this.memo.delete(key);
    });
    return pending;
  }

  /**
   * `remember` for a large value that only a few tables feed: kept across every write until
   * `revision` changes, a number those tables' triggers bump (see billing's `billing_revision`).
   * Inside a transaction it is read fresh and not kept, like `remember`.
   */
  rememberUntilChanged<T>(key: string, revision: () => number, load: () => T): T {
    if (this.db.inTransaction) return load();
    const now = revision();
    const kept = this.untilChanged.get(key);
    if (kept && kept.revision === now) return kept.value as T;
    const value = deepFreeze(load());
    this.untilChanged.set(key, { revision: now, value });
    return value;
  }

  /** Drops every remembered value (the write path calls it after each transaction). */
  forgetRemembered(): void {
    this.memo.clear();
    this.forgotten += 1;
  }

  /**
   * How many times remembered values were dropped (writes, reconnects). A value built across turns
   * of the event loop from remembered parts names this in its stamp: a write that lands meanwhile
   * drops the parts, and the value, kept after it, would otherwise outlive them.
   */
  get forgetCount(): number {
    return this.forgotten;
  }

  /** The same connection and statement cache, typed with `T`'s tables only. */
  scope<T>(): Sql<T> {
    return this as unknown as Sql<T>;
  }

  /**
   * Runs `fn` with the connection refusing every write (`PRAGMA query_only`): procedures declared
   * `write: false` run here, so a read that tries to change something fails instead of slipping past
   * the audit log.
   */
  readOnly<T>(fn: () => T): T {
    // Prepared once: `db.pragma()` compiles its statement anew on every call, twice per read.
    if (this.readOnlyDepth === 0) this.prepare('PRAGMA query_only = ON').run();
    this.readOnlyDepth += 1;
    try {
      return fn();
    } finally {
      this.readOnlyDepth -= 1;
      if (this.readOnlyDepth === 0) this.prepare('PRAGMA query_only = OFF').run();
    }
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<R>(query: Compilable<R>): R[] {
    const { sql, parameters } = query.compile();
    return this.prepare(sql).all(...(parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const { sql, parameters } = query.compile();
    const statement = this.prepare(sql);
    return (statement.reader ? statement.get(...(parameters as unknown[])) : undefined) as R | undefined;
  }

  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
    const { sql, parameters } = query.compile();
    const statement = this.prepare(sql);
    if (statement.reader) {
      // INSERT … RETURNING and friends are readers in better-sqlite3.
      const rows = statement.all(...(parameters as unknown[]));
      return { changes: rows.length, lastInsertRowid: 0 };
    }
    const info = statement.run(...(parameters as unknown[]));
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
  }

  /** Runs `fn` in a transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function deepFreeze<T>(value: T): T {
  // Bytes (an answer kept already encoded, see JsonText) cannot be frozen, and nobody edits them.
  if (ArrayBuffer.isView(value)) return value;
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
