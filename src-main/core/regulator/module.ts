import { regulatorModule } from '../../shared/contract/regulator';
import { prepared } from '../api/context';
import { systemClock, type Clock } from '../clock';
import { defineCoreModule } from '../module';
import { regulatorAlerts } from './alerts';
import { summaryJsonFile, summaryWorkbook } from './export';
import { createRegulator } from './migrations/0011-create-regulator';
import { createSecretBox, defaultSecretKeyStore, type SecretKeyStore } from './secret-box';
import { createRegulatorService, type RegulatorService } from './service';
import type { RegulatorTables } from './tables';
import type { FetchLike } from './transport';

declare module '../module' {
  interface ModuleServices {
    regulator: RegulatorService;
  }
}

/** What the composition root may pass as `moduleOptions.regulator`. */
export interface RegulatorOptions {
  /** The desktop app passes one kept with Electron safeStorage. */
  secretKey?: SecretKeyStore;
  fetch?: FetchLike;
  /** Real time for signed timestamps; tests may pass another. */
  wireClock?: Clock;
}

/** Upload to the provincial platform: the summary, the signed outbox, the file export. */
export const regulatorCore = defineCoreModule({
  shared: regulatorModule,
  migrations: [createRegulator],
  create(ctx) {
    const options = ctx.options as RegulatorOptions;
    const regulator = createRegulatorService({
      sql: ctx.sql.scope<RegulatorTables>(),
      writes: ctx.writes,
      clock: ctx.clock,
      wireClock: options.wireClock ?? systemClock,
      logger: ctx.logger,
      institution: ctx.institution,
      auditLog: ctx.auditLog,
      timeZone: ctx.timeZone,
      providers: ctx.summaries,
      box: createSecretBox(options.secretKey ?? defaultSecretKeyStore(ctx.paths.dataDir)),
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    });

    return {
      service: regulator,
      handlers: {
        'regulator.preview': prepared((input, call) =>
          regulator.previewInTurns(input.kind, input.period, call.now),
        ),
        'regulator.getConfig': (_input, call) => regulator.getConfig(call.now),
        'regulator.updateConfig': (input, call) => regulator.updateConfig(input, call),
        'regulator.testConnection': prepared(() => regulator.testConnection()),
        'regulator.send': {
          prepare: (input, call) => regulator.draft(input.kind, input.period, input.reason ?? null, call.now),
          run: (input, call, drafted) => regulator.send(input, call, drafted),
        },
        'regulator.outbox': () => regulator.outbox.list(),
        'regulator.retry': (input, call) => regulator.retry(input.id, call),
        'regulator.exportFile': {
          // Counted between other requests, as the preview is; the transaction only audits.
          prepare: (input, call) => regulator.previewInTurns(input.kind, input.period, call.now),
          run: (input, call, summary) => {
            call.audit({
              entity: 'regulatorExport',
              after: { kind: input.kind, period: input.period, files: ['json', 'xlsx'] },
            });
            return summary;
          },
          finish: async (summary) => ({
            summary,
            json: summaryJsonFile(summary),
            excel: await summaryWorkbook(summary),
          }),
        },
      },
      alerts: regulatorAlerts(regulator.outbox),
      auditSubjects: {
        // 月报 2026-11（第 2 版） in the audit log instead of a row number.
        regulatorSubmission: (ids) => regulator.outbox.names(ids),
      },
      jobs: [
        {
          name: 'regulator.deliver',
          label: '监管上报：投递与重试',
          schedule: { every: 'minutes', minutes: 1 },
          run: () => regulator.deliverDue(),
        },
        {
          name: 'regulator.daily',
          label: '监管上报：日报（前一天）',
          schedule: regulator.scheduleOf.daily,
          run: async ({ slot }) => {
            if (!regulator.config.get().schedule.daily) return;
            await regulator.queueScheduled('daily', slot);
            await regulator.deliverDue();
          },
        },
        {
          name: 'regulator.monthly',
          label: '监管上报：月报（上个月）',
          schedule: regulator.scheduleOf.monthly,
          run: async ({ slot }) => {
            if (!regulator.config.get().schedule.monthly) return;
            await regulator.queueScheduled('monthly', slot);
            await regulator.deliverDue();
          },
        },
      ],
      start: () => regulator.start(),
      stop: () => regulator.stop(),
    };
  },
});
