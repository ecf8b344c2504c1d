import type ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../shared/contract';
import type { AddressMapping, CallResident } from '../../shared/contract/nursecall';
import type { FileDownload } from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import type { AuditRecord } from '../api/context';
import type { Sql } from '../db/sql';
import { loadExcel } from '../export/excel';
import type { NurseCallAddressesTable, NurseCallTables } from './tables';
import type { LocationLookup, LocationReader } from './locations';

/** Where a call comes from, resolved when it rings and kept with the call. */
export interface Placement {
  label: string;
  mapped: boolean;
  bedId: number | null;
  roomId: number | null;
  area: string;
  zone: string;
  resident: CallResident | null;
}

export const UNMAPPED_ZONE = '未登记的地址';
export const unmappedLabel = (address: string) => `未登记的呼叫地址 ${address}`;

/**
 * One collator for every comparison: `localeCompare(…, 'zh-CN', { numeric: true })` builds a new
 * one per call, which made sorting a quarter's call labels take seconds.
 */
const addressCollator = new Intl.Collator('zh-CN', { numeric: true });

/** Addresses sort as people read them: 9 before 10, 2F-3 before 2F-10. */
export const compareAddresses = addressCollator.compare;

export interface AddressOpContext {
  now: Date;
  procedure: string;
  user: { id: number; username: string } | null;
  audit(record: AuditRecord): void;
}

const COLUMNS = ['地址', '楼栋', '房间', '床号', '区域'] as const;
type Column = (typeof COLUMNS)[number];

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  }
  return '';
}

export interface ImportEntry {
  row: number;
  address: string;
  building: string;
  room: string;
  bed: string;
  area: string;
}

