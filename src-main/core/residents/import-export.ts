import type ExcelJS from 'exceljs';
import { loadExcel } from '../export/excel';
import { careCategoryLabels } from '../../shared/assessment/ability';
import { nineRiskItems, nineRiskLevelLabels } from '../../shared/assessment/nine-risks';
import {
  maritalStatusLabels,
  maritalStatuses,
  residentProfileSchema,
  type FileDownload,
  type ImportProblem,
  type ImportReport,
} from '../../shared/contract/residents';
import type { ParsedInputOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { hasPermission, permissionLabels } from '../../shared/permissions';
import { idTypeLabels, idTypes, isCalendarDate, sexLabels } from '../../shared/id-number';
import { residentStatusLabels, supportTypeLabels, supportTypes } from '../../shared/residents/lifecycle';
import { toFieldErrors } from '../../shared/validation';
import { decodeBase64 } from './attachments';
import { maskName, todayOf, type ModuleDeps, type OpContext } from './common';
import type { CareHistoryService } from './care-history';
import type { ResidentsConfigService } from './config';
import { fullBedLabel, type FacilitiesService } from './facilities';
import type { ResidentListFilter, ResidentRecords } from './residents';
import type { ResidentListRow } from '../../shared/contract/residents';

type ImportKey =
  | 'name'
  | 'idType'
  | 'idNumber'
  | 'birthDate'
  | 'sex'
  | 'phone'
  | 'nativePlace'
  | 'ethnicity'
  | 'maritalStatus'
  | 'education'
  | 'formerOccupation'
  | 'insuranceType'
  | 'insuranceNumber'
  | 'supportType'
  | 'diagnoses'
  | 'allergies'
  | 'dietRestrictions'
  | 'contactName'
  | 'contactRelation'
  | 'contactPhone'
  | 'contactIsGuardian'
  | 'appliedOn'
  | 'building'
  | 'bed'
  | 'admittedOn'
  | 'notes';

interface ColumnDef {
  key: ImportKey;
  header: string;
  width: number;
  note: string;
  /** Choices offered as a drop-down in the template. */
  list?: readonly string[];
  /** Stored as text so Excel does not turn long numbers into 1.1E+17. */
  text?: boolean;
  date?: boolean;
}

const yesNo = ['是', '否'] as const;

export const importColumns: readonly ColumnDef[] = [
  { key: 'name', header: '姓名*', width: 10, note: '必填' },
  {
    key: 'idType',
    header: '证件类型',
    width: 16,
    note: '不填默认为居民身份证',
    list: idTypes.map((t) => idTypeLabels[t].zh),
  },
  { key: 'idNumber', header: '证件号码*', width: 22, note: '必填；身份证号会校验最后一位', text: true },
  {
    key: 'birthDate',
    header: '出生日期',
    width: 12,
    note: '身份证以外的证件须填写，如 1940-05-12',
    date: true,
  },
  { key: 'sex', header: '性别', width: 6, note: '身份证以外的证件须填写', list: ['男', '女'] },
  { key: 'phone', header: '本人电话', width: 14, note: '', text: true },
  { key: 'nativePlace', header: '籍贯', width: 12, note: '' },
  { key: 'ethnicity', header: '民族', width: 8, note: '如 汉族' },
  {
    key: 'maritalStatus',
    header: '婚姻状况',
    width: 10,
    note: '',
    list: maritalStatuses.map((m) => maritalStatusLabels[m].zh),
  },
  { key: 'education', header: '文化程度', width: 10, note: '' },
  { key: 'formerOccupation', header: '原职业', width: 12, note: '' },
  { key: 'insuranceType', header: '医保类型', width: 14, note: '如 城镇职工医保' },
  { key: 'insuranceNumber', header: '医保号', width: 18, note: '', text: true },
  {
    key: 'supportType',
    header: '供养类型',
    width: 14,
    note: '不填默认为社会老人',
    list: supportTypes.map((s) => supportTypeLabels[s].zh),
  },
  { key: 'diagnoses', header: '疾病诊断', width: 24, note: '多个用顿号、分隔' },
  { key: 'allergies', header: '过敏史', width: 14, note: '多个用顿号、分隔' },
  { key: 'dietRestrictions', header: '饮食禁忌', width: 14, note: '多个用顿号、分隔' },
  { key: 'contactName', header: '联系人姓名', width: 10, note: '' },
  { key: 'contactRelation', header: '联系人关系', width: 10, note: '如 儿子、女儿' },
  { key: 'contactPhone', header: '联系人电话', width: 14, note: '填联系人时必填', text: true },
  { key: 'contactIsGuardian', header: '联系人是否监护人', width: 10, note: '是/否', list: yesNo },
  { key: 'appliedOn', header: '申请日期', width: 12, note: '不填默认为今天', date: true },
  { key: 'building', header: '楼栋', width: 10, note: '已入住的老人填写，须与系统中的楼栋名称一致' },
  { key: 'bed', header: '床位号', width: 10, note: '已入住的老人填写，如 301-2' },
  {
    key: 'admittedOn',
    header: '入住日期',
    width: 12,
    note: '已入住的老人填写，须早于今天（今天及以后入住的请在系统中办理入住）',
    date: true,
  },
  { key: 'notes', header: '备注', width: 24, note: '' },
];

/** Who may import which rows: placing people in beds also needs `facilities.manage`. */
export interface ImportAccess {
  mayPlace: boolean;
}

/** How a ledger placement reads in the history, so it is never mistaken for an admission done here. */
export const historicalImportLabel = '导入（历史入住）';
const importedUnassessed = '导入时未在系统中评估';
/** The assessments-due reason for every resident the import placed in a bed. */
export const importedUnassessedFlag = `${importedUnassessed}，请尽快完成能力评估和九防风险评估`;

const headerOf = (key: ImportKey) => importColumns.find((c) => c.key === key)!.header.replace('*', '');
const SHEET = '老人信息';
const MAX_ROWS = 5000;
const TEMPLATE_ROWS = 500;

type RawRow = Partial<Record<ImportKey, string>>;
export interface ParsedRow {
  row: number;
  raw: RawRow;
  problems: ImportProblem[];
  profile: ParsedInputOf<'residents.create'> | null;
  placement: { building: string; bed: string; admittedOn: string } | null;
}

function dateText(d: Date): string {
  // exceljs hands out Excel dates as UTC midnight.
  return d.toISOString().slice(0, 10);
}

/** The text a user meant in a cell, whatever Excel stored (numbers, dates, rich text, formulas). */
function cellText(value: ExcelJS.CellValue, column: ColumnDef): { text: string; problem?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: dateText(value) };
  if (typeof value === 'number') {
    if (column.key === 'idNumber' && (!Number.isSafeInteger(value) || String(value).length > 15)) {
      return {
        text: String(value),
        problem: 'Excel 把证件号码存成了数字，最后几位已经丢失；请把这一列设为「文本」格式后重新输入号码',
      };
    }
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'object') {
    if ('richText' in value)
      return {
        text: value.richText
          .map((r) => r.text)
          .join('')
          .trim(),
      };
    if ('text' in value && typeof value.text === 'string') return { text: value.text.trim() };
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, column);
    if ('error' in value)
      return { text: '', problem: `单元格是 Excel 错误值（${String(value.error)}），请改为实际内容` };
  }
  return { text: String(value as unknown).trim() };
}

