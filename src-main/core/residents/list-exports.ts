import { careCategoryLabels } from '../../shared/assessment/ability';
import { nineRiskItems, nineRiskLevelLabels } from '../../shared/assessment/nine-risks';
import {
  bedKindLabels,
  bedStatusLabels,
  boardBeds,
  type AssessmentDueRow,
  type RiskBadge,
} from '../../shared/contract/residents';
import { idTypeLabels, sexLabels } from '../../shared/id-number';
import { leaveKindLabels, supportTypeLabels } from '../../shared/residents/lifecycle';
import { idNumberShown, type ListSheet } from '../export/excel';
import { todayOf, type ModuleDeps, type OpContext } from './common';
import type { AssessmentsService } from './assessments';
import type { FacilitiesService } from './facilities';
import type { ResidentRecords } from './residents';

const dueWhy: Record<AssessmentDueRow['why'], string> = {
  never: '从未评估',
  interval: '到期复评',
  flagged: '状况变化',
};

const risksText = (badges: RiskBadge[]) =>
  badges.map((b) => `${nineRiskItems[b.key].zh}（${nineRiskLevelLabels[b.level].zh}）`).join('、');

/**
 * The lists the front desk hands to others (轮候, 待评估, 床位清单) as Excel files, each export
 * audited with who took which residents out.
 */
/** Typed by its rows, stored without them: the workbook is built after the commit (`listWorkbook`). */
const sheet = <R>(s: ListSheet<R>) => s as unknown as ListSheet<never>;

/**
 * Each export reads its rows and audits inside the call's transaction and returns the sheet; the
 * handler builds the workbook after the commit.
 */
export function createListExports(
  residents: { records: ResidentRecords; assessments: AssessmentsService; facilities: FacilitiesService },
  deps: Pick<ModuleDeps, 'institution'>,
) {
  const heading = (what: string, today: string, count: string) =>
    `${deps.institution.find()?.name ?? ''} ${what}（${today} 导出，${count}）`;

  return {
    /** In priority order; full ID numbers only for holders of residents.viewIdNumber. */
    waitingList(ctx: OpContext, mayViewFull: boolean): ListSheet<never> {
      const today = todayOf(deps, ctx);
      const rows = residents.records.waitingList(ctx);
      const full = new Map(
        mayViewFull ? rows.map((r) => [r.id, residents.records.findRow(r.id)?.id_number ?? '']) : [],
      );
      ctx.audit({
        entity: 'waitingListExport',
        after: { count: rows.length, residentIds: rows.map((r) => r.id), unmaskedIds: mayViewFull },
      });
      return sheet({
        sheetName: '轮候名单',
        title: heading(
          '轮候名单',
          today,
          `共 ${rows.length} 人${mayViewFull ? '；含完整证件号码，请妥善保管' : '；证件号码已脱敏'}`,
        ),
        fileName: `轮候名单-${today}.xlsx`,
        rows,
        columns: [
          { header: '顺位', width: 6, value: (_r, i) => i + 1 },
          { header: '姓名', width: 10, value: (r) => r.name },
          { header: '性别', width: 6, value: (r) => (r.sex ? sexLabels[r.sex].zh : '') },
          { header: '年龄', width: 6, value: (r) => r.age },
          { header: '证件类型', width: 12, value: (r) => idTypeLabels[r.idType].zh },
          {
            header: mayViewFull ? '证件号码' : '证件号码（已脱敏）',
            width: 22,
            text: true,
            value: (r) => (mayViewFull ? idNumberShown(full.get(r.id), true) : r.idNumberMasked),
          },
          { header: '供养类型', width: 14, value: (r) => supportTypeLabels[r.supportType].zh },
          {
            header: '护理类别',
            width: 10,
            value: (r) => (r.careCategory ? careCategoryLabels[r.careCategory].zh : '未评估'),
          },
          { header: '申请日期', width: 12, value: (r) => r.appliedOn },
          { header: '九防中高风险', width: 30, value: (r) => risksText(r.riskBadges) },
        ],
      });
    },

    assessmentsDue(ctx: OpContext): ListSheet<never> {
      const today = todayOf(deps, ctx);
      const rows = residents.assessments.due(ctx);
      ctx.audit({
        entity: 'assessmentsDueExport',
        after: { count: rows.length, residentIds: rows.map((r) => r.residentId) },
      });
      return sheet({
        sheetName: '待评估',
        title: heading('待评估老人', today, `共 ${rows.length} 人`),
        fileName: `待评估-${today}.xlsx`,
        rows,
        columns: [
          { header: '序号', width: 6, value: (_r, i) => i + 1 },
          { header: '姓名', width: 10, value: (r) => r.name },
          { header: '床位', width: 18, value: (r) => r.bedLabel ?? '' },
          { header: '原因', width: 10, value: (r) => dueWhy[r.why] },
          { header: '说明', width: 30, value: (r) => r.flagReason ?? '' },
          { header: '上次评估', width: 12, value: (r) => r.lastAssessedOn ?? '' },
          {
            header: '应评估日期',
            width: 16,
            value: (r) => (r.dueOn ? `${r.dueOn}${r.dueOn < today ? '（已逾期）' : ''}` : '尽快'),
          },
        ],
      });
    },

    beds(buildingId: number | undefined, ctx: OpContext): ListSheet<never> {
      const today = todayOf(deps, ctx);
      const board = residents.facilities.board(buildingId, ctx);
      const beds = boardBeds(board);
      const occupied = beds.filter((b) => b.resident).length;
      ctx.audit({
        entity: 'bedListExport',
        after: {
          buildingId: buildingId ?? null,
          count: beds.length,
          residentIds: beds.flatMap((b) => (b.resident ? [b.resident.id] : [])),
        },
      });
      return sheet({
        sheetName: '床位清单',
        title: heading('床位清单', today, `共 ${beds.length} 张床，${occupied} 张有人`),
        fileName: `床位清单-${today}.xlsx`,
        rows: beds,
        columns: [
          { header: '楼栋', width: 12, value: (b) => b.buildingName },
          { header: '楼层', width: 6, value: (b) => b.floor },
          { header: '房间', width: 8, value: (b) => b.roomNumber, text: true },
          { header: '床位', width: 10, value: (b) => `${b.label}床`, text: true },
          { header: '房型', width: 10, value: (b) => b.roomClass },
          { header: '床位类型', width: 12, value: (b) => bedKindLabels[b.kind].zh },
          { header: '状态', width: 16, value: (b) => bedStatusLabels[b.status].zh },
          { header: '停用原因', width: 18, value: (b) => b.outOfServiceReason ?? '' },
          { header: '老人', width: 10, value: (b) => b.resident?.name ?? '' },
          {
            header: '护理类别',
            width: 10,
            value: (b) =>
              b.resident
                ? b.resident.careCategory
                  ? careCategoryLabels[b.resident.careCategory].zh
                  : '未评估'
                : '',
          },
          { header: '护理等级', width: 10, value: (b) => b.resident?.careGrade ?? '' },
          {
            header: '请假',
            width: 22,
            value: (b) =>
              b.resident?.leave
                ? `${leaveKindLabels[b.resident.leave.kind].zh}${b.resident.leave.expectedReturnOn ? `，预计 ${b.resident.leave.expectedReturnOn} 返回` : ''}`
                : '',
          },
          { header: '九防中高风险', width: 30, value: (b) => risksText(b.resident?.riskBadges ?? []) },
        ],
      });
    },
  };
}
