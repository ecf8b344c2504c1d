import type ExcelJSModule from 'exceljs';
import type { FileDownload } from '../../shared/contract/residents';
import { maskIdNumber } from '../../shared/id-number';

/** One column of an exported list: its header, width in characters and how to read a row. */
export interface ListColumn<R> {
  header: string;
  width?: number;
  value: (row: R, index: number) => string | number | null | undefined;
  /** Kept as text so Excel does not turn long digit strings (证件号码, 电话) into 1.1E+17. */
  text?: boolean;
}

export interface ListSheet<R> {
  /** Tab name; Excel allows 31 characters and no `\/?*[]:`. */
  sheetName: string;
  /** First row, merged across the columns: institution, ledger name, date, count. */
  title: string;
  columns: ReadonlyArray<ListColumn<R>>;
  rows: readonly R[];
  fileName: string;
}

const EXCEL_CELL_LIMIT = 32_767;

type ExcelJs = typeof ExcelJSModule;
let excel: Promise<ExcelJs> | null = null;

/**
 * exceljs on first use, once: importing it costs about 0.3 s of start-up that most sessions never
 * need. Every Excel reader and writer in the core gets it here.
 */
export async function loadExcel(): Promise<ExcelJs> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}

/**
 * Builds a one-sheet workbook: a title row, a bold frozen header row, then the rows. exceljs is
 * loaded on first use so that starting the app does not pay for it.
 */
export async function listWorkbook<R>(sheet: ListSheet<R>): Promise<FileDownload> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CareDesk';
  const ws = workbook.addWorksheet(sheet.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = sheet.columns.map((c) => ({ width: c.width ?? 12 }));
  ws.mergeCells(1, 1, 1, Math.max(1, sheet.columns.length));
  ws.getCell(1, 1).value = sheet.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const header = ws.getRow(2);
  sheet.columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  // Printed from Excel, every page repeats the header row.
  ws.pageSetup.printTitlesRow = '2:2';
  sheet.rows.forEach((row, index) => {
    const added = ws.addRow(
      sheet.columns.map((c) => {
        const v = c.value(row, index);
        if (v === null || v === undefined) return '';
        return typeof v === 'string' ? v.slice(0, EXCEL_CELL_LIMIT) : v;
      }),
    );
    sheet.columns.forEach((c, i) => {
      if (c.text) added.getCell(i + 1).numFmt = '@';
    });
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName: sheet.fileName, base64: Buffer.from(buffer as ArrayBuffer).toString('base64') };
}

/** 18-character mainland ID numbers (and 15-digit old ones) wherever they appear in free text. */
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/**
 * What an export may show of an ID number: the full number only to holders of
 * `residents.viewIdNumber`, otherwise 110101********1234 as in the lists.
 */
export function idNumberShown(full: string | null | undefined, mayViewFull: boolean): string {
  if (!full) return '';
  return mayViewFull ? full : maskIdNumber(full);
}

/** Masks ID numbers inside free text (notes, audit details) for users who may not see them. */
export function maskIdNumbersInText(text: string, mayViewFull: boolean): string {
  return mayViewFull ? text : text.replace(ID_IN_TEXT, (m) => maskIdNumber(m));
}
