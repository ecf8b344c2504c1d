import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type { FireHazard, HazardLevel, HazardStatus } from '../../shared/contract/fire';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { parseJson, type FireDeps, type ReadOp, type WriteOp } from './common';
import type { FireHazardsTable } from './tables';

type Row = Selectable<FireHazardsTable>;
type Rejection = FireHazard['rejections'][number];

/**
 * What each step of the hazard workflow may follow: assign from reported (or reassign while being
 * rectified), rectify once assigned, verify once rectified. Exported for the state-machine test.
 */
export const hazardSteps: Record<'assign' | 'rectify' | 'verify', readonly HazardStatus[]> = {
  assign: ['reported', 'assigned'],
  rectify: ['assigned'],
  verify: ['rectified'],
};

const stepWords: Record<keyof typeof hazardSteps, string> = {
  assign: '这条隐患已整改或已销案，不能再指派',
  rectify: '这条隐患还没有指派整改负责人，或已整改待验收',
  verify: '这条隐患还没有整改完成，不能验收',
};

/** Overdue: a deadline that has passed while the hazard is still waiting to be rectified. */
export function isOverdue(h: { status: string; deadline: string | null }, today: string): boolean {
  return (h.status === 'reported' || h.status === 'assigned') && h.deadline !== null && h.deadline < today;
}

