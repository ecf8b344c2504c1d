import {
  AlertOutlined,
  FireOutlined,
  ProfileOutlined,
  SafetyOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { fireModule } from '../../../../src-main/shared/contract/fire';
import { defineRendererModule, lazyPage } from '../../app/module';
import { FirePatrolsKpi, PatrolTimelineTile } from './FireTiles';

export const fireUi = defineRendererModule({
  shared: fireModule,
  pages: [
    {
      path: '/fire/patrol',
      group: 'fire',
      order: 10,
      label: { zh: '巡查', en: 'Patrols' },
      icon: <FireOutlined />,
      permission: 'fire.read',
      element: lazyPage(() => import('./PatrolPage'), 'PatrolPage'),
    },
    {
      path: '/fire/hazards',
      group: 'fire',
      order: 20,
      label: { zh: '隐患', en: 'Hazards' },
      icon: <AlertOutlined />,
      permission: 'fire.read',
      element: lazyPage(() => import('./HazardsPage'), 'HazardsPage'),
    },
    {
      path: '/fire/equipment',
      group: 'fire',
      order: 30,
      label: { zh: '设施', en: 'Equipment' },
      icon: <ToolOutlined />,
      permission: 'fire.read',
      element: lazyPage(() => import('./EquipmentPage'), 'EquipmentPage'),
    },
    {
      path: '/fire/drills',
      group: 'fire',
      order: 40,
      label: { zh: '演练与预案', en: 'Drills and plans' },
      icon: <SafetyOutlined />,
      permission: 'fire.read',
      element: lazyPage(() => import('./DrillsPage'), 'DrillsPage'),
    },
    {
      path: '/fire/templates',
      group: 'fire',
      order: 50,
      label: { zh: '检查模板', en: 'Checklists' },
      icon: <ProfileOutlined />,
      procedure: 'fire.templates.save',
      element: lazyPage(() => import('./TemplatesPage'), 'TemplatesPage'),
    },
  ],
  tiles: [
    { key: 'firePatrols', area: 'kpi', order: 40, procedure: 'fire.overview', component: FirePatrolsKpi },
    {
      key: 'firePatrolTimeline',
      area: 'main',
      order: 30,
      procedure: 'fire.schedule',
      component: PatrolTimelineTile,
    },
  ],
  alertKinds: {
    'fire.patrolMissed': {
      label: { zh: '防火巡查漏巡', en: 'Missed fire patrol' },
      listLink: '/fire/patrol',
    },
    'fire.inspectionDue': {
      label: { zh: '防火检查到期', en: 'Fire inspection due' },
      listLink: '/fire/patrol?template=inspection',
    },
    'fire.hazardOverdue': { label: { zh: '火灾隐患待整改', en: 'Fire hazards' }, listLink: '/fire/hazards' },
    'fire.drillDue': { label: { zh: '消防演练到期', en: 'Fire drill due' }, listLink: '/fire/drills' },
    'fire.equipmentExpiring': {
      label: { zh: '消防设施到期', en: 'Equipment expiring' },
      listLink: '/fire/equipment',
    },
    'fire.planReviewDue': {
      label: { zh: '应急预案待评审', en: 'Plan review due' },
      listLink: '/fire/drills',
    },
  },
});
