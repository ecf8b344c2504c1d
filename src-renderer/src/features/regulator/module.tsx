import { CloudUploadOutlined } from '@ant-design/icons';
import { regulatorModule } from '../../../../src-main/shared/contract/regulator';
import { defineRendererModule, lazyPage } from '../../app/module';
import { UploadTile } from './UploadTile';

export const regulatorUi = defineRendererModule({
  shared: regulatorModule,
  pages: [
    {
      path: '/regulator',
      group: 'report',
      order: 10,
      label: { zh: '监管上报', en: 'Regulator upload' },
      icon: <CloudUploadOutlined />,
      permission: 'regulator.read',
      element: lazyPage(() => import('./RegulatorPage'), 'RegulatorPage'),
    },
  ],
  tiles: [{ key: 'upload', area: 'side', order: 40, procedure: 'regulator.outbox', component: UploadTile }],
  alertKinds: {
    'regulator.rejected': { label: { zh: '上报被退回', en: 'Upload rejected' }, listLink: '/regulator' },
    'regulator.authFailed': {
      label: { zh: '上报签名未通过', en: 'Upload signature refused' },
      listLink: '/regulator',
    },
    'regulator.deliveryFailing': {
      label: { zh: '上报多次未送达', en: 'Upload keeps failing' },
      listLink: '/regulator',
    },
  },
});
