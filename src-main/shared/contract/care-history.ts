import { z } from 'zod';
import type { CareCategory } from '../assessment/ability';
import { proc } from './define';

/**
 * One period in which a resident's care category (护理类别) and care grade (护理等级) stayed the same.
 *
 * Dates are the institution's local business dates (`YYYY-MM-DD`). `from` is the first day in force
 * (inclusive); `to` is the first day no longer in force (exclusive: the day of the next change, or
 * the discharge date), or null while the period is current. So a day `d` is covered when
 * `from <= d && (to === null || d < to)`, consecutive periods share a date (`a.to === b.from`), and
 * the discharge day itself is not covered (算头不算尾).
 *
 * Periods cover days in residence only (admitted or on leave): the history starts at admission,
 * discharge closes it, and the time between two stays has no period. `category` is null for a
 * resident in residence who has no ability assessment yet (e.g. brought in by the ledger import);
 * `grade` is then null too unless a grade was set by hand.
 *
 * Changes take effect on their date: an assessment on its assessment date (also when recorded
 * later), a hand-set grade and a settings change on the local date they were saved. A settings
 * change never rewrites periods before its date.
 */
export interface CareHistoryRow {
  category: CareCategory | null;
  grade: string | null;
  from: string;
  to: string | null;
}

export const careHistoryProcedures = {
  /** The resident's periods ordered by `from`; neighbours with the same category and grade are joined. */
  'residents.careHistory': proc<CareHistoryRow[]>()({
    input: z.object({ residentId: z.number().int().positive() }),
    access: 'residents.read',
    write: false,
  }),
};
