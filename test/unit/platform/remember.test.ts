import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Sql } from '../../../src-main/core/db/sql';

describe('sql.remember', () => {
  const setUp = () => {
    const sql = new Sql(new Database(':memory:'));
    let loads = 0;
    const load = () => ({ n: ++loads });
    return { sql, load, loads: () => loads };
  };

  it('keeps a value until the next write, frozen', () => {
    const { sql, load, loads } = setUp();
    const first = sql.remember('k', load);
    expect(sql.remember('k', load)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    sql.forgetRemembered();
    expect(sql.remember('k', load)).toEqual({ n: 2 });
    expect(loads()).toBe(2);
  });

  it('keeps one value per key, replaced when the stamp (a day, a minute) changes', () => {
    const { sql, load } = setUp();
    expect(sql.remember('alerts', load, '10:01')).toEqual({ n: 1 });
    expect(sql.remember('alerts', load, '10:01')).toEqual({ n: 1 });
    expect(sql.remember('alerts', load, '10:02')).toEqual({ n: 2 });
    // The 10:01 value was replaced, not kept beside it.
    expect(sql.remember('alerts', load, '10:01')).toEqual({ n: 3 });
  });

  it('shares a computation in flight and does not keep a failure', async () => {
    const { sql } = setUp();
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 5));
    const [a, b] = await Promise.all([sql.rememberAsync('r', slow), sql.rememberAsync('r', slow)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    await expect(sql.rememberAsync('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await sql.rememberAsync('bad', () => Promise.resolve('yes'))).toBe('yes');
  });
});
