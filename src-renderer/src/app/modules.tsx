import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BuildOutlined,
  ControlOutlined,
  ClockCircleOutlined,
  SolutionOutlined,
  UserAddOutlined,
  UserOutlined,
  DashboardOutlined,
  AlertOutlined,
  HistoryOutlined,
  ApiOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { AlarmBoardPage } from '../features/nursecall/AlarmBoardPage';
import { HistoryPage as NurseCallHistoryPage } from '../features/nursecall/HistoryPage';
import { NurseCallSettingsPage } from '../features/nursecall/NurseCallSettingsPage';
import { WallCallsPage } from '../features/nursecall/WallCallsPage';
import { AdmissionPage } from '../features/residents/AdmissionPage';
import { AssessmentsDuePage } from '../features/residents/AssessmentsDuePage';
import { BedBoardPage } from '../features/residents/BedBoardPage';
import { BedManagementPage } from '../features/residents/BedManagementPage';
import { ResidentListPage } from '../features/residents/ResidentListPage';
import { ResidentsSettingsPage } from '../features/residents/ResidentsSettingsPage';
import { WaitingListPage } from '../features/residents/WaitingListPage';
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
    path: '/residents',
    group: 'residents',
    label: { zh: '在住', en: 'Residents' },
    icon: <UserOutlined />,
    permission: 'residents.read',
    element: <ResidentListPage />,
  },
  {
    path: '/residents/admission',
    group: 'residents',
    label: { zh: '入住办理', en: 'Admissions' },
    icon: <UserAddOutlined />,
    permission: 'residents.write',
    element: <AdmissionPage />,
  },
  {
    path: '/residents/waiting',
    group: 'residents',
    label: { zh: '轮候', en: 'Waiting list' },
    icon: <ClockCircleOutlined />,
    permission: 'residents.read',
    element: <WaitingListPage />,
  },
  {
    path: '/residents/beds',
    group: 'residents',
    label: { zh: '房态图', en: 'Bed board' },
    icon: <AppstoreOutlined />,
    permission: 'residents.read',
    element: <BedBoardPage />,
  },
  {
    path: '/residents/assessments',
    group: 'residents',
    label: { zh: '评估', en: 'Assessments' },
    icon: <SolutionOutlined />,
    permission: 'residents.read',
    element: <AssessmentsDuePage />,
  },
  {
    path: '/residents/facilities',
    group: 'residents',
    label: { zh: '床位管理', en: 'Beds & rooms' },
    icon: <BuildOutlined />,
    permission: 'facilities.manage',
    element: <BedManagementPage />,
  },
  {
    path: '/nursecall',
    group: 'care',
    label: { zh: '呼叫', en: 'Nurse calls' },
    icon: <AlertOutlined />,
    permission: 'nursecall.read',
    element: <AlarmBoardPage />,
  },
  {
    path: '/nursecall/history',
    group: 'care',
    label: { zh: '呼叫记录', en: 'Call history' },
    icon: <HistoryOutlined />,
    permission: 'nursecall.read',
    element: <NurseCallHistoryPage />,
  },
  {
    path: '/nursecall/settings',
    group: 'system',
    label: { zh: '呼叫设置', en: 'Nurse-call settings' },
    icon: <ApiOutlined />,
    permission: 'nursecall.configure',
    element: <NurseCallSettingsPage />,
  },
  {
    path: '/system/residents',
    group: 'system',
    label: { zh: '护理等级与评估规则', en: 'Care grades & rules' },
    icon: <ControlOutlined />,
    permission: 'residents.configure',
    element: <ResidentsSettingsPage />,
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

/** Pages shown alone, without the menu and header (a wall monitor); paths start with `/wall/`. */
export const wallPages: Array<{ path: string; element: ReactNode }> = [
  { path: '/wall/calls', element: <WallCallsPage /> },
];
