import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let dir: string | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (blocker ? blocker.close(r) : r(null)));
  if (dir) rmSync(dir, { recursive: true, force: true });
  blocker = undefined;
  dir = undefined;
});

/** Runs the headless entry from source, as `npm run serve` would after building it. */
function serve(args: string[]) {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-serve-'));
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/server.ts', '--data-dir', join(dir, 'data'), ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const stackLine = /^\s+at /m;

describe('server start-up failures', { timeout: 60_000 }, () => {
  it('a port already in use ends with a plain Chinese + English message and exit code 3', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)),
    );
    const { code, out } = serve(['--port', String(port)]);
    expect(code).toBe(3);
    expect(out).toContain(`端口 ${port} 已被占用`);
    expect(out).toContain('already in use');
    expect(out).not.toMatch(stackLine);
    expect(out).not.toContain('EADDRINUSE');
  });

  it('LAN mode without a list of host names refuses to start and says what to add', () => {
    const { code, out } = serve(['--host', '0.0.0.0', '--port', '0']);
    expect(code).toBe(2);
    expect(out).toContain('--allow-host');
    expect(out).not.toMatch(stackLine);
    const star = serve(['--host', '0.0.0.0', '--allow-host', '*', '--port', '0']);
    expect(star.code).toBe(2);
  });
});
