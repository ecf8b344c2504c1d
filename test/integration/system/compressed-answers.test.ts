import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, buildHttpApp } from '../../../src-main/http/app';
import { setUp, type SetUp } from '../residents/support';

/** POSTs with node:http, which (unlike fetch) shows the body as it came over the wire. */
function post(base: string, name: string, headers: Record<string, string>) {
  return new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
    (resolve, reject) => {
      const req = request(
        `${base}/api/call/${name}`,
        { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary as string | undefined,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end('{}');
    },
  );
}

describe('large answers over HTTP', () => {
  let t: SetUp;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    t = await setUp();
    const building = await t.call('facilities.saveBuilding', { name: '2号楼' }, t.adminToken);
    // 370 beds: the board's answer is ~45 KB, over the size from which answers are compressed.
    await t.call(
      'beds.bulkCreate',
      {
        buildingId: building.id,
        floor: 4,
        roomFrom: 401,
        roomTo: 520,
        bedsPerRoom: 3,
        roomClass: '三人间',
        bedKind: 'nursing',
      },
      t.adminToken,
    );
    app = await buildHttpApp(t.core);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    t?.close();
  });

  it('gzips a large remembered answer for clients that accept it, and only for them', async () => {
    const cookie = `${SESSION_COOKIE}=${t.adminToken}`;
    const expected = { ok: true, value: await t.call('beds.board', {}, t.adminToken) };

    const zipped = await post(base, 'beds.board', { cookie, 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.vary).toBe('Accept-Encoding');
    const unzipped = gunzipSync(zipped.body);
    expect(zipped.body.length).toBeLessThan(unzipped.length / 5);
    expect(JSON.parse(unzipped.toString())).toEqual(expected);

    const plain = await post(base, 'beds.board', { cookie });
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(expected);

    const refused = await post(base, 'beds.board', { cookie, 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.encoding).toBeUndefined();

    // Small answers go as they are whatever the client accepts.
    const small = await post(base, 'auth.me', { cookie, 'accept-encoding': 'gzip' });
    expect(small.encoding).toBeUndefined();
  });
});