/** Accepts the ways people write dates in a ledger: 2024-01-31, 2024/1/31, 2024.1.31, 2024年1月31日, 20240131. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

function splitList(text: string): string[] {
  return text
    .split(/[、,，;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function byLabel<K extends string>(labels: Record<K, { zh: string }>, text: string): K | undefined {
  const entries = Object.entries(labels) as Array<[K, { zh: string }]>;
  return (
    entries.find(([, l]) => l.zh === text)?.[0] ??
    // Ledgers often write the short form: 特困 for 特困供养, 社会 for 社会老人, 身份证 for 居民身份证.
    entries.find(([, l]) => text.length >= 2 && (l.zh.startsWith(text) || l.zh.includes(text)))?.[0]
  );
}

const pathColumn: Record<string, ImportKey> = {
  name: 'name',
  idType: 'idType',
  idNumber: 'idNumber',
  birthDate: 'birthDate',
  sex: 'sex',
  phone: 'phone',
  nativePlace: 'nativePlace',
  ethnicity: 'ethnicity',
  maritalStatus: 'maritalStatus',
  education: 'education',
  formerOccupation: 'formerOccupation',
  insuranceType: 'insuranceType',
  insuranceNumber: 'insuranceNumber',
  supportType: 'supportType',
  diagnoses: 'diagnoses',
  allergies: 'allergies',
  dietRestrictions: 'dietRestrictions',
  notes: 'notes',
  appliedOn: 'appliedOn',
  'contacts.name': 'contactName',
  'contacts.relation': 'contactRelation',
  'contacts.phones': 'contactPhone',
};

function columnForPath(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const key = pathColumn[parts.slice(0, 2).join('.')] ?? pathColumn[parts[0] ?? ''];
  return key ? headerOf(key) : path;
}

/** One problem per cell: the first reason found is the one to fix first. */
function addProblem(problems: ImportProblem[], problem: ImportProblem): void {
  if (!problems.some((p) => p.row === problem.row && p.column === problem.column)) problems.push(problem);
}

