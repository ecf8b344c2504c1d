import type { ReactNode } from 'react';

export type Orientation = 'portrait' | 'landscape';

export interface PrintColumn {
  title: ReactNode;
  /** CSS width, e.g. `12%` or `18mm`; fixed so a row measures the same on every page. */
  width: string;
  align?: 'left' | 'center' | 'right';
}

export interface PrintRow {
  key: string | number;
  cells: ReactNode[];
  className?: string;
}

export type PrintItem =
  /** Never split across pages. A heading sets `keepWithNext` so it is not left alone at a page end. */
  | { kind: 'block'; key: string; node: ReactNode; keepWithNext?: boolean }
  /** Split between rows; the header row repeats on every page. */
  | { kind: 'table'; key: string; columns: PrintColumn[]; rows: PrintRow[]; dense?: boolean };

/**
 * A printable document: data turned into items, laid out on the shared A4 template. A module
 * adds a document by writing a loader that returns one of these.
 */
export interface PrintDocument {
  /** The ledger's title, printed on every page: 老年人能力评估报告, 在住老人名单 … */
  title: string;
  /** Whose or which period: 张桂兰（1号楼 301-1床）, 2026-11-01 至 2026-11-25 … */
  subtitle?: string;
  orientation: Orientation;
  /** Suggested PDF file name, without `.pdf`. */
  fileName: string;
  items: PrintItem[];
  /**
   * Signature lines closing the last page. Defaults to 经办人 / 审核人 / 日期; `false` for papers
   * nobody signs (bed-head cards).
   */
  signatures?: string[] | false;
  /** `bare` drops the page header and footer: cards cut out of the sheet, not ledgers. */
  chrome?: 'ledger' | 'bare';
}

/** What a loader may use: who prints, and where. */
export interface PrintContext {
  institutionName: string;
  userName: string;
  can(permission: string): boolean;
}

export type PrintLoader = (ctx: PrintContext) => Promise<PrintDocument>;