export function createAddressBook(deps: { sql: Sql<NurseCallTables>; locations: LocationReader }) {
  const { sql, locations } = deps;
  const { qb } = sql;

  function rows(): NurseCallAddressesTable[] {
    return sql
      .all(qb.selectFrom('nursecall_addresses').selectAll())
      .sort((a, b) => compareAddresses(a.address, b.address));
  }

  function row(address: string): NurseCallAddressesTable | undefined {
    return sql.first(qb.selectFrom('nursecall_addresses').selectAll().where('address', '=', address));
  }

  /** Resolves a stored mapping against today's beds; a vanished bed keeps its last known name. */
  function place(r: NurseCallAddressesTable, lookup: LocationLookup): Placement {
    const spot =
      r.bed_id !== null ? lookup.bed(r.bed_id) : r.room_id !== null ? lookup.room(r.room_id) : null;
    const gone = (r.bed_id !== null || r.room_id !== null) && !spot;
    const base = spot?.label ?? '';
    const label = gone
      ? `${r.label}（床位已撤销或删除，请更新呼叫地址）`
      : [base, r.area].filter(Boolean).join(' ');
    return {
      label,
      mapped: true,
      bedId: r.bed_id,
      roomId: r.room_id,
      area: r.area,
      zone: r.area && !spot ? r.area : (spot?.zone ?? (r.area || UNMAPPED_ZONE)),
      resident: spot?.resident ?? null,
    };
  }

  function toMapping(p: Placement, address: string): AddressMapping {
    return { address, bedId: p.bedId, roomId: p.roomId, area: p.area, label: p.label };
  }

  /** Checks a mapping against the beds and returns what to store, or throws a field error. */
  function checked(
    input: { address: string; bedId: number | null; roomId: number | null; area: string },
    lookup: LocationLookup,
  ): Omit<NurseCallAddressesTable, 'updated_at'> {
    let roomId = input.roomId;
    let base = '';
    if (input.bedId !== null) {
      const bed = lookup.bed(input.bedId);
      if (!bed) throw fieldError('bedId', '找不到这张床位（可能已撤床或删除），请重新选择');
      if (roomId !== null && roomId !== bed.roomId)
        throw fieldError('roomId', '这张床位不在所选房间里，请重新选择房间或床位');
      roomId = bed.roomId;
      base = bed.label;
    } else if (roomId !== null) {
      const room = lookup.room(roomId);
      if (!room) throw fieldError('roomId', '找不到这个房间（可能已删除），请重新选择');
      base = room.label;
    }
    const label = [base, input.area].filter(Boolean).join(' ');
    return { address: input.address, bed_id: input.bedId, room_id: roomId, area: input.area, label };
  }

  function upsert(values: Omit<NurseCallAddressesTable, 'updated_at'>, now: Date) {
    const updated_at = now.toISOString();
    sql.run(
      qb
        .insertInto('nursecall_addresses')
        .values({ ...values, updated_at })
        .onConflict((oc) =>
          oc.column('address').doUpdateSet({
            bed_id: values.bed_id,
            room_id: values.room_id,
            area: values.area,
            label: values.label,
            updated_at,
          }),
        ),
    );
  }

  async function toDownload(workbook: ExcelJS.Workbook, fileName: string): Promise<FileDownload> {
    const buffer = await workbook.xlsx.writeBuffer();
    return { fileName, base64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
  }

  return {
    placeFor(address: string, lookup: LocationLookup): Placement {
      const r = row(address);
      if (r) return place(r, lookup);
      return {
        label: unmappedLabel(address),
        mapped: false,
        bedId: null,
        roomId: null,
        area: '',
        zone: UNMAPPED_ZONE,
        resident: null,
      };
    },

    /** Kept until the next write: a mapping's label changes only when beds, rooms or mappings do. */
    list(now: Date): AddressMapping[] {
      return sql.remember('nursecall.addresses.list', () => {
        const lookup = locations.lookup(now);
        return rows().map((r) => toMapping(place(r, lookup), r.address));
      });
    },

    get(address: string, now: Date): AddressMapping | null {
      const r = row(address);
      return r ? toMapping(place(r, locations.lookup(now)), address) : null;
    },

    save(input: ParsedInputOf<'nursecall.addresses.save'>, ctx: AddressOpContext): AddressMapping {
      const lookup = locations.lookup(ctx.now);
      const before = row(input.address) ?? null;
      upsert(checked(input, lookup), ctx.now);
      const after = row(input.address)!;
      ctx.audit({ entity: 'nurseCallAddress', entityId: input.address, before, after });
      return toMapping(place(after, lookup), input.address);
    },

    remove(address: string, ctx: AddressOpContext): null {
      const before = row(address);
      if (!before) throw new AppError('NOT_FOUND', `呼叫地址 ${address} 没有登记，无需删除。请刷新列表。`);
      sql.run(qb.deleteFrom('nursecall_addresses').where('address', '=', address));
      ctx.audit({ entity: 'nurseCallAddress', entityId: address, before, after: null });
      return null;
    },

    /** The import sheet, pre-filled with today's mappings, plus the bed list to copy from. */
    async template(now: Date): Promise<FileDownload> {
      const workbook = new (await loadExcel()).Workbook();
      const sheet = workbook.addWorksheet('呼叫地址');
      sheet.columns = COLUMNS.map((header) => ({ header, key: header, width: header === '区域' ? 24 : 12 }));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      const lookup = locations.lookup(now);
      for (const r of rows()) {
        const spot =
          r.bed_id !== null ? lookup.bed(r.bed_id) : r.room_id !== null ? lookup.room(r.room_id) : null;
        sheet.addRow({
          地址: r.address,
          楼栋: spot?.where.building ?? '',
          房间: spot?.where.room ?? '',
          床号: spot?.where.bed ?? '',
          区域: r.area,
        });
      }
      sheet.getColumn(1).numFmt = '@';
      const help = workbook.addWorksheet('填写说明');
      help.columns = [{ width: 16 }, { width: 70 }];
      help.addRows([
        ['列', '怎么填'],
        ['地址', '呼叫器在主机上的编号（必填），与呼叫主机发出的地址一致，如 201'],
        ['楼栋 / 房间', '呼叫器所在房间，如 1号楼 / 301；名称要与“床位管理”中一致'],
        ['床号', '床头呼叫器填床号，如 2（表示 301-2 床）；房间卫生间等不属于某张床的留空'],
        ['区域', '不在房间里的呼叫器填区域名称，如“2楼 公共卫生间”；也可与房间一起填写作补充说明'],
        ['', '导入时整张表一起检查：有任何一行有问题，都不会导入，请按提示改正后再导入。'],
      ]);
      help.getRow(1).font = { bold: true };
      const beds = workbook.addWorksheet('床位清单');
      beds.columns = [
        { header: '楼栋', width: 12 },
        { header: '房间', width: 10 },
        { header: '床号', width: 8 },
        { header: '床位', width: 20 },
      ];
      beds.getRow(1).font = { bold: true };
      for (const b of lookup.beds())
        beds.addRow([b.where.building, b.where.room, b.where.bed ?? '', b.label]);
      return toDownload(workbook, '呼叫地址导入模板.xlsx');
    },

    /** Reads the uploaded workbook into rows; runs before the import's transaction (exceljs is async). */
    async readImport(base64: string): Promise<ImportEntry[]> {
      const workbook = new (await loadExcel()).Workbook();
      try {
        await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      } catch {
        throw new AppError(
          'VALIDATION',
          '无法读取这个文件。请上传 Excel 的 .xlsx 文件（旧的 .xls 请在 Excel 中另存为 .xlsx）。',
          {
            fieldErrors: [{ path: 'base64', message: '文件不是有效的 .xlsx 表格' }],
          },
        );
      }
      const sheet = workbook.getWorksheet('呼叫地址') ?? workbook.worksheets[0];
      if (!sheet) throw new AppError('VALIDATION', '表格是空的，请使用“下载模板”得到的表格填写后再导入。');
      let headerRow = 0;
      const columnOf = new Map<Column, number>();
      for (let r = 1; r <= Math.min(sheet.rowCount, 10) && headerRow === 0; r++) {
        const row = sheet.getRow(r);
        row.eachCell((cell, col) => {
          const text = cellText(cell.value);
          if ((COLUMNS as readonly string[]).includes(text)) columnOf.set(text as Column, col);
        });
        if (columnOf.has('地址')) headerRow = r;
        else columnOf.clear();
      }
      if (headerRow === 0) {
        throw new AppError(
          'VALIDATION',
          '表格里找不到“地址”列。请使用“下载模板”得到的表格，第一行为：地址、楼栋、房间、床号、区域。',
        );
      }
      const entries: ImportEntry[] = [];
      for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const get = (c: Column) => {
          const col = columnOf.get(c);
          return col === undefined ? '' : cellText(row.getCell(col).value);
        };
        const entry = {
          row: r,
          address: get('地址'),
          building: get('楼栋'),
          room: get('房间'),
          bed: get('床号'),
          area: get('区域'),
        };
        if (!entry.address && !entry.building && !entry.room && !entry.bed && !entry.area) continue;
        entries.push(entry);
      }
      if (entries.length === 0)
        throw new AppError('VALIDATION', '表格里没有数据行。请在“地址”列下逐行填写呼叫地址后再导入。');
      return entries;
    },

    /** Checks every row and writes all of them, or none, inside the caller's one transaction. */
    applyImport(
      entries: ImportEntry[],
      ctx: AddressOpContext,
      /** Runs in the same transaction with the addresses written. */
      onImported: (addresses: string[]) => void = () => {},
    ): { imported: number; problems: Array<{ row: number; column: string; reason: string }> } {
      const problems: Array<{ row: number; column: string; reason: string }> = [];
      const lookup = locations.lookup(ctx.now);
      const seen = new Map<string, number>();
      const valid: Array<Omit<NurseCallAddressesTable, 'updated_at'>> = [];
      for (const e of entries) {
        const problem = (column: Column, reason: string) => problems.push({ row: e.row, column, reason });
        if (!e.address) {
          problem('地址', '请填写呼叫地址（呼叫器编号）');
          continue;
        }
        if (e.address.length > 40) problem('地址', '呼叫地址最多 40 个字符');
        const first = seen.get(e.address);
        if (first !== undefined)
          problem('地址', `地址 ${e.address} 与第 ${first} 行重复，每个地址只能登记一次`);
        else seen.set(e.address, e.row);
        if (e.area.length > 60) problem('区域', '区域名称最多 60 个字符，请精简');
        let bedId: number | null = null;
        let roomId: number | null = null;
        if (e.building || e.room || e.bed) {
          if (!e.building) problem('楼栋', '填写了房间或床号时，请同时填写楼栋');
          else if (!e.room) problem('房间', '填写了楼栋或床号时，请同时填写房间号');
          else {
            const found = lookup.find(e.building, e.room, e.bed);
            if ('problem' in found) {
              problem(found.column, found.problem);
            } else {
              bedId = found.bedId;
              roomId = found.roomId;
            }
          }
        } else if (!e.area) {
          problem('区域', '请填写楼栋和房间（床头呼叫器再填床号），或填写区域名称');
        }
        if (problems.some((p) => p.row === e.row)) continue;
        valid.push(checked({ address: e.address, bedId, roomId, area: e.area }, lookup));
      }
      if (problems.length > 0) return { imported: 0, problems };

      const changes = valid.map((v) => {
        const before = row(v.address) ?? null;
        upsert(v, ctx.now);
        return { address: v.address, before, after: row(v.address) };
      });
      ctx.audit({ entity: 'nurseCallAddressImport', after: { imported: changes.length, changes } });
      onImported(valid.map((v) => v.address));
      return { imported: valid.length, problems: [] };
    },
  };
}

export type AddressBook = ReturnType<typeof createAddressBook>;
