import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { paginate, type MeasuredItem, type PagePiece } from './paginate';
import {
  defaultSignatures,
  MM_TO_PX,
  PrintTable,
  Sheet,
  sheetGeometry,
  Signatures,
  type SheetMeta,
} from './templates';
import type { PrintDocument, PrintItem } from './types';

/** Room left unused on every page for sub-pixel differences between measuring and printing. */
const SAFETY_PX = 4;
const TABLE_GAP_MM = 3;

function itemsOf(doc: PrintDocument): PrintItem[] {
  const labels = doc.signatures === undefined ? defaultSignatures : doc.signatures;
  if (labels === false || labels.length === 0) return doc.items;
  return [...doc.items, { kind: 'block', key: '__signatures', node: <Signatures labels={labels} /> }];
}

function ItemView({ item, from, to }: { item: PrintItem; from?: number; to?: number }) {
  if (item.kind === 'block') return <div className="print-block">{item.node}</div>;
  return <PrintTable columns={item.columns} rows={item.rows.slice(from ?? 0, to)} dense={item.dense} />;
}

function measure(root: HTMLElement, items: PrintItem[]): MeasuredItem[] {
  return items.map((item, index) => {
    const el = root.children[index] as HTMLElement;
    if (item.kind === 'block') {
      return {
        kind: 'block',
        key: item.key,
        height: el.getBoundingClientRect().height,
        keepWithNext: item.keepWithNext ?? false,
      };
    }
    const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const rows = Array.from(el.querySelectorAll('tbody > tr'), (tr) => tr.getBoundingClientRect().height);
    // Collapsed borders add a border's width around the table that no row box includes.
    return {
      kind: 'table',
      key: item.key,
      headHeight: head + 1,
      rowHeights: rows,
      gap: TABLE_GAP_MM * MM_TO_PX,
    };
  });
}

/**
 * Lays a document out on A4 sheets: renders every item once off-screen at the sheet's width,
 * reads the heights, splits them into pages and renders the sheets with 第 n 页 / 共 N 页. Each
 * sheet prints as exactly one page, so the numbers on paper are the numbers on screen.
 */
export function PagedDocument({
  doc,
  meta,
  onPaged,
}: {
  doc: PrintDocument;
  meta: SheetMeta;
  onPaged: (pages: number) => void;
}) {
  const bare = doc.chrome === 'bare';
  const geometry = sheetGeometry(doc.orientation, bare);
  const items = useMemo(() => itemsOf(doc), [doc]);
  const measureRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<PagePiece[][] | null>(null);

  useEffect(() => {
    let cancelled = false;
    setPages(null);
    // Heights are only right once the CJK font has loaded.
    void document.fonts.ready.then(() => {
      const root = measureRef.current;
      if (cancelled || !root) return;
      const laidOut = paginate(measure(root, items), geometry.body * MM_TO_PX - SAFETY_PX);
      setPages(laidOut);
      onPaged(laidOut.length);
    });
    return () => {
      cancelled = true;
    };
  }, [items, geometry.body, onPaged]);

  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const contentWidth = geometry.width - geometry.padSide * 2;

  return (
    <>
      {!pages && (
        <div ref={measureRef} className="print-measure" style={{ width: `${contentWidth}mm` }}>
          {items.map((item) => (
            <ItemView key={item.key} item={item} />
          ))}
        </div>
      )}
      {pages?.map((pieces, index) => (
        <Sheet key={index} geometry={geometry} meta={meta} page={index + 1} pages={pages.length} bare={bare}>
          {pieces.map((piece) => {
            const item = byKey.get(piece.key);
            if (!item) return null;
            return (
              <Fragment key={piece.kind === 'table' ? `${piece.key}-${piece.from}` : piece.key}>
                {piece.kind === 'table' ? (
                  <ItemView item={item} from={piece.from} to={piece.to} />
                ) : (
                  <ItemView item={item} />
                )}
              </Fragment>
            );
          })}
        </Sheet>
      ))}
    </>
  );
}
