// What each read leaves for the old generation (issue 15): the server's RSS after a burst is mostly
// garbage that outlived two young-generation collections and waits for a full one. This runs every
// read and report of `npm run bench` in this process, on a copy of a generated home, and prints per
// call: the young generation's allocation, what scavenges promoted, and what went straight to the
// old generation (large objects). The reads that promote most are the ones to slim.
//   npm run bench:garbage -- --data-dir DIR --password PW [--reps 40] [--only regulator] [--cold] [--sample]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import v8 from 'node:v8';
import Database from 'better-sqlite3';
import { createCore } from '../src-main/core/app';
import type { CallClient } from '../src-main/core/api/context';
import { JsonFile, JsonText } from '../src-main/core/api/json-text';
import { systemClock } from '../src-main/core/clock';
import { silentLogger } from '../src-main/core/logger';
import { applyV8Options } from '../src-main/core/v8-options';
import type { ProcedureName } from '../src-main/shared/contract';
import { copyData } from './lib/data';
import { readCases, readFixture, reportCases } from './lib/reads';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    password: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    reps: { type: 'string', default: '40' },
    /** Only the reads whose label contains this text. */
    only: { type: 'string', default: '' },
    /** Also sample where the chosen reads allocate (the inspector's heap sampler): top functions. */
    sample: { type: 'boolean', default: false },
    /**
     * Forget remembered answers before each call, as after any write (a nurse call, a dose): what a
     * read costs when it is built, not served from memory.
     */
    cold: { type: 'boolean', default: false },
  },
});

// As the server and the desktop app start.
applyV8Options();

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:garbage does)');
if (!args['data-dir'] || !args.password) throw new Error('--data-dir DIR --password PW');
const REPS = Number(args.reps);

/** A space's name and used bytes: `v8.getHeapSpaceStatistics()` spells them in snake case, the GC profiler in camel case. */
type SpaceStats = Array<{
  space_name?: string;
  space_used_size?: number;
  spaceName?: string;
  spaceUsedSize?: number;
}>;
const YOUNG = new Set(['new_space', 'new_large_object_space']);
const OLD = new Set(['old_space', 'large_object_space', 'trusted_space', 'trusted_large_object_space']);
const used = (spaces: SpaceStats, names: Set<string>) =>
  spaces
    .filter((s) => names.has(s.space_name ?? s.spaceName ?? ''))
    .reduce((sum, s) => sum + (s.space_used_size ?? s.spaceUsedSize ?? 0), 0);

interface GcEntry {
  gcType: string;
  beforeGC: { heapSpaceStatistics: SpaceStats };
  afterGC: { heapSpaceStatistics: SpaceStats };
}

const work = mkdtempSync(join(tmpdir(), 'caredesk-garbage-'));
const dataDir = join(work, basename(resolve(args['data-dir'])));
copyData(resolve(args['data-dir']), dataDir);
const dbPath = join(dataDir, 'caredesk.db');
const core = createCore({ dbPath, clock: systemClock, logger: silentLogger });
const http: CallClient = { id: 'bench', local: true, passesJsonText: true };
const desktop: CallClient = { id: 'bench', local: true };

