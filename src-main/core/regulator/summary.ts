import {
  SUMMARY_SCHEMA,
  periodRange,
  summarySections,
  type SummaryDocument,
  type SummaryKind,
} from '../../shared/contract/regulator';
import { AppError, fieldError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { InstitutionService } from '../institution/service';
import type { SummaryProvider } from '../module';
import { runSteps, runStepsInTurns } from '../platform/steps';

export interface SummaryDeps {
  institution: InstitutionService;
  auditLog: AuditLog;
  /** Every installed module's providers; read at each build, so a module added later is included. */
  providers(): SummaryProvider[];
  institutionCode(): string;
}

export interface BuildOptions {
  kind: SummaryKind;
  period: string;
  now: Date;
  revision?: number;
  revisionReason?: string | null;
}

/**
 * Builds the summary from whatever modules are installed: each provider fills the section named by
 * its key; a section without a provider stays null, and a provider for a section this version does
 * not know yet is carried along under its own key.
 */
export function buildSummary(deps: SummaryDeps, options: BuildOptions): SummaryDocument {
  return runSteps(summarySteps(deps, options));
}

/**
 * The same summary, giving the event loop back after each module's section and each step a
 * provider yields: a month of a large home takes ~250 ms in all, which a preview or a draft must
 * not hold nurse calls up for.
 */
export function buildSummaryInTurns(deps: SummaryDeps, options: BuildOptions): Promise<SummaryDocument> {
  return runStepsInTurns(summarySteps(deps, options));
}

function* summarySteps(deps: SummaryDeps, options: BuildOptions): Generator<void, SummaryDocument> {
  const range = periodRange(options.kind, options.period);
  if (!range) throw fieldError('period', '期间格式不正确');
  const profile = deps.institution.get();
  const sections: Record<string, unknown> = Object.fromEntries(summarySections.map((s) => [s, null]));
  for (const provider of deps.providers()) {
    try {
      sections[provider.key] = provider.inSteps
        ? yield* provider.summarize(range) as Generator<void, unknown>
        : provider.summarize(range);
    } catch (error) {
      throw new AppError(
        'INTERNAL',
        `汇总“${provider.label}”时出错：${error instanceof Error ? error.message : String(error)}`,
      );
    }
    yield;
  }
  const head = deps.auditLog.anchor();
  return {
    schema: SUMMARY_SCHEMA,
    kind: options.kind,
    revision: options.revision ?? 1,
    revisionReason: options.revisionReason ?? null,
    period: range,
    generatedAt: options.now.toISOString(),
    institution: {
      code: deps.institutionCode(),
      name: profile.name,
      licenseNo: profile.licenseNo,
      nature: profile.nature,
      address: profile.address,
    },
    ...(sections as Pick<SummaryDocument, (typeof summarySections)[number]>),
    audit: { headSeq: head.seq, headHash: head.hash },
  };
}
