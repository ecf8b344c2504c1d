import { z } from 'zod';
import type { MedsSettings } from '../../shared/contract';
import type { AuthService } from '../auth/service';
import type { Sql } from '../db/sql';
import type { ResidentsModule } from '../residents/service';
import type { SettingsService } from '../settings/service';
import { statements, type MedsOp } from './common';
import { createDrugs } from './drugs';
import { createHandover, type ShiftTimes } from './handover';
import { createMar } from './mar';
import { monthlyMar } from './monthly';
import { createOrders } from './orders';
import { createPeople } from './people';
import { createPrn } from './prn';
import { createStock } from './stock';

/** Builds the medication module's services; other modules use these, never the tables. */
export function createMedsModule(deps: {
  sql: Sql<unknown>;
  timeZone(): string;
  auth: AuthService;
  settings: SettingsService;
  residents: ResidentsModule | undefined;
  /** The rota's shifts (staff module), read when asked; the defaults stand in without it. */
  shifts?: () => ShiftTimes[] | undefined;
}) {
  const people = createPeople({
    residents: deps.residents,
    auth: deps.auth,
    remember: (key, load) => deps.sql.remember(key, load),
  });
  const base = {
    sql: deps.sql,
    timeZone: deps.timeZone,
    settings: deps.settings,
    people,
    stmt: statements(deps.sql),
  };
  const drugs = createDrugs(base);
  const orders = createOrders({ ...base, drugs });
  const stock = createStock({ ...base, drugs });
  const mar = createMar({ ...base, drugs, orders, stock });
  const prn = createPrn({ ...base, drugs, orders, stock, mar });
  const handover = createHandover({ ...base, drugs, shifts: deps.shifts ?? (() => undefined) });

  function settings(): MedsSettings {
    return { windowMinutes: mar.windowMinutes() };
  }

  return {
    people,
    drugs,
    orders,
    stock,
    mar,
    prn,
    handover,
    settings,
    updateSettings(input: MedsSettings, op: MedsOp): MedsSettings {
      const before = settings();
      const parsed = z.object({ windowMinutes: z.number().int() }).parse(input);
      deps.settings.setModuleValue('meds.windowMinutes', parsed.windowMinutes, op.now);
      const after = settings();
      op.audit({ entity: 'medsSettings', before, after });
      return after;
    },
    monthly(input: { residentId: number; month: string }, now: Date) {
      return monthlyMar({ mar, prn, people, timeZone: deps.timeZone }, input, now);
    },
  };
}

export type MedsModule = ReturnType<typeof createMedsModule>;
