import type { Selectable } from 'kysely';
import type { CareCategory } from '../../shared/assessment/ability';
import type { ParsedInputOf } from '../../shared/contract';
import type {
  Contact,
  ResidentDetail,
  ResidentHistoryEntry,
  ResidentListRow,
  maritalStatuses,
} from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import { ageOn, maskIdNumber, validateDocumentNumber, type IdType, type Sex } from '../../shared/id-number';
import {
  availableActions,
  canPurge,
  residentStatusLabels,
  type DischargeReason,
  type ResidentStatus,
  type SupportType,
  type WaitingPriorityRule,
} from '../../shared/residents/lifecycle';
import {
  addMonths,
  likeEscape,
  maskName,
  notFound,
  notInFuture,
  parseJson,
  riskBadgesOf,
  statementCache,
  todayOf,
} from './common';
import type { ModuleDeps, OpContext } from './common';
import { careGradeFor, type ResidentsConfigService } from './config';
import type { FacilitiesService } from './facilities';
import { pinyinFull, pinyinInitials } from './pinyin';
import { abilityRowOf, leaveRowOf, riskRowOf, type UserNames } from './rows';
import type { ResidentsTable } from './tables';

export type ResidentRow = Selectable<ResidentsTable>;

/** Profile columns named differently from their contract field; the rest share the name. */
const profileFieldOf: Record<string, string> = {
  id_type: 'idType',
  id_number: 'idNumber',
  birth_date: 'birthDate',
  native_place: 'nativePlace',
  marital_status: 'maritalStatus',
  former_occupation: 'formerOccupation',
  insurance_type: 'insuranceType',
  insurance_number: 'insuranceNumber',
  support_type: 'supportType',
  diagnoses_json: 'diagnoses',
  allergies_json: 'allergies',
  diet_json: 'dietRestrictions',
  contacts_json: 'contacts',
  applied_on: 'appliedOn',
};

export interface ResidentListFilter {
  search?: string | undefined;
  statuses?: ResidentStatus[] | undefined;
  careCategory?: CareCategory | undefined;
  buildingId?: number | undefined;
}

interface ListJoinRow {
  id: number;
  name: string;
  pinyin_initials: string;
  id_type: string;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  status: string;
  support_type: string;
  bed_id: number | null;
  bed_label: string | null;
  building_name: string | null;
  care_category: string | null;
  care_grade_override: string | null;
  items_json: string | null;
  applied_on: string;
  admitted_on: string | null;
}

const listSelect = `
  SELECT r.id, r.name, r.pinyin_initials, r.id_type, r.id_number, r.sex, r.birth_date, r.status,
         r.support_type, r.bed_id, b.label AS bed_label, bl.name AS building_name, r.care_category,
         r.care_grade_override, ra.items_json, r.applied_on, r.admitted_on
  FROM residents r
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id
  LEFT JOIN buildings bl ON bl.id = rm.building_id
  LEFT JOIN risk_assessments ra ON ra.id = r.latest_risk_id`;

/**
 * The waiting-list rules as SQL, so a page of the list can be cut in the database. Each rule
 * ranks only waiting rows; it mirrors `compareWaiting` in shared/residents/lifecycle.ts.
 */
function waitingOrder(rules: readonly WaitingPriorityRule[]): { sql: string[]; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const rule of rules) {
    if (rule.kind === 'appliedOn') {
      parts.push(`CASE WHEN r.status = 'waiting' THEN r.applied_on END`);
      continue;
    }
    const column = rule.kind === 'supportType' ? 'r.support_type' : 'r.care_category';
    const whens = rule.first.map((_, i) => `WHEN ${column} = ? THEN ${i}`).join(' ');
    parts.push(`CASE WHEN r.status = 'waiting' THEN (CASE ${whens} ELSE ${rule.first.length} END) END`);
    params.push(...rule.first);
  }
  return { sql: parts, params };
}

