import { backupsModule } from './contract/backups';
import { billingModule } from './contract/billing';
import { fireModule } from './contract/fire';
import { medsModule } from './contract/meds';
import { nurseCallModule } from './contract/nursecall';
import { platformModule } from './contract/platform';
import { regulatorModule } from './contract/regulator';
import { residentsModule } from './contract/residents';
import { staffModule } from './contract/staff';
import { systemModule } from './contract/system';
import type { Label, PermissionDecl, SharedModule } from './module';

/**
 * Every module's shared manifest, in menu order. Adding a module adds one line here, one in the core
 * registry (`src-main/core/modules.ts`) and one in the renderer's (`src-renderer/src/app/modules.tsx`).
 */
export const sharedModules = [
  systemModule, // auth, users, roles, institution, settings, audit, demo
  platformModule, // alerts, scheduled jobs
  residentsModule, // facilities, beds, residents, admissions, assessments, incidents
  nurseCallModule, // nurse call
  medsModule, // medication: orders, MAR, PRN, kept medicines
  backupsModule, // backups
  staffModule, // staff, certificates, training, rota, caregiver ratio
  billingModule, // fee schedule, monthly run, payments, prepaid ledgers, settlement
  fireModule, // fire safety: patrols, checks, hazards, equipment, drills, plans
  regulatorModule, // upload to the provincial platform
] as const;

export type SharedModules = typeof sharedModules;

function merge<T>(pick: (m: SharedModule) => Record<string, T> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const m of sharedModules as readonly SharedModule[]) {
    for (const [key, value] of Object.entries(pick(m) ?? {})) {
      if (Object.hasOwn(out, key)) throw new Error(`${key} is declared by two modules (second: ${m.name})`);
      out[key] = value;
    }
  }
  return out;
}

export const allPermissions: Record<string, PermissionDecl> = merge((m) => m.permissions);
export const allAuditModuleLabels: Record<string, Label> = merge((m) => m.auditLabels?.modules);
export const allAuditEntityLabels: Record<string, Label> = merge((m) => m.auditLabels?.entities);
/** Verbs may repeat across modules (`export`); the first module's words win. */
export const allAuditVerbLabels: Record<string, Label> = Object.assign(
  {},
  ...[...(sharedModules as readonly SharedModule[])].reverse().map((m) => m.auditLabels?.verbs ?? {}),
) as Record<string, Label>;
