import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreOptions } from '../../../src-main/core/app';
import type { FakeClock } from '../../../src-main/core/clock';
import { makeIdNumber } from '../../../src-main/shared/id-number';
import { makeSetUpCore, type TestCore } from '../../support/core';

export type SetUp = TestCore & { adminToken: string; options: CoreOptions['moduleOptions'] };

/** A set-up core whose backups check in this thread (deterministic and quick) unless told. */
export async function setUp(options: Partial<CoreOptions> & { clock?: FakeClock } = {}): Promise<SetUp> {
  const moduleOptions = options.moduleOptions ?? { backups: { checkInThread: true } };
  const t = await makeSetUpCore({ ...options, moduleOptions });
  // makeCore keeps its own clock in `t.clock`; the one given is the one the core reads.
  return Object.assign(t, { options: moduleOptions, clock: options.clock ?? t.clock });
}

let sequence = 1;
export async function addResident(t: SetUp, name: string, token = t.adminToken) {
  sequence += 2;
  return t.call(
    'residents.create',
    { name, idNumber: makeIdNumber('110101', '1940-05-12', sequence % 998) },
    token,
  );
}

export const photo = Buffer.from('\x89PNG\r\n\x1a\n pretend image bytes 照片', 'utf8');

export async function addPhoto(t: SetUp, residentId: number, token = t.adminToken) {
  return t.call(
    'residents.addAttachment',
    {
      residentId,
      kind: 'photo',
      fileName: '照片.png',
      mimeType: 'image/png',
      base64: photo.toString('base64'),
    },
    token,
  );
}

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