/** Turns one sheet row into a profile, collecting every problem instead of stopping at the first. */
function parseRow(rowNumber: number, raw: RawRow, cellProblems: ImportProblem[]): ParsedRow {
  const problems = [...cellProblems];
  const problem = (key: ImportKey, reason: string) =>
    addProblem(problems, { row: rowNumber, column: headerOf(key), reason });
  const v = (key: ImportKey) => raw[key] ?? '';

  const date = (key: ImportKey): string | undefined => {
    const text = v(key);
    if (text === '') return undefined;
    const d = normalizeDate(text);
    if (!d) problem(key, `「${text}」不是有效日期，请写成 2024-01-31 这样的格式`);
    return d ?? undefined;
  };

  const idTypeText = v('idType');
  const idType = idTypeText === '' ? 'resident' : byLabel(idTypeLabels, idTypeText);
  if (idType === undefined) problem('idType', `证件类型「${idTypeText}」不认识，请从下拉列表中选择`);
  const sexText = v('sex');
  const sex = sexText === '' ? undefined : byLabel(sexLabels, sexText);
  if (sexText !== '' && !sex) problem('sex', `性别请填「男」或「女」`);
  const maritalText = v('maritalStatus');
  const maritalStatus = maritalText === '' ? undefined : byLabel(maritalStatusLabels, maritalText);
  if (maritalText !== '' && !maritalStatus)
    problem('maritalStatus', `婚姻状况「${maritalText}」不认识，请从下拉列表中选择`);
  const supportText = v('supportType');
  const supportType = supportText === '' ? 'social' : byLabel(supportTypeLabels, supportText);
  if (!supportType) problem('supportType', `供养类型「${supportText}」不认识，请从下拉列表中选择`);
  const guardianText = v('contactIsGuardian');
  if (guardianText !== '' && !(yesNo as readonly string[]).includes(guardianText)) {
    problem('contactIsGuardian', '请填「是」或「否」');
  }

  const contactGiven = v('contactName') !== '' || v('contactPhone') !== '' || v('contactRelation') !== '';
  const profile: Record<string, unknown> = {
    name: v('name'),
    idType: idType ?? 'resident',
    idNumber: v('idNumber'),
    birthDate: date('birthDate'),
    sex,
    phone: v('phone') || undefined,
    nativePlace: v('nativePlace') || undefined,
    ethnicity: v('ethnicity') || undefined,
    maritalStatus,
    education: v('education') || undefined,
    formerOccupation: v('formerOccupation') || undefined,
    insuranceType: v('insuranceType') || undefined,
    insuranceNumber: v('insuranceNumber') || undefined,
    supportType: supportType ?? 'social',
    diagnoses: splitList(v('diagnoses')),
    allergies: splitList(v('allergies')),
    dietRestrictions: splitList(v('dietRestrictions')),
    contacts: contactGiven
      ? [
          {
            name: v('contactName'),
            relation: v('contactRelation'),
            phones: v('contactPhone') === '' ? [] : splitList(v('contactPhone')),
            isGuardian: guardianText === '是',
            isEmergency: true,
          },
        ]
      : [],
    notes: v('notes') || undefined,
    appliedOn: date('appliedOn'),
  };
  if (v('name') === '') problem('name', '姓名为必填项，请填写');
  if (v('idNumber') === '') problem('idNumber', '证件号码为必填项，请填写');
  const parsed = residentProfileSchema.safeParse(profile);
  if (!parsed.success) {
    for (const fe of toFieldErrors(parsed.error)) {
      addProblem(problems, { row: rowNumber, column: columnForPath(fe.path), reason: fe.message });
    }
  }

  let placement: ParsedRow['placement'] = null;
  const placementKeys: ImportKey[] = ['building', 'bed', 'admittedOn'];
  if (placementKeys.some((k) => v(k) !== '')) {
    const admittedOn = date('admittedOn');
    for (const k of placementKeys) {
      if (v(k) === '') problem(k, '已入住的老人须同时填写楼栋、床位号和入住日期');
    }
    if (v('building') !== '' && v('bed') !== '' && admittedOn) {
      placement = { building: v('building'), bed: v('bed'), admittedOn };
    }
  }
  return {
    row: rowNumber,
    raw,
    problems,
    profile: parsed.success ? parsed.data : null,
    placement,
  };
}

