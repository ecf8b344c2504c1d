import { type platformModule } from '../../shared/contract/platform';
import { prepared, requireUser } from '../api/context';
import type { HandlersFor } from '../module';
import type { AlertService } from './alerts';
import type { Scheduler } from './scheduler';

type PlatformHandlers = HandlersFor<typeof platformModule>;

/** Alerts and scheduled jobs; the backups module brings its own handlers. */
export function createPlatformHandlers(deps: {
  alerts: AlertService;
  scheduler: Scheduler;
}): Omit<PlatformHandlers, `backups.${string}`> {
  const { alerts, scheduler } = deps;
  return {
    'alerts.list': prepared((input, ctx) => alerts.answer(requireUser(ctx), ctx.now, input.includeHidden)),
    'alerts.acknowledge': (input, ctx) => {
      alerts.acknowledge(requireUser(ctx), input, ctx);
      return null;
    },
    'alerts.snooze': (input, ctx) => alerts.snooze(requireUser(ctx), input, ctx),
    'alerts.restore': (input, ctx) => {
      alerts.restore(requireUser(ctx), input, ctx);
      return null;
    },
    'scheduler.jobs': () => scheduler.list(),
    'scheduler.runNow': {
      prepare: (input) => scheduler.runNow(input.name),
      run: (input, ctx, status) => {
        ctx.audit({
          entity: 'job',
          entityId: input.name,
          after: { ranAt: status.lastRunAt, error: status.lastError },
        });
        return status;
      },
    },
  };
}
