import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  EmergencyPlan,
  EquipmentKind,
  FireDrill,
  FireEquipment,
  PlanKey,
} from '../../shared/contract/fire';
import { planKeys } from '../../shared/contract/fire';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { addMonths, parseJson, type FireDeps, type ReadOp, type WriteOp } from './common';
import { addDays } from './slots';
import type { FireDrillsTable, FireEquipmentTable, FirePlansTable } from './tables';

/** Days ahead an expiry or service date starts to show. */
export const EXPIRY_WARNING_DAYS = 30;

export function equipmentState(
  e: { expires_on: string | null; next_service_on: string | null },
  today: string,
): FireEquipment['state'] {
  if (e.expires_on && e.expires_on < today) return 'expired';
  if (e.expires_on && e.expires_on <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiringSoon';
  if (e.next_service_on && e.next_service_on <= addDays(today, EXPIRY_WARNING_DAYS)) return 'serviceDue';
  return 'ok';
}

export function createRegisters(deps: FireDeps) {
  const { sql } = deps;
  const today = (now: Date) => localDate(now, deps.timeZone());

  const toEquipment = (r: Selectable<FireEquipmentTable>, day: string): FireEquipment => ({
    id: r.id,
    kind: r.kind as EquipmentKind,
    code: r.code,
    location: r.location,
    spec: r.spec,
    installedOn: r.installed_on,
    expiresOn: r.expires_on,
    nextServiceOn: r.next_service_on,
    lastCheckedOn: r.last_checked_on,
    state: equipmentState(r, day),
  });

  const toDrill = (r: Selectable<FireDrillsTable>): FireDrill => ({
    id: r.id,
    on: r.held_on,
    plan: r.plan_key as PlanKey,
    planVersion: r.plan_version,
    scenario: r.scenario,
    night: r.night === 1,
    participants: r.participants,
    participantNames: parseJson<string[]>(r.participant_names_json, []),
    residentsEvacuated: r.residents_evacuated,
    bedriddenEvacuated: r.bedridden_evacuated,
    evacuationSeconds: r.evacuation_seconds,
    problems: r.problems,
    photos: parseJson<string[]>(r.photos_json, []),
    recordedBy: r.recorded_by,
  });

  function planRows(): Array<Selectable<FirePlansTable>> {
    const rows = sql.all(
      sql.qb.selectFrom('fire_plans').selectAll().orderBy('key').orderBy('version', 'desc'),
    );
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.key) && seen.add(r.key));
  }

  function drills(plan?: PlanKey): FireDrill[] {
    let q = sql.qb.selectFrom('fire_drills').selectAll();
    if (plan) q = q.where('plan_key', '=', plan);
    return sql.all(q.orderBy('held_on', 'desc').orderBy('id', 'desc')).map(toDrill);
  }

  /** `known`: the drills already read by the caller, to spare a query. */
  function plans(known?: FireDrill[]): EmergencyPlan[] {
    const all = known ?? drills();
    const byKey = new Map(planRows().map((r) => [r.key, r]));
    return planKeys.flatMap((key) => {
      const r = byKey.get(key);
      if (!r) return [];
      const mine = all.filter((d) => d.plan === key);
      return [
        {
          key,
          title: r.title,
          version: r.version,
          body: r.body,
          reviewedOn: r.reviewed_on,
          nextReviewOn: r.reviewed_on ? addMonths(r.reviewed_on, 12) : null,
          savedAt: r.saved_at,
          savedBy: r.saved_by,
          drills: mine.length,
          lastDrillOn: mine[0]?.on ?? null,
        },
      ];
    });
  }

  return {
    equipment(op: ReadOp): FireEquipment[] {
      const day = today(op.now);
      return sql
        .all(sql.qb.selectFrom('fire_equipment').selectAll().orderBy('kind').orderBy('code'))
        .map((r) => toEquipment(r, day));
    },

    saveEquipment(input: ParsedInputOf<'fire.equipment.save'>, op: WriteOp): FireEquipment {
      const clash = sql.first(
        sql.qb.selectFrom('fire_equipment').select('id').where('code', '=', input.code),
      );
      if (clash && clash.id !== input.id)
        throw fieldError('code', `编号 ${input.code} 已经登记过了，请换一个编号`);
      if (input.installedOn && input.expiresOn && input.expiresOn < input.installedOn) {
        throw fieldError('expiresOn', '有效期不能早于安装日期');
      }
      const at = op.now.toISOString();
      const values = {
        kind: input.kind,
        code: input.code,
        location: input.location,
        spec: input.spec,
        installed_on: input.installedOn ?? null,
        expires_on: input.expiresOn ?? null,
        next_service_on: input.nextServiceOn ?? null,
        updated_at: at,
      };
      let id = input.id;
      let before: Selectable<FireEquipmentTable> | undefined;
      if (id) {
        before = sql.first(sql.qb.selectFrom('fire_equipment').selectAll().where('id', '=', id));
        if (!before) throw new AppError('NOT_FOUND', '找不到这件设施，可能已被删除，请刷新列表');
        sql.run(sql.qb.updateTable('fire_equipment').set(values).where('id', '=', id));
      } else {
        id = sql.run(
          sql.qb.insertInto('fire_equipment').values({ ...values, created_at: at }),
        ).lastInsertRowid;
      }
      const after = sql.first(sql.qb.selectFrom('fire_equipment').selectAll().where('id', '=', id))!;
      op.audit({ entity: 'fireEquipment', entityId: id, before: before ?? null, after });
      return toEquipment(after, today(op.now));
    },

    /** A monthly extinguisher check done on this date marks every extinguisher as checked. */
    markChecked(kind: EquipmentKind, on: string): void {
      sql.run(sql.qb.updateTable('fire_equipment').set({ last_checked_on: on }).where('kind', '=', kind));
    },

    drills,

    fireDrillDays(from: string, to: string): Array<{ id: number; on: string }> {
      return sql
        .all(
          sql.qb
            .selectFrom('fire_drills')
            .select(['id', 'held_on'])
            .where('plan_key', '=', 'fire')
            .where('held_on', '>=', from)
            .where('held_on', '<=', to),
        )
        .map((r) => ({ id: r.id, on: r.held_on }));
    },

    recordDrill(input: ParsedInputOf<'fire.drills.record'>, op: WriteOp): FireDrill {
      if (input.on > today(op.now)) throw fieldError('on', '演练日期不能晚于今天');
      if (input.bedriddenEvacuated > input.residentsEvacuated) {
        throw fieldError('bedriddenEvacuated', '疏散的卧床老人数不能多于疏散老人总数');
      }
      const plan = planRows().find((r) => r.key === input.plan);
      if (!plan) throw fieldError('plan', '没有这个应急预案，请先编写预案');
      const names = Array.isArray(input.participants) ? input.participants : [];
      const { lastInsertRowid: id } = sql.run(
        sql.qb.insertInto('fire_drills').values({
          held_on: input.on,
          plan_key: input.plan,
          plan_version: plan.version,
          scenario: input.scenario,
          night: input.night ? 1 : 0,
          participants: Array.isArray(input.participants) ? input.participants.length : input.participants,
          participant_names_json: JSON.stringify(names),
          residents_evacuated: input.residentsEvacuated,
          bedridden_evacuated: input.bedriddenEvacuated,
          evacuation_seconds: input.evacuationSeconds,
          problems: input.problems,
          photos_json: JSON.stringify(input.photos ?? []),
          recorded_by: op.user?.displayName ?? null,
          created_at: op.now.toISOString(),
        }),
      );
      const drill = toDrill(sql.first(sql.qb.selectFrom('fire_drills').selectAll().where('id', '=', id))!);
      op.audit({ entity: 'fireDrill', entityId: id, after: { ...drill, photos: drill.photos.length } });
      return drill;
    },

    plans,

    savePlan(input: ParsedInputOf<'fire.plans.save'>, op: WriteOp): EmergencyPlan {
      if (input.reviewedOn > today(op.now)) throw fieldError('reviewedOn', '评审日期不能晚于今天');
      const before = plans().find((p) => p.key === input.key);
      sql.run(
        sql.qb.insertInto('fire_plans').values({
          key: input.key,
          version: (before?.version ?? 0) + 1,
          title: input.title,
          body: input.body,
          reviewed_on: input.reviewedOn,
          saved_at: op.now.toISOString(),
          saved_by: op.user?.displayName ?? null,
        }),
      );
      const after = plans().find((p) => p.key === input.key)!;
      op.audit({ entity: 'firePlan', entityId: input.key, before: before ?? null, after });
      return after;
    },
  };
}

export type FireRegisters = ReturnType<typeof createRegisters>;
