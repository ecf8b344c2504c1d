// A local stand-in for the provincial platform, for demos and manual tests (see README, 监管上报).
import { parseArgs } from 'node:util';
import { platformModes, startMockPlatform, type PlatformMode } from '../test/support/mock-platform';

const usage = `用法 / usage: npm run mock:platform -- --port 4820 --secret S [--fail N]
    [--mode 500 | timeout | drop-after-accept | reject | bad-signature]
  --fail N   只让前 N 个请求出故障，之后正常接收 / only the first N requests fail`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4820' },
    host: { type: 'string', default: '127.0.0.1' },
    secret: { type: 'string' },
    mode: { type: 'string' },
    fail: { type: 'string' },
    help: { type: 'boolean' },
  },
});
// `--fail 3` alone: the first three requests get 500, then the platform is up.
const mode = values.mode ?? (values.fail !== undefined ? '500' : 'ok');
if (values.help || !values.secret || !platformModes.includes(mode as PlatformMode)) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const platform = await startMockPlatform({
  secret: values.secret,
  port: Number(values.port),
  host: values.host,
  mode: mode as PlatformMode,
  ...(values.fail !== undefined ? { fail: Number(values.fail) } : {}),
});
console.log(`mock platform: ${platform.url} (mode ${mode}${values.fail ? `, first ${values.fail}` : ''})`);
console.log(`accepted: GET ${platform.url}/v1/summaries · every request: GET ${platform.url}/_mock/log`);
const stop = () => void platform.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
