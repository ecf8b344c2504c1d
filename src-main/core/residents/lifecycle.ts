import type { ParsedInputOf } from '../../shared/contract';
import type { ResidentDetail } from '../../shared/contract/residents';
import { fieldError } from '../../shared/errors';
import {
  canPurge,
  canTransition,
  dischargeReasonLabels,
  leaveKindLabels,
  residentActionLabels,
  type DischargeReason,
  type ResidentAction,
  type ResidentStatus,
} from '../../shared/residents/lifecycle';
import type { AttachmentsService } from './attachments';
import type { CareHistoryService } from './care-history';
import { addDays, notInFuture, precondition, todayOf, type ModuleDeps, type OpContext } from './common';
import { careGradeFor, type ResidentsConfigService } from './config';
import { fullBedLabel, type FacilitiesService } from './facilities';
import type { ResidentRecords, ResidentRow } from './residents';

export function createLifecycle(
  deps: ModuleDeps & {
    config: ResidentsConfigService;
    records: ResidentRecords;
    facilities: FacilitiesService;
    attachments: AttachmentsService;
    careHistory: CareHistoryService;
  },
) {
  const { sql, config, records, facilities, attachments, careHistory } = deps;
  const { qb } = sql;

  /** Loads the resident and refuses, in the lifecycle's own words, an action their status forbids. */
  function begin(id: number, action: ResidentAction): { row: ResidentRow; to: ResidentStatus } {
    const row = records.requireRow(id);
    const check = canTransition(row.status as ResidentStatus, action, {
      dischargeReason: row.discharge_reason as DischargeReason | null,
    });
    if (!check.ok) {
      if (action === 'startLeave' && row.status === 'onLeave') {
        const leave = openLeave(row.id);
        throw precondition(
          `${row.name}已在请假中（${leave?.start_on ?? ''} 起${leave?.expected_return_on ? `，预计 ${leave.expected_return_on} 返回` : ''}）；如需延长，请用「延长请假」修改预计返回日期，不必重新请假`,
        );
      }
      throw precondition(`${row.name}：${check.reason}`);
    }
    return { row, to: check.to };
  }

  function openLeave(residentId: number) {
    return sql.first(
      qb
        .selectFrom('resident_leaves')
        .selectAll()
        .where('resident_id', '=', residentId)
        .where('closed_on', 'is', null),
    );
  }

  /**
   * The date of the resident's latest business event: reservation, admission, transfer, leave,
   * return or discharge. Creating the record is left out: its date is the day it was typed in, and
   * a resident who came yesterday is often entered today. Extending a leave changes no date either.
   */
  function lastEventDate(residentId: number): { on: string; what: string } | null {
    const event = sql.first(
      qb
        .selectFrom('resident_events')
        .select(['on_date', 'action'])
        .where('resident_id', '=', residentId)
        .where((eb) => eb.not(eb.and([eb('from_status', 'is', null), eb('to_status', '=', 'waiting')])))
        .where('action', '!=', 'extendLeave')
        .orderBy('on_date', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
    const leave = sql.first(
      qb
        .selectFrom('resident_leaves')
        .select((eb) => eb.fn.max('closed_on').as('closed_on'))
        .where('resident_id', '=', residentId)
        .where('closed_on', 'is not', null),
    );
    const labels: Record<string, string> = {
      ...Object.fromEntries(Object.entries(residentActionLabels).map(([k, v]) => [k, v.zh])),
      import: '导入（历史入住）',
    };
    const fromEvent = event ? { on: event.on_date, what: labels[event.action] ?? event.action } : null;
    const closedOn = leave?.closed_on ?? null;
    if (closedOn !== null && (fromEvent === null || closedOn > fromEvent.on))
      return { on: closedOn, what: '请假结束' };
    return fromEvent;
  }

  /**
   * Keeps the history in date order: a transition dated before the previous one would make stays,
   * leaves and transfers overlap, and bed-day and leave-day counts (money) wrong.
   */
  function notBeforeLastEvent(residentId: number, date: string, path: string, what: string): void {
    const last = lastEventDate(residentId);
    if (last && date < last.on) {
      throw fieldError(path, `${what}不能早于上一次办理业务的日期 ${last.on}（${last.what}），请核对`);
    }
  }

  function finish(
    ctx: OpContext,
    before: ResidentRow,
    action: ResidentAction,
    event: { on: string; to: ResidentStatus; bedId: number | null; detail?: string },
  ): ResidentDetail {
    records.logEvent(ctx, {
      residentId: before.id,
      on: event.on,
      action,
      from: before.status as ResidentStatus,
      to: event.to,
      bedId: event.bedId,
      ...(event.detail !== undefined ? { detail: event.detail } : {}),
    });
    ctx.audit({
      entity: 'resident',
      entityId: before.id,
      before: records.auditView(before),
      after: records.auditView(records.requireRow(before.id)),
    });
    ctx.emit('residents.changed', { residentId: before.id, action });
    return records.detail(before.id, ctx);
  }

  /** GB 38600 and the institution's rule: both assessments within N days before admission. */
  function requireAdmissionAssessments(row: ResidentRow, admittedOn: string): void {
    const maxDays = config.get().admissionAssessmentMaxAgeDays;
    const earliest = addDays(admittedOn, -maxDays);
    const within = (table: 'ability_assessments' | 'risk_assessments') =>
      sql.first(
        qb
          .selectFrom(table)
          .select('id')
          .where('resident_id', '=', row.id)
          .where('assessed_on', '>=', earliest)
          .where('assessed_on', '<=', admittedOn)
          .limit(1),
      ) !== undefined;
    const missing: string[] = [];
    if (!within('ability_assessments')) missing.push('能力评估');
    if (!within('risk_assessments')) missing.push('九防风险评估');
    if (missing.length > 0) {
      throw precondition(
        `${row.name}入住前须完成${maxDays}天内（${earliest} 至 ${admittedOn}）的能力评估和九防风险评估，目前缺少：${missing.join('、')}。请先完成评估，再办理入住。`,
        { missing },
      );
    }
  }

  return {
    reserve(input: ParsedInputOf<'residents.reserve'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'reserve');
      const today = todayOf(deps, ctx);
      const on = input.on ?? today;
      notInFuture(on, today, 'on', '预订日期');
      notBeforeLastEvent(row.id, on, 'on', '预订日期');
      const bed = facilities.requireAvailable(input.bedId, 'bedId');
      sql.run(
        qb
          .updateTable('residents')
          .set({ status: to, bed_id: bed.id, reserved_on: on, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      return finish(ctx, row, 'reserve', { on, to, bedId: bed.id, detail: `预订 ${fullBedLabel(bed)}` });
    },

    cancelReservation(input: ParsedInputOf<'residents.cancelReservation'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'cancelReservation');
      sql.run(
        qb
          .updateTable('residents')
          .set({ status: to, bed_id: null, reserved_on: null, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      return finish(ctx, row, 'cancelReservation', {
        on: todayOf(deps, ctx),
        to,
        bedId: row.bed_id,
        detail: `取消预订：${input.reason}`,
      });
    },

    admit(input: ParsedInputOf<'residents.admit'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'admit');
      notInFuture(input.admittedOn, todayOf(deps, ctx), 'admittedOn', '入住日期');
      notBeforeLastEvent(row.id, input.admittedOn, 'admittedOn', '入住日期');
      const bed = facilities.requireAvailable(input.bedId, 'bedId', row.id);
      requireAdmissionAssessments(row, input.admittedOn);
      sql.run(
        qb
          .updateTable('residents')
          .set({
            status: to,
            bed_id: bed.id,
            admitted_on: input.admittedOn,
            reserved_on: null,
            discharged_on: null,
            discharge_reason: null,
            discharge_destination: null,
            archived_on: null,
            // A new stay needs a new agreement: the last stay's contract must not show as current.
            ...(input.contract
              ? {
                  contract_number: input.contract.number,
                  contract_start_on: input.contract.startOn,
                  contract_end_on: input.contract.endOn,
                }
              : row.status === 'discharged'
                ? { contract_number: null, contract_start_on: null, contract_end_on: null }
                : {}),
            updated_at: ctx.now.toISOString(),
          })
          .where('id', '=', row.id),
      );
      careHistory.openStay(ctx, row.id, input.admittedOn);
      const moved = row.bed_id !== null && row.bed_id !== bed.id ? '（预订时为另一张床）' : '';
      return finish(ctx, row, 'admit', {
        on: input.admittedOn,
        to,
        bedId: bed.id,
        detail: `入住 ${fullBedLabel(bed)}${moved}${input.contract ? `，合同 ${input.contract.number}` : ''}`,
      });
    },

    transferBed(input: ParsedInputOf<'residents.transferBed'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'transfer');
      notInFuture(input.on, todayOf(deps, ctx), 'on', '换床日期');
      notBeforeLastEvent(row.id, input.on, 'on', '换床日期');
      if (input.toBedId === row.bed_id)
        throw fieldError('toBedId', `${row.name}已经在这张床位上，请选择另一张床位`);
      const from = row.bed_id === null ? null : facilities.findBed(row.bed_id);
      const bed = facilities.requireAvailable(input.toBedId, 'toBedId');
      sql.run(
        qb
          .updateTable('residents')
          .set({ bed_id: bed.id, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      return finish(ctx, row, 'transfer', {
        on: input.on,
        to,
        bedId: bed.id,
        detail: `从 ${from ? fullBedLabel(from) : '—'} 调至 ${fullBedLabel(bed)}${input.reason ? `：${input.reason}` : ''}`,
      });
    },

    startLeave(input: ParsedInputOf<'residents.startLeave'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'startLeave');
      notInFuture(input.startOn, todayOf(deps, ctx), 'startOn', '请假开始日期');
      notBeforeLastEvent(row.id, input.startOn, 'startOn', '请假开始日期');
      sql.run(
        qb.insertInto('resident_leaves').values({
          resident_id: row.id,
          kind: input.kind,
          start_on: input.startOn,
          expected_return_on: input.expectedReturnOn ?? null,
          returned_on: null,
          closed_on: null,
          destination: input.destination ?? '',
          note: input.note ?? '',
          created_at: ctx.now.toISOString(),
        }),
      );
      // The bed stays with the resident: on leave they still hold it (and usually pay for it).
      sql.run(
        qb
          .updateTable('residents')
          .set({ status: to, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      const parts = [leaveKindLabels[input.kind].zh];
      if (input.destination) parts.push(`去向：${input.destination}`);
      if (input.expectedReturnOn) parts.push(`预计 ${input.expectedReturnOn} 返回`);
      return finish(ctx, row, 'startLeave', {
        on: input.startOn,
        to,
        bedId: row.bed_id,
        detail: parts.join('，'),
      });
    },

    endLeave(input: ParsedInputOf<'residents.endLeave'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'endLeave');
      notInFuture(input.returnedOn, todayOf(deps, ctx), 'returnedOn', '返回日期');
      notBeforeLastEvent(row.id, input.returnedOn, 'returnedOn', '返回日期');
      const leave = openLeave(row.id);
      if (leave) {
        sql.run(
          qb
            .updateTable('resident_leaves')
            .set({
              returned_on: input.returnedOn,
              closed_on: input.returnedOn,
              note: [leave.note, input.note ?? ''].filter((n) => n !== '').join('\n'),
            })
            .where('id', '=', leave.id),
        );
      }
      sql.run(
        qb
          .updateTable('residents')
          .set({ status: to, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      return finish(ctx, row, 'endLeave', {
        on: input.returnedOn,
        to,
        bedId: row.bed_id,
        detail: leave
          ? `${leaveKindLabels[leave.kind as 'outing' | 'hospital'].zh}返回（${leave.start_on} 起）`
          : '销假',
      });
    },

    /** Moves the expected return of the current leave; the leave itself (and its start) stays. */
    extendLeave(input: ParsedInputOf<'residents.extendLeave'>, ctx: OpContext): ResidentDetail {
      const row = records.requireRow(input.id);
      const leave = row.status === 'onLeave' ? openLeave(row.id) : undefined;
      if (!leave) {
        throw precondition(`${row.name}当前没有在请假，无需延长；如需外出或住院，请办理请假`);
      }
      if (input.expectedReturnOn < leave.start_on) {
        throw fieldError('expectedReturnOn', `预计返回日期不能早于请假开始日期（${leave.start_on}），请核对`);
      }
      sql.run(
        qb
          .updateTable('resident_leaves')
          .set({ expected_return_on: input.expectedReturnOn })
          .where('id', '=', leave.id),
      );
      sql.run(
        qb.updateTable('residents').set({ updated_at: ctx.now.toISOString() }).where('id', '=', row.id),
      );
      records.logEvent(ctx, {
        residentId: row.id,
        on: todayOf(deps, ctx),
        action: 'extendLeave',
        from: 'onLeave',
        to: 'onLeave',
        bedId: row.bed_id,
        detail: `${leaveKindLabels[leave.kind as 'outing' | 'hospital'].zh}（${leave.start_on} 起）预计返回日期由 ${leave.expected_return_on ?? '未定'} 改为 ${input.expectedReturnOn}`,
      });
      ctx.audit({
        entity: 'residentLeave',
        entityId: leave.id,
        before: { residentId: row.id, startOn: leave.start_on, expectedReturnOn: leave.expected_return_on },
        after: { residentId: row.id, startOn: leave.start_on, expectedReturnOn: input.expectedReturnOn },
      });
      ctx.emit('residents.changed', { residentId: row.id, action: 'extendLeave' });
      return records.detail(row.id, ctx);
    },

    discharge(input: ParsedInputOf<'residents.discharge'>, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(input.id, 'discharge');
      notInFuture(input.dischargedOn, todayOf(deps, ctx), 'dischargedOn', '退住日期');
      notBeforeLastEvent(row.id, input.dischargedOn, 'dischargedOn', '退住日期');
      const leave = openLeave(row.id);
      if (leave) {
        sql.run(
          qb.updateTable('resident_leaves').set({ closed_on: input.dischargedOn }).where('id', '=', leave.id),
        );
      }
      sql.run(
        qb
          .updateTable('residents')
          .set({
            status: to,
            bed_id: null,
            discharged_on: input.dischargedOn,
            discharge_reason: input.reason,
            discharge_destination: input.destination ?? null,
            updated_at: ctx.now.toISOString(),
          })
          .where('id', '=', row.id),
      );
      careHistory.closeStay(ctx, row.id, input.dischargedOn);
      const parts = [dischargeReasonLabels[input.reason].zh];
      if (input.destination) parts.push(`去向：${input.destination}`);
      if (input.note) parts.push(input.note);
      return finish(ctx, row, 'discharge', {
        on: input.dischargedOn,
        to,
        bedId: row.bed_id,
        detail: parts.join('，'),
      });
    },

    archive(id: number, ctx: OpContext): ResidentDetail {
      const { row, to } = begin(id, 'archive');
      const today = todayOf(deps, ctx);
      sql.run(
        qb
          .updateTable('residents')
          .set({ status: to, archived_on: today, updated_at: ctx.now.toISOString() })
          .where('id', '=', row.id),
      );
      return finish(ctx, row, 'archive', { on: today, to, bedId: null });
    },

    /**
     * Destroys the personal data of an archived record once the retention period has passed. The
     * row stays (status `purged`, dates and discharge reason) so yearly statistics still add up.
     */
    purge(input: ParsedInputOf<'residents.purge'>, ctx: OpContext): null {
      const row = records.requireRow(input.id);
      const today = todayOf(deps, ctx);
      const years = config.get().archiveRetentionYears;
      const check = canPurge(
        { status: row.status as ResidentStatus, serviceEndedOn: row.discharged_on },
        today,
        years,
      );
      if (!check.ok) throw precondition(`${row.name}：${check.reason}`);
      if (input.confirmName !== row.name) {
        throw fieldError('confirmName', `输入的姓名与档案不一致，请输入「${row.name}」以确认销毁`);
      }
      const id = row.id;
      careHistory.forget(id);
      sql.run(
        qb
          .updateTable('residents')
          .set({ latest_ability_id: null, latest_risk_id: null })
          .where('id', '=', id),
      );
      const removed = {
        abilityAssessments: sql.run(qb.deleteFrom('ability_assessments').where('resident_id', '=', id))
          .changes,
        riskAssessments: sql.run(qb.deleteFrom('risk_assessments').where('resident_id', '=', id)).changes,
        incidents: sql.run(qb.deleteFrom('incidents').where('resident_id', '=', id)).changes,
        leaves: sql.run(qb.deleteFrom('resident_leaves').where('resident_id', '=', id)).changes,
        drafts: sql.run(qb.deleteFrom('admission_drafts').where('resident_id', '=', id)).changes,
        attachments: attachments.removeAllFor(id, ctx),
      };
      sql.run(qb.updateTable('resident_events').set({ detail: '' }).where('resident_id', '=', id));
      sql.run(
        qb
          .updateTable('residents')
          .set({
            status: 'purged',
            name: '（已销毁）',
            pinyin_initials: '',
            pinyin_full: '',
            id_number: null,
            birth_date: null,
            sex: null,
            phone: '',
            native_place: '',
            ethnicity: '',
            marital_status: null,
            education: '',
            former_occupation: '',
            insurance_type: '',
            insurance_number: '',
            diagnoses_json: '[]',
            allergies_json: '[]',
            diet_json: '[]',
            contacts_json: '[]',
            notes: '',
            discharge_destination: null,
            contract_number: null,
            contract_start_on: null,
            contract_end_on: null,
            ability_level: null,
            care_category: null,
            care_grade_override: null,
            care_grade_override_reason: null,
            reassessment_flag: null,
            purged_at: ctx.now.toISOString(),
            updated_at: ctx.now.toISOString(),
          })
          .where('id', '=', id),
      );
      records.logEvent(ctx, { residentId: id, on: today, action: 'purge', from: 'archived', to: 'purged' });
      // Only what proves the purge was allowed: the audit log is permanent and must not keep the data.
      ctx.audit({
        entity: 'resident',
        entityId: id,
        before: { status: row.status, dischargedOn: row.discharged_on, archivedOn: row.archived_on },
        after: { status: 'purged', retentionYears: years, removed },
      });
      ctx.emit('residents.changed', { residentId: id, action: 'purge' });
      return null;
    },

    setCareGrade(input: ParsedInputOf<'residents.setCareGrade'>, ctx: OpContext): ResidentDetail {
      const row = records.requireRow(input.id);
      if (row.status === 'purged' || row.status === 'archived') {
        throw precondition(
          `${row.name}的档案已${row.status === 'purged' ? '销毁' : '归档'}，不能调整护理等级`,
        );
      }
      const grades = config.get().careGrades;
      if (input.grade !== null && !grades.some((g) => g.key === input.grade)) {
        throw fieldError(
          'grade',
          `没有「${input.grade}」这个护理等级，请从 ${grades.map((g) => g.key).join('、')} 中选择`,
        );
      }
      sql.run(
        qb
          .updateTable('residents')
          .set({
            care_grade_override: input.grade,
            care_grade_override_reason: input.grade === null ? null : input.reason,
            updated_at: ctx.now.toISOString(),
          })
          .where('id', '=', row.id),
      );
      careHistory.applyOverride(ctx, row.id, input.grade, input.reason);
      const after = records.detail(row.id, ctx);
      const from = careGradeFor(config.get(), row.care_category, row.care_grade_override);
      // The reason is free text about the person's health: it stays on the record, which purge
      // clears, and out of the permanent audit log.
      ctx.audit({
        entity: 'resident',
        entityId: row.id,
        before: { careGradeOverride: row.care_grade_override, careGrade: from },
        after: { careGradeOverride: input.grade, careGrade: after.careGrade },
      });
      if (from !== after.careGrade) {
        ctx.emit('residents.careGradeChanged', {
          residentId: row.id,
          from,
          to: after.careGrade,
          cause: 'override',
        });
      }
      ctx.emit('residents.changed', { residentId: row.id, action: 'careGrade' });
      return after;
    },
  };
}

export type LifecycleService = ReturnType<typeof createLifecycle>;
