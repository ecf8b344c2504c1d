import { CalendarOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { staffModule } from '../../../../src-main/shared/contract/staff';
import { defineRendererModule, lazyPage } from '../../app/module';
import { CertificationKpi, OnDutyTile, RatioKpi } from './tiles';

export const staffUi = defineRendererModule({
  shared: staffModule,
  pages: [
    {
      path: '/staff/roster',
      group: 'staff',
      label: { zh: '员工', en: 'Staff' },
      icon: <IdcardOutlined />,
      procedure: 'staff.list',
      element: lazyPage(() => import('./RosterPage'), 'RosterPage'),
    },
    {
      path: '/staff/rota',
      group: 'staff',
      label: { zh: '排班', en: 'Rota' },
      icon: <CalendarOutlined />,
      procedure: 'rota.week',
      element: lazyPage(() => import('./RotaPage'), 'RotaPage'),
    },
    {
      path: '/staff/ratio',
      group: 'staff',
      label: { zh: '配比', en: 'Ratio' },
      icon: <TeamOutlined />,
      procedure: 'staffing.ratio',
      element: lazyPage(() => import('./RatioPage'), 'RatioPage'),
    },
  ],
  tiles: [
    { key: 'caregiverRatio', area: 'kpi', order: 40, procedure: 'staffing.kpis', component: RatioKpi },
    { key: 'certified', area: 'kpi', order: 50, procedure: 'staffing.kpis', component: CertificationKpi },
    { key: 'onDuty', area: 'side', order: 30, procedure: 'rota.onDuty', component: OnDutyTile },
  ],
  alertKinds: {
    'staff.certificateExpiring': {
      label: { zh: '证书即将到期', en: 'Certificate expiring' },
      listLink: '/staff/roster',
    },
    'staff.certificateExpired': {
      label: { zh: '证书已过期', en: 'Certificate expired' },
      listLink: '/staff/roster',
    },
    'staff.trainingMissing': { label: { zh: '培训缺失', en: 'Training missing' }, listLink: '/staff/roster' },
    'staffing.ratioBreached': {
      label: { zh: '护理员配比不达标', en: 'Caregiver ratio breached' },
      listLink: '/staff/ratio',
    },
  },
});
