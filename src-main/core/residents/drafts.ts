import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type { AdmissionDraft } from '../../shared/contract/residents';
import { fieldError } from '../../shared/errors';
import { maskName, notFound, parseJson, type ModuleDeps, type OpContext } from './common';
import type { ResidentRecords } from './residents';
import type { AdmissionDraftsTable } from './tables';

/** Half-finished admission wizards, so a front desk interrupted by a phone call loses nothing. */
export function createDrafts(deps: ModuleDeps & { records: ResidentRecords }) {
  const { sql, records } = deps;
  const { qb } = sql;

  function rowOf(row: Selectable<AdmissionDraftsTable>): AdmissionDraft {
    return {
      id: row.id,
      residentId: row.resident_id,
      residentName: row.resident_name,
      step: row.step,
      data: parseJson<unknown>(row.data_json, null),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by === null ? null : (records.userNames([row.updated_by])[0] ?? null),
    };
  }

  function requireDraft(id: number): Selectable<AdmissionDraftsTable> {
    const row = sql.first(qb.selectFrom('admission_drafts').selectAll().where('id', '=', id));
    if (!row) throw notFound('份入住草稿');
    return row;
  }

  return {
    save(input: ParsedInputOf<'admissions.saveDraft'>, ctx: OpContext): AdmissionDraft {
      if (input.residentId !== null && !records.findRow(input.residentId)) {
        throw fieldError('residentId', '草稿关联的老人档案不存在，请重新选择');
      }
      const values = {
        resident_id: input.residentId,
        resident_name: input.residentName,
        step: input.step,
        data_json: JSON.stringify(input.data ?? null),
        updated_at: ctx.now.toISOString(),
        updated_by: ctx.user?.id ?? null,
      };
      let id = input.id;
      if (id === undefined) {
        id = sql.run(qb.insertInto('admission_drafts').values(values)).lastInsertRowid;
      } else {
        requireDraft(id);
        sql.run(qb.updateTable('admission_drafts').set(values).where('id', '=', id));
      }
      const after = rowOf(requireDraft(id));
      // The draft's content may hold a full 身份证号 typed into the wizard: the log keeps only its shape.
      ctx.audit({
        entity: 'admissionDraft',
        entityId: id,
        after: { residentId: after.residentId, residentName: maskName(after.residentName), step: after.step },
      });
      return after;
    },

    list(): AdmissionDraft[] {
      return sql
        .all(
          qb.selectFrom('admission_drafts').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc'),
        )
        .map(rowOf);
    },

    remove(id: number, ctx: OpContext): null {
      const row = requireDraft(id);
      sql.run(qb.deleteFrom('admission_drafts').where('id', '=', id));
      ctx.audit({
        entity: 'admissionDraft',
        entityId: id,
        before: { residentId: row.resident_id, residentName: maskName(row.resident_name), step: row.step },
        after: null,
      });
      return null;
    },
  };
}

export type DraftsService = ReturnType<typeof createDrafts>;
