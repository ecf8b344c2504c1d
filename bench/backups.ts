/**
 * Backups benchmark: a 1,000-bed institution with years of nurse-call history, then a backup, its
 * verification and a restore, each with the longest time the event loop was blocked meanwhile
 * (nurse call shares that loop, so nothing may hold it long). Run with `npm run bench:backups`
 * [-- --calls 300000]; prints figures, gates nothing.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createCore } from '../src-main/core/app';
import { checkDatabaseFile, verifyAuditOfFile } from '../src-main/core/backups/verify';
import { localDate } from '../src-main/core/clock';
import { generatePeople } from '../src-main/core/demo/people';
import { silentLogger } from '../src-main/core/logger';
import { yieldToEventLoop } from '../src-main/core/platform/scheduler';
import { addDays } from '../src-main/core/residents/common';
import { nineRiskKeys } from '../src-main/shared/assessment/nine-risks';
import {
  procedures,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type ProcedureName,
} from '../src-main/shared/contract';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '300000' },
    years: { type: 'string', default: '3' },
    /** Keep the built database there, to measure again without building it again. */
    save: { type: 'string' },
    /** Start from a database kept with --save. */
    from: { type: 'string' },
  },
});
const CALLS = Number(args.calls);
const YEARS = Number(args.years);
const BATCH = 5000;

const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-backups-'));
const dbPath = join(dir, 'caredesk.db');
if (args.from) copyFileSync(args.from, dbPath);
const core = createCore({ dbPath, logger: silentLogger });
const PASSWORD = 'bench-password-1';

async function call<K extends ProcedureName>(
  name: K,
  input: InputOf<K>,
  token: string,
): Promise<OutputOf<K>> {
  const { result } = await core.dispatch(name, input, token);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<K>;
}
const parse = <K extends ProcedureName>(name: K, input: unknown) =>
  procedures[name].input.parse(input) as ParsedInputOf<K>;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/**
 * Three views of the longest block. Wall time: Node's event-loop delay histogram, and a 2 ms
 * interval that notes how late it fired; on a busy machine both include time the thread waited
 * for a CPU. CPU time: the main thread's own CPU between two ticks of that interval, which is what
 * the work itself holds the loop for, whatever else the machine is doing.
 */
async function watched<T>(label: string, work: () => Promise<T>): Promise<T> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let worstGap = 0;
  let worstCpu = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuMs();
    worstGap = Math.max(worstGap, now - last - 2);
    worstCpu = Math.max(worstCpu, cpu - lastCpu);
    if (process.env.TRACE && cpu - lastCpu > 25) {
      console.log(`    block ${ms(cpu - lastCpu)} CPU (${ms(now - last)} wall) ending at ${now.toFixed(0)}`);
    }
    last = now;
    lastCpu = cpu;
  }, 2);
  const started = performance.now();
  try {
    return await work();
  } finally {
    const took = performance.now() - started;
    // One more turn of the loop, so a block at the very end is seen too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(probe);
    histogram.disable();
    console.log(
      `${label.padEnd(38)} ${ms(took).padStart(9)}   longest block: ${ms(worstCpu).padStart(6)} CPU, ${ms(worstGap).padStart(6)} wall (${ms(histogram.max / 1e6)} loop delay)`,
    );
  }
}

