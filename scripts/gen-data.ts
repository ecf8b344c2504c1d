// A large home's history for benchmarks and trials:
//   npm run gen:data -- --data-dir DIR [--beds 1000] [--years 10] [--seed N]
// Writes DIR/caredesk.db (plus the audit key beside DIR) that `npm run serve -- --data-dir DIR`
// opens as it is, and prints one `demo account:` line per role (each must change its password).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src-main/core/clock';
import { generateData } from '../src-main/core/platform/generate';

const usage = 'usage: npm run gen:data -- --data-dir DIR [--beds 1000] [--years 10] [--seed N]';
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    beds: { type: 'string', default: '1000' },
    years: { type: 'string', default: '10' },
    seed: { type: 'string', default: 'caredesk-scale' },
  },
});
const beds = Number(values.beds);
const years = Number(values.years);
if (!values['data-dir'] || !Number.isInteger(beds) || beds < 1 || !(years > 0) || years > 30) {
  console.error(usage);
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
const dbPath = join(dataDir, 'caredesk.db');
if (existsSync(dbPath)) {
  console.error(`${dbPath} already exists: choose an empty folder`);
  process.exit(2);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const accounts = await generateData({
  dbPath,
  beds,
  years,
  seed: values.seed,
  clock: systemClock,
  progress: (message) => console.log(`[${elapsed()}] ${message}`),
});
const size = statSync(dbPath).size + (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0);
console.log(`generated in ${elapsed()}: ${dbPath}, ${(size / 1024 / 1024).toFixed(0)} MB`);
for (const a of accounts) console.log(`demo account: ${a.username} ${a.password}`);
