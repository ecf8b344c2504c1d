import { z } from 'zod';
import { trimmed } from '../../validation';
import { proc } from '../define';
import { id } from './types';
import { type AdmissionDraft } from './assessment-types';

/** Drafts of the admission wizard. */
export const admissionProcedures = {
  // admission wizard drafts
  'admissions.saveDraft': proc<AdmissionDraft>()({
    input: z.object({
      id: id.optional(),
      residentId: id.nullable().default(null),
      residentName: trimmed(40).default(''),
      step: z.number().int().min(0).max(10),
      data: z.unknown().refine((d) => JSON.stringify(d ?? null).length <= 200_000, '草稿内容过大'),
    }),
    access: 'residents.write',
    write: true,
  }),
  'admissions.listDrafts': proc<AdmissionDraft[]>()({
    input: z.object({}).optional(),
    access: 'residents.write',
    write: false,
  }),
  'admissions.deleteDraft': proc<null>()({ input: z.object({ id }), access: 'residents.write', write: true }),
};
