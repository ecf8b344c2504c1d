import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/core/logger';
import { buildHttpApp } from '../../../src-main/http/app';
import { procedures } from '../../../src-main/shared/contract';

const procedureNames = Object.keys(procedures);
import { ADMIN, makeSetUpCore, type TestCore } from '../../support/core';

const nest = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);

/** Bodies that are JSON but not what any procedure wants, and bodies that are barely JSON. */
const MALFORMED: Array<[string, string]> = [
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"x"'],
  ['an array', '[1,2,3]'],
  ['wrong types everywhere', '{"id":"1","residentId":[],"name":{},"input":true,"options":"x","scores":7}'],
  ['a prototype key', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ['objects nested 5,000 deep', nest(5000, '1')],
  ['arrays nested 5,000 deep', '['.repeat(5000) + ']'.repeat(5000)],
  ['a prototype key 5,000 deep', nest(5000, '{"__proto__":{"x":1}}')],
  ['a constructor key 20,000 deep', nest(20_000, '{"constructor":{"prototype":1}}')],
  [
    'nesting inside a free-form field',
    `{"options":${nest(5000, '1')},"waitingPriorityRules":[${nest(3000, '1')}]}`,
  ],
  ['a 2 MB string', JSON.stringify({ name: 'x'.repeat(2_000_000), note: 'y' })],
  ['control and bidi characters', JSON.stringify({ name: '\u0000\u202E\uD800', username: 'a\u0000' })],
  ['truncated JSON', '{"name": "张'],
];

const logged: string[] = [];
const logger: Logger = {
  info: () => {},
  warn: () => {},
  error: (message, fields) => logged.push(`${message} ${JSON.stringify(fields)}`),
};

let t: TestCore & { adminToken: string };
let app: FastifyInstance;
let cookie: string;
beforeAll(async () => {
  t = await makeSetUpCore({ logger });
  app = await buildHttpApp(t.core);
  const login = await app.inject({
    method: 'POST',
    url: '/api/call/auth.login',
    headers: { host: '127.0.0.1', 'content-type': 'application/json' },
    payload: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
  });
  cookie = String(login.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await app.close();
  t.close();
});

// Ending or locking the session would make every later call a plain "please log in".
const SESSION_ENDING = new Set(['auth.logout', 'auth.lock']);

describe('malformed input to every procedure', () => {
  it.each(MALFORMED)('%s: a plain answer, never a crash, a hang or a stack trace', async (_what, body) => {
    const answers = new Map<string, number>();
    for (const name of procedureNames) {
      if (SESSION_ENDING.has(name)) continue;
      const res = await app.inject({
        method: 'POST',
        url: `/api/call/${name}`,
        headers: { host: '127.0.0.1', 'content-type': 'application/json', cookie },
        payload: body,
      });
      answers.set(`${res.statusCode}`, (answers.get(`${res.statusCode}`) ?? 0) + 1);
      expect(res.statusCode, `${name}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      const json = res.json() as { ok: boolean; error?: { code: string; message: string } };
      if (!json.ok) {
        expect(json.error!.message, name).toMatch(/[\u4e00-\u9fff]/);
        expect(json.error!.code, `${name}: ${json.error!.message}`).not.toBe('INTERNAL');
      }
      expect(res.body, name).not.toMatch(/\n\s+at |node_modules|src-main/);
    }
    expect(logged).toEqual([]);
    expect([...answers.keys()].every((s) => ['200', '400', '413'].includes(s))).toBe(true);
  });
});
