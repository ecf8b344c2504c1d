import { z } from 'zod';
import { institutionNatures } from '../../enums';

/**
 * The summary document sent to the provincial platform (`caredesk.summary/1`). The JSON Schema in
 * `resources/regulator/summary.schema.json` is generated from this schema; a test keeps them equal.
 * A section whose module is not installed is `null`.
 */
export const SUMMARY_SCHEMA = 'caredesk.summary/1';

export const summaryKinds = ['monthly', 'daily'] as const;
export type SummaryKind = (typeof summaryKinds)[number];
export const summaryKindLabels: Record<SummaryKind, { zh: string; en: string }> = {
  monthly: { zh: '月报', en: 'Monthly' },
  daily: { zh: '日报', en: 'Daily' },
};

const count = z.number().int().min(0);
/** A section that another module fills; its shape is that module's to define. */
const moduleSection = z.record(z.string(), z.unknown()).nullable();

export const bedsSectionSchema = z.object({
  total: count,
  nursing: count,
  occupied: count,
  onLeave: count,
  reserved: count,
  vacant: count,
  outOfService: count,
});

export const residentsSectionSchema = z.object({
  total: count,
  byCategory: z.object({
    selfCare: count,
    partlyDependent: count,
    dependent: count,
    uncategorised: count,
  }),
  byLevel: z.object({
    intact: count,
    mild: count,
    moderate: count,
    severe: count,
    complete: count,
    unassessed: count,
  }),
  over80: count,
  admissions: count,
  discharges: count,
  deaths: count,
});

export const incidentsSectionSchema = z.object({
  total: count,
  byKind: z.object({ fall: count, choking: count, selfHarm: count, wandering: count }),
});

export const nurseCallSectionSchema = z.object({
  calls: count,
  escalated: count,
  medianResponseSeconds: z.number().min(0).nullable(),
  p90ResponseSeconds: z.number().min(0).nullable(),
});

export const summaryDocumentSchema = z.object({
  schema: z.literal(SUMMARY_SCHEMA),
  kind: z.enum(summaryKinds),
  /** 1 for the first submission of a period; a correction after acceptance is 2, 3 … */
  revision: z.number().int().min(1),
  /** Why a period was sent again (revision 2 and later). */
  revisionReason: z.string().nullable(),
  /** Local days in the institution's time zone, both included. */
  period: z.object({ from: z.string(), to: z.string() }),
  generatedAt: z.string(),
  institution: z.object({
    code: z.string(),
    name: z.string(),
    licenseNo: z.string(),
    nature: z.enum(institutionNatures),
    address: z.string(),
  }),
  beds: bedsSectionSchema.nullable(),
  residents: residentsSectionSchema.nullable(),
  staff: moduleSection,
  ratio: moduleSection,
  fire: moduleSection,
  incidents: incidentsSectionSchema.nullable(),
  finance: moduleSection,
  nurseCall: nurseCallSectionSchema.nullable(),
  /** Doses due in the period by outcome, and PRN doses given (the medication module). */
  medication: moduleSection.optional(),
  /** The signed head of the audit chain when the summary was built. */
  audit: z.object({ headSeq: count, headHash: z.string() }),
});

export type SummaryDocument = z.infer<typeof summaryDocumentSchema>;

/** Sections every document has, in order; a module not installed leaves its section null. */
export const summarySections = [
  'beds',
  'residents',
  'staff',
  'ratio',
  'fire',
  'incidents',
  'finance',
  'nurseCall',
  'medication',
] as const;
export type SummarySection = (typeof summarySections)[number];

export const summarySectionLabels: Record<SummarySection, string> = {
  beds: '床位',
  residents: '在住老人',
  staff: '人员',
  ratio: '护理人员配比',
  fire: '消防安全',
  incidents: '风险事件',
  finance: '收支',
  nurseCall: '呼叫响应',
  medication: '给药执行',
};

/** `2026-11` → 2026-11-01 … 2026-11-30; `2026-11-30` → that day. Null when the period is malformed. */
export function periodRange(kind: SummaryKind, period: string): { from: string; to: string } | null {
  if (kind === 'monthly') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return null;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) return null;
  const d = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== period) return null;
  return { from: period, to: period };
}
