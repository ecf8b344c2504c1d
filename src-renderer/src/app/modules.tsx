import type { ReactNode } from 'react';
import { backupsUi } from '../features/backups/module';
import { billingUi } from '../features/billing/module';
import { fireUi } from '../features/fire/module';
import { medsUi } from '../features/meds/module';
import { nurseCallUi } from '../features/nursecall/module';
import { regulatorUi } from '../features/regulator/module';
import { residentsUi } from '../features/residents/module';
import { staffUi } from '../features/staff/module';
import { systemUi } from '../features/system/module';
import type { AlertKind, PageEntry, RendererModule, WorkbenchTile } from './module';

export { navGroups, type NavGroup, type PageEntry } from './module';

/**
 * Every module's screens, in menu order. Adding a module adds one line here (and one in each of the
 * shared and core registries).
 */
export const rendererModules: readonly RendererModule[] = [
  systemUi, // workbench, institution, users, settings, audit log
  residentsUi, // residents, admissions, waiting list, bed board, assessments, beds
  nurseCallUi, // alarm board, call history, nurse-call settings, wall view
  medsUi, // medication round, orders, kept medicines, drug catalog
  backupsUi, // 数据备份
  staffUi, // 员工, 排班, 配比
  billingUi, // 账单, 收款, 押金与预交, 标准, 报表
  fireUi, // 消防安全: 巡查, 隐患, 设施, 演练与预案
  regulatorUi, // 监管上报
];

/** Only built pages are listed: a module adds its pages in its own manifest. */
export const pages: PageEntry[] = rendererModules.flatMap((m) => m.pages ?? []);

export const wallPages: Array<{ path: string; element: ReactNode }> = rendererModules.flatMap(
  (m) => m.wallPages ?? [],
);

export const dashboardTiles: WorkbenchTile[] = rendererModules
  .flatMap((m) => m.tiles ?? [])
  .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));

export const alertKinds: Record<string, AlertKind> = Object.assign(
  {},
  ...rendererModules.map((m) => m.alertKinds ?? {}),
) as Record<string, AlertKind>;
