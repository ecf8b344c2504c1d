import { expect, type Locator, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Server } from '../fixtures';
import { Shell } from './shell';

/** The demo seed's accounts, one per role. */
export const DEMO_USERS = [
  'admin',
  'headnurse',
  'nurse',
  'caregiver',
  'finance',
  'fireofficer',
  'frontdesk',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** Every demo account gets this password after the forced first change. */
export const passwordOf = (user: DemoUser) => `${user}-changed-1`;

export async function call<T>(server: Server, cookie: string, name: string, input: unknown): Promise<T> {
  const r = await server.api(name, input, cookie);
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value as T;
}

/**
 * Demo passwords are printed once and must be changed at first login; this does it through the API
 * and returns a session cookie with the account's permissions.
 */
export async function demoLogin(
  server: Server,
  user: DemoUser,
): Promise<{ cookie: string; permissions: string[]; displayName: string }> {
  const line = server.output.find((l) => l.startsWith(`demo account: ${user} `));
  expect(line, server.output.join('\n')).toBeTruthy();
  const initial = line!.split(' ').pop()!;
  let login = await server.api('auth.login', { username: user, password: initial });
  if (login.body.ok) {
    await call(server, login.cookie!, 'auth.changePassword', {
      currentPassword: initial,
      newPassword: passwordOf(user),
    });
  } else {
    login = await server.api('auth.login', { username: user, password: passwordOf(user) });
  }
  const me = await call<{ user: { permissions: string[]; displayName: string } }>(
    server,
    login.cookie!,
    'auth.me',
    {},
  );
  return { cookie: login.cookie!, permissions: me.user.permissions, displayName: me.user.displayName };
}

export async function signIn(page: Page, server: Server, user: DemoUser) {
  await demoLogin(server, user);
  await page.goto(server.url);
  await new Shell(page).login(user, passwordOf(user));
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

/** Waits until the page has drawn: no spinner and no skeleton left. */
export async function settled(page: Page) {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * Waits until the element's animations have finished (antd zooms a dialog in): a click on one of
 * its buttons while it still moves can be lost, and the test then waits for what never comes.
 */
export async function animationsDone(target: Locator) {
  await target.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
  );
}

/** Every `data-procedure` on screen: the buttons that lead to a procedure. */
export async function visibleProcedures(page: Page): Promise<string[]> {
  return page
    .locator('[data-procedure]:visible')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-procedure') ?? ''));
}

/** A pair of ptys: the app opens one end, the test's panel simulator the other. */
export async function startSocat(dir: string): Promise<ChildProcess> {
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${join(dir, 'ttyA')}`, `pty,raw,echo=0,link=${join(dir, 'ttyB')}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('starting data transfer loop')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`socat exited ${code}: ${err}`)));
  });
  return child;
}

/**
 * Each procedure's access rule, read from the contract itself. Playwright's loader cannot import the
 * contract (it pulls JSON modules in), so tsx prints the map once.
 */
export function contractAccess(): Record<string, string> {
  const out = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      '-e',
      "import('./src-main/shared/contract/index.ts').then((m) => process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(m.procedures).map(([k, v]) => [k, v.access])))))",
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`reading the contract failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Record<string, string>;
}

/** The dispatcher's rule (`src-main/shared/access.ts`), over the map above. */
export function mayCallWith(access: Record<string, string>) {
  return (permissions: readonly string[], procedure: string): boolean => {
    const rule = access[procedure];
    if (rule === undefined) return false;
    if (rule === 'public' || rule === 'authenticated') return true;
    return permissions.includes('*') || permissions.includes(rule);
  };
}
