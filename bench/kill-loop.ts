/**
 * Kill -9 loop: starts the headless server, writes through the API, SIGKILLs it mid-write, starts
 * it again and checks that every acknowledged write survived and the audit chain still verifies.
 *
 *   npm run bench:kill-loop -- 100        (iterations; default 50)
 *
 * test/integration/security/kill-loop.test.ts runs a few iterations of the same loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const ADMIN = { username: 'admin', password: 'kill-loop-password-1', displayName: '王院长' };

export interface KillLoopReport {
  iterations: number;
  acknowledged: number;
  lost: string[];
  auditProblems: string[];
}

function start(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-main/server.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, base: m[1]!.replace('0.0.0.0', '127.0.0.1') });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}

async function call(base: string, name: string, input: unknown, cookie?: string) {
  const res = await fetch(`${base}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  const body = (await res.json()) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string };
  };
  return { body, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGKILL');
  });
}

export async function runKillLoop(options: {
  iterations: number;
  log?: (line: string) => void;
}): Promise<KillLoopReport> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-kill-'));
  const dataDir = join(dir, 'data');
  const acknowledged: string[] = [];
  const report: KillLoopReport = { iterations: 0, acknowledged: 0, lost: [], auditProblems: [] };
  try {
    for (let i = 0; i < options.iterations; i++) {
      const { child, base } = await start(dataDir);
      try {
        if (i === 0) {
          const setup = await call(base, 'auth.setup', {
            institution: { name: '幸福里颐养中心' },
            admin: ADMIN,
          });
          if (!setup.body.ok) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
        }
        const login = await call(base, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
        if (!login.body.ok) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
        const cookie = login.cookie;

        // Everything acknowledged before this start must be there after the last kill.
        const buildings = await call(base, 'facilities.buildings', {}, cookie);
        const names = new Set((buildings.body.value as Array<{ name: string }>).map((b) => b.name));
        const lost = acknowledged.filter((n) => !names.has(n));
        report.lost.push(...lost);
        const verify = await call(base, 'audit.verify', {}, cookie);
        const v = verify.body.value as { intact: boolean; reason?: string } | undefined;
        if (!verify.body.ok || !v?.intact)
          report.auditProblems.push(`start ${i}: ${JSON.stringify(verify.body)}`);
        log(
          `start ${i}: ${names.size} buildings, ${lost.length} lost, audit ${v?.intact ? 'intact' : 'BROKEN'}`,
        );

        // Four writers in parallel; the kill lands at a random moment between 50 and 400 ms.
        let stop = false;
        const writer = async (w: number) => {
          for (let n = 0; !stop; n++) {
            const name = `楼${i}-${w}-${n}`;
            try {
              const r = await call(base, 'facilities.saveBuilding', { name }, cookie);
              if (r.body.ok) acknowledged.push(name);
            } catch {
              return; // the connection died with the process: not acknowledged
            }
          }
        };
        const writers = [0, 1, 2, 3].map(writer);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 350));
        stop = true;
        await killed(child);
        await Promise.all(writers);
      } finally {
        await killed(child);
      }
      report.iterations = i + 1;
    }
    // A final start checks the writes of the last round.
    const { child, base } = await start(dataDir);
    try {
      const login = await call(base, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
      const buildings = await call(base, 'facilities.buildings', {}, login.cookie);
      const names = new Set((buildings.body.value as Array<{ name: string }>).map((b) => b.name));
      report.lost = [...new Set([...report.lost, ...acknowledged.filter((n) => !names.has(n))])];
      const verify = await call(base, 'audit.verify', {}, login.cookie);
      const v = verify.body.value as { intact: boolean } | undefined;
      if (!v?.intact) report.auditProblems.push(`final: ${JSON.stringify(verify.body)}`);
    } finally {
      await killed(child);
    }
    report.acknowledged = acknowledged.length;
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.audit-key`, { force: true });
    rmSync(`${dir}.audit-key.anchor`, { force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const iterations = Number(process.argv[2] ?? 50);
  const started = Date.now();
  const report = await runKillLoop({ iterations, log: (l) => console.log(l) });
  console.log(
    `${report.iterations} kills, ${report.acknowledged} acknowledged writes, ${report.lost.length} lost, ` +
      `${report.auditProblems.length} audit problems, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (report.lost.length > 0 || report.auditProblems.length > 0) {
    console.log(JSON.stringify(report, null, 2));
    process.exit(1);
  }
}
