import {
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { AuditPage } from '../features/system/AuditPage';
import { DashboardPage } from '../features/system/DashboardPage';
import { InstitutionPage } from '../features/system/InstitutionPage';
import { SettingsPage } from '../features/system/SettingsPage';
import { UsersPage } from '../features/system/UsersPage';

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
  /** Users without it do not see the entry; opening the address directly still shows "no permission". */
  permission?: string;
  element: ReactNode;
}

/** Only built pages are listed; a module adds its pages here. */
export const pages: PageEntry[] = [
  {
    path: '/',
    group: 'dashboard',
    label: { zh: '工作台', en: 'Dashboard' },
    icon: <DashboardOutlined />,
    element: <DashboardPage />,
  },
  {
    path: '/system/institution',
    group: 'system',
    label: { zh: '机构信息', en: 'Institution' },
    icon: <BankOutlined />,
    element: <InstitutionPage />,
  },
  {
    path: '/system/users',
    group: 'system',
    label: { zh: '用户与角色', en: 'Users & roles' },
    icon: <TeamOutlined />,
    permission: 'users.manage',
    element: <UsersPage />,
  },
  {
    path: '/system/settings',
    group: 'system',
    label: { zh: '设置', en: 'Settings' },
    icon: <SettingOutlined />,
    element: <SettingsPage />,
  },
  {
    path: '/system/audit',
    group: 'system',
    label: { zh: '审计日志', en: 'Audit log' },
    icon: <AuditOutlined />,
    permission: 'audit.read',
    element: <AuditPage />,
  },
];
