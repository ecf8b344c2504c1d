import {
  AppstoreOutlined,
  BuildOutlined,
  ClockCircleOutlined,
  ControlOutlined,
  SolutionOutlined,
  UserAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { residentsModule } from '../../../../src-main/shared/contract/residents';
import { defineRendererModule, lazyPage } from '../../app/module';
import { NursingBedKpi, OccupancyKpi, VacantBedsKpi } from './workbench/KpiTiles';
import { TodayTile } from './workbench/TodayTile';

export const residentsUi = defineRendererModule({
  shared: residentsModule,
  pages: [
    {
      path: '/residents',
      group: 'residents',
      label: { zh: '在住', en: 'Residents' },
      icon: <UserOutlined />,
      permission: 'residents.read',
      element: lazyPage(() => import('./ResidentListPage'), 'ResidentListPage'),
    },
    {
      path: '/residents/admission',
      group: 'residents',
      label: { zh: '入住办理', en: 'Admissions' },
      icon: <UserAddOutlined />,
      permission: 'residents.write',
      element: lazyPage(() => import('./AdmissionPage'), 'AdmissionPage'),
    },
    {
      path: '/residents/waiting',
      group: 'residents',
      label: { zh: '轮候', en: 'Waiting list' },
      icon: <ClockCircleOutlined />,
      permission: 'residents.read',
      element: lazyPage(() => import('./WaitingListPage'), 'WaitingListPage'),
    },
    {
      path: '/residents/beds',
      group: 'residents',
      label: { zh: '房态图', en: 'Bed board' },
      icon: <AppstoreOutlined />,
      permission: 'residents.read',
      element: lazyPage(() => import('./BedBoardPage'), 'BedBoardPage'),
    },
    {
      path: '/residents/assessments',
      group: 'residents',
      label: { zh: '待评估', en: 'Assessments due' },
      icon: <SolutionOutlined />,
      permission: 'residents.read',
      element: lazyPage(() => import('./AssessmentsDuePage'), 'AssessmentsDuePage'),
    },
    {
      path: '/residents/facilities',
      group: 'residents',
      label: { zh: '床位管理', en: 'Beds & rooms' },
      icon: <BuildOutlined />,
      permission: 'facilities.manage',
      element: lazyPage(() => import('./BedManagementPage'), 'BedManagementPage'),
    },
    {
      path: '/system/residents',
      group: 'system',
      order: 40,
      label: { zh: '护理等级与评估规则', en: 'Care grades & rules' },
      icon: <ControlOutlined />,
      permission: 'residents.configure',
      element: lazyPage(() => import('./ResidentsSettingsPage'), 'ResidentsSettingsPage'),
    },
  ],
  tiles: [
    { key: 'occupancy', area: 'kpi', order: 10, procedure: 'beds.kpis', component: OccupancyKpi },
    { key: 'nursingBeds', area: 'kpi', order: 20, procedure: 'beds.kpis', component: NursingBedKpi },
    { key: 'vacant', area: 'kpi', order: 30, procedure: 'beds.kpis', component: VacantBedsKpi },
    { key: 'today', area: 'side', order: 20, procedure: 'residents.today', component: TodayTile },
  ],
  alertKinds: {
    'assessments.due': {
      label: { zh: '评估到期', en: 'Assessments due' },
      listLink: '/residents/assessments',
    },
    'residents.leaveReturnDue': { label: { zh: '请假逾期未返院', en: 'Overdue from leave' } },
    'residents.reservationOverdue': {
      label: { zh: '预订超过 7 天未入住', en: 'Reservations held over 7 days' },
      listLink: '/residents/waiting',
    },
  },
});
