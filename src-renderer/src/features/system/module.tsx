import {
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { systemModule } from '../../../../src-main/shared/contract/system';
import { defineRendererModule, lazyPage } from '../../app/module';
import { AlertsPanel } from './AlertsPanel';
import { DashboardPage } from './DashboardPage';

export const systemUi = defineRendererModule({
  shared: systemModule,
  pages: [
    {
      path: '/',
      group: 'dashboard',
      label: { zh: '工作台', en: 'Dashboard' },
      icon: <DashboardOutlined />,
      // The first page after sign-in: loaded with the shell, not on demand.
      element: <DashboardPage />,
    },
    {
      path: '/system/institution',
      group: 'system',
      order: 10,
      label: { zh: '机构信息', en: 'Institution' },
      icon: <BankOutlined />,
      procedure: 'institution.update',
      element: lazyPage(() => import('./InstitutionPage'), 'InstitutionPage'),
    },
    {
      path: '/system/users',
      group: 'system',
      order: 20,
      label: { zh: '用户与角色', en: 'Users & roles' },
      icon: <TeamOutlined />,
      permission: 'users.manage',
      element: lazyPage(() => import('./UsersPage'), 'UsersPage'),
    },
    {
      path: '/system/settings',
      group: 'system',
      order: 30,
      label: { zh: '设置', en: 'Settings' },
      icon: <SettingOutlined />,
      procedure: 'settings.update',
      element: lazyPage(() => import('./SettingsPage'), 'SettingsPage'),
    },
    {
      path: '/system/audit',
      group: 'system',
      order: 90,
      label: { zh: '审计日志', en: 'Audit log' },
      icon: <AuditOutlined />,
      permission: 'audit.read',
      element: lazyPage(() => import('./AuditPage'), 'AuditPage'),
    },
  ],
  tiles: [{ key: 'alerts', area: 'main', order: 0, component: AlertsPanel }],
  alertKinds: {
    'system.unexpectedRestart': { label: { zh: '程序意外退出', en: 'Unexpected restart' } },
    'system.jobFailed': { label: { zh: '定时任务失败', en: 'Scheduled job failed' } },
    'system.listenerFailed': { label: { zh: '后台处理出错', en: 'Background handler failed' } },
    'system.alertProviderFailed': { label: { zh: '提醒计算出错', en: 'Alert check failed' } },
  },
});
