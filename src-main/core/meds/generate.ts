import { parseDecimal, procedures, type ParsedInputOf } from '../../shared/contract';
import type { GenerateContext } from '../module';
import { catalog } from './demo';
import { addDays, doseIdOf, instantCache } from './doses';

/** Days of administration record written back from the end of the history. */
export const GENERATED_MAR_DAYS = 90;

const REFUSED = 0.02;
const HELD = 0.01;
const refusals = ['老人拒绝服药，劝说无效', '老人说已经吃过了', '老人睡着未唤醒，稍后再试未果'];
const holds = ['遵医嘱暂停', '外出就医', '呕吐，报告医生后暂停'];

interface OrderPlan {
  residentId: number;
  plan: number;
  startOn: string;
}

interface RecordRow {
  orderId: number;
  residentId: number;
  drugId: number;
  date: string;
  time: string;
  dueAt: string;
  doseE4: number;
  witness: boolean;
}

/**
 * A large home's medication: about five orders per resident in residence and their administration
 * record for the last 90 days only (a decade of doses would be most of the file and nobody reads
 * it on screen). Orders start at most 90 days back so earlier days do not read as missed doses.
 * Rows go in batched transactions with one summary audit row each; no kept stock, so giving
 * takes nothing from it.
 */
export async function generateMeds(ctx: GenerateContext): Promise<void> {
  const meds = ctx.modules.meds;
  const residents = ctx.modules.residents;
  if (!meds || !residents) return;
  const { rng } = ctx;
  const db = ctx.sql.db;
  const tz = ctx.institution.timeZone();
  const givers = ctx.auth.usersWithPermission('meds.administer').map((u) => u.id);
  if (givers.length === 0) return;
  const head = givers[0]!;
  const firstDay = addDays(ctx.today, -GENERATED_MAR_DAYS);

  // The catalog, through the module's own rules (pinyin, audit).
  const drugIds = ctx.writes.run({ procedure: 'meds.generate', now: ctx.now, user: null }, (w) =>
    catalog.map(
      (p) =>
        meds.drugs.save(
          procedures['meds.drugs.save'].input.parse({
            name: p.name,
            spec: p.spec,
            form: p.form,
            unit: p.unit,
            highAlert: p.highAlert ?? false,
            controlled: p.controlled ?? 'none',
          }) as ParsedInputOf<'meds.drugs.save'>,
          { now: ctx.now, audit: w.audit, emit: w.emit, user: { id: head, displayName: '' } },
        ).id,
    ),
  );
  const scheduled = catalog.map((p, i) => ({ p, i })).filter((x) => x.p.times);
  const prn = catalog.map((p, i) => ({ p, i })).filter((x) => x.p.prn);

  // Who is in residence now, and since when (the start of their current run of bed stays).
  const stays = residents.bedStays();
  const since = new Map<number, string>();
  const byResident = new Map<number, typeof stays>();
  for (const s of stays) byResident.set(s.residentId, [...(byResident.get(s.residentId) ?? []), s]);
  for (const [id, list] of byResident) {
    const last = list[list.length - 1]!;
    if (last.to !== null) continue;
    let from = last.from;
    for (let i = list.length - 2; i >= 0 && list[i]!.to === from; i--) from = list[i]!.from;
    since.set(id, from);
  }
  ctx.progress(`meds: ${since.size} 位在院老人的医嘱与近 ${GENERATED_MAR_DAYS} 天给药记录`);

  const orders: OrderPlan[] = [];
  for (const [residentId, from] of since) {
    const startOn = from > firstDay ? from : firstDay;
    const count = rng.int(3, 7);
    const picked = new Set<number>();
    while (picked.size < Math.min(count, scheduled.length)) picked.add(rng.pick(scheduled).i);
    for (const plan of picked) orders.push({ residentId, plan, startOn });
    if (rng.chance(0.2)) orders.push({ residentId, plan: rng.pick(prn).i, startOn });
  }
  const insertOrder = db.prepare(
    `INSERT INTO meds_orders (resident_id, drug_id, source, start_on, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO meds_order_versions (order_id, version, effective_from, dose_e4, route, schedule_json, end_on,
     prescriber, note, reason, created_at, created_by, checked_by) VALUES (?, 1, NULL, ?, ?, ?, NULL, ?, '', '', ?, ?, NULL)`,
  );
  const toInstant = instantCache(tz);
  const written: Array<OrderPlan & { orderId: number }> = [];
  await ctx.batches(
    { procedure: 'meds.generate', size: 5000, summary: (chunk) => ({ generatedOrders: chunk.length }) },
    orders,
    (chunk) => {
      for (const o of chunk) {
        const p = catalog[o.plan]!;
        const created = toInstant(o.startOn, '09:00');
        const info = insertOrder.run(
          o.residentId,
          drugIds[o.plan]!,
          rng.pick(['hospital', 'clinic', 'family']),
          o.startOn,
          created,
          head,
        );
        const orderId = Number(info.lastInsertRowid);
        insertVersion.run(
          orderId,
          parseDecimal(p.dose)!,
          p.route,
          JSON.stringify(p.prn ? { prn: p.prn } : { times: p.times }),
          rng.pick(['王医生', '李医生', '陈医生']),
          created,
          head,
        );
        written.push({ ...o, orderId });
      }
    },
  );

  // Doses day by day, skipping residents away on leave that day, up to the history's end.
  const nowIso = ctx.now.toISOString();
  function* doses(): Generator<RecordRow> {
    for (let date = firstDay; date <= ctx.today; date = addDays(date, 1)) {
      const away = new Set(
        residents!
          .residentsOn(date)
          .filter((r) => r.onLeave)
          .map((r) => r.residentId),
      );
      for (const o of written) {
        const p = catalog[o.plan]!;
        if (!p.times || date < o.startOn || away.has(o.residentId)) continue;
        for (const time of p.times) {
          const dueAt = toInstant(date, time);
          if (dueAt >= nowIso) continue;
          yield {
            orderId: o.orderId,
            residentId: o.residentId,
            drugId: drugIds[o.plan]!,
            date,
            time,
            dueAt,
            doseE4: parseDecimal(p.dose)!,
            witness: Boolean(p.highAlert || p.controlled),
          };
        }
      }
    }
  }
  const insertRecord = db.prepare(
    `INSERT INTO meds_records (kind, dose_key, order_id, order_version, resident_id, drug_id, due_on, due_at,
     outcome, dose_e4, at, recorded_at, by_user, witness_id, reason, indication)
     VALUES ('scheduled', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
  );
  const total = await ctx.batches(
    {
      procedure: 'meds.generate',
      size: 20_000,
      now: (chunk) => new Date(chunk.at(-1)!.dueAt),
      summary: (chunk) => ({ generatedDoses: chunk.length, from: chunk[0]!.date, to: chunk.at(-1)!.date }),
    },
    doses(),
    (chunk) => {
      for (const d of chunk) {
        const roll = rng.next();
        const outcome = roll < REFUSED ? 'refused' : roll < REFUSED + HELD ? 'held' : 'given';
        const reason = outcome === 'refused' ? rng.pick(refusals) : outcome === 'held' ? rng.pick(holds) : '';
        // Within ±25 minutes of the time, never after the history's end.
        let at = Date.parse(d.dueAt) + (rng.next() * 50 - 25) * 60_000;
        if (at > ctx.now.getTime()) at = ctx.now.getTime();
        const atIso = new Date(at).toISOString();
        const by = rng.pick(givers);
        const witness = d.witness && givers.length > 1 ? givers.find((g) => g !== by)! : null;
        insertRecord.run(
          doseIdOf(d.orderId, d.date, d.time),
          d.orderId,
          d.residentId,
          d.drugId,
          d.date,
          d.dueAt,
          outcome,
          d.doseE4,
          atIso,
          atIso,
          by,
          witness,
          reason,
        );
      }
    },
  );
  ctx.progress(`meds: ${written.length} 条医嘱，${total} 条给药记录`);
}
