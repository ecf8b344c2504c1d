import { localDate } from '../clock';
import type { GenerateContext } from '../module';
import { addMonths } from './common';
import { addDays, startOfDay } from './slots';
import type { FireTables } from './tables';

/** Share of patrol slots nobody walked, and of those walked only after they ended. */
const MISSED = 0.004;
const LATE = 0.01;
/** Share of patrols that find something; most are fixed on the spot. */
const FINDS = 0.01;

/**
 * `years` of fire safety for a large home: every two-hour patrol (a few missed, a few late), a
 * monthly inspection and extinguisher check, a drill every six months (every other one at night)
 * and the hazards the patrols found, taken to closure. Rows go in batches with one summary audit
 * row each, as the nurse-call generator does.
 */
export async function generateFire(ctx: GenerateContext): Promise<void> {
  const fire = ctx.modules.fire;
  if (!fire) throw new Error('the fire generator needs the fire module');
  const { rng } = ctx;
  const db = ctx.sql.scope<FireTables>().db;
  const tz = ctx.institution.timeZone();
  const users = ctx.auth.listUsers();
  const patrollers = users
    .filter((u) => u.roles.some((r) => r === 'caregiver' || r === 'nurse'))
    .map((u) => u.id);
  const officer = users.find((u) => u.roles.includes('fireOfficer')) ?? users[0]!;
  const headNurse = users.find((u) => u.roles.includes('headNurse')) ?? officer;
  if (patrollers.length === 0) patrollers.push(officer.id);
  const first = addDays(ctx.today, -365 * ctx.years);
  const patrol = fire.templates.current('patrol');
  const okItems = (items: Array<{ key: string; text: string }>) =>
    JSON.stringify(items.map((i) => ({ key: i.key, text: i.text, result: 'ok' })));
  const allOk = okItems(patrol.items);

  const insertRecord =
    db.prepare(`INSERT INTO fire_records (template_key, template_version, slot_start, slot_end,
    performed_at, performed_on, timing, night, performer_ids_json, items_json, note, recorded_by, recorded_by_name, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, NULL, ?)`);
  const insertHazard =
    db.prepare(`INSERT INTO fire_hazards (title, location, level, found_on, description, source_record_id,
    source_item_key, status, owner_id, deadline, interim_measures, rectified_on, measures, rectified_by, verified_on, verified_by,
    verify_note, rejections_json, reported_by, created_at, updated_at)
    VALUES (?, ?, 'general', ?, '', ?, ?, 'closed', ?, ?, '专人看守', ?, '已整改', ?, ?, ?, '已验收', '[]', NULL, ?, ?)`);
  const places = ['1号楼', '2号楼', '3号楼', '厨房', '洗衣房', '配电间'];

  type Slot = { start: Date; end: Date; night: boolean };
  function* slots(): Generator<Slot> {
    for (let day = first; day < ctx.today; day = addDays(day, 30)) {
      const to = day < addDays(ctx.today, -30) ? addDays(day, 30) : ctx.today;
      yield* fire!.records.windows('patrol', startOfDay(day, tz), startOfDay(to, tz));
    }
  }
  const day = (at: Date) => localDate(at, tz);
  let written = 0;
  const total = await ctx.batches(
    {
      procedure: 'fire.generate',
      size: 5000,
      now: (chunk) => chunk.at(-1)!.end,
      summary: (chunk) => ({
        generatedPatrols: chunk.length,
        from: chunk[0]!.start,
        to: chunk.at(-1)!.start,
      }),
    },
    slots(),
    (chunk) => {
      for (const s of chunk) {
        const roll = rng.next();
        if (roll < MISSED) continue;
        const late = roll < MISSED + LATE;
        const length = s.end.getTime() - s.start.getTime();
        const at = new Date(
          late ? s.end.getTime() + rng.next() * 3_600_000 : s.start.getTime() + rng.next() * length * 0.8,
        );
        const finds = rng.next() < FINDS;
        const items = finds
          ? JSON.stringify(
              patrol.items.map((i, n) =>
                n === 1
                  ? {
                      key: i.key,
                      text: i.text,
                      result: 'fail',
                      note: `${rng.pick(places)}通道堆放杂物`,
                      fixedOnSpot: rng.next() < 0.7,
                    }
                  : { key: i.key, text: i.text, result: 'ok' },
              ),
            )
          : allOk;
        const performer = rng.pick(patrollers);
        const on = day(at);
        const info = insertRecord.run(
          'patrol',
          patrol.version,
          s.start.toISOString(),
          s.end.toISOString(),
          at.toISOString(),
          on,
          late ? 'late' : 'done',
          s.night ? 1 : 0,
          JSON.stringify([performer]),
          items,
          performer,
          at.toISOString(),
        );
        if (finds && !(JSON.parse(items) as Array<{ fixedOnSpot?: boolean }>)[1]!.fixedOnSpot) {
          const deadline = addDays(on, 3);
          const done = addDays(on, 1 + Math.floor(rng.next() * 3));
          insertHazard.run(
            `防火巡查发现：${patrol.items[1]!.text}`.slice(0, 100),
            `${rng.pick(places)}`,
            on,
            Number(info.lastInsertRowid),
            patrol.items[1]!.key,
            headNurse.id,
            deadline,
            done,
            headNurse.id,
            done,
            officer.id,
            at.toISOString(),
            at.toISOString(),
          );
        }
        written += 1;
      }
    },
  );
  ctx.progress(
    `fire patrols: ${written.toLocaleString('en')} records over ${total.toLocaleString('en')} slots`,
  );

  await ctx.batches(
    {
      procedure: 'fire.generate',
      summary: (chunk) => ({ generatedMonthlyChecks: chunk.length }),
    },
    (function* months() {
      for (let m = `${first.slice(0, 7)}-15`; m < ctx.today; m = addMonths(m, 1)) yield m;
    })(),
    (chunk) => {
      for (const on of chunk) {
        for (const key of ['inspection', 'extinguisherCheck'] as const) {
          const template = fire.templates.current(key);
          const start = startOfDay(`${on.slice(0, 7)}-01`, tz);
          const at = new Date(startOfDay(on, tz).getTime() + 10 * 3_600_000);
          insertRecord.run(
            key,
            template.version,
            start.toISOString(),
            startOfDay(addMonths(`${on.slice(0, 7)}-01`, 1), tz).toISOString(),
            at.toISOString(),
            on,
            'done',
            0,
            JSON.stringify([officer.id]),
            okItems(template.items),
            officer.id,
            at.toISOString(),
          );
        }
      }
    },
  );

  const insertDrill =
    db.prepare(`INSERT INTO fire_drills (held_on, plan_key, plan_version, scenario, night, participants,
    participant_names_json, residents_evacuated, bedridden_evacuated, evacuation_seconds, problems, photos_json, recorded_by, created_at)
    VALUES (?, 'fire', 1, ?, ?, ?, '[]', ?, ?, ?, '', '[]', ?, ?)`);
  await ctx.batches(
    { procedure: 'fire.generate', summary: (chunk) => ({ generatedDrills: chunk.length }) },
    (function* drills() {
      let n = 0;
      for (let on = addDays(first, 40); on < ctx.today; on = addMonths(on, 6))
        yield { on, night: n++ % 2 === 1 };
    })(),
    (chunk) => {
      for (const d of chunk) {
        insertDrill.run(
          d.on,
          d.night ? '夜间疏散演练' : '白天疏散演练',
          d.night ? 1 : 0,
          20 + Math.floor(rng.next() * 20),
          Math.round(ctx.beds * 0.8),
          Math.round(ctx.beds * 0.25),
          240 + Math.floor(rng.next() * 300),
          officer.displayName,
          startOfDay(d.on, tz).toISOString(),
        );
      }
    },
  );
}
