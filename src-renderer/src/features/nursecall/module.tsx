import { AlertOutlined, ApiOutlined, HistoryOutlined } from '@ant-design/icons';
import { nurseCallModule } from '../../../../src-main/shared/contract/nursecall';
import { defineRendererModule, lazyPage } from '../../app/module';
import { AlarmBoardPage } from './AlarmBoardPage';
import { LiveCallsTile } from './NurseCallTile';

export const nurseCallUi = defineRendererModule({
  shared: nurseCallModule,
  pages: [
    {
      path: '/nursecall',
      group: 'care',
      label: { zh: '呼叫', en: 'Nurse calls' },
      icon: <AlertOutlined />,
      permission: 'nursecall.read',
      // Loaded with the shell: a ringing call must never wait for a page to download.
      element: <AlarmBoardPage />,
    },
    {
      path: '/nursecall/history',
      group: 'care',
      label: { zh: '呼叫记录', en: 'Call history' },
      icon: <HistoryOutlined />,
      permission: 'nursecall.read',
      element: lazyPage(() => import('./HistoryPage'), 'HistoryPage'),
    },
    {
      path: '/nursecall/settings',
      group: 'system',
      order: 50,
      label: { zh: '呼叫设置', en: 'Nurse-call settings' },
      icon: <ApiOutlined />,
      permission: 'nursecall.configure',
      element: lazyPage(() => import('./NurseCallSettingsPage'), 'NurseCallSettingsPage'),
    },
  ],
  wallPages: [{ path: '/wall/calls', element: lazyPage(() => import('./WallCallsPage'), 'WallCallsPage') }],
  tiles: [{ key: 'calls', area: 'side', order: 10, permission: 'nursecall.read', component: LiveCallsTile }],
  alertKinds: {
    'nursecall.portDown': { label: { zh: '呼叫串口未连接', en: 'Nurse-call port down' } },
  },
});
