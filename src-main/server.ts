import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from './core/app';
import { seedDemo } from './core/demo/seed';
import { createConsoleLogger } from './core/logger';
import { TestClock } from './core/platform/test-clock';
import { AppError } from './shared/errors';
import { buildHttpApp } from './http/app';

const usage = `用法 / usage: npm run serve -- --data-dir DIR [--port 4810] [--host 127.0.0.1] [--seed demo] [--test-clock 2026-12-01T20:00:00+08:00]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '4810' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      'test-clock': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const dataDir = resolve(values['data-dir'] ?? join(process.cwd(), '.data'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口号不正确：${values.port}\n${usage}`);
    process.exit(2);
  }
  if (values.seed !== undefined && values.seed !== 'demo') {
    console.error(`不认识的演示数据：${values.seed}（目前只有 demo）\n${usage}`);
    process.exit(2);
  }
  let testClock: TestClock | undefined;
  if (values['test-clock'] !== undefined) {
    try {
      testClock = new TestClock(values['test-clock']);
    } catch {
      console.error(`--test-clock 需要一个带时区的时间，例如 2026-12-01T20:00:00+08:00\n${usage}`);
      process.exit(2);
    }
  }
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
    console.error(error instanceof AppError ? error.message : String(error));
    process.exit(1);
  }

  if (values.seed === 'demo') {
    const accounts = seedDemo(core);
    if (!accounts) console.log('demo: 数据目录里已有用户，未再次填充演示数据');
    else for (const a of accounts) console.log(`demo account: ${a.username} ${a.password}`);
  }

  const here = dirname(fileURLToPath(import.meta.url));
  const app = await buildHttpApp(core, {
    rendererDir: resolve(here, '../renderer'),
    // Listening on every interface is an explicit LAN install: clients reach it by any address.
    allowedHosts: values.host === '0.0.0.0' || values.host === '::' ? ['*'] : [values.host],
  });
  const address = await app.listen({ port, host: values.host });
  const actualPort = new URL(address).port || String(port);
  if (values.host !== '127.0.0.1' && values.host !== 'localhost') {
    logger.warn('listening beyond this computer: protect the network or use 127.0.0.1', {
      host: values.host,
    });
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

void main();
