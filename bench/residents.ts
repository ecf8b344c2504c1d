/**
 * Residents benchmark: the demo institution in a temp file, then scaled to 1,000 beds and about
 * 1,000 residents. Measures through the dispatcher (validation, session, SQL, mapping), the path
 * the UI takes. Run with `npm run bench:residents`; prints medians and p95, gates nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src-main/core/app';
import { seedDemo } from '../src-main/core/demo/seed';
import { generatePeople } from '../src-main/core/demo/people';
import { FakeClock, localDate } from '../src-main/core/clock';
import { silentLogger } from '../src-main/core/logger';
import { addDays } from '../src-main/core/residents/common';
import {
  procedures,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type ProcedureName,
} from '../src-main/shared/contract';
import { nineRiskKeys } from '../src-main/shared/assessment/nine-risks';

const CALLS = 200;

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-'));
// A fake clock started now, so the care-history part can move to the next day between settings changes.
const clock = new FakeClock(new Date());
const core = createCore({ dbPath: join(dir, 'caredesk.db'), logger: silentLogger, clock });

async function call<K extends ProcedureName>(
  name: K,
  input: InputOf<K>,
  token: string,
): Promise<OutputOf<K>> {
  const { result } = await core.dispatch(name, input, token);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<K>;
}

async function measure<K extends ProcedureName>(label: string, name: K, input: InputOf<K>, token: string) {
  for (let i = 0; i < 10; i += 1) await call(name, input, token);
  const samples: number[] = [];
  let size = 0;
  for (let i = 0; i < CALLS; i += 1) {
    const start = performance.now();
    const value = await call(name, input, token);
    samples.push(performance.now() - start);
    if (i === 0) size = JSON.stringify(value).length;
  }
  const { median, p95 } = stats(samples);
  console.log(
    `${label.padEnd(48)} median ${median.toFixed(2).padStart(6)} ms   p95 ${p95.toFixed(2).padStart(6)} ms   (${CALLS} calls, ${(size / 1024).toFixed(0)} KB)`,
  );
}

function parse<K extends ProcedureName>(name: K, input: unknown): ParsedInputOf<K> {
  return procedures[name].input.parse(input) as ParsedInputOf<K>;
}

async function main(): Promise<void> {
  let start = performance.now();
  const accounts = seedDemo(core);
  if (!accounts) throw new Error('seed refused: database not empty');
  console.log(`seed demo institution: ${(performance.now() - start).toFixed(0)} ms`);
  const admin = accounts.find((a) => a.username === 'admin')!;
  const { sessionToken } = await core.dispatch('auth.login', {
    username: admin.username,
    password: admin.password,
  });
  const token = sessionToken!;
  await call(
    'auth.changePassword',
    { currentPassword: admin.password, newPassword: 'bench-password-1' },
    token,
  );

  const demoList = await call('residents.list', {}, token);
  console.log(
    `demo: ${demoList.total} residents on file, ${(await call('beds.board', {}, token)).counts.total} beds\n`,
  );
  await measure('residents.list default (demo)', 'residents.list', {}, token);
  await measure('residents.list search "zh" (demo)', 'residents.list', { search: 'zh' }, token);
  await measure(
    'residents.list in residence (demo)',
    'residents.list',
    { statuses: ['admitted', 'onLeave'] },
    token,
  );
  await measure('beds.board (demo, 120 beds)', 'beds.board', {}, token);

  // Scale the building stock to 1,000 beds with beds.bulkCreate: 3号楼 and 4号楼, 110 rooms of 2 per floor.
  start = performance.now();
  let total = (await call('beds.board', {}, token)).counts.total;
  for (const name of ['3号楼', '4号楼']) {
    const building = await call('facilities.saveBuilding', { name }, token);
    for (let floor = 1; floor <= 4 && total < 1000; floor += 1) {
      const rooms = Math.min(110, Math.ceil((1000 - total) / 2));
      const from = floor * 100 + 1;
      const created = await call(
        'beds.bulkCreate',
        {
          buildingId: building.id,
          floor,
          roomFrom: from * 10,
          roomTo: from * 10 + rooms - 1,
          bedsPerRoom: 2,
          roomClass: '双人间',
          bedKind: 'general',
        },
        token,
      );
      total += created.bedsCreated;
    }
  }
  console.log(`\nbeds.bulkCreate up to ${total} beds: ${(performance.now() - start).toFixed(0)} ms`);
  await measure(`beds.board (${total} beds, demo residents)`, 'beds.board', {}, token);

  // Fill most of the new beds with residents who went through assessments and admission.
  start = performance.now();
  const { residents } = core.services;
  const now = core.clock.now();
  const today = localDate(now, core.services.institution.timeZone());
  const assessor = core.services.auth.listUsers().find((u) => u.username === 'headnurse')!.id;
  const free = residents.facilities.available();
  const people = generatePeople(900, { seed: 'bench-1000', today });
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
          assessorIds: [assessor],
        }),
        ctx,
      );
      residents.assessments.recordRisks(
        parse('assessments.recordRisks', {
          residentId: id,
          assessedOn: on,
          items: Object.fromEntries(
            nineRiskKeys.map((k, n) => [
              k,
              { level: (i + n) % 7 === 0 ? 'high' : 'low', measures: (i + n) % 7 === 0 ? ['专人看护'] : [] },
            ]),
          ),
          guardianInformed: null,
          assessorIds: [assessor],
        }),
        ctx,
      );
      const bed = free[i];
      if (bed && i < 820)
        residents.lifecycle.admit(parse('residents.admit', { id, bedId: bed.id, admittedOn: on }), ctx);
    });
  });
  const scaled = await call('residents.list', {}, token);
  console.log(
    `added 900 residents with assessments and admissions: ${(performance.now() - start).toFixed(0)} ms (${scaled.total} on file)\n`,
  );
  await measure(`residents.list default (${scaled.total} residents)`, 'residents.list', {}, token);
  await measure(
    `residents.list search "zh" (${scaled.total} residents)`,
    'residents.list',
    { search: 'zh' },
    token,
  );
  await measure(
    `residents.list search "张" (${scaled.total} residents)`,
    'residents.list',
    { search: '张' },
    token,
  );
  await measure(
    `residents.list search bed "301" (${scaled.total})`,
    'residents.list',
    { search: '301' },
    token,
  );
  await measure(
    `residents.list waiting page (${scaled.total} residents)`,
    'residents.list',
    { statuses: ['waiting'] },
    token,
  );
  const board = await call('beds.board', {}, token);
  await measure(
    `beds.board (${board.counts.total} beds, ${board.counts.occupied + board.counts.onLeave} residents)`,
    'beds.board',
    {},
    token,
  );

  // Caregiver ratio on the same home: residents counted one by one from the dated care history.
  await measure(
    `staffing.ratio (${board.counts.occupied + board.counts.onLeave} residents)`,
    'staffing.ratio',
    {},
    token,
  );
  await measure('staffing.whatIf admit 1 失能', 'staffing.whatIf', { admit: { dependent: 1 } }, token);
  await measure('staffing.kpis', 'staffing.kpis', {}, token);
  await measure(
    'staffing.history 90 days (no snapshots)',
    'staffing.history',
    { from: addDays(today, -89), to: today },
    token,
  );

  // Care history: a settings change closes and reopens every current period in one transaction.
  const inResidence = board.counts.occupied + board.counts.onLeave;
  const mappings = [{ mild: 'dependent' }, { mild: 'partlyDependent' }] as const;
  const settingsTimes: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    clock.advance(86_400_000);
    const t0 = performance.now();
    // Straight through the write path: a day later the bench's session has expired.
    core.writes.run({ procedure: 'residents.updateConfig', now: clock.now(), user: null }, (ctx) =>
      residents.updateConfig(parse('residents.updateConfig', { careCategoryMapping: mappings[i % 2] }), ctx),
    );
    settingsTimes.push(performance.now() - t0);
  }
  const s = stats(settingsTimes);
  console.log(
    `residents.updateConfig mapping change, ${inResidence} current periods: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`,
  );
  const counts: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t0 = performance.now();
    residents.careHistory.categoryCountsOn(localDate(clock.now(), 'Asia/Shanghai'));
    counts.push(performance.now() - t0);
  }
  console.log(
    `careHistory.categoryCountsOn (${inResidence} residents): median ${stats(counts).median.toFixed(2)} ms`,
  );
  const ids = scaled.rows.map((r) => r.id);
  const reads: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const t0 = performance.now();
    residents.careHistory.history(ids[i % ids.length]!);
    reads.push(performance.now() - t0);
  }
  console.log(`careHistory.history (one resident): median ${stats(reads).median.toFixed(2)} ms`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });
