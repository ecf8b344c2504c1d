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
  alertKinds: {
    'backups.failing': { label: { zh: '备份失败', en: 'Backup failing' }, listLink: '/system/backups' },
    'backups.missing': { label: { zh: '没有近期备份', en: 'No recent backup' }, listLink: '/system/backups' },
    'backups.copyFailed': {
      label: { zh: '备份副本未写入', en: 'Backup copy failed' },
      listLink: '/system/backups',
    },
  },
});
