import type { ParsedInputOf } from '../../shared/contract';
import { equipmentKindLabels, equipmentKinds, type EquipmentKind } from '../../shared/contract/fire';
import { AppError } from '../../shared/errors';
import { loadExcel } from '../export/excel';

/** One row of the register as read from the sheet, before it is saved. */
export type EquipmentRow = ParsedInputOf<'fire.equipment.save'>;

const headers = {
  code: '编号',
  kind: '类型',
  location: '位置',
  spec: '规格型号',
  installedOn: '安装日期',
  expiresOn: '有效期至',
  nextServiceOn: '下次维保',
} as const;

const kindByWord = new Map<string, EquipmentKind>(
  equipmentKinds.flatMap((k) => [
    [equipmentKindLabels[k].zh, k],
    [k, k],
  ]),
);

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'text' in value)
    return String((value as { text: unknown }).text).trim();
  if (value && typeof value === 'object' && 'result' in value)
    return text((value as { result: unknown }).result);
  return value === null || value === undefined ? '' : String(value).trim();
}

function date(raw: string): string | undefined | null {
  if (raw === '') return undefined;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Reads an equipment register (the sheet 导出 Excel writes, or one laid out the same way: a header
 * row naming 编号, 类型, 位置 …). Every problem is collected with its row number; nothing is saved
 * unless the whole sheet is clean.
 */
export async function readEquipmentSheet(base64: string): Promise<EquipmentRow[]> {
  const book = new (await loadExcel()).Workbook();
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'VALIDATION',
      '无法读取这个文件。请上传 Excel 的 .xlsx 文件（.xls 旧格式请先另存为 .xlsx）。',
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('VALIDATION', '文件里没有工作表，请先导出一份设施登记表作为模板。');
  let headerRow = 0;
  const columns = new Map<keyof typeof headers, number>();
  for (let r = 1; r <= Math.min(5, sheet.rowCount) && headerRow === 0; r++) {
    sheet.getRow(r).eachCell((cell, col) => {
      const word = text(cell.value).replace(/[*＊\s]/g, '');
      const key = (Object.keys(headers) as Array<keyof typeof headers>).find((k) => headers[k] === word);
      if (key) columns.set(key, col);
    });
    if (columns.has('code')) headerRow = r;
    else columns.clear();
  }
  const missing = (['code', 'kind', 'location'] as const).filter((k) => !columns.has(k));
  if (headerRow === 0 || missing.length > 0) {
    throw new AppError(
      'VALIDATION',
      `表格缺少列：${missing.map((k) => headers[k]).join('、')}。请先导出一份设施登记表作为模板。`,
    );
  }
  const rows: EquipmentRow[] = [];
  const problems: Array<{ row: number; message: string }> = [];
  const seen = new Set<string>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cell = (k: keyof typeof headers) =>
      columns.has(k) ? text(row.getCell(columns.get(k)!).value) : '';
    const code = cell('code');
    if (!code && !cell('location')) continue;
    const kind = kindByWord.get(cell('kind'));
    const dates = {
      installedOn: date(cell('installedOn')),
      expiresOn: date(cell('expiresOn')),
      nextServiceOn: date(cell('nextServiceOn')),
    };
    const bad = [
      !code && '编号为空',
      code && seen.has(code) && `编号 ${code} 重复`,
      !kind &&
        `类型“${cell('kind')}”不认识，请填写：${equipmentKinds.map((k) => equipmentKindLabels[k].zh).join('、')}`,
      !cell('location') && '位置为空',
      ...Object.entries(dates).map(
        ([k, v]) => v === null && `${headers[k as keyof typeof headers]}不是日期（如 2026-12-01）`,
      ),
    ].filter((x): x is string => Boolean(x));
    seen.add(code);
    if (bad.length > 0) {
      problems.push({ row: r, message: bad.join('；') });
      continue;
    }
    rows.push({
      kind: kind!,
      code: code.slice(0, 40),
      location: cell('location').slice(0, 100),
      spec: cell('spec').slice(0, 100),
      ...(dates.installedOn ? { installedOn: dates.installedOn } : {}),
      ...(dates.expiresOn ? { expiresOn: dates.expiresOn } : {}),
      ...(dates.nextServiceOn ? { nextServiceOn: dates.nextServiceOn } : {}),
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION',
      `有 ${problems.length} 行需要修改，没有导入任何一行：${problems
        .slice(0, 5)
        .map((p) => `第 ${p.row} 行 ${p.message}`)
        .join('；')}${problems.length > 5 ? ' …' : ''}`,
      { problems },
    );
  }
  if (rows.length === 0) throw new AppError('VALIDATION', '表格里没有设施，请在表头下面逐行填写。');
  return rows;
}
