import {
  AccountBookOutlined,
  BarChartOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { billingModule } from '../../../../src-main/shared/contract/billing';
import { defineRendererModule, lazyPage } from '../../app/module';
import { BillingTile } from './BillingTile';

export const billingUi = defineRendererModule({
  shared: billingModule,
  pages: [
    {
      path: '/billing/runs',
      group: 'billing',
      order: 10,
      label: { zh: '账单', en: 'Bills' },
      icon: <ProfileOutlined />,
      procedure: 'billing.runs.preview',
      element: lazyPage(() => import('./RunPage'), 'RunPage'),
    },
    {
      path: '/billing/payments',
      group: 'billing',
      order: 20,
      label: { zh: '收款', en: 'Payments' },
      icon: <MoneyCollectOutlined />,
      procedure: 'billing.accounts.get',
      element: lazyPage(() => import('./PaymentsPage'), 'PaymentsPage'),
    },
    {
      path: '/billing/ledgers',
      group: 'billing',
      order: 30,
      label: { zh: '押金与预交', en: 'Deposits' },
      icon: <WalletOutlined />,
      procedure: 'billing.ledgers.list',
      element: lazyPage(() => import('./LedgersPage'), 'LedgersPage'),
    },
    {
      path: '/billing/schedule',
      group: 'billing',
      order: 40,
      label: { zh: '标准', en: 'Fee schedule' },
      icon: <AccountBookOutlined />,
      procedure: 'billing.items.list',
      element: lazyPage(() => import('./SchedulePage'), 'SchedulePage'),
    },
    {
      path: '/billing/reports',
      group: 'billing',
      order: 50,
      label: { zh: '报表', en: 'Reports' },
      icon: <BarChartOutlined />,
      procedure: 'billing.reports.income',
      element: lazyPage(() => import('./ReportsPage'), 'ReportsPage'),
    },
  ],
  tiles: [
    {
      key: 'billing.arrears',
      area: 'kpi',
      order: 60,
      procedure: 'billing.reports.arrears',
      component: BillingTile,
    },
  ],
  alertKinds: {
    'billing.runDue': { label: { zh: '月结待出账', en: 'Monthly run due' }, listLink: '/billing/runs' },
    'billing.arrears': { label: { zh: '欠费', en: 'Arrears' }, listLink: '/billing/reports' },
  },
});
