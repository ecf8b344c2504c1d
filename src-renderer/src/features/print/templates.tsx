import type { ReactNode } from 'react';
import type { Orientation, PrintColumn, PrintItem, PrintRow } from './types';

/** Sheet geometry in millimetres; the body height is what `paginate` fills. */
export interface SheetGeometry {
  width: number;
  height: number;
  padTop: number;
  padSide: number;
  padBottom: number;
  head: number;
  foot: number;
  body: number;
}

export const MM_TO_PX = 96 / 25.4;

export function sheetGeometry(orientation: Orientation, bare: boolean): SheetGeometry {
  const [width, height] = orientation === 'portrait' ? [210, 297] : [297, 210];
  const padTop = bare ? 10 : 11;
  const padSide = orientation === 'portrait' ? 15 : 12;
  const padBottom = bare ? 10 : 9;
  const head = bare ? 0 : 19;
  const foot = bare ? 0 : 8;
  return {
    width,
    height,
    padTop,
    padSide,
    padBottom,
    head,
    foot,
    body: height - padTop - padBottom - head - foot,
  };
}

export interface SheetMeta {
  institutionName: string;
  title: string;
  subtitle?: string | undefined;
  printedAt: string;
  printedBy: string;
}

/**
 * One physical page. Its height is a hair under A4 so rounding never spills a sliver onto an
 * extra blank page.
 */
export function Sheet({
  geometry: g,
  meta,
  page,
  pages,
  bare,
  children,
}: {
  geometry: SheetGeometry;
  meta: SheetMeta;
  page: number;
  pages: number;
  bare: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className="print-sheet"
      data-page={page}
      style={{
        width: `${g.width}mm`,
        height: `${g.height - 0.5}mm`,
        padding: `${g.padTop}mm ${g.padSide}mm ${g.padBottom}mm`,
      }}
    >
      {!bare && (
        <header className="print-head" style={{ height: `${g.head}mm` }}>
          <div className="print-head-inst">{meta.institutionName}</div>
          <h1 className="print-head-title">{meta.title}</h1>
          {meta.subtitle && <div className="print-head-sub">{meta.subtitle}</div>}
        </header>
      )}
      <div className="print-body" style={{ height: `${g.body}mm` }}>
        {children}
      </div>
      {!bare && (
        <footer
          className="print-foot"
          style={{
            left: `${g.padSide}mm`,
            right: `${g.padSide}mm`,
            bottom: `${g.padBottom}mm`,
            height: `${g.foot}mm`,
          }}
        >
          <span>
            打印时间：{meta.printedAt}，打印人：{meta.printedBy}
          </span>
          <span className="print-foot-page">
            第 {page} 页 / 共 {pages} 页
          </span>
          <span>{meta.title}</span>
        </footer>
      )}
    </section>
  );
}

/** A table, or the rows `from`–`to` of it, with its header row. */
export function PrintTable({
  columns,
  rows,
  dense,
}: {
  columns: PrintColumn[];
  rows: PrintRow[];
  dense?: boolean | undefined;
}) {
  return (
    <div className="print-table-wrap">
      <table className={`print-table${dense ? ' dense' : ''}`}>
        <colgroup>
          {columns.map((c, i) => (
            <col key={i} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.className}>
              {r.cells.map((cell, i) => (
                <td key={i} style={columns[i]?.align ? { textAlign: columns[i].align } : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A heading that travels with what follows it. */
export function sectionTitle(key: string, text: string): PrintItem {
  return { kind: 'block', key, keepWithNext: true, node: <div className="print-section-title">{text}</div> };
}

/**
 * A form grid of label/value pairs, `perRow` pairs to a row (the paper forms' layout). A pair with
 * `span` takes the rest of the row.
 */
export function FieldGrid({
  fields,
  perRow = 3,
}: {
  fields: Array<{ label: string; value: ReactNode; span?: boolean }>;
  perRow?: number;
}) {
  const rows: Array<typeof fields> = [];
  let row: typeof fields = [];
  for (const f of fields) {
    row.push(f);
    if (f.span || row.length === perRow) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return (
    <table className="print-fields">
      <colgroup>
        {Array.from({ length: perRow }, (_, i) => [
          <col key={`l${i}`} style={{ width: `${40 / perRow}%` }} />,
          <col key={`v${i}`} style={{ width: `${60 / perRow}%` }} />,
        ])}
      </colgroup>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((f, j) => [
              <th key={`l${j}`}>{f.label}</th>,
              <td
                key={`v${j}`}
                colSpan={
                  f.span ? perRow * 2 - 1 - j * 2 : j === r.length - 1 ? (perRow - r.length) * 2 + 1 : 1
                }
              >
                {f.value === '' || f.value === null || f.value === undefined ? '—' : f.value}
              </td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function block(key: string, node: ReactNode): PrintItem {
  return { kind: 'block', key, node };
}

/** Signature lines on a grid, so the lines of both rows align when there are more than three. */
export function Signatures({ labels }: { labels: string[] }) {
  const columns = labels.length <= 3 ? labels.length : Math.ceil(labels.length / 2);
  return (
    <div className="print-signatures" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
      {labels.map((l) => (
        <div key={l} className="print-signature">
          {l}：<span className="print-signature-line" />
        </div>
      ))}
    </div>
  );
}

export const defaultSignatures = ['经办人', '审核人', '日期'];
