import ExcelJS from 'exceljs';

/** Every row of the first sheet of an exported workbook as text cells, title row first. */
export async function sheetRows(file: { base64: string }): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.value === null ? '' : String(c.value)));
    rows.push(cells);
  });
  return rows;
}