export function createResidentRecords(
  deps: ModuleDeps & { config: ResidentsConfigService; facilities: FacilitiesService },
) {
  const { sql, auth, config, facilities } = deps;
  const { qb } = sql;
  const stmt = statementCache(sql);

  const userNames: UserNames = (ids) => {
    const names = auth.displayNames(ids);
    return ids.map((id) => names.get(id) ?? `（用户 ${id}）`);
  };

  function findRow(id: number): ResidentRow | undefined {
    return sql.first(qb.selectFrom('residents').selectAll().where('id', '=', id));
  }

  function requireRow(id: number): ResidentRow {
    const row = findRow(id);
    if (!row) throw notFound('位老人的档案');
    return row;
  }

  /** Many residents' names in one read (a report over the whole home), by id; unknown ids are left out. */
  function namesByIds(ids: Iterable<number>): Map<number, string> {
    const wanted = [...new Set(ids)];
    const out = new Map<number, string>();
    // In slices that stay well inside SQLite's limit on bound values.
    for (let i = 0; i < wanted.length; i += 5000) {
      const slice = wanted.slice(i, i + 5000);
      for (const row of sql.all(qb.selectFrom('residents').select(['id', 'name']).where('id', 'in', slice)))
        out.set(row.id, row.name);
    }
    return out;
  }

  function listRowOf(row: ListJoinRow, today: string, cfg = config.get()): ResidentListRow {
    return {
      id: row.id,
      name: row.name,
      pinyinInitials: row.pinyin_initials,
      idType: row.id_type as IdType,
      idNumberMasked: row.id_number ? maskIdNumber(row.id_number) : '',
      sex: row.sex as Sex | null,
      age: row.birth_date ? ageOn(row.birth_date, today) : null,
      status: row.status as ResidentStatus,
      supportType: row.support_type as SupportType,
      bed:
        row.bed_id === null
          ? null
          : { id: row.bed_id, label: row.bed_label ?? '', buildingName: row.building_name ?? '' },
      careCategory: row.care_category as CareCategory | null,
      careGrade: careGradeFor(cfg, row.care_category, row.care_grade_override),
      riskBadges: riskBadgesOf(row.items_json),
      appliedOn: row.applied_on,
      admittedOn: row.admitted_on,
    };
  }

  function listQuery(filter: ResidentListFilter): {
    where: string;
    params: unknown[];
    order: string;
    orderParams: unknown[];
  } {
    const where: string[] = [`r.status != 'purged'`];
    const params: unknown[] = [];
    if (filter.statuses && filter.statuses.length > 0) {
      where.push(`r.status IN (${filter.statuses.map(() => '?').join(', ')})`);
      params.push(...filter.statuses);
    }
    if (filter.careCategory) {
      where.push('r.care_category = ?');
      params.push(filter.careCategory);
    }
    if (filter.buildingId !== undefined) {
      where.push('rm.building_id = ?');
      params.push(filter.buildingId);
    }
    const search = filter.search?.trim().toLowerCase().replace(/\s+/g, '');
    if (search) {
      const escaped = likeEscape(search);
      where.push(
        `(r.name LIKE ? ESCAPE '\\' OR r.pinyin_initials LIKE ? ESCAPE '\\' OR r.pinyin_full LIKE ? ESCAPE '\\' OR b.label LIKE ? ESCAPE '\\')`,
      );
      params.push(`%${escaped}%`, `${escaped}%`, `${escaped}%`, `${escaped}%`);
    }
    const waiting = waitingOrder(config.get().waitingPriorityRules);
    // In residence first by bed, then reservations, the waiting list in priority order, and the
    // discharged most recent first.
    const order = [
      `CASE r.status WHEN 'admitted' THEN 0 WHEN 'onLeave' THEN 0 WHEN 'reserved' THEN 1 WHEN 'waiting' THEN 2 WHEN 'discharged' THEN 3 ELSE 4 END`,
      'bl.id',
      'rm.floor',
      'rm.sort_no',
      'rm.number',
      'b.number',
      ...waiting.sql,
      `CASE WHEN r.status IN ('discharged', 'archived') THEN r.discharged_on END DESC`,
      'r.id',
    ].join(', ');
    return { where: where.join(' AND '), params, order, orderParams: waiting.params };
  }

  function list(
    filter: ResidentListFilter & { offset: number; limit: number },
    ctx: { now: Date },
  ): { rows: ResidentListRow[]; total: number } {
    const today = todayOf(deps, ctx);
    const q = listQuery(filter);
    const total = (
      stmt(
        `SELECT count(*) AS n FROM residents r
         LEFT JOIN beds b ON b.id = r.bed_id LEFT JOIN rooms rm ON rm.id = b.room_id
         WHERE ${q.where}`,
      ).get(...q.params) as { n: number }
    ).n;
    const rows = stmt(`${listSelect} WHERE ${q.where} ORDER BY ${q.order} LIMIT ? OFFSET ?`).all(
      ...q.params,
      ...q.orderParams,
      filter.limit,
      filter.offset,
    ) as ListJoinRow[];
    const cfg = config.get();
    return { rows: rows.map((r) => listRowOf(r, today, cfg)), total };
  }

  function listAll(filter: ResidentListFilter, ctx: { now: Date }): ResidentListRow[] {
    return list({ ...filter, offset: 0, limit: 1_000_000 }, ctx).rows;
  }

  function detail(id: number, ctx: { now: Date }): ResidentDetail {
    const today = todayOf(deps, ctx);
    const row = requireRow(id);
    const cfg = config.get();
    const joined = stmt(`${listSelect} WHERE r.id = ?`).get(id) as ListJoinRow;
    const abilityRow =
      row.latest_ability_id === null
        ? undefined
        : sql.first(qb.selectFrom('ability_assessments').selectAll().where('id', '=', row.latest_ability_id));
    const riskRow =
      row.latest_risk_id === null
        ? undefined
        : sql.first(qb.selectFrom('risk_assessments').selectAll().where('id', '=', row.latest_risk_id));
    const leave = sql.first(
      qb
        .selectFrom('resident_leaves')
        .selectAll()
        .where('resident_id', '=', id)
        .where('closed_on', 'is', null),
    );
    const status = row.status as ResidentStatus;
    const dischargeReason = row.discharge_reason as DischargeReason | null;
    const actions = availableActions(status, { dischargeReason }).filter(
      (a) =>
        a !== 'purge' ||
        canPurge({ status, serviceEndedOn: row.discharged_on }, today, cfg.archiveRetentionYears).ok,
    );
    return {
      ...listRowOf(joined, today, cfg),
      healthHidden: false,
      birthDate: row.birth_date,
      phone: row.phone,
      nativePlace: row.native_place,
      ethnicity: row.ethnicity,
      maritalStatus: row.marital_status as (typeof maritalStatuses)[number] | null,
      education: row.education,
      formerOccupation: row.former_occupation,
      insuranceType: row.insurance_type,
      insuranceNumber: row.insurance_number,
      diagnoses: parseJson<string[]>(row.diagnoses_json, []),
      allergies: parseJson<string[]>(row.allergies_json, []),
      dietRestrictions: parseJson<string[]>(row.diet_json, []),
      contacts: parseJson<Contact[]>(row.contacts_json, []),
      notes: row.notes,
      bedDetail: row.bed_id === null ? null : facilities.findBed(row.bed_id),
      contract:
        row.contract_number === null || row.contract_start_on === null
          ? null
          : { number: row.contract_number, startOn: row.contract_start_on, endOn: row.contract_end_on },
      careGradeOverride:
        row.care_grade_override === null
          ? null
          : { grade: row.care_grade_override, reason: row.care_grade_override_reason ?? '' },
      latestAbility: abilityRow ? abilityRowOf(abilityRow, cfg.careCategoryMapping, userNames) : null,
      latestRisks: riskRow ? riskRowOf(riskRow, userNames) : null,
      currentLeave: leave ? leaveRowOf(leave) : null,
      dischargedOn: row.discharged_on,
      dischargeReason,
      reassessmentDueOn: abilityRow ? addMonths(abilityRow.assessed_on, cfg.reassessmentMonths) : null,
      reassessmentFlag: row.reassessment_flag,
      availableActions: actions,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * What the audit log keeps of a resident. The log is permanent and purge cannot reach it, so it
   * holds where the person stood (status, bed, dates, category, grade, 供养类型) and never who they
   * are: no document number, birth date, phone, contacts, diagnoses or notes, and the name masked.
   */
  function auditView(row: ResidentRow): Record<string, unknown> {
    return {
      name: maskName(row.name),
      status: row.status,
      supportType: row.support_type,
      bedId: row.bed_id,
      appliedOn: row.applied_on,
      reservedOn: row.reserved_on,
      admittedOn: row.admitted_on,
      dischargedOn: row.discharged_on,
      dischargeReason: row.discharge_reason,
      archivedOn: row.archived_on,
      abilityLevel: row.ability_level,
      careCategory: row.care_category,
      careGradeOverride: row.care_grade_override,
    };
  }

  /** Contract field names of the profile columns a patch changed (names only, never values). */
  function changedFields(values: Partial<Omit<ResidentsTable, 'id'>>, current: ResidentRow): string[] {
    const fields = new Set<string>();
    for (const [column, value] of Object.entries(values)) {
      if (column.startsWith('pinyin_') || current[column as keyof ResidentRow] === value) continue;
      fields.add(profileFieldOf[column] ?? column);
    }
    return [...fields];
  }

  /** Appends one line of the resident's lifecycle history. */
  function logEvent(
    ctx: OpContext,
    entry: {
      residentId: number;
      on: string;
      action: string;
      from: ResidentStatus | null;
      to: ResidentStatus;
      bedId?: number | null;
      detail?: string;
    },
  ): void {
    const bed = entry.bedId ? facilities.findBed(entry.bedId) : null;
    sql.run(
      qb.insertInto('resident_events').values({
        resident_id: entry.residentId,
        at: ctx.now.toISOString(),
        on_date: entry.on,
        action: entry.action,
        from_status: entry.from,
        to_status: entry.to,
        bed_id: bed?.id ?? null,
        bed_label: bed ? `${bed.buildingName} ${bed.label}` : null,
        detail: entry.detail ?? '',
        user_id: ctx.user?.id ?? null,
        user_name: ctx.user?.displayName ?? null,
      }),
    );
  }

  type ProfilePatch = Omit<ParsedInputOf<'residents.update'>, 'id'>;

  /**
   * Checks the identity document and the dates of a profile and turns it into column values.
   * Errors land at the field's path (`idNumber`, `birthDate`, `appliedOn`).
   */
  function profileColumns(
    input: ProfilePatch,
    current: ResidentRow | null,
    today: string,
  ): Partial<Omit<ResidentsTable, 'id'>> {
    const values: Partial<Omit<ResidentsTable, 'id'>> = {};
    if (input.name !== undefined) {
      values.name = input.name;
      values.pinyin_initials = pinyinInitials(input.name);
      values.pinyin_full = pinyinFull(input.name);
    }
    const documentChanged =
      input.idType !== undefined ||
      input.idNumber !== undefined ||
      input.birthDate !== undefined ||
      input.sex !== undefined;
    if (documentChanged || !current) {
      const idType = (input.idType ?? current?.id_type ?? 'resident') as IdType;
      const rawNumber = input.idNumber ?? current?.id_number ?? '';
      const check = validateDocumentNumber(idType, rawNumber, today);
      if (!check.ok) throw fieldError('idNumber', check.message);
      const clash = sql.first(
        qb
          .selectFrom('residents')
          .select(['id', 'name', 'status'])
          .where('id_type', '=', idType)
          .where('id_number', '=', check.normalized)
          .where('id', '!=', current?.id ?? 0),
      );
      if (clash) {
        const message = `该证件号码已有档案（${clash.name}，${residentStatusLabels[clash.status as ResidentStatus].zh}），请在原档案上办理，不要重复建档`;
        throw new AppError('CONFLICT', message, {
          fieldErrors: [{ path: 'idNumber', message }],
          residentId: clash.id,
        });
      }
      values.id_type = idType;
      values.id_number = check.normalized;
      if (check.birthDate !== null) {
        // Documents that carry a birth date and sex win over what was typed beside them.
        values.birth_date = check.birthDate;
        values.sex = check.sex;
      } else {
        const birthDate =
          input.birthDate ?? (input.idType !== undefined ? undefined : current?.birth_date) ?? null;
        if (birthDate !== null) notInFuture(birthDate, today, 'birthDate', '出生日期');
        values.birth_date = birthDate;
        values.sex = input.sex ?? (input.idType !== undefined ? undefined : current?.sex) ?? null;
      }
    }
    if (input.phone !== undefined) values.phone = input.phone;
    if (input.nativePlace !== undefined) values.native_place = input.nativePlace;
    if (input.ethnicity !== undefined) values.ethnicity = input.ethnicity;
    if (input.maritalStatus !== undefined) values.marital_status = input.maritalStatus;
    if (input.education !== undefined) values.education = input.education;
    if (input.formerOccupation !== undefined) values.former_occupation = input.formerOccupation;
    if (input.insuranceType !== undefined) values.insurance_type = input.insuranceType;
    if (input.insuranceNumber !== undefined) values.insurance_number = input.insuranceNumber;
    if (input.supportType !== undefined) values.support_type = input.supportType;
    if (input.diagnoses !== undefined) values.diagnoses_json = JSON.stringify(input.diagnoses);
    if (input.allergies !== undefined) values.allergies_json = JSON.stringify(input.allergies);
    if (input.dietRestrictions !== undefined) values.diet_json = JSON.stringify(input.dietRestrictions);
    if (input.contacts !== undefined) values.contacts_json = JSON.stringify(input.contacts);
    if (input.notes !== undefined) values.notes = input.notes;
    if (input.appliedOn !== undefined) {
      notInFuture(input.appliedOn, today, 'appliedOn', '申请日期');
      values.applied_on = input.appliedOn;
    }
    return values;
  }

  /**
   * Creates an archive on the waiting list. `placement` is for the ledger import: a resident who
   * already lives here goes straight into their bed.
   */
  function insert(
    input: ParsedInputOf<'residents.create'>,
    ctx: OpContext,
    options: {
      action?: string;
      detail?: string;
      placement?: { bedId: number; admittedOn: string };
      /** Puts the new record on the assessments-due list with this reason. */
      reassessmentFlag?: string;
    } = {},
  ): number {
    const today = todayOf(deps, ctx);
    const columns = profileColumns(input, null, today);
    const now = ctx.now.toISOString();
    const placement = options.placement;
    const status: ResidentStatus = placement ? 'admitted' : 'waiting';
    const { lastInsertRowid: id } = sql.run(
      qb.insertInto('residents').values({
        name: input.name,
        pinyin_initials: columns.pinyin_initials ?? '',
        pinyin_full: columns.pinyin_full ?? '',
        id_type: columns.id_type ?? 'resident',
        id_number: columns.id_number ?? null,
        birth_date: columns.birth_date ?? null,
        sex: columns.sex ?? null,
        phone: input.phone ?? '',
        native_place: input.nativePlace ?? '',
        ethnicity: input.ethnicity ?? '',
        marital_status: input.maritalStatus ?? null,
        education: input.education ?? '',
        former_occupation: input.formerOccupation ?? '',
        insurance_type: input.insuranceType ?? '',
        insurance_number: input.insuranceNumber ?? '',
        support_type: input.supportType,
        diagnoses_json: JSON.stringify(input.diagnoses),
        allergies_json: JSON.stringify(input.allergies),
        diet_json: JSON.stringify(input.dietRestrictions),
        contacts_json: JSON.stringify(input.contacts),
        notes: input.notes ?? '',
        applied_on: input.appliedOn ?? placement?.admittedOn ?? today,
        status,
        bed_id: placement?.bedId ?? null,
        admitted_on: placement?.admittedOn ?? null,
        reserved_on: null,
        discharged_on: null,
        discharge_reason: null,
        discharge_destination: null,
        contract_number: null,
        contract_start_on: null,
        contract_end_on: null,
        ability_level: null,
        care_category: null,
        latest_ability_id: null,
        latest_risk_id: null,
        care_grade_override: null,
        care_grade_override_reason: null,
        reassessment_flag: options.reassessmentFlag ?? null,
        archived_on: null,
        purged_at: null,
        created_at: now,
        updated_at: now,
      }),
    );
    logEvent(ctx, {
      residentId: id,
      on: placement?.admittedOn ?? today,
      action: options.action ?? 'create',
      from: null,
      to: status,
      bedId: placement?.bedId ?? null,
      detail: options.detail ?? '',
    });
    ctx.audit({ entity: 'resident', entityId: id, after: auditView(requireRow(id)) });
    ctx.emit('residents.changed', { residentId: id, action: options.action ?? 'create' });
    return id;
  }

  return {
    findRow,
    requireRow,
    namesByIds,
    detail,
    list,
    listAll,
    auditView,
    logEvent,
    userNames,
    profileColumns,
    insert,

    create(input: ParsedInputOf<'residents.create'>, ctx: OpContext): ResidentDetail {
      return detail(insert(input, ctx), ctx);
    },

    update(input: ParsedInputOf<'residents.update'>, ctx: OpContext): ResidentDetail {
      const current = requireRow(input.id);
      if (current.status === 'purged') throw new AppError('PRECONDITION', '档案已销毁，不能再修改');
      const { id, ...patch } = input;
      const values = profileColumns(patch, current, todayOf(deps, ctx));
      sql.run(
        qb
          .updateTable('residents')
          .set({ ...values, updated_at: ctx.now.toISOString() })
          .where('id', '=', id),
      );
      ctx.audit({
        entity: 'resident',
        entityId: id,
        before: auditView(current),
        after: { ...auditView(requireRow(id)), changedFields: changedFields(values, current) },
      });
      ctx.emit('residents.changed', { residentId: id, action: 'update' });
      return detail(id, ctx);
    },

    revealIdNumber(id: number, ctx: OpContext): { idNumber: string } {
      const row = requireRow(id);
      if (row.id_number === null) throw new AppError('PRECONDITION', '档案已销毁，证件号码已不存在');
      ctx.audit({
        entity: 'resident',
        entityId: id,
        after: { event: 'idNumberRevealed', name: maskName(row.name) },
      });
      return { idNumber: row.id_number };
    },

    history(id: number): ResidentHistoryEntry[] {
      requireRow(id);
      return sql
        .all(qb.selectFrom('resident_events').selectAll().where('resident_id', '=', id).orderBy('id'))
        .map((e) => ({
          at: e.at,
          on: e.on_date,
          action: e.action,
          fromStatus: e.from_status as ResidentStatus | null,
          toStatus: e.to_status as ResidentStatus,
          bedLabel: e.bed_label,
          detail: e.detail,
          byUser: e.user_name,
        }));
    },

    waitingList(ctx: { now: Date }): ResidentListRow[] {
      return listAll({ statuses: ['waiting'] }, ctx);
    },
  };
}

export type ResidentRecords = ReturnType<typeof createResidentRecords>;
