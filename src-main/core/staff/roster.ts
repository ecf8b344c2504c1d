import type { Selectable, Updateable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  Certificate,
  CertificateKind,
  StaffDetail,
  StaffMember,
  StaffRole,
  TrainingRecord,
} from '../../shared/contract/staff';
import { AppError } from '../../shared/errors';
import { maskIdNumber } from '../../shared/id-number';
import { addDays, parseJson, type OpContext, type StaffDeps } from './common';
import type { StaffTables } from './tables';

type StaffRow = Selectable<StaffTables['staff']>;
type CertRow = Selectable<StaffTables['staff_certificates']>;

/** Certificates expiring within this many days are flagged. */
export const EXPIRING_WITHIN_DAYS = 60;

export function onRoll(row: { hired_on: string; ended_on: string | null }, date: string): boolean {
  return row.hired_on <= date && (row.ended_on === null || row.ended_on > date);
}

export function certificateStatus(
  c: Pick<CertRow, 'issued_on' | 'expires_on'>,
  today: string,
): Certificate['status'] {
  if (c.issued_on > today) return 'notYetValid';
  if (c.expires_on !== null && c.expires_on < today) return 'expired';
  if (c.expires_on !== null && c.expires_on <= addDays(today, EXPIRING_WITHIN_DAYS)) return 'expiring';
  return 'valid';
}

