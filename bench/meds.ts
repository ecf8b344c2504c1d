/**
 * Medication benchmark: one day's MAR for 1,000 residents with 5 orders each (two dose times per
 * order: 10,000 doses), measured through the dispatcher as the round page calls it, plus the alert
 * list that computes missed doses. Run with `npx tsx bench/meds.ts`; prints medians, gates nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src-main/core/app';
import { FakeClock } from '../src-main/core/clock';
import { silentLogger } from '../src-main/core/logger';
import { makeIdNumber } from '../src-main/shared/id-number';
import {
  procedures,
  type InputOf,
  type ParsedInputOf,
  type ProcedureName,
} from '../src-main/shared/contract';

const RESIDENTS = Number(process.env.RESIDENTS ?? 1000);
const ORDERS_EACH = 5;
const dir = mkdtempSync(join(tmpdir(), 'caredesk-bench-meds-'));
const clock = new FakeClock('2026-12-01T06:00:00.000Z'); // 14:00 in Shanghai
const core = createCore({ dbPath: join(dir, 'caredesk.db'), logger: silentLogger, clock });

async function call<K extends ProcedureName>(name: K, input: InputOf<K>, token: string | null) {
  const { result, sessionToken } = await core.dispatch(name, input, token);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return { value: result.value, sessionToken };
}
const parse = <K extends ProcedureName>(name: K, input: unknown) =>
  procedures[name].input.parse(input) as ParsedInputOf<K>;

const setup = await call(
  'auth.setup',
  {
    institution: { name: '基准测试养老院' },
    admin: { username: 'admin', password: 'admin-password-1', displayName: '王院长' },
  },
  null,
);
const token = setup.sessionToken!;
const started = performance.now();
const meds = core.services.meds!;
const user = { id: 1, displayName: '王院长' };
core.writes.run({ procedure: 'bench.seed', now: clock.now(), user: null }, (ctx) => {
  const op = { now: ctx.now, audit: ctx.audit, emit: ctx.emit, user };
  const drugIds = Array.from(
    { length: 20 },
    (_, i) =>
      meds.drugs.save(
        parse('meds.drugs.save', { name: `测试药品${i}`, spec: '10mg×30片', form: '片剂', unit: '片' }),
        op,
      ).id,
  );
  for (let i = 0; i < RESIDENTS; i++) {
    const resident = core.services.residents!.records.create(
      parse('residents.create', {
        name: `老人${i}`,
        idNumber: makeIdNumber(
          '110101',
          `19${30 + Math.floor(i / 900)}-0${1 + (Math.floor(i / 300) % 3)}-1${i % 3}`,
          (i % 100) * 3 + 1,
        ),
      }),
      { ...ctx, user: { id: 1, username: 'admin', displayName: '王院长' } } as never,
    );
    for (let k = 0; k < ORDERS_EACH; k++) {
      meds.orders.create(
        parse('meds.orders.create', {
          residentId: resident.id,
          drugId: drugIds[(i + k) % drugIds.length],
          dose: k % 2 ? '0.5' : '1',
          route: '口服',
          schedule: { times: k % 2 ? ['08:00', '20:00'] : ['07:30', '17:30'] },
          startOn: '2026-11-01',
          prescriber: '王医生',
          source: 'hospital',
        }),
        op,
      );
    }
  }
});
console.log(
  `seeded ${RESIDENTS} residents × ${ORDERS_EACH} orders in ${Math.round(performance.now() - started)} ms`,
);

async function measure(label: string, fn: () => Promise<unknown>, runs = 10) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label}: median ${samples[Math.floor(runs / 2)]!.toFixed(0)} ms, max ${samples[runs - 1]!.toFixed(0)} ms`,
  );
}

let doses = 0;
await measure('meds.mar (one day, whole home)', async () => {
  doses = ((await call('meds.mar', { date: '2026-12-01' }, token)).value as unknown[]).length;
});
console.log(`  ${doses} doses`);
await measure('meds.mar (one resident)', () =>
  call('meds.mar', { date: '2026-12-01', residentId: 500 }, token),
);
for (const kind of ['meds.doseMissed', 'meds.stockLow', 'meds.stockExpiring', 'meds.prnEffectDue']) {
  const provider = (core as unknown as { alertProviders?: Array<{ kind: string }> }).alertProviders?.find(
    (p) => p.kind === kind,
  );
  void provider;
}
const t0 = performance.now();
const missed = meds.mar.missedBetween(new Date(clock.now().getTime() - 86_400_000), clock.now());
console.log(`missedBetween: ${missed.length} missed in ${Math.round(performance.now() - t0)} ms`);
await measure('alerts.list (missed doses over 24 h)', () => call('alerts.list', {}, token), 5);
const listed = (await call('alerts.list', {}, token)).value as Array<{ kind: string }>;
console.log(
  `  ${listed.filter((x) => x.kind === 'meds.doseMissed').length} meds.doseMissed alerts (one per resident and day)`,
);
await core.close();
rmSync(dir, { recursive: true, force: true });
rmSync(`${dir}.audit-key`, { force: true });
rmSync(`${dir}.audit-key.anchor`, { force: true });
