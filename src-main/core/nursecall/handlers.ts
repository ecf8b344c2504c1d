import { fieldError } from '../../shared/errors';
import { prepared, type CallContext, type ModuleHandlers } from '../api/context';
import { availablePorts } from './available-ports';
import type { NurseCallModule } from './service';

/** Thin adapters from the contract to the nurse-call services; the rules live in the services. */
export function createNurseCallHandlers(deps: { nurseCall: NurseCallModule }): ModuleHandlers<'nursecall'> {
  const { config, addresses, calls, analytics, portConfigs, ports } = deps.nurseCall;

  // The ports follow the saved settings once the save has committed; a rolled-back save leaves
  // them as they are.
  const reconcileAfterCommit = (ctx: CallContext) => ctx.afterCommit(() => ports.reconcile());

  return {
    'nursecall.ports.available': prepared(async () => availablePorts()),
    'nursecall.ports.list': () => portConfigs.list(),
    'nursecall.ports.save': (input, ctx) => {
      const saved = portConfigs.save(input, ctx);
      reconcileAfterCommit(ctx);
      return saved;
    },
    'nursecall.ports.remove': (input, ctx) => {
      const out = portConfigs.remove(input.id, ctx);
      reconcileAfterCommit(ctx);
      return out;
    },
    'nursecall.ports.status': () => ports.status(),

    'nursecall.addresses.list': (_input, ctx) => addresses.list(ctx.now),
    'nursecall.addresses.save': (input, ctx) => {
      const saved = addresses.save(input, ctx);
      calls.relabelOpen(input.address, ctx);
      return saved;
    },
    'nursecall.addresses.remove': (input, ctx) => {
      const out = addresses.remove(input.address, ctx);
      calls.relabelOpen(input.address, ctx);
      return out;
    },
    'nursecall.addresses.template': prepared((_input, ctx) => addresses.template(ctx.now)),
    'nursecall.addresses.import': {
      prepare: (input) => addresses.readImport(input.base64),
      run: (_input, ctx, entries) =>
        addresses.applyImport(entries, ctx, (imported) => {
          for (const address of imported) calls.relabelOpen(address, ctx);
        }),
    },

    'nursecall.calls.active': () => calls.active(),
    'nursecall.calls.ringing': () =>
      calls.active().map(({ id, label, priority, status, raisedAt, escalated }) => ({
        id,
        label,
        priority,
        status,
        raisedAt,
        escalated,
      })),
    'nursecall.calls.acknowledge': (input, ctx) => calls.acknowledge(input, ctx),
    'nursecall.calls.clear': (input, ctx) => calls.clear(input, ctx),
    'nursecall.calls.history': (input) => analytics.history(input),
    'nursecall.analytics': prepared((input, ctx) => analytics.analyse(input, ctx.now)),
    'nursecall.export': {
      prepare: (input, ctx) => analytics.exportWorkbook(input, ctx.now),
      run: (input, ctx, file) => {
        ctx.audit({
          entity: 'nurseCallExport',
          after: { from: input.from, to: input.to, fileName: file.fileName },
        });
        return file;
      },
    },
    'nursecall.responders': () => calls.responders(),
    'nursecall.getConfig': () => config.get(),
    'nursecall.updateConfig': (input, ctx) => {
      if (input.shifts) {
        const names = new Set<string>();
        const starts = new Set<string>();
        input.shifts.forEach((shift, i) => {
          if (names.has(shift.name))
            throw fieldError(`shifts.${i}.name`, `班次名称「${shift.name}」重复了，请改一个名称`);
          if (starts.has(shift.start))
            throw fieldError(`shifts.${i}.start`, `已有班次从 ${shift.start} 开始，请调整开始时间`);
          names.add(shift.name);
          starts.add(shift.start);
        });
      }
      const { before, after } = config.update(input, ctx.now);
      ctx.audit({ entity: 'nurseCallConfig', before, after });
      return after;
    },
  };
}
