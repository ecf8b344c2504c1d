import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/app';
import { seedDemo } from '../../src-main/core/demo/seed';
import { FakeClock } from '../../src-main/core/clock';
import { silentLogger } from '../../src-main/core/logger';
import type { InputOf, OutputOf, ProcedureName } from '../../src-main/shared/contract';
import type { ErrorData } from '../../src-main/shared/errors';

export interface TestCore {
  core: Core;
  clock: FakeClock;
  dir: string;
  dbPath: string;
  /** Calls as the given session token and returns the value, failing the test on an error result. */
  call<K extends ProcedureName>(name: K, input: InputOf<K>, token?: string | null): Promise<OutputOf<K>>;
  /** Calls and returns the error, failing the test if the call succeeded. */
  fail<K extends ProcedureName>(name: K, input: unknown, token?: string | null): Promise<ErrorData>;
  login(username: string, password: string): Promise<string>;
  close(): void;
}

export const ADMIN = { username: 'admin', password: 'admin-password-1', displayName: '王院长' };

/** A core on a real SQLite file in a fresh temp folder, with a fake clock. */
export function makeCore(options: Partial<CoreOptions> = {}): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-test-'));
  const dbPath = join(dir, 'caredesk.db');
  const clock = new FakeClock();
  const core = createCore({ dbPath, clock, logger: silentLogger, ...options });
  const harness: TestCore = {
    core,
    clock,
    dir,
    dbPath,
    async call(name, input, token) {
      const { result } = await core.dispatch(name, input, token ?? null);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(name, input, token) {
      const { result } = await core.dispatch(name, input, token ?? null);
      if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
      return result.error;
    },
    async login(username, password) {
      const outcome = await core.dispatch('auth.login', { username, password });
      if (!outcome.result.ok || !outcome.sessionToken) {
        throw new Error(`login ${username} failed: ${JSON.stringify(outcome.result)}`);
      }
      return outcome.sessionToken;
    },
    close() {
      void core.close();
      rmSync(dir, { recursive: true, force: true });
      // The audit key and its anchor live beside the data folder, never inside it.
      rmSync(`${dir}.audit-key`, { force: true });
      rmSync(`${dir}.audit-key.anchor`, { force: true });
    },
  };
  return harness;
}

/** A core that has been through first-run setup; returns the administrator's session token. */
export async function makeSetUpCore(
  options: Partial<CoreOptions> = {},
): Promise<TestCore & { adminToken: string }> {
  const t = makeCore(options);
  const outcome = await t.core.dispatch('auth.setup', {
    institution: { name: '幸福里颐养中心' },
    admin: ADMIN,
  });
  if (!outcome.result.ok || !outcome.sessionToken) throw new Error('setup failed');
  return Object.assign(t, { adminToken: outcome.sessionToken });
}

/**
 * Seeds the demo home (120 beds in two buildings) and signs its administrator in, past the
 * change of the shown-once password; returns the session token.
 */
export async function signInDemoAdmin(t: TestCore, newPassword: string): Promise<string> {
  const admin = seedDemo(t.core)!.find((a) => a.username === 'admin')!;
  const token = await t.login(admin.username, admin.password);
  await t.call('auth.changePassword', { currentPassword: admin.password, newPassword }, token);
  return token;
}

/** Creates a user with the given roles who has already chosen their own password. */
export async function addUser(
  t: TestCore & { adminToken: string },
  username: string,
  roles: Array<
    'administrator' | 'headNurse' | 'nurse' | 'caregiver' | 'finance' | 'fireOfficer' | 'frontDesk'
  >,
): Promise<string> {
  const password = `${username}-password`;
  await t.call(
    'users.create',
    { username, displayName: username, password, roles, mustChangePassword: false },
    t.adminToken,
  );
  return t.login(username, password);
}