type ImportRows = Array<{ row: number; raw: RawRow; cellProblems: ImportProblem[] }>;

export function createImportExport(
  deps: ModuleDeps & {
    config: ResidentsConfigService;
    records: ResidentRecords;
    facilities: FacilitiesService;
    careHistory: CareHistoryService;
  },
) {
  const { sql, records, facilities, institution, auth, careHistory } = deps;
  const { qb } = sql;

  async function templateWorkbook(): Promise<{ workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
    const workbook = new (await loadExcel()).Workbook();
    workbook.creator = 'CareDesk';
    const sheet = workbook.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = importColumns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    importColumns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      if (c.header.endsWith('*')) cell.font = { bold: true, color: { argb: 'FFCF1322' } };
      if (c.note) cell.note = c.note;
      if (c.list) {
        for (let r = 2; r <= TEMPLATE_ROWS + 1; r += 1) {
          sheet.getCell(r, i + 1).dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [`"${c.list.join(',')}"`],
            showErrorMessage: true,
            errorTitle: '请从列表中选择',
            error: `请从下拉列表中选择${c.header.replace('*', '')}`,
          };
        }
      }
    });
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'col', width: 18 },
      { header: '说明', key: 'note', width: 60 },
    ];
    help.getRow(1).font = { bold: true };
    help.addRow({
      col: '说明',
      note: '每行一位老人，从第2行开始填写；带 * 的列必须填写。不要修改第1行的列名。',
    });
    help.addRow({
      col: '说明',
      note: '证件号码、电话请按文本填写（模板已设好），否则 Excel 会把18位号码的后几位变成0。',
    });
    help.addRow({
      col: '说明',
      note: '系统启用前已经在院的老人请填写楼栋、床位号和入住日期（须早于今天），导入后显示为在住，并列入待评估名单，请尽快补做能力评估和九防风险评估；其余老人导入后进入轮候名单。',
    });
    help.addRow({
      col: '说明',
      note: '今天或以后入住的老人不能用导入安排床位：请先完成评估，再在系统中办理入住。导入在院老人需要“管理楼栋、房间和床位”权限。',
    });
    for (const c of importColumns) if (c.note) help.addRow({ col: c.header, note: c.note });
    return { workbook, sheet };
  }

  async function toDownload(workbook: ExcelJS.Workbook, fileName: string): Promise<FileDownload> {
    const buffer = await workbook.xlsx.writeBuffer();
    return { fileName, base64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
  }

  /** Reads the uploaded file into raw rows; file-level problems (not an xlsx, missing columns) are thrown. */
  async function readRows(base64: string): Promise<ImportRows> {
    const bytes = decodeBase64(base64, 'base64');
    const workbook = new (await loadExcel()).Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError(
        'VALIDATION',
        '无法读取这个文件。请上传 Excel 的 .xlsx 文件（如为 .xls 旧格式，请在 Excel 中另存为 .xlsx）。',
        {
          fieldErrors: [{ path: 'base64', message: '文件不是有效的 .xlsx 表格' }],
        },
      );
    }
    const sheet = workbook.getWorksheet(SHEET) ?? workbook.worksheets[0];
    if (!sheet) throw new AppError('VALIDATION', '文件里没有工作表，请使用导入模板填写。');
    const columns = new Map<number, ColumnDef>();
    sheet.getRow(1).eachCell((cell, col) => {
      const text = cellText(cell.value, importColumns[0]!).text.replace(/[*＊\s]/g, '');
      const def = importColumns.find((c) => c.header.replace('*', '') === text);
      if (def) columns.set(col, def);
    });
    const missing = importColumns
      .filter((c) => c.header.endsWith('*') && ![...columns.values()].includes(c))
      .map((c) => c.header.replace('*', ''));
    if (missing.length > 0) {
      const reason = `第1行缺少「${missing.join('」「')}」列，请下载导入模板，按模板的列名填写`;
      throw new AppError('VALIDATION', reason, {
        problems: missing.map((m) => ({ row: 1, column: m, reason })),
      });
    }
    const rows: Array<{ row: number; raw: RawRow; cellProblems: ImportProblem[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const raw: RawRow = {};
      const cellProblems: ImportProblem[] = [];
      for (const [col, def] of columns) {
        const { text, problem } = cellText(row.getCell(col).value, def);
        if (text !== '') raw[def.key] = text;
        if (problem) cellProblems.push({ row: rowNumber, column: headerOf(def.key), reason: problem });
      }
      if (Object.keys(raw).length > 0 || cellProblems.length > 0)
        rows.push({ row: rowNumber, raw, cellProblems });
    });
    if (rows.length > MAX_ROWS) {
      throw new AppError(
        'VALIDATION',
        `一次最多导入 ${MAX_ROWS} 行，这个文件有 ${rows.length} 行。请分成几个文件导入。`,
      );
    }
    return rows;
  }

  /**
   * Every check that needs the database: the document number (checksum, duplicates in the system
   * and in the file) and, for residents already living here, their bed. Runs inside the commit's
   * transaction too, so nothing changes between check and insert.
   */
  function checkRows(
    raws: Array<{ row: number; raw: RawRow; cellProblems: ImportProblem[] }>,
    ctx: { now: Date },
    access: ImportAccess,
  ): { parsed: ParsedRow[]; report: ImportReport } {
    const today = todayOf(deps, ctx);
    let placers: string | null = null;
    const whoMayPlace = () =>
      (placers ??= auth
        .listRoles()
        .filter((r) => hasPermission(r.permissions, 'facilities.manage'))
        .map((r) => r.nameZh)
        .join('、'));
    const seenIds = new Map<string, number>();
    const seenBeds = new Map<number, number>();
    const buildings = new Map(facilities.buildings().map((b) => [b.name, b.id]));
    const parsed = raws.map(({ row, raw, cellProblems }) => {
      const p = parseRow(row, raw, cellProblems);
      const problem = (key: ImportKey, reason: string) =>
        addProblem(p.problems, { row, column: headerOf(key), reason });
      if (p.profile) {
        try {
          const cols = records.profileColumns(p.profile, null, today);
          const key = `${cols.id_type}:${cols.id_number}`;
          const first = seenIds.get(key);
          if (first !== undefined)
            problem('idNumber', `与第 ${first} 行的证件号码重复，同一位老人只能导入一次`);
          else seenIds.set(key, row);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          for (const fe of error.details?.fieldErrors ?? [{ path: 'idNumber', message: error.message }]) {
            problem((pathColumn[fe.path] ?? 'idNumber') as ImportKey, fe.message);
          }
        }
      }
      if (p.placement) {
        // Placing someone in a bed skips the admission checks (assessments within 30 days), so
        // it is only for the go-live migration of people who already lived here before today.
        if (p.placement.admittedOn >= today) {
          problem(
            'admittedOn',
            `入住日期 ${p.placement.admittedOn} 不早于今天（${today}）：导入只能登记系统启用前已经在院的老人。今天或以后入住的老人，请清空楼栋、床位号和入住日期作为轮候老人导入，完成能力评估和九防风险评估后在系统中办理入住`,
          );
        }
        if (!access.mayPlace) {
          problem(
            'building',
            `导入在院老人（安排床位）需要“${permissionLabels['facilities.manage'].zh}”权限，您没有此权限。请由${whoMayPlace() || '管理员'}导入这一行，或清空楼栋、床位号和入住日期作为轮候老人导入`,
          );
        }
        const buildingId = buildings.get(p.placement.building);
        if (buildingId === undefined) {
          problem(
            'building',
            `系统中没有名为「${p.placement.building}」的楼栋，请核对楼栋名称（现有：${[...buildings.keys()].join('、') || '无'}）`,
          );
        } else {
          const bed = sql.first(
            qb
              .selectFrom('beds as b')
              .innerJoin('rooms as rm', 'rm.id', 'b.room_id')
              .select('b.id')
              .where('rm.building_id', '=', buildingId)
              .where('b.label', '=', p.placement.bed)
              .where('b.retired_on', 'is', null),
          );
          if (!bed) {
            problem(
              'bed',
              `${p.placement.building}没有「${p.placement.bed}」床位，请按「房间号-床号」填写，如 301-2`,
            );
          } else {
            const first = seenBeds.get(bed.id);
            if (first !== undefined) problem('bed', `与第 ${first} 行是同一张床位，一张床只能安排一位老人`);
            else {
              seenBeds.set(bed.id, row);
              try {
                facilities.requireAvailable(bed.id, 'bed');
              } catch (error) {
                if (!(error instanceof AppError)) throw error;
                problem('bed', error.details?.fieldErrors?.[0]?.message ?? error.message);
              }
            }
          }
        }
      }
      return p;
    });
    const problems = parsed.flatMap((p) => p.problems);
    return {
      parsed,
      report: {
        totalRows: parsed.length,
        validRows: parsed.filter((p) => p.problems.length === 0).length,
        problems,
      },
    };
  }

  async function rejectedRowsFile(rejected: ParsedRow[], today: string): Promise<FileDownload> {
    const { workbook, sheet } = await templateWorkbook();
    const reasonCol = importColumns.length + 1;
    sheet.getRow(1).getCell(reasonCol).value = '问题说明（改好后可删除此列）';
    sheet.getRow(1).getCell(reasonCol).font = { bold: true, color: { argb: 'FFCF1322' } };
    sheet.getColumn(reasonCol).width = 50;
    rejected.forEach((p, i) => {
      const row = sheet.getRow(i + 2);
      importColumns.forEach((c, ci) => {
        const value = p.raw[c.key];
        if (value !== undefined) row.getCell(ci + 1).value = value;
        if (p.problems.some((x) => x.column === headerOf(c.key))) {
          row.getCell(ci + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFCCC7' } };
        }
      });
      row.getCell(reasonCol).value = p.problems
        .map((x) => `原第${x.row}行「${x.column}」：${x.reason}`)
        .join('\n');
      row.getCell(reasonCol).alignment = { wrapText: true, vertical: 'top' };
    });
    return toDownload(workbook, `导入未成功的行-${today}.xlsx`);
  }

  /**
   * Checks again and inserts, inside the commit's transaction so nothing changes between check and
   * insert. Residents placed in beds are flagged for assessment: they never had one in the system.
   */
  function importChecked(
    raws: Array<{ row: number; raw: RawRow; cellProblems: ImportProblem[] }>,
    mode: 'allOrNothing' | 'validOnly',
    ctx: { now: Date },
    tx: OpContext,
    access: ImportAccess,
  ): { parsed: ParsedRow[]; report: ImportReport; imported: number } {
    const checked = checkRows(raws, ctx, access);
    const valid = checked.parsed.filter((p) => p.problems.length === 0 && p.profile);
    if (mode === 'allOrNothing' && checked.report.problems.length > 0) {
      return { ...checked, imported: 0 };
    }
    const buildings = new Map(facilities.buildings().map((b) => [b.name, b.id]));
    const ids: number[] = [];
    for (const p of valid) {
      let placement: { bedId: number; admittedOn: string } | undefined;
      let detail = `从 Excel 台账导入（第 ${p.row} 行）`;
      if (p.placement) {
        const bed = sql.first(
          qb
            .selectFrom('beds as b')
            .innerJoin('rooms as rm', 'rm.id', 'b.room_id')
            .select('b.id')
            .where('rm.building_id', '=', buildings.get(p.placement.building)!)
            .where('b.label', '=', p.placement.bed),
        )!;
        placement = { bedId: bed.id, admittedOn: p.placement.admittedOn };
        const summary = facilities.bed(bed.id);
        detail = `${historicalImportLabel}：${detail}，在住 ${fullBedLabel(summary)}（入住于 ${p.placement.admittedOn}），${importedUnassessed}`;
      }
      const id = records.insert(p.profile!, tx, {
        action: 'import',
        detail,
        ...(placement ? { placement, reassessmentFlag: importedUnassessedFlag } : {}),
      });
      // In residence since before the system: the history starts then, category not yet known.
      if (placement) careHistory.openStay(tx, id, placement.admittedOn);
      ids.push(id);
    }
    tx.audit({
      entity: 'residentImport',
      after: {
        mode,
        totalRows: checked.report.totalRows,
        imported: ids.length,
        placed: valid.filter((p) => p.placement).length,
        residentIds: ids,
      },
    });
    return { ...checked, imported: ids.length };
  }

  return {
    async template(): Promise<FileDownload> {
      return toDownload((await templateWorkbook()).workbook, '老人信息导入模板.xlsx');
    },

    /** Reads the uploaded file into rows; runs before the import's transaction (exceljs is async). */
    readRows,

    check(raws: ImportRows, ctx: { now: Date }, access: ImportAccess): ImportReport {
      return checkRows(raws, ctx, access).report;
    },

    /** Checks again and inserts, in the caller's one transaction with its audit rows. */
    commit(raws: ImportRows, mode: 'allOrNothing' | 'validOnly', ctx: OpContext, access: ImportAccess) {
      const out = importChecked(raws, mode, ctx, ctx, access);
      return { ...out, mode, today: todayOf(deps, ctx) };
    },

    /** After the commit: the rows that were left out, as a workbook to fix and import again. */
    async finishCommit(done: {
      parsed: ParsedRow[];
      report: ImportReport;
      imported: number;
      mode: 'allOrNothing' | 'validOnly';
      today: string;
    }): Promise<ImportReport & { imported: number; rejectedRowsFile: FileDownload | null }> {
      const rejected = done.parsed.filter((p) => p.problems.length > 0);
      const file =
        done.mode === 'validOnly' && rejected.length > 0
          ? await rejectedRowsFile(rejected, done.today)
          : null;
      return { ...done.report, imported: done.imported, rejectedRowsFile: file };
    },

    /** Reads the rows and audits the export, inside the call's transaction. */
    exportRows(filter: ResidentListFilter, ctx: OpContext) {
      const today = todayOf(deps, ctx);
      const rows = records.listAll(filter, ctx);
      // A search is often a name: the permanent log keeps it masked like names elsewhere.
      ctx.audit({
        entity: 'residentExport',
        after: {
          filter: { ...filter, ...(filter.search ? { search: maskName(filter.search) } : {}) },
          count: rows.length,
          residentIds: rows.map((r) => r.id),
        },
      });
      return { today, rows };
    },

    /** Builds the workbook after the commit, from what `exportRows` read. */
    async exportWorkbook({ today, rows }: { today: string; rows: ResidentListRow[] }): Promise<FileDownload> {
      const workbook = new (await loadExcel()).Workbook();
      workbook.creator = 'CareDesk';
      const sheet = workbook.addWorksheet('老人名单', { views: [{ state: 'frozen', ySplit: 2 }] });
      const columns: Array<{ header: string; width: number }> = [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10 },
        { header: '性别', width: 6 },
        { header: '年龄', width: 6 },
        { header: '证件类型', width: 12 },
        { header: '证件号码（已脱敏）', width: 22 },
        { header: '状态', width: 10 },
        { header: '楼栋', width: 10 },
        { header: '床位', width: 10 },
        { header: '护理类别', width: 10 },
        { header: '护理等级', width: 10 },
        { header: '供养类型', width: 14 },
        { header: '入住日期', width: 12 },
        { header: '申请日期', width: 12 },
        { header: '九防中高风险', width: 30 },
      ];
      sheet.columns = columns.map((c) => ({ width: c.width }));
      const title = `${institution.find()?.name ?? ''} 老人名单（${today} 导出，共 ${rows.length} 人；证件号码已脱敏）`;
      sheet.mergeCells(1, 1, 1, columns.length);
      sheet.getCell(1, 1).value = title;
      sheet.getCell(1, 1).font = { bold: true, size: 13 };
      const header = sheet.getRow(2);
      columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
      header.font = { bold: true };
      rows.forEach((r, i) => {
        sheet.addRow([
          i + 1,
          r.name,
          r.sex ? sexLabels[r.sex].zh : '',
          r.age ?? '',
          idTypeLabels[r.idType].zh,
          r.idNumberMasked,
          residentStatusLabels[r.status].zh,
          r.bed?.buildingName ?? '',
          r.bed?.label ?? '',
          r.careCategory ? careCategoryLabels[r.careCategory].zh : '未评估',
          r.careGrade ?? '',
          supportTypeLabels[r.supportType].zh,
          r.admittedOn ?? '',
          r.appliedOn,
          r.riskBadges
            .map((b) => `${nineRiskItems[b.key].zh}（${nineRiskLevelLabels[b.level].zh}）`)
            .join('、'),
        ]);
      });
      return toDownload(workbook, `老人名单-${today}.xlsx`);
    },
  };
}

export type ImportExportService = ReturnType<typeof createImportExport>;
