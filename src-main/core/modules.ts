import { backupsCore } from './backups/module';
import { billingCore } from './billing/module';
import type { Migration } from './db/migrate';
import { fireCore } from './fire/module';
import type { CoreModule } from './module';
import { medsCore } from './meds/module';
import { nurseCallCore } from './nursecall/module';
import { createPlatform } from './platform/migration';
import { regulatorCore } from './regulator/module';
import { residentsCore } from './residents/module';
import { staffCore } from './staff/module';
import { systemCore } from './system/module';

/**
 * Every module's core side, in build order: a module may use the services of those before it.
 * Adding a module adds one line here (and one in each of the shared and renderer registries).
 */
export const coreModules: readonly CoreModule[] = [
  systemCore, // sign-in, users and roles, institution, settings, audit, demo seed
  residentsCore, // facilities, residents, assessments, incidents, care history
  nurseCallCore, // serial ports, calls, addresses, analytics
  medsCore, // medication: orders, MAR, PRN, kept medicines
  backupsCore, // daily verified backups, restore
  staffCore, // staff, certificates, training, rota, caregiver ratio
  billingCore, // fee schedule, monthly run, payments, prepaid ledgers, settlement
  fireCore, // fire safety: patrol slots, checks, hazards, equipment, drills, plans
  regulatorCore, // summary upload to the provincial platform
];

/** The platform's own tables (permission catalog, alert states, job runs). */
const platformMigrations: readonly Migration[] = [createPlatform];

/** Every migration of every module, by version; gaps and duplicates are refused at start. */
export function allMigrations(modules: readonly CoreModule[] = coreModules): Migration[] {
  const list = [...platformMigrations, ...modules.flatMap((m) => m.migrations ?? [])].sort(
    (a, b) => a.version - b.version,
  );
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Migration versions must run 1, 2, 3… without gaps: found ${m.name} at position ${i + 1}`,
      );
    }
  });
  return list;
}
