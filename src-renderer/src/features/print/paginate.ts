/**
 * Splits measured content into A4 pages. Pure, so the rules can be tested without a browser:
 * blocks never split; a table splits between rows and repeats its header on each page; a block
 * marked `keepWithNext` (a section heading) moves to the next page with what follows it.
 */

export type MeasuredItem =
  | { kind: 'block'; key: string; height: number; keepWithNext?: boolean }
  | { kind: 'table'; key: string; headHeight: number; rowHeights: number[]; gap: number };

export type PagePiece =
  | { kind: 'block'; key: string }
  /** Rows `from` (inclusive) to `to` (exclusive) of the table. */
  | { kind: 'table'; key: string; from: number; to: number };

/** The least an item needs on a page: a whole block, or a table's header and first row. */
function minimum(item: MeasuredItem): number {
  if (item.kind === 'block') return item.height;
  return item.headHeight + (item.rowHeights[0] ?? 0) + item.gap;
}

export function paginate(items: readonly MeasuredItem[], pageHeight: number): PagePiece[][] {
  const pages: PagePiece[][] = [[]];
  let used = 0;
  const current = () => pages[pages.length - 1]!;
  const newPage = () => {
    pages.push([]);
    used = 0;
  };

  items.forEach((item, index) => {
    if (item.kind === 'block') {
      let need = item.height;
      const next = items[index + 1];
      if (item.keepWithNext && next) need += minimum(next);
      if (used > 0 && used + need > pageHeight) newPage();
      current().push({ kind: 'block', key: item.key });
      used += item.height;
      return;
    }
    if (item.rowHeights.length === 0) return;
    let row = 0;
    while (row < item.rowHeights.length) {
      if (used > 0 && used + minimum({ ...item, rowHeights: item.rowHeights.slice(row) }) > pageHeight) {
        newPage();
      }
      let height = item.headHeight + item.gap;
      const from = row;
      // At least one row per page, so a row taller than a page cannot loop forever.
      do {
        height += item.rowHeights[row]!;
        row += 1;
      } while (row < item.rowHeights.length && used + height + item.rowHeights[row]! <= pageHeight);
      // No widow: a single last row (often a total) does not go alone onto the next page.
      if (item.rowHeights.length - row === 1 && row - from >= 3) {
        row -= 1;
        height -= item.rowHeights[row]!;
      }
      current().push({ kind: 'table', key: item.key, from, to: row });
      used += height;
      if (row < item.rowHeights.length) newPage();
    }
  });
  return pages.filter((p, i) => p.length > 0 || i === 0);
}
