import { describe, expect, it } from 'vitest';

// The renderer is its own TypeScript project, so the module is loaded by path and typed here.
type MeasuredItem =
  | { kind: 'block'; key: string; height: number; keepWithNext?: boolean }
  | { kind: 'table'; key: string; headHeight: number; rowHeights: number[]; gap: number };
type PagePiece = { kind: 'block'; key: string } | { kind: 'table'; key: string; from: number; to: number };
const PAGINATE_PATH = '../../../src-renderer/src/features/print/paginate';
const { paginate } = (await import(/* @vite-ignore */ PAGINATE_PATH)) as {
  paginate(items: readonly MeasuredItem[], pageHeight: number): PagePiece[][];
};

const table = (
  key: string,
  rows: number,
  rowHeight = 10,
  headHeight = 10,
): Extract<MeasuredItem, { kind: 'table' }> => ({
  kind: 'table',
  key,
  headHeight,
  rowHeights: Array.from({ length: rows }, () => rowHeight),
  gap: 0,
});

describe('paginate', () => {
  it('splits a table between rows, repeating its header on each page', () => {
    // 100 high: header 10 + 9 rows per page.
    const pages = paginate([table('t', 20)], 100);
    expect(pages).toEqual([
      [{ kind: 'table', key: 't', from: 0, to: 9 }],
      [{ kind: 'table', key: 't', from: 9, to: 18 }],
      [{ kind: 'table', key: 't', from: 18, to: 20 }],
    ]);
  });

  it('never leaves a single last row (a total) alone on a new page', () => {
    const pages = paginate([table('t', 10)], 100);
    expect(pages.map((p) => p.map((x) => (x.kind === 'table' ? [x.from, x.to] : x.key)))).toEqual([
      [[0, 8]],
      [[8, 10]],
    ]);
  });

  it('moves a block that does not fit, and a heading together with what follows it', () => {
    const items: MeasuredItem[] = [
      { kind: 'block', key: 'a', height: 70 },
      { kind: 'block', key: 'heading', height: 10, keepWithNext: true },
      { kind: 'block', key: 'b', height: 30 },
    ];
    expect(paginate(items, 100).map((p) => p.map((x) => x.key))).toEqual([['a'], ['heading', 'b']]);
  });

  it('puts a row taller than a page on a page of its own instead of looping', () => {
    const pages = paginate(
      [
        { ...table('t', 1), rowHeights: [500] },
        { kind: 'block', key: 'after', height: 10 },
      ],
      100,
    );
    expect(pages).toEqual([[{ kind: 'table', key: 't', from: 0, to: 1 }], [{ kind: 'block', key: 'after' }]]);
  });
});
