import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { mayCall } from '../../../src-main/shared/access';
import type { ProcedureName } from '../../../src-main/shared/contract';
import type { SharedModule } from '../../../src-main/shared/module';
import { hasPermission } from '../../../src-main/shared/roles';

export type NavGroup =
  'dashboard' | 'residents' | 'care' | 'staff' | 'fire' | 'billing' | 'report' | 'system';

export const navGroups: Record<NavGroup, { zh: string; en: string; order: number }> = {
  dashboard: { zh: '工作台', en: 'Dashboard', order: 0 },
  residents: { zh: '老人', en: 'Residents', order: 1 },
  care: { zh: '护理', en: 'Care', order: 2 },
  staff: { zh: '人员', en: 'Staff', order: 3 },
  fire: { zh: '消防安全', en: 'Fire safety', order: 4 },
  billing: { zh: '收费', en: 'Billing', order: 5 },
  report: { zh: '上报', en: 'Reporting', order: 6 },
  system: { zh: '系统', en: 'System', order: 7 },
};

export interface PageEntry {
  path: string;
  group: NavGroup;
  label: { zh: string; en: string };
  icon: ReactNode;
  /** Users without it neither see the entry nor the page when they open its address. */
  permission?: string;
  /**
   * The procedure the page exists for (a settings page: its save): shown only to those who may call
   * it, by the contract's access rule, like every action button.
   */
  procedure?: ProcedureName;
  element: ReactNode;
  /** Order inside its menu group (lower first); pages keep registry order otherwise. */
  order?: number;
}

/**
 * A card on the workbench (工作台). `procedure`/`permission` decide who sees it, by the same rule as
 * pages and buttons, so each role gets its own workbench without the tile asking.
 */
export interface WorkbenchTile {
  key: string;
  /** `kpi`: the figures across the top; `main`: the wide left column; `side`: the right column. */
  area: 'kpi' | 'main' | 'side';
  /** Lower first within its area. */
  order?: number;
  procedure?: ProcedureName;
  permission?: string;
  component: ComponentType;
}

/** How the workbench groups a module's alerts: `assessments.due` → 评估到期, with the page listing them all. */
export interface AlertKind {
  label: { zh: string; en: string };
  /** The page that lists every alert of this kind, when there is one. */
  listLink?: string;
}

/** A module's screens: its pages in the side menu, wall pages (no menu), and workbench tiles. */
export interface RendererModule {
  shared: SharedModule;
  pages?: PageEntry[];
  /** Pages shown alone, without the menu and header (a wall monitor); paths start with `/wall/`. */
  wallPages?: Array<{ path: string; element: ReactNode }>;
  /** Tiles on the workbench (工作台). */
  tiles?: WorkbenchTile[];
  /** Words for the kinds of alert the module's core raises. */
  alertKinds?: Record<string, AlertKind>;
}

/** Whether a signed-in user holding `permissions` may open `page` (and see it in the menu). */
export function pageAllowed(
  page: Pick<PageEntry, 'permission' | 'procedure'>,
  permissions: readonly string[],
) {
  return (
    (!page.permission || hasPermission(permissions, page.permission)) &&
    (!page.procedure || mayCall(permissions, page.procedure))
  );
}

export function defineRendererModule(module: RendererModule): RendererModule {
  return module;
}

/**
 * A page loaded on first visit, so the first screen does not load every module's code.
 * `lazyPage(() => import('./AlarmBoardPage'), 'AlarmBoardPage')`.
 */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} />}>
      <Page />
    </Suspense>
  );
}