export function createRoster(deps: StaffDeps) {
  const { sql } = deps;
  const { qb } = sql;

  function row(id: number): StaffRow {
    const r = sql.first(qb.selectFrom('staff').selectAll().where('id', '=', id));
    if (!r) throw new AppError('NOT_FOUND', '没有找到这位员工，可能已被删除，请刷新后重试');
    return r as StaffRow;
  }

  function certRows(staffIds?: number[]): CertRow[] {
    let q = qb.selectFrom('staff_certificates').selectAll().where('removed_at', 'is', null);
    if (staffIds) q = q.where('staff_id', 'in', staffIds.length > 0 ? staffIds : [-1]);
    return sql.all(q.orderBy('issued_on')) as CertRow[];
  }

  function toCertificate(c: CertRow, today: string): Certificate {
    return {
      id: c.id,
      staffId: c.staff_id,
      kind: c.kind as CertificateKind,
      number: c.number,
      level: c.level,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      status: certificateStatus(c, today),
    };
  }

  /** Staff ids with pre-job training on or before `date`. */
  function preJobTrained(date: string): Set<number> {
    return new Set(
      sql
        .all(
          qb
            .selectFrom('staff_training_attendees as a')
            .innerJoin('staff_trainings as t', 't.id', 'a.training_id')
            .select('a.staff_id')
            .where('t.kind', '=', 'preJob')
            .where('t.on_date', '<=', date),
        )
        .map((r) => r.staff_id),
    );
  }

  /** Staff ids holding a `caregiverSkill` certificate valid on `date`. */
  function certifiedOn(date: string): Set<number> {
    return new Set(
      certRows()
        .filter((c) => c.kind === 'caregiverSkill')
        .filter((c) => c.issued_on <= date && (c.expires_on === null || c.expires_on >= date))
        .map((c) => c.staff_id),
    );
  }

  function toMember(
    r: StaffRow,
    today: string,
    certified: Set<number>,
    trained: Set<number>,
    mask: boolean,
  ): StaffMember {
    return {
      id: r.id,
      name: r.name,
      idNumber: r.id_number === null ? null : mask ? maskIdNumber(r.id_number) : r.id_number,
      phone: r.phone,
      roles: parseJson<StaffRole[]>(r.roles_json, []),
      employment: r.employment as StaffMember['employment'],
      fte: r.fte_milli / 1000,
      hiredOn: r.hired_on,
      endedOn: r.ended_on,
      endReason: r.end_reason,
      areas: parseJson<string[]>(r.areas_json, []),
      userId: r.user_id,
      onRoll: onRoll(r, today),
      certified: certified.has(r.id),
      preJobTrained: trained.has(r.id),
    };
  }

  function trainingsOf(staffId: number | null, from?: string, to?: string): TrainingRecord[] {
    let q = qb.selectFrom('staff_trainings').selectAll();
    if (from) q = q.where('on_date', '>=', from);
    if (to) q = q.where('on_date', '<=', to);
    if (staffId !== null) {
      q = q.where(
        'id',
        'in',
        qb.selectFrom('staff_training_attendees').select('training_id').where('staff_id', '=', staffId),
      );
    }
    const trainings = sql.all(q.orderBy('on_date', 'desc').orderBy('id', 'desc'));
    const attendees = new Map<number, number[]>();
    if (trainings.length > 0) {
      for (const a of sql.all(
        qb
          .selectFrom('staff_training_attendees')
          .selectAll()
          .where(
            'training_id',
            'in',
            trainings.map((t) => t.id),
          ),
      )) {
        attendees.set(a.training_id, [...(attendees.get(a.training_id) ?? []), a.staff_id]);
      }
    }
    return trainings.map((t) => ({
      id: t.id,
      kind: t.kind as TrainingRecord['kind'],
      on: t.on_date,
      hours: t.hours,
      topic: t.topic,
      staffIds: attendees.get(t.id) ?? [],
    }));
  }

  function detail(id: number, today: string): StaffDetail {
    const r = row(id);
    return {
      ...toMember(r, today, certifiedOn(today), preJobTrained(today), false),
      certificates: certRows([id]).map((c) => toCertificate(c, today)),
      trainings: trainingsOf(id),
    };
  }

  function checkUser(userId: number | null | undefined, selfId: number | null): void {
    if (userId === null || userId === undefined) return;
    const other = sql.first(qb.selectFrom('staff').select(['id', 'name']).where('user_id', '=', userId));
    if (other && other.id !== selfId) {
      throw new AppError('CONFLICT', `这个账号已关联员工 ${other.name}，一个账号只能关联一位员工`);
    }
  }

  const fteMilli = (input: { fte?: number | undefined; employment: string }) =>
    Math.round((input.fte ?? (input.employment === 'fullTime' ? 1 : 0.5)) * 1000);

  return {
    row,
    detail,
    certRows,
    certifiedOn,
    preJobTrained,
    trainingsOf,
    toCertificate,

    /** Every staff row (the ratio engine filters by date). */
    all(): StaffRow[] {
      return sql.all(qb.selectFrom('staff').selectAll().orderBy('id')) as StaffRow[];
    },

    list(input: ParsedInputOf<'staff.list'>, today: string): StaffMember[] {
      const rows = sql.all(
        qb.selectFrom('staff').selectAll().orderBy('hired_on').orderBy('id'),
      ) as StaffRow[];
      const certified = certifiedOn(today);
      const trained = preJobTrained(today);
      return rows
        .filter((r) => !input?.activeOn || onRoll(r, input.activeOn))
        .map((r) => toMember(r, today, certified, trained, true))
        .filter((m) => !input?.role || m.roles.includes(input.role));
    },

    create(input: ParsedInputOf<'staff.create'>, ctx: OpContext): number {
      checkUser(input.userId, null);
      const at = ctx.now.toISOString();
      const { lastInsertRowid } = sql.run(
        qb.insertInto('staff').values({
          name: input.name,
          id_number: input.idNumber ? input.idNumber.toUpperCase() : null,
          phone: input.phone ?? '',
          roles_json: JSON.stringify([...new Set(input.roles)]),
          employment: input.employment,
          fte_milli: fteMilli(input),
          hired_on: input.hiredOn,
          ended_on: null,
          end_reason: null,
          areas_json: JSON.stringify(input.areas ?? []),
          user_id: input.userId ?? null,
          created_at: at,
          updated_at: at,
        }),
      );
      const id = Number(lastInsertRowid);
      ctx.audit({
        entity: 'staff',
        entityId: id,
        after: { name: input.name, roles: input.roles, employment: input.employment, hiredOn: input.hiredOn },
      });
      return id;
    },

    update(input: ParsedInputOf<'staff.update'>, ctx: OpContext): void {
      const before = row(input.id);
      checkUser(input.userId, input.id);
      const employment = input.employment ?? before.employment;
      const set: Updateable<StaffTables['staff']> = { updated_at: ctx.now.toISOString() };
      if (input.name !== undefined) set.name = input.name;
      if (input.idNumber !== undefined)
        set.id_number = input.idNumber === '' ? null : input.idNumber.toUpperCase();
      if (input.phone !== undefined) set.phone = input.phone;
      if (input.roles !== undefined) set.roles_json = JSON.stringify([...new Set(input.roles)]);
      if (input.employment !== undefined) set.employment = input.employment;
      if (input.fte !== undefined || input.employment !== undefined)
        set.fte_milli =
          input.fte !== undefined
            ? fteMilli({ fte: input.fte, employment })
            : employment === 'fullTime'
              ? 1000
              : before.fte_milli;
      if (input.hiredOn !== undefined) set.hired_on = input.hiredOn;
      if (input.areas !== undefined) set.areas_json = JSON.stringify(input.areas);
      if (input.userId !== undefined) set.user_id = input.userId;
      if (before.ended_on !== null && (set.hired_on ?? before.hired_on) >= before.ended_on) {
        throw new AppError('VALIDATION', '入职日期须早于离职日期', {
          fieldErrors: [{ path: 'hiredOn', message: '入职日期须早于离职日期' }],
        });
      }
      sql.run(qb.updateTable('staff').set(set).where('id', '=', input.id));
      const { updated_at: _u, ...changed } = set;
      const was = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof StaffRow]]));
      ctx.audit({ entity: 'staff', entityId: input.id, before: was, after: changed });
    },

    end(input: ParsedInputOf<'staff.end'>, ctx: OpContext): void {
      const before = row(input.staffId);
      if (before.ended_on !== null) {
        throw new AppError('CONFLICT', `${before.name}已于 ${before.ended_on} 离职`);
      }
      if (input.on <= before.hired_on) {
        throw new AppError('VALIDATION', `离职日期须晚于入职日期（${before.hired_on}）`, {
          fieldErrors: [{ path: 'on', message: `离职日期须晚于入职日期（${before.hired_on}）` }],
        });
      }
      sql.run(
        qb
          .updateTable('staff')
          .set({ ended_on: input.on, end_reason: input.reason, updated_at: ctx.now.toISOString() })
          .where('id', '=', input.staffId),
      );
      // Shifts planned after departure would count someone who is no longer there.
      const dropped = sql.run(
        qb.deleteFrom('staff_rota').where('staff_id', '=', input.staffId).where('on_date', '>=', input.on),
      ).changes;
      ctx.audit({
        entity: 'staff',
        entityId: input.staffId,
        before: { endedOn: null },
        after: { endedOn: input.on, reason: input.reason, rotaRemoved: dropped },
      });
    },

    addCertificate(input: ParsedInputOf<'staff.addCertificate'>, ctx: OpContext): number {
      row(input.staffId);
      if (input.expiresOn !== undefined && input.expiresOn < input.issuedOn) {
        throw new AppError('VALIDATION', '有效期至不能早于发证日期', {
          fieldErrors: [{ path: 'expiresOn', message: '有效期至不能早于发证日期' }],
        });
      }
      if (input.kind === 'caregiverSkill' && input.level === undefined) {
        throw new AppError('VALIDATION', '请填写职业技能等级（1–5 级）', {
          fieldErrors: [{ path: 'level', message: '请填写职业技能等级（1–5 级）' }],
        });
      }
      const { lastInsertRowid } = sql.run(
        qb.insertInto('staff_certificates').values({
          staff_id: input.staffId,
          kind: input.kind,
          number: input.number,
          level: input.level ?? null,
          issued_on: input.issuedOn,
          expires_on: input.expiresOn ?? null,
          removed_at: null,
          created_at: ctx.now.toISOString(),
        }),
      );
      const id = Number(lastInsertRowid);
      ctx.audit({ entity: 'certificate', entityId: id, after: { ...input } });
      return id;
    },

    removeCertificate(input: ParsedInputOf<'staff.removeCertificate'>, ctx: OpContext): void {
      const c = sql.first(
        qb
          .selectFrom('staff_certificates')
          .selectAll()
          .where('id', '=', input.id)
          .where('removed_at', 'is', null),
      );
      if (!c) throw new AppError('NOT_FOUND', '没有找到这张证书，请刷新后重试');
      // Kept, marked removed: an inspector may ask what was on file on a given day.
      sql.run(
        qb
          .updateTable('staff_certificates')
          .set({ removed_at: ctx.now.toISOString() })
          .where('id', '=', input.id),
      );
      ctx.audit({
        entity: 'certificate',
        entityId: input.id,
        before: c,
        after: { removed: true, reason: input.reason },
      });
    },

    recordTraining(input: ParsedInputOf<'training.record'>, ctx: OpContext): TrainingRecord {
      const ids = [...new Set(input.staffIds)];
      for (const id of ids) row(id);
      const { lastInsertRowid } = sql.run(
        qb.insertInto('staff_trainings').values({
          kind: input.kind,
          on_date: input.on,
          hours: input.hours,
          topic: input.topic,
          created_at: ctx.now.toISOString(),
        }),
      );
      const id = Number(lastInsertRowid);
      for (const staffId of ids)
        sql.run(qb.insertInto('staff_training_attendees').values({ training_id: id, staff_id: staffId }));
      ctx.audit({ entity: 'training', entityId: id, after: { ...input, staffIds: ids } });
      return { id, kind: input.kind, on: input.on, hours: input.hours, topic: input.topic, staffIds: ids };
    },
  };
}

export type Roster = ReturnType<typeof createRoster>;
