import { SafetyCertificateOutlined } from '@ant-design/icons';
import { backupsModule } from '../../../../src-main/shared/contract/backups';
import { defineRendererModule, lazyPage } from '../../app/module';

export const backupsUi = defineRendererModule({
  shared: backupsModule,
  pages: [
    {
      path: '/system/backups',
      group: 'system',
      order: 40,
      label: { zh: '数据备份', en: 'Backups' },
      icon: <SafetyCertificateOutlined />,
      permission: 'backups.manage',
      element: lazyPage(() => import('./BackupsPage'), 'BackupsPage'),
    },
  ],
});
