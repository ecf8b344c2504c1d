import type { ParsedInputOf } from '../../shared/contract';
import {
  employmentLabels,
  staffRoleLabels,
  staffRoles,
  type StaffMember,
  type StaffRole,
} from '../../shared/contract/staff';
import { AppError } from '../../shared/errors';
import { businessDate } from '../../shared/validation';
import { loadExcel, type ListSheet } from '../export/excel';

const headers = [
  '姓名',
  '岗位',
  '用工',
  '折算全职',
  '入职日期',
  '离职日期',
  '电话',
  '证件号码',
  '区域',
  '持护理员证',
  '岗前培训',
] as const;

/** 人员花名册: the same columns the import reads back. */
export function rosterSheet(rows: StaffMember[], institution: string, today: string): ListSheet<never> {
  const sheet: ListSheet<StaffMember> = {
    sheetName: '人员花名册',
    title: `${institution} 人员花名册（${today}，共 ${rows.length} 人）`,
    fileName: `人员花名册-${today}.xlsx`,
    rows,
    columns: [
      { header: headers[0], width: 10, value: (r) => r.name },
      { header: headers[1], width: 18, value: (r) => r.roles.map((x) => staffRoleLabels[x].zh).join('、') },
      { header: headers[2], width: 6, value: (r) => employmentLabels[r.employment].zh },
      { header: headers[3], width: 8, value: (r) => r.fte },
      { header: headers[4], width: 12, value: (r) => r.hiredOn },
      { header: headers[5], width: 12, value: (r) => r.endedOn ?? '' },
      { header: headers[6], width: 14, value: (r) => r.phone, text: true },
      { header: headers[7], width: 20, value: (r) => r.idNumber ?? '', text: true },
      { header: headers[8], width: 12, value: (r) => r.areas.join('、') },
      { header: headers[9], width: 8, value: (r) => (r.certified ? '是' : '否') },
      { header: headers[10], width: 8, value: (r) => (r.preJobTrained ? '是' : '否') },
    ],
  };
  return sheet as unknown as ListSheet<never>;
}

const roleByLabel = new Map<string, StaffRole>(staffRoles.map((r) => [staffRoleLabels[r].zh, r]));

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && 'result' in (v as object))
    return String((v as { result: unknown }).result).trim();
  return String(v as string | number).trim();
}

/** Reads a roster in the export's layout into `staff.create` inputs; any bad row refuses the file. */
export async function readRoster(base64: string): Promise<Array<ParsedInputOf<'staff.create'>>> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', '无法读取这个文件，请选择 .xlsx 格式的 Excel 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION', '文件里没有工作表');
  let headerRow = 0;
  const col = new Map<string, number>();
  for (let r = 1; r <= Math.min(5, sheet.rowCount) && headerRow === 0; r += 1) {
    sheet.getRow(r).eachCell((cell, c) => {
      if (cellText(cell.value) === '姓名') headerRow = r;
      col.set(cellText(cell.value), c);
    });
    if (headerRow === 0) col.clear();
  }
  if (headerRow === 0) throw new AppError('VALIDATION', '没有找到“姓名”列，请使用导出的人员花名册格式');
  const out: Array<ParsedInputOf<'staff.create'>> = [];
  const problems: string[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const get = (h: (typeof headers)[number]) => (col.has(h) ? cellText(row.getCell(col.get(h)!).value) : '');
    const name = get('姓名');
    if (name === '') continue;
    const roles = get('岗位')
      .split(/[、,，\s]+/)
      .filter((x) => x !== '')
      .map((x) => roleByLabel.get(x));
    const hiredOn = get('入职日期');
    const fteText = get('折算全职');
    const employment = get('用工') === '兼职' ? 'partTime' : 'fullTime';
    const fte = fteText === '' ? undefined : Number(fteText);
    if (roles.length === 0 || roles.some((x) => x === undefined))
      problems.push(`第 ${r} 行 ${name}：岗位无法识别`);
    else if (!businessDate.safeParse(hiredOn).success)
      problems.push(`第 ${r} 行 ${name}：入职日期应为 YYYY-MM-DD`);
    else if (fte !== undefined && !(fte >= 0.1 && fte <= 1))
      problems.push(`第 ${r} 行 ${name}：折算全职应在 0.1–1 之间`);
    else {
      const areas = get('区域')
        .split(/[、,，]+/)
        .filter((x) => x !== '');
      out.push({
        name,
        roles: roles as StaffRole[],
        employment,
        hiredOn,
        ...(fte !== undefined ? { fte } : {}),
        ...(get('电话') ? { phone: get('电话') } : {}),
        ...(get('证件号码') && !get('证件号码').includes('*') ? { idNumber: get('证件号码') } : {}),
        ...(areas.length > 0 ? { areas } : {}),
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION',
      `文件中有 ${problems.length} 行需要修改后再导入：${problems.slice(0, 5).join('；')}`,
      {
        problems,
      },
    );
  }
  if (out.length === 0) throw new AppError('VALIDATION', '文件里没有员工，请在“姓名”列下填写');
  return out;
}
