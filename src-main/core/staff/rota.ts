import type { ParsedInputOf } from '../../shared/contract';
import type {
  Absence,
  AbsenceKind,
  OnDuty,
  RotaAssignment,
  RotaWeek,
  ShiftCoverage,
  ShiftDef,
  StaffRole,
} from '../../shared/contract/staff';
import { AppError } from '../../shared/errors';
import { addDays, mondayOf, parseJson, type OpContext, type StaffDeps } from './common';
import type { RatioService } from './ratio';
import { onRoll, type Roster } from './roster';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A shift's [start, end) in minutes from its date's midnight; one ending at or before its start runs into the next day. */
export function shiftSpan(shift: Pick<ShiftDef, 'start' | 'end'>): [number, number] {
  const s = minutes(shift.start);
  let e = minutes(shift.end);
  if (e <= s) e += 24 * 60;
  return [s, e];
}

export function createRota(
  deps: StaffDeps & { roster: Roster; ratio: RatioService; timeZone: () => string },
) {
  const { sql, roster, ratio } = deps;
  const { qb } = sql;

  function shifts(): ShiftDef[] {
    return sql
      .all(qb.selectFrom('staff_shifts').selectAll().orderBy('sort_order').orderBy('id'))
      .map((s) => ({
        id: s.id,
        name: s.name,
        start: s.start,
        end: s.end,
        minimum: s.minimum,
        active: s.active === 1,
        sortOrder: s.sort_order,
      }));
  }

  function shift(id: number): ShiftDef {
    const s = shifts().find((x) => x.id === id);
    if (!s) throw new AppError('NOT_FOUND', '没有找到这个班次，请刷新后重试');
    return s;
  }

  function absentOn(staffId: number, date: string) {
    return sql.first(
      qb
        .selectFrom('staff_absences')
        .selectAll()
        .where('staff_id', '=', staffId)
        .where('from_on', '<=', date)
        .where('to_on', '>=', date),
    );
  }

  function countedRoles(date: string): readonly StaffRole[] {
    return ratio.configOn(date).countedRoles;
  }

  /** Why `staffId` may not work `shiftId` on `date`, as an error; nothing when they may. */
  function check(staffId: number, date: string, shiftId: number): void {
    const s = roster.row(staffId);
    const def = shift(shiftId);
    if (!def.active) throw new AppError('PRECONDITION', `班次“${def.name}”已停用，请选择其他班次`);
    if (!onRoll(s, date)) {
      throw new AppError(
        'PRECONDITION',
        s.ended_on !== null && s.ended_on <= date
          ? `${s.name}已于 ${s.ended_on} 离职，不能排班`
          : `${s.name}的入职日期是 ${s.hired_on}，不能排在入职之前`,
      );
    }
    const roles = parseJson<StaffRole[]>(s.roles_json, []);
    if (roles.includes('caregiver') && !roster.preJobTrained(date).has(staffId)) {
      throw new AppError(
        'TRAINING_REQUIRED',
        `${s.name}还没有岗前培训记录，按规定护理员须经岗前培训后方可上岗。请先在“员工”中登记岗前培训`,
        { staffId },
      );
    }
    const away = absentOn(staffId, date);
    if (away)
      throw new AppError('CONFLICT', `${s.name}在 ${away.from_on} 至 ${away.to_on} 请假，这一天不能排班`);
  }

  function assignments(from: string, to: string, area?: string): RotaAssignment[] {
    let q = qb.selectFrom('staff_rota').selectAll().where('on_date', '>=', from).where('on_date', '<=', to);
    if (area) q = q.where('area', '=', area);
    const rows = sql.all(q.orderBy('on_date').orderBy('shift_id').orderBy('id'));
    const staff = new Map(roster.all().map((s) => [s.id, s]));
    return rows.map((r) => {
      const s = staff.get(r.staff_id);
      const roles = parseJson<StaffRole[]>(s?.roles_json ?? '[]', []);
      return {
        id: r.id,
        staffId: r.staff_id,
        staffName: s?.name ?? '',
        date: r.on_date,
        shiftId: r.shift_id,
        area: r.area,
        counted: roles.some((x) => countedRoles(r.on_date).includes(x)),
      };
    });
  }

  function insert(staffId: number, date: string, shiftId: number, area: string, now: Date): number {
    const exists = sql.first(
      qb
        .selectFrom('staff_rota')
        .select('id')
        .where('staff_id', '=', staffId)
        .where('on_date', '=', date)
        .where('shift_id', '=', shiftId),
    );
    if (exists) throw new AppError('CONFLICT', '这位员工这一天已排了这个班次');
    return Number(
      sql.run(
        qb.insertInto('staff_rota').values({
          staff_id: staffId,
          on_date: date,
          shift_id: shiftId,
          area,
          created_at: now.toISOString(),
        }),
      ).lastInsertRowid,
    );
  }

  return {
    shifts,

    saveShift(input: ParsedInputOf<'rota.saveShift'>, ctx: OpContext): ShiftDef {
      if (input.start === input.end || input.start === '24:00') {
        throw new AppError('VALIDATION', '开始和结束时间不能相同，开始时间不能是 24:00', {
          fieldErrors: [{ path: 'end', message: '请检查开始和结束时间' }],
        });
      }
      const values = {
        name: input.name,
        start: input.start,
        end: input.end,
        ...(input.minimum !== undefined ? { minimum: input.minimum } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
      };
      let id = input.id;
      if (id !== undefined) {
        const before = shift(id);
        sql.run(qb.updateTable('staff_shifts').set(values).where('id', '=', id));
        ctx.audit({ entity: 'shift', entityId: id, before, after: values });
      } else {
        id = Number(
          sql.run(
            qb.insertInto('staff_shifts').values({
              minimum: 0,
              active: 1,
              sort_order: shifts().length + 1,
              ...values,
              created_at: ctx.now.toISOString(),
            }),
          ).lastInsertRowid,
        );
        ctx.audit({ entity: 'shift', entityId: id, after: values });
      }
      return shift(id);
    },

    assign(input: ParsedInputOf<'rota.assign'>, ctx: OpContext): RotaAssignment {
      check(input.staffId, input.date, input.shiftId);
      const s = roster.row(input.staffId);
      const area = input.area ?? parseJson<string[]>(s.areas_json, [])[0] ?? '';
      const id = insert(input.staffId, input.date, input.shiftId, area, ctx.now);
      ctx.audit({ entity: 'rotaAssignment', entityId: id, after: { ...input, area } });
      return assignments(input.date, input.date).find((a) => a.id === id)!;
    },

    unassign(id: number, ctx: OpContext): void {
      const row = sql.first(qb.selectFrom('staff_rota').selectAll().where('id', '=', id));
      if (!row) throw new AppError('NOT_FOUND', '没有找到这条排班，请刷新后重试');
      sql.run(qb.deleteFrom('staff_rota').where('id', '=', id));
      ctx.audit({ entity: 'rotaAssignment', entityId: id, before: row });
    },

    swap(a: number, b: number, ctx: OpContext): RotaAssignment[] {
      const one = sql.first(qb.selectFrom('staff_rota').selectAll().where('id', '=', a));
      const two = sql.first(qb.selectFrom('staff_rota').selectAll().where('id', '=', b));
      if (!one || !two) throw new AppError('NOT_FOUND', '没有找到要交换的排班，请刷新后重试');
      if (one.staff_id === two.staff_id) throw new AppError('VALIDATION', '同一位员工的两个班次不需要交换');
      check(two.staff_id, one.on_date, one.shift_id);
      check(one.staff_id, two.on_date, two.shift_id);
      // Both rows are rewritten under their own ids, so the unique (staff, date, shift) index never
      // sees a half-done swap.
      sql.run(qb.deleteFrom('staff_rota').where('id', 'in', [a, b]));
      for (const [row, staffId] of [
        [one, two.staff_id],
        [two, one.staff_id],
      ] as const) {
        const clash = sql.first(
          qb
            .selectFrom('staff_rota')
            .select('id')
            .where('staff_id', '=', staffId)
            .where('on_date', '=', row.on_date)
            .where('shift_id', '=', row.shift_id),
        );
        if (clash) throw new AppError('CONFLICT', '交换后会有人在同一天重复排同一班次，请先调整');
        sql.run(qb.insertInto('staff_rota').values({ ...row, staff_id: staffId }));
      }
      ctx.audit({
        entity: 'rotaAssignment',
        entityId: a,
        before: { [a]: one.staff_id, [b]: two.staff_id },
        after: { [a]: two.staff_id, [b]: one.staff_id },
      });
      const from = one.on_date < two.on_date ? one.on_date : two.on_date;
      const to = one.on_date < two.on_date ? two.on_date : one.on_date;
      return assignments(from, to).filter((x) => x.id === a || x.id === b);
    },

    copyLastWeek(input: ParsedInputOf<'rota.copyLastWeek'>, ctx: OpContext) {
      const monday = mondayOf(input.weekOf);
      const last = assignments(addDays(monday, -7), addDays(monday, -1), input.area || undefined);
      let copied = 0;
      let skipped = 0;
      for (const a of last) {
        const date = addDays(a.date, 7);
        try {
          check(a.staffId, date, a.shiftId);
          insert(a.staffId, date, a.shiftId, a.area, ctx.now);
          copied += 1;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          skipped += 1;
        }
      }
      ctx.audit({
        entity: 'rotaAssignment',
        after: { weekOf: monday, area: input.area ?? null, copied, skipped },
      });
      return { copied, skipped };
    },

    recordAbsence(input: ParsedInputOf<'rota.recordAbsence'>, ctx: OpContext): Absence {
      const s = roster.row(input.staffId);
      const id = Number(
        sql.run(
          qb.insertInto('staff_absences').values({
            staff_id: input.staffId,
            kind: input.kind,
            from_on: input.from,
            to_on: input.to,
            note: input.note ?? '',
            created_at: ctx.now.toISOString(),
          }),
        ).lastInsertRowid,
      );
      // Their planned shifts in the absence are freed, so coverage shows the gap to fill.
      const removed = sql.run(
        qb
          .deleteFrom('staff_rota')
          .where('staff_id', '=', input.staffId)
          .where('on_date', '>=', input.from)
          .where('on_date', '<=', input.to),
      ).changes;
      ctx.audit({ entity: 'absence', entityId: id, after: { ...input, rotaRemoved: removed } });
      return {
        id,
        staffId: s.id,
        staffName: s.name,
        kind: input.kind,
        from: input.from,
        to: input.to,
        note: input.note ?? '',
      };
    },

    week(input: ParsedInputOf<'rota.week'>, today: string): RotaWeek {
      const monday = mondayOf(input?.weekOf ?? today);
      const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
      const sunday = days[6]!;
      const area = input?.area ? input.area : null;
      const list = assignments(monday, sunday, area ?? undefined);
      const defs = shifts();
      const names = new Map(roster.all().map((s) => [s.id, s.name]));
      const absences = sql
        .all(
          qb
            .selectFrom('staff_absences')
            .selectAll()
            .where('from_on', '<=', sunday)
            .where('to_on', '>=', monday)
            .orderBy('from_on'),
        )
        .map((r) => ({
          id: r.id,
          staffId: r.staff_id,
          staffName: names.get(r.staff_id) ?? '',
          kind: r.kind as AbsenceKind,
          from: r.from_on,
          to: r.to_on,
          note: r.note,
        }));
      const coverage: ShiftCoverage[] = [];
      for (const date of days) {
        for (const def of defs.filter((d) => d.active)) {
          const assigned = list.filter((a) => a.date === date && a.shiftId === def.id && a.counted).length;
          coverage.push({
            date,
            shiftId: def.id,
            assigned,
            minimum: def.minimum,
            short: Math.max(0, def.minimum - assigned),
          });
        }
      }
      return { weekOf: monday, days, area, shifts: defs, assignments: list, absences, coverage };
    },

    /** Who is on a shift at `now`: today's shifts, and yesterday's that run past midnight. */
    onDuty(now: Date): OnDuty {
      const today = deps.today(now);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: deps.timeZone(),
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(now);
      const nowMin = minutes(local);
      const yesterday = addDays(today, -1);
      const list = assignments(yesterday, today);
      const out: OnDuty['shifts'] = [];
      for (const def of shifts().filter((d) => d.active)) {
        const [s, e] = shiftSpan(def);
        for (const [date, at] of [
          [today, nowMin],
          [yesterday, nowMin + 24 * 60],
        ] as const) {
          if (at < s || at >= e) continue;
          const staff = list
            .filter((a) => a.date === date && a.shiftId === def.id)
            .map((a) => ({ staffId: a.staffId, name: a.staffName, area: a.area }));
          out.push({ shift: def, date, staff });
        }
      }
      return { at: now.toISOString(), shifts: out };
    },
  };
}

export type RotaService = ReturnType<typeof createRota>;
