import { z } from 'zod';
import { proc } from '../define';
import { id } from './types';
import { type FileDownload } from './assessment-types';

/** Excel exports of the lists: one workbook helper in the core, each export audited. */
export const listExportProcedures = {
  // Excel exports of the lists (issue 8): one workbook helper in the core, each export audited.
  /** 轮候 in priority order; full ID numbers only for holders of residents.viewIdNumber. */
  'residents.exportWaitingList': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'residents.export',
    write: true,
  }),
  /** 待评估, as on the page. */
  'assessments.exportDue': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'residents.export',
    write: true,
  }),
  /** 床位清单: every bed (all buildings or one) with who is in it. */
  'beds.export': proc<FileDownload>()({
    input: z.object({ buildingId: id.optional() }).optional(),
    access: 'residents.export',
    write: true,
  }),
};
