import { fireModule } from '../../shared/contract/fire';
import { finished, type CallContext } from '../api/context';
import { localDate } from '../clock';
import { listWorkbook } from '../export/excel';
import { fireLedgerSheet } from './exports';
import { readEquipmentSheet, type EquipmentRow } from './equipment-import';
import { defineCoreModule, type HandlersFor } from '../module';
import { fireAlerts } from './alerts';
import { generateFire } from './generate';
import type { WriteOp } from './common';
import { createFire } from './migrations/0009-create-fire';
import { createFireModule, type FireModule } from './service';
import type { FireTables } from './tables';

declare module '../module' {
  interface ModuleServices {
    fire: FireModule;
  }
}

/** Fire safety: patrol slots, checks, hazards to closure, equipment, drills and emergency plans. */
export const fireCore = defineCoreModule({
  shared: fireModule,
  migrations: [createFire],
  generate: generateFire,
  create(ctx) {
    let generation = 0;
    const op = (call: CallContext): WriteOp => {
      generation += 1;
      return { now: call.now, user: call.user, audit: call.audit };
    };
    const fire = createFireModule({
      sql: ctx.sql.scope<FireTables>(),
      auth: ctx.auth,
      timeZone: ctx.timeZone,
    });
    const changed = (
      call: CallContext,
      what: 'record' | 'hazard' | 'equipment' | 'drill' | 'plan' | 'template',
    ) => call.emit('fire.changed', { what });
    const handlers: HandlersFor<typeof fireModule> = {
      'fire.templates.list': () => fire.templates.list(),
      'fire.templates.save': (input, call) => {
        const out = fire.templates.save(input, op(call));
        changed(call, 'template');
        return out;
      },
      'fire.schedule': (input, call) => fire.records.schedule(input, call),
      'fire.records.submit': (input, call) => {
        const out = fire.records.submit(input, op(call));
        if (input.template === 'extinguisherCheck')
          fire.registers.markChecked('extinguisher', out.performedOn);
        changed(call, 'record');
        if (out.hazardIds.length > 0) changed(call, 'hazard');
        return out;
      },
      'fire.records.list': (input, call) => {
        const today = localDate(call.now, ctx.timeZone());
        return fire.records.list({
          ...input,
          from: input.from ?? `${today.slice(0, 7)}-01`,
          to: input.to ?? today,
        });
      },
      'fire.hazards.create': (input, call) => {
        const out = fire.hazards.create(input, op(call));
        changed(call, 'hazard');
        return out;
      },
      'fire.hazards.assign': (input, call) => {
        const out = fire.hazards.assign(input, op(call));
        changed(call, 'hazard');
        return out;
      },
      'fire.hazards.rectify': (input, call) => {
        const out = fire.hazards.rectify(input, op(call));
        changed(call, 'hazard');
        return out;
      },
      'fire.hazards.verify': (input, call) => {
        const out = fire.hazards.verify(input, op(call));
        changed(call, 'hazard');
        return out;
      },
      'fire.hazards.list': (input, call) => fire.hazards.list(input?.status, call),
      'fire.equipment.save': (input, call) => {
        const out = fire.registers.saveEquipment(input, op(call));
        changed(call, 'equipment');
        return out;
      },
      'fire.equipment.import': {
        prepare: (input) => readEquipmentSheet(input.base64),
        run: (_input, call, rows: EquipmentRow[]) => {
          const known = new Map(fire.registers.equipment(call).map((e) => [e.code, e.id]));
          let created = 0;
          let updated = 0;
          for (const row of rows) {
            const id = known.get(row.code);
            fire.registers.saveEquipment(id ? { ...row, id } : row, op(call));
            if (id) updated += 1;
            else created += 1;
          }
          changed(call, 'equipment');
          return { created, updated };
        },
      },
      'fire.equipment.list': (_input, call) => fire.registers.equipment(call),
      'fire.drills.record': (input, call) => {
        const out = fire.registers.recordDrill(input, op(call));
        changed(call, 'drill');
        return out;
      },
      'fire.drills.list': (input) => fire.registers.drills(input?.plan),
      'fire.plans.list': () => fire.registers.plans(),
      'fire.plans.save': (input, call) => {
        const out = fire.registers.savePlan(input, op(call));
        changed(call, 'plan');
        return out;
      },
      'fire.overview': (input, call) => fire.overview(input?.on, call.now),
      'fire.export': finished(
        (input, call) =>
          fireLedgerSheet(fire, input, op(call), {
            timeZone: ctx.timeZone(),
            institution: ctx.institution.find()?.name ?? '',
          }),
        listWorkbook,
      ),
      'fire.people': () => ({
        patrol: ctx.auth.usersWithPermission('fire.patrol'),
        rectify: ctx.auth.usersWithPermission('fire.rectify'),
      }),
    };
    return {
      service: fire,
      handlers,
      alerts: fireAlerts(fire, ctx.timeZone, () => generation),
      summaries: [
        { key: 'fire', label: '消防安全', summarize: (period) => fire.summary(period, ctx.clock.now()) },
      ],
    };
  },
});
