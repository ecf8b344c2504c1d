/**
 * Billing benchmark: the demo institution scaled to 1,000 beds with about 1,000 residents in
 * residence, then `billing.runs.preview` and `billing.runs.issue` for the current month through the
 * dispatcher. Run with `npm run bench:billing`; prints timings, gates nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src-main/core/app';
import { FakeClock, localDate } from '../src-main/core/clock';
import { generatePeople } from '../src-main/core/demo/people';
import { seedDemo } from '../src-main/core/demo/seed';
import { silentLogger } from '../src-main/core/logger';
import { addDays } from '../src-main/core/residents/common';
import { nineRiskKeys } from '../src-main/shared/assessment/nine-risks';
import {
  procedures,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type ProcedureName,
} from '../src-main/shared/contract';

const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-billing-'));
// The 25th of this month, so admissions spread over the month being billed.
const real = new Date();
const clock = new FakeClock(new Date(Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), 25, 2)));
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
function parse<K extends ProcedureName>(name: K, input: unknown): ParsedInputOf<K> {
  return procedures[name].input.parse(input) as ParsedInputOf<K>;
}

async function main(): Promise<void> {
  const accounts = seedDemo(core);
  if (!accounts) throw new Error('seed refused');
  const admin = accounts.find((a) => a.username === 'admin')!;
  const token = (await core.dispatch('auth.login', { username: admin.username, password: admin.password }))
    .sessionToken!;
  await call(
    'auth.changePassword',
    { currentPassword: admin.password, newPassword: 'bench-password-1' },
    token,
  );

  const building = await call('facilities.saveBuilding', { name: '5号楼' }, token);
  for (let floor = 1; floor <= 5; floor += 1) {
    await call(
      'beds.bulkCreate',
      {
        buildingId: building.id,
        floor,
        roomFrom: floor * 1000 + 1,
        roomTo: floor * 1000 + 100,
        bedsPerRoom: 2,
        roomClass: '双人间',
        bedKind: 'general',
      },
      token,
    );
  }
  const { residents } = core.services;
  const now = core.clock.now();
  const today = localDate(now, core.services.institution.timeZone());
  const assessor = core.services.auth.listUsers().find((u) => u.username === 'headnurse')!.id;
  const free = residents.facilities.available();
  const people = generatePeople(Math.min(free.length, 940), { seed: 'bench-billing', today });
  core.writes.run({ procedure: 'bench.seed', now, user: null }, (ctx) => {
    people.forEach((p, i) => {
      const id = residents.records.insert(
        parse('residents.create', {
          name: p.name,
          idNumber: p.idNumber,
          supportType: p.supportType,
          appliedOn: p.appliedOn,
        }),
        ctx,
      );
      const on = addDays(today, -(i % 24));
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
          items: Object.fromEntries(nineRiskKeys.map((k) => [k, { level: 'low', measures: [] }])),
          guardianInformed: null,
          assessorIds: [assessor],
        }),
        ctx,
      );
      residents.lifecycle.admit(parse('residents.admit', { id, bedId: free[i]!.id, admittedOn: on }), ctx);
    });
  });
  const month = today.slice(0, 7);
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    const preview = await call('billing.runs.preview', { month }, token);
    times.push(performance.now() - start);
    count = preview.residents.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `billing.runs.preview ${month} (${count} residents): median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`,
  );
  const start = performance.now();
  const issued = await call('billing.runs.issue', { month }, token);
  console.log(
    `billing.runs.issue ${month}: ${issued.invoices} invoices in ${(performance.now() - start).toFixed(0)} ms (one transaction)`,
  );
  const arrearsStart = performance.now();
  await call('alerts.list', {}, token);
  console.log(`alerts.list with billing alerts: ${(performance.now() - arrearsStart).toFixed(0)} ms`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    void core.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.audit-key`, { force: true });
    rmSync(`${dir}.audit-key.anchor`, { force: true });
  });
