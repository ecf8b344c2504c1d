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
import { OccupancyTile } from './OccupancyTile';

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
  tiles: [OccupancyTile],
});
