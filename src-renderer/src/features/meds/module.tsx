import {
  ContainerOutlined,
  FileTextOutlined,
  MedicineBoxOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { medsModule } from '../../../../src-main/shared/contract/meds';
import { defineRendererModule, lazyPage } from '../../app/module';
import { MedsTile } from './MedsTile';

export const medsUi = defineRendererModule({
  shared: medsModule,
  pages: [
    {
      path: '/meds/round',
      group: 'care',
      label: { zh: '给药巡回', en: 'Medication round' },
      icon: <ScheduleOutlined />,
      permission: 'meds.read',
      element: lazyPage(() => import('./RoundPage'), 'RoundPage'),
    },
    {
      path: '/meds/handover',
      group: 'care',
      label: { zh: '交接班清点', en: 'Handover count' },
      icon: <SafetyCertificateOutlined />,
      permission: 'meds.read',
      element: lazyPage(() => import('./HandoverPage'), 'HandoverPage'),
    },
    {
      path: '/meds/orders',
      group: 'care',
      label: { zh: '医嘱', en: 'Medication orders' },
      icon: <FileTextOutlined />,
      permission: 'meds.read',
      element: lazyPage(() => import('./OrdersPage'), 'OrdersPage'),
    },
    {
      path: '/meds/stock',
      group: 'care',
      label: { zh: '代管药品', en: 'Kept medicines' },
      icon: <ContainerOutlined />,
      permission: 'meds.read',
      element: lazyPage(() => import('./StockPage'), 'StockPage'),
    },
    {
      path: '/meds/drugs',
      group: 'care',
      label: { zh: '药品目录', en: 'Drug catalog' },
      icon: <MedicineBoxOutlined />,
      permission: 'meds.read',
      element: lazyPage(() => import('./DrugsPage'), 'DrugsPage'),
    },
  ],
  tiles: [{ key: 'meds', area: 'side', order: 20, procedure: 'meds.marSummary', component: MedsTile }],
  alertKinds: {
    'meds.doseMissed': { label: { zh: '漏给药', en: 'Missed dose' }, listLink: '/meds/round' },
    'meds.prnEffectDue': {
      label: { zh: '按需用药待记效果', en: 'PRN effect due' },
      listLink: '/meds/round?tab=prn',
    },
    'meds.handoverCountMissing': {
      label: { zh: '交接班未清点管制药品', en: 'Controlled drugs not counted at handover' },
      listLink: '/meds/handover',
    },
    'meds.stockExpiring': { label: { zh: '代管药品临期', en: 'Kept medicine expiring' } },
    'meds.stockLow': { label: { zh: '代管药品不足', en: 'Kept medicine running low' } },
  },
});
