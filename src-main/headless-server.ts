import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from './core/app';
import { seedDemo } from './core/demo/seed';
import { createConsoleLogger } from './core/logger';
import { TestClock } from './core/platform/test-clock';
import { AppError } from './shared/errors';
import { buildHttpApp, normaliseHost } from './http/app';
import { LOOPBACK_HOSTS } from './http/client';

const usage = `用法 / usage: npm run serve -- --data-dir DIR [--port 4810] [--host 127.0.0.1]
    [--allow-host caredesk.local,192.168.1.20] [--seed demo] [--test-clock 2026-12-01T20:00:00+08:00]
  --host 0.0.0.0   在局域网中提供服务，须同时用 --allow-host 列出其他电脑访问本机所用的名称或地址
                   serve the LAN; needs --allow-host with the names other PCs use for this one`;

/** Exit codes: 2 wrong arguments, 3 port unavailable, 1 anything else (message printed, no stack). */
function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '4810' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-host': { type: 'string', multiple: true, default: [] },
        seed: { type: 'string' },
        'test-clock': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(2, `${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const dataDir = resolve(values['data-dir'] ?? join(process.cwd(), '.data'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(2, `端口号不正确：${values.port}\n${usage}`);
  if (values.seed !== undefined && values.seed !== 'demo') {
    fail(2, `不认识的演示数据：${values.seed}（目前只有 demo）\n${usage}`);
  }
  let testClock: TestClock | undefined;
  if (values['test-clock'] !== undefined) {
    try {
      testClock = new TestClock(values['test-clock']);
    } catch {
      fail(2, `--test-clock 需要一个带时区的时间，例如 2026-12-01T20:00:00+08:00\n${usage}`);
    }
  }
  const extraHosts = values['allow-host']
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (extraHosts.includes('*')) {
    fail(2, `--allow-host 不接受 *：请逐个列出其他电脑访问本机所用的名称或地址。\n${usage}`);
  }
  const wildcard = WILDCARD_HOSTS.has(values.host);
  if (wildcard && extraHosts.length === 0) {
    fail(
      2,
      `在局域网中提供服务（--host ${values.host}）时，请用 --allow-host 列出其他电脑访问本机所用的名称或地址，` +
        `例如 --allow-host caredesk.local,192.168.1.20。\n` +
        `LAN mode (--host ${values.host}) needs --allow-host with the names other PCs use for this computer.\n${usage}`,
    );
  }
  const allowedHosts = [...new Set([...(wildcard ? [] : [values.host]), ...extraHosts].map(normaliseHost))];

  mkdirSync(dataDir, { recursive: true });
  const logger = createConsoleLogger('server');
  let core;
  try {
    core = createCore({
      dbPath: join(dataDir, 'caredesk.db'),
      logger,
      nurseCall: { autoStart: true },
      scheduler: { autoStart: true },
      ...(testClock ? { clock: testClock, testClock: true } : {}),
    });
  } catch (error) {
    fail(1, error instanceof AppError ? error.message : String(error));
  }

  if (values.seed === 'demo') {
    const accounts = seedDemo(core);
    if (!accounts) console.log('demo: 数据目录里已有用户，未再次填充演示数据');
    else for (const a of accounts) console.log(`demo account: ${a.username} ${a.password}`);
  }

  const here = dirname(fileURLToPath(import.meta.url));
  const app = await buildHttpApp(core, { rendererDir: resolve(here, '../renderer'), allowedHosts });
  let address: string;
  try {
    address = await app.listen({ port, host: values.host });
  } catch (error) {
    await core.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      fail(
        3,
        `端口 ${port} 已被占用：可能已有一个 CareDesk 在运行，或被其他程序使用。请关闭它，或用 --port 换一个端口。\n` +
          `Port ${port} is already in use (another CareDesk, or another program). Close it or choose another --port.`,
      );
    }
    if (code === 'EACCES') {
      fail(
        3,
        `没有权限使用端口 ${port}，请换一个大于 1024 的端口。\nNo permission to use port ${port}; choose one above 1024.`,
      );
    }
    if (code === 'EADDRNOTAVAIL') {
      fail(
        3,
        `本机没有地址 ${values.host}，请检查 --host。\nThis computer has no address ${values.host}; check --host.`,
      );
    }
    throw error;
  }
  const actualPort = new URL(address).port || String(port);
  if (allowedHosts.some((h) => !(LOOPBACK_HOSTS as readonly string[]).includes(h))) {
    console.log(
      `局域网模式：只接受以这些名称访问 / LAN mode, accepting requests addressed to: ${[...LOOPBACK_HOSTS, ...allowedHosts].join(', ')}`,
    );
  }
  const setupCode = core.services.setupGate.current();
  if (setupCode) {
    console.log(
      `首次设置安装码 / setup code: ${setupCode}（在其他电脑上完成首次设置时填写 / enter it to set up from another PC）`,
    );
  }
  if (testClock) console.log(`test clock: ${new Date(values['test-clock']!).toISOString()}`);
  console.log(`CareDesk listening on http://${values.host}:${actualPort}`);

  const shutdown = async () => {
    await app.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  // Support needs the message; a stack trace only frightens the person at the desk.
  fail(1, `CareDesk 服务无法启动：${error instanceof Error ? error.message : String(error)}`);
});
