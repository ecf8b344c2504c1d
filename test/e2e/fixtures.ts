import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Server {
  url: string;
  dataDir: string;
  /** Lines the server printed, e.g. `demo account: admin xxxx`. */
  output: string[];
  /** Calls the API directly (setup shortcuts), as a browser would. */
  api(
    name: string,
    input: unknown,
    cookie?: string,
  ): Promise<{
    body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    cookie: string | null;
  }>;
}

async function startServer(args: string[] = []): Promise<{ server: Server; process: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  // The build is done once by `npm run test:e2e`; each test gets its own server and data folder.
  const child = spawn(
    process.execPath,
    ['out/main/server.js', '--data-dir', dataDir, '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('\n')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        output.push(line);
        const match = /CareDesk listening on (http:\/\/\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${output.join('\n')}`)));
  });
  const server: Server = {
    url,
    dataDir,
    output,
    async api(name, input, cookie) {
      const response = await fetch(`${url}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(input),
      });
      const setCookie = response.headers.get('set-cookie');
      return { body: (await response.json()) as never, cookie: setCookie ? setCookie.split(';')[0]! : null };
    },
  };
  return { server, process: child };
}

export const test = base.extend<{ server: Server; serverArgs: string[] }>({
  serverArgs: [[], { option: true }],
  server: async ({ serverArgs }, use) => {
    const { server, process: child } = await startServer(serverArgs);
    await use(server);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(server.dataDir, { recursive: true, force: true });
    rmSync(`${server.dataDir}.audit-key`, { force: true });
    rmSync(`${server.dataDir}.audit-key.anchor`, { force: true });
  },
});

export { expect };

/** Saves a full-page screenshot as a test artifact (test-results/screens/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join('test-results', 'screens', `${name}.png`), fullPage: true });
}

export const ADMIN = { username: 'admin', password: 'admin-password-1', displayName: '王院长' };

/** First-run setup through the API, for tests that are about something else. */
export async function setUpInstitution(server: Server): Promise<void> {
  const { body } = await server.api('auth.setup', { institution: { name: '幸福里颐养中心' }, admin: ADMIN });
  expect(body.ok).toBe(true);
}