try {
  const login = await core.dispatch('auth.login', { username: args.user, password: args.password });
  let token = login.sessionToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(login.result)}`);
  // A generated home's admin must change the printed password first (only on this copy).
  const changed = await core.dispatch(
    'auth.changePassword',
    { currentPassword: args.password, newPassword: 'bench-password-1' },
    token,
    http,
  );
  token = changed.sessionToken ?? token;
  const answer = async (procedure: string, input: unknown, as: CallClient): Promise<unknown> => {
    const outcome = await core.dispatch(procedure as ProcedureName, input as never, token, as);
    if (!outcome.result.ok) throw new Error(`${procedure}: ${outcome.result.error.message}`);
    return outcome.result.value;
  };
  /** One call as the HTTP shell answers it: JSON bytes, whether prepared or encoded now. */
  const callOnce = async (procedure: string, input: unknown): Promise<unknown> => {
    if (args.cold) core.sql.forgetRemembered();
    const value = await answer(procedure, input, http);
    if (value instanceof JsonText) return value.body;
    if (value instanceof JsonFile) return value.parse();
    return Buffer.from(JSON.stringify({ ok: true, value }));
  };
  // Decoded, as the desktop window gets it: for finding what to ask.
  const api = async <T>(procedure: string, input: unknown) => (await answer(procedure, input, desktop)) as T;

  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const { fixture } = await readFixture(db, api);
  db.close();

  const cases = [
    ...readCases(fixture).map((c) => ({
      label: c.label,
      procedure: c.procedure,
      input: c.input,
      reps: REPS,
    })),
    ...reportCases(fixture).map((c) => ({ ...c, reps: 5 })),
  ].filter((c) => c.label.includes(args.only));
  console.log(`# What each read leaves for the old generation — ${new Date().toISOString()}`);
  console.log();
  console.log(
    `${REPS} calls a read (5 a report), after 3 to warm up; KB per call${args.cold ? '; remembered answers forgotten before each call' : ''}.`,
  );
  console.log();
  console.log('| read | ms | young allocated | promoted | straight to old | full GCs |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const rows: Array<{ label: string; promoted: number; line: string }> = [];
  for (const c of cases) {
    for (let i = 0; i < 3; i += 1) await callOnce(c.procedure, c.input);
    gc();
    const start = v8.getHeapSpaceStatistics();
    const profiler = new v8.GCProfiler();
    profiler.start();
    const t = performance.now();
    for (let i = 0; i < c.reps; i += 1) await callOnce(c.procedure, c.input);
    const ms = (performance.now() - t) / c.reps;
    const end = v8.getHeapSpaceStatistics();
    const gcs = (profiler.stop()?.statistics ?? []) as unknown as GcEntry[];
    let young = 0;
    let promoted = 0;
    let oldChangeInGcs = 0;
    let youngBefore = used(start, YOUNG);
    for (const g of gcs) {
      const b = g.beforeGC.heapSpaceStatistics;
      const a = g.afterGC.heapSpaceStatistics;
      young += used(b, YOUNG) - youngBefore;
      youngBefore = used(a, YOUNG);
      const oldDelta = used(a, OLD) - used(b, OLD);
      oldChangeInGcs += oldDelta;
      if (g.gcType === 'Scavenge' || g.gcType === 'MinorMarkSweep') promoted += oldDelta;
    }
    young += used(end, YOUNG) - youngBefore;
    const direct = used(end, OLD) - used(start, OLD) - oldChangeInGcs;
    const LARGE = new Set(['large_object_space']);
    const largeInGcs = gcs.reduce(
      (sum, g) =>
        sum + used(g.afterGC.heapSpaceStatistics, LARGE) - used(g.beforeGC.heapSpaceStatistics, LARGE),
      0,
    );
    const large = used(end, LARGE) - used(start, LARGE) - largeInGcs;
    const full = gcs.filter((g) => g.gcType === 'MarkSweepCompact').length;
    const kb = (n: number) => (n / c.reps / 1024).toFixed(0);
    const line = `| ${c.label} | ${ms.toFixed(2)} | ${kb(young)} | ${kb(promoted)} | ${kb(direct)} (${kb(large)} large) | ${full} |`;
    console.log(line);
    rows.push({ label: c.label, promoted: (promoted + direct) / c.reps, line });
  }
  if (args.sample) await sampleAllocations(cases, callOnce);
  console.log();
  console.log('Most left for the old generation (promoted + straight to old, per call):');
  console.log();
  for (const r of rows.sort((a, b) => b.promoted - a.promoted).slice(0, 8))
    console.log(`- ${r.label}: ${(r.promoted / 1024).toFixed(0)} KB`);
} finally {
  await core.close();
  rmSync(work, { recursive: true, force: true });
}

interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}

/** Where the cases allocate, by function (self size), from the inspector's sampling heap profiler. */
async function sampleAllocations(
  cases: Array<{ procedure: string; input: unknown; reps: number }>,
  callOnce: (procedure: string, input: unknown) => Promise<unknown>,
): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (const c of cases) for (let i = 0; i < c.reps; i += 1) await callOnce(c.procedure, c.input);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SampleNode } };
  session.disconnect();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: SampleNode) => {
    const f = n.callFrame;
    const site = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(src-main|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(walk);
  };
  walk(profile.head);
  console.log();
  console.log(`Allocated by function (sampled, all calls: ${(total / 1024 / 1024).toFixed(1)} MB):`);
  console.log();
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`- ${(bytes / 1024).toFixed(0)} KB ${site}`);
}