async function build(token: string) {
  let start = performance.now();
  let total = 0;
  // 4 buildings × 5 floors × 10 rooms × 5 beds = 1,000 beds.
  for (const name of ['1号楼', '2号楼', '3号楼', '4号楼']) {
    const building = await call('facilities.saveBuilding', { name }, token);
    for (let floor = 1; floor <= 5; floor += 1) {
      const created = await call(
        'beds.bulkCreate',
        {
          buildingId: building.id,
          floor,
          roomFrom: floor * 100 + 1,
          roomTo: floor * 100 + 10,
          bedsPerRoom: 5,
          roomClass: '多人间',
          bedKind: 'general',
        },
        token,
      );
      total += created.bedsCreated;
    }
  }
  console.log(`beds.bulkCreate: ${total} beds in ${ms(performance.now() - start)}`);

  start = performance.now();
  const { residents } = core.services;
  const now = core.clock.now();
  const today = localDate(now, core.services.institution.timeZone());
  const me = await call('auth.me', {}, token);
  const free = residents.facilities.available();
  const people = generatePeople(950, { seed: 'bench-backups', today });
  core.writes.run({ procedure: 'bench.seed', now, user: null }, (ctx) => {
    people.forEach((p, i) => {
      const id = residents.records.insert(
        parse('residents.create', {
          name: p.name,
          idNumber: p.idNumber,
          supportType: p.supportType,
          diagnoses: p.diagnoses,
          appliedOn: p.appliedOn,
        }),
        ctx,
      );
      const on = addDays(today, -(i % 20));
      residents.assessments.recordAbility(
        parse('assessments.recordAbility', {
          residentId: id,
          assessedOn: on,
          reason: 'initial',
          scores: p.ability.scores,
          flags: p.ability.flags,
          assessorIds: [me.user.id],
        }),
        ctx,
      );
      residents.assessments.recordRisks(
        parse('assessments.recordRisks', {
          residentId: id,
          assessedOn: on,
          items: Object.fromEntries(nineRiskKeys.map((k) => [k, { level: 'low', measures: [] }])),
          guardianInformed: null,
          assessorIds: [me.user.id],
        }),
        ctx,
      );
      const bed = free[i];
      if (bed)
        residents.lifecycle.admit(parse('residents.admit', { id, bedId: bed.id, admittedOn: on }), ctx);
    });
  });
  console.log(`residents: ${people.length} admitted with assessments in ${ms(performance.now() - start)}`);

  // Years of nurse calls, each answered and audited, written in batches through the write path.
  start = performance.now();
  const span = YEARS * 365 * 86_400_000;
  const first = now.getTime() - span;
  const beds = free;
  const insert = core.sql.db.prepare(`
    INSERT INTO nursecall_calls (address, port_id, label, mapped, bed_id, area, zone, resident_json,
      priority, message, status, raised_at, raised_on, last_seen_at, acknowledged_at, acknowledged_by,
      acknowledged_by_name, cleared_at, cleared_by, cleared_by_name, cleared_how)
    VALUES (?, 1, ?, 1, ?, '', ?, ?, ?, '', 'cleared', ?, ?, ?, ?, ?, '王护士', ?, ?, '王护士', 'attended')`);
  for (let done = 0; done < CALLS; done += BATCH) {
    core.writes.run({ procedure: 'bench.calls', now, user: null }, (ctx) => {
      for (let i = done; i < Math.min(CALLS, done + BATCH); i += 1) {
        const bed = beds[i % beds.length]!;
        const raised = new Date(first + Math.floor((i / CALLS) * span));
        const ack = new Date(raised.getTime() + 45_000);
        const cleared = new Date(raised.getTime() + 300_000);
        insert.run(
          `${1000 + (i % 1000)}`,
          bed.label,
          bed.id,
          `${Math.floor(i / 200) % 4}号楼 ${(i % 5) + 1}层`,
          JSON.stringify({ id: (i % 950) + 1, name: people[i % 950]!.name }),
          i % 50 === 0 ? 'alarm' : 'normal',
          raised.toISOString(),
          raised.toISOString().slice(0, 10),
          cleared.toISOString(),
          ack.toISOString(),
          me.user.id,
          cleared.toISOString(),
          me.user.id,
        );
        ctx.audit({ entity: 'nurseCall', entityId: i + 1, after: { acknowledgedAt: ack.toISOString() } });
      }
    });
  }
  console.log(`nurse calls: ${CALLS} rows with their audit rows in ${ms(performance.now() - start)}`);
}

async function main(): Promise<void> {
  let token: string;
  if (args.from) {
    token = (await core.dispatch('auth.login', { username: 'admin', password: PASSWORD })).sessionToken!;
  } else {
    const setup = await core.dispatch('auth.setup', {
      institution: { name: '基准测试颐养中心' },
      admin: { username: 'admin', displayName: '管理员', password: PASSWORD },
    });
    token = setup.sessionToken!;
    await build(token);
  }
  core.sql.db.pragma('wal_checkpoint(TRUNCATE)');
  if (args.save) copyFileSync(dbPath, args.save);
  console.log('');

  await watched('idle (noise floor of this machine)', () => new Promise((r) => setTimeout(r, 3000)));
  const backup = await watched('backups.create (through dispatch)', () => call('backups.create', {}, token));
  const file = join(dir, 'backups', backup.fileName, 'caredesk.db');
  console.log(
    `  database ${mb(backup.bytes)}, ${backup.auditRows} audit rows, ${backup.rowCounts.nursecall_calls} calls, whole job ${ms(backup.durationMs)}`,
  );
  await watched('  verify: integrity_check (worker)', () => checkDatabaseFile(file));
  await watched('  verify: integrity_check (in thread)', () => checkDatabaseFile(file, { inThread: true }));
  await watched('  verify: audit chain (chunked)', () =>
    verifyAuditOfFile(file, (db) => core.services.auditLog.verifyFile(db, yieldToEventLoop)),
  );
  await watched('  online backup alone', () =>
    core.sql.db.backup(join(dir, 'plain-copy.db'), { progress: () => 64 }),
  );
  await watched('  online backup, 100-page steps', () => core.sql.db.backup(join(dir, 'plain-copy-100.db')));

  await call('residents.create', { name: '备份后新入住', idNumber: '110101194005120011' }, token).catch(
    () => null,
  );
  const restored = await watched('backups.restore (through dispatch)', () =>
    call('backups.restore', { id: backup.id, confirm: '恢复' }, token),
  );
  console.log(`  safety copy ${mb(restored.safetyCopy.bytes)} in ${ms(restored.safetyCopy.durationMs)}`);
  const login = await core.dispatch('auth.login', { username: 'admin', password: PASSWORD });
  token = login.sessionToken!;
  const verify = await call('audit.verify', {}, token);
  console.log(`after restore: audit chain ${verify.intact ? 'intact' : 'BROKEN'} (${verify.rows} rows)`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });
