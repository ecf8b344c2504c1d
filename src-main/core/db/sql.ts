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

export class Sql {
  readonly qb: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly db: SqliteDb) {
    this.qb = createQueryBuilder();
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