export function createHazards(deps: FireDeps) {
  const { sql, auth } = deps;
  const today = (now: Date) => localDate(now, deps.timeZone());

  function toHazards(rows: Row[], now: Date): FireHazard[] {
    const ids = rows
      .flatMap((r) => [r.owner_id, r.rectified_by, r.verified_by])
      .filter((x): x is number => x !== null);
    const names = auth.displayNames([...new Set(ids)]);
    const person = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? `#${id}` });
    const day = today(now);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      location: r.location,
      level: r.level as HazardLevel,
      foundOn: r.found_on,
      description: r.description,
      photo: r.photo,
      status: r.status as HazardStatus,
      overdue: isOverdue(r, day),
      sourceRecordId: r.source_record_id,
      owner: person(r.owner_id),
      deadline: r.deadline,
      interimMeasures: r.interim_measures,
      rectifiedOn: r.rectified_on,
      measures: r.measures,
      rectifyPhoto: r.rectify_photo,
      rectifiedBy: person(r.rectified_by),
      verifiedOn: r.verified_on,
      verifiedBy: person(r.verified_by),
      verifyNote: r.verify_note,
      rejections: parseJson<Rejection[]>(r.rejections_json, []),
      reportedBy: r.reported_by,
    }));
  }

  function row(id: number): Row {
    const found = sql.first(sql.qb.selectFrom('fire_hazards').selectAll().where('id', '=', id));
    if (!found) throw new AppError('NOT_FOUND', '找不到这条隐患，可能已被删除，请刷新列表');
    return found;
  }

  function step(id: number, name: keyof typeof hazardSteps): Row {
    const before = row(id);
    if (!hazardSteps[name].includes(before.status as HazardStatus)) {
      throw new AppError('PRECONDITION', stepWords[name], { status: before.status });
    }
    return before;
  }

  function update(before: Row, set: Partial<Row>, op: WriteOp): FireHazard {
    sql.run(
      sql.qb
        .updateTable('fire_hazards')
        .set({ ...set, updated_at: op.now.toISOString() })
        .where('id', '=', before.id),
    );
    const after = row(before.id);
    op.audit({ entity: 'fireHazard', entityId: before.id, before: strip(before), after: strip(after) });
    return toHazards([after], op.now)[0]!;
  }

  function insert(
    values: Omit<
      Row,
      | 'id'
      | 'status'
      | 'created_at'
      | 'updated_at'
      | 'owner_id'
      | 'deadline'
      | 'interim_measures'
      | 'rectified_on'
      | 'measures'
      | 'rectify_photo'
      | 'rectified_by'
      | 'verified_on'
      | 'verified_by'
      | 'verify_note'
      | 'rejections_json'
    >,
    op: WriteOp,
  ): FireHazard {
    const at = op.now.toISOString();
    const { lastInsertRowid: id } = sql.run(
      sql.qb.insertInto('fire_hazards').values({
        ...values,
        status: 'reported',
        interim_measures: '',
        measures: '',
        verify_note: '',
        rejections_json: '[]',
        created_at: at,
        updated_at: at,
      }),
    );
    const after = row(id);
    op.audit({ entity: 'fireHazard', entityId: id, after: strip(after) });
    return toHazards([after], op.now)[0]!;
  }

  return {
    create(input: ParsedInputOf<'fire.hazards.create'>, op: WriteOp): FireHazard {
      if (input.foundOn > today(op.now)) throw fieldError('foundOn', '发现日期不能晚于今天');
      return insert(
        {
          title: input.title,
          location: input.location,
          level: input.level,
          found_on: input.foundOn,
          description: input.description,
          photo: input.photo ?? null,
          source_record_id: null,
          source_item_key: null,
          reported_by: op.user?.displayName ?? null,
        },
        op,
      );
    },

    /** A failed checklist item not fixed on the spot becomes a hazard to be taken to closure. */
    openFromRecord(
      h: {
        recordId: number;
        itemKey: string;
        title: string;
        location: string;
        foundOn: string;
        description: string;
        photo: string | null;
      },
      op: WriteOp,
    ): FireHazard {
      return insert(
        {
          title: h.title,
          location: h.location,
          level: 'general',
          found_on: h.foundOn,
          description: h.description,
          photo: h.photo,
          source_record_id: h.recordId,
          source_item_key: h.itemKey,
          reported_by: op.user?.displayName ?? null,
        },
        op,
      );
    },

    assign(input: ParsedInputOf<'fire.hazards.assign'>, op: WriteOp): FireHazard {
      const before = step(input.id, 'assign');
      if (!auth.displayNames([input.ownerId]).has(input.ownerId)) {
        throw fieldError('ownerId', '所选整改负责人不存在，请重新选择');
      }
      if (input.deadline < before.found_on) throw fieldError('deadline', '整改期限不能早于发现日期');
      return update(
        before,
        {
          status: 'assigned',
          owner_id: input.ownerId,
          deadline: input.deadline,
          interim_measures: input.interimMeasures,
        },
        op,
      );
    },

    rectify(input: ParsedInputOf<'fire.hazards.rectify'>, op: WriteOp): FireHazard {
      const before = step(input.id, 'rectify');
      if (input.on > today(op.now)) throw fieldError('on', '整改日期不能晚于今天');
      if (input.on < before.found_on) throw fieldError('on', '整改日期不能早于发现日期');
      return update(
        before,
        {
          status: 'rectified',
          rectified_on: input.on,
          measures: input.measures,
          rectify_photo: input.photo ?? null,
          rectified_by: op.user?.id ?? null,
        },
        op,
      );
    },

    verify(input: ParsedInputOf<'fire.hazards.verify'>, op: WriteOp): FireHazard {
      const before = step(input.id, 'verify');
      if (op.user && before.rectified_by === op.user.id) {
        throw new AppError('FORBIDDEN', '整改人不能验收自己整改的隐患，请由另一位消防安全管理人验收');
      }
      if (input.on > today(op.now)) throw fieldError('on', '验收日期不能晚于今天');
      if (before.rectified_on && input.on < before.rectified_on)
        throw fieldError('on', '验收日期不能早于整改日期');
      if (!input.accepted && !input.note) throw fieldError('note', '验收不通过时请写明还有什么问题');
      if (input.accepted) {
        return update(
          before,
          {
            status: 'closed',
            verified_on: input.on,
            verified_by: op.user?.id ?? null,
            verify_note: input.note,
          },
          op,
        );
      }
      const rejections = parseJson<Rejection[]>(before.rejections_json, []);
      rejections.push({ on: input.on, note: input.note, by: op.user?.displayName ?? '' });
      return update(
        before,
        {
          status: 'assigned',
          rectified_on: null,
          rectified_by: null,
          rejections_json: JSON.stringify(rejections),
        },
        op,
      );
    },

    list(status: HazardStatus | 'open' | 'overdue' | undefined, op: ReadOp): FireHazard[] {
      let q = sql.qb.selectFrom('fire_hazards').selectAll();
      if (status === 'open' || status === 'overdue') q = q.where('status', '!=', 'closed');
      else if (status) q = q.where('status', '=', status);
      const list = toHazards(sql.all(q.orderBy('found_on', 'desc').orderBy('id', 'desc')), op.now);
      return status === 'overdue' ? list.filter((h) => h.overdue) : list;
    },

    idsFromRecord(recordId: number): number[] {
      return sql
        .all(sql.qb.selectFrom('fire_hazards').select('id').where('source_record_id', '=', recordId))
        .map((r) => r.id);
    },
  };
}

/** Photos are files the audit row need not repeat. */
function strip(row: Row) {
  const { photo, rectify_photo, ...rest } = row;
  return { ...rest, photo: photo ? '(照片)' : null, rectify_photo: rectify_photo ? '(照片)' : null };
}

export type FireHazards = ReturnType<typeof createHazards>;
