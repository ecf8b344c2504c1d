import { App, Card, Form, Radio } from 'antd';
import type { SettingsValues } from '../../../../src-main/shared/contract/system';
import { useMutate } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';

type StartAtLogin = SettingsValues['desktop.startAtLogin'];

/** Desktop app only: whether CareDesk starts with the computer, hidden in the tray with its ports open. */
export function DesktopSettings({ value }: { value: StartAtLogin }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const save = useMutate('settings.update', ['settings.get']);

  async function choose(next: StartAtLogin) {
    try {
      await save.mutateAsync({ 'desktop.startAtLogin': next });
      void message.success(t('开机启动设置已保存', 'Start-at-login setting saved'));
    } catch (error) {
      void message.error((error as Error).message);
    }
  }

  return (
    <Card title={t('本电脑的桌面程序', 'The desktop app on this computer')}>
      <Form layout="vertical" size="large">
        <Form.Item
          label={t('开机自动启动', 'Start at login')}
          extra={t(
            '开机后 CareDesk 留在屏幕右下角的通知区域，呼叫主机的串口照常接收呼叫，来呼叫时自动弹出窗口。关闭窗口也不会退出；要退出请右键点通知区域的图标，选“退出”。',
            'After login CareDesk waits in the notification area with the nurse-call ports open and pops up when a call comes in. Closing the window does not quit it; to quit, right-click the tray icon and choose Quit.',
          )}
        >
          <Radio.Group
            value={value}
            disabled={!can('settings.manage') || save.isPending}
            onChange={(e) => void choose(e.target.value as StartAtLogin)}
            optionType="button"
            options={[
              { value: 'auto', label: t('启用了呼叫串口时开机启动', 'When a nurse-call port is enabled') },
              { value: 'on', label: t('总是开机启动', 'Always') },
              { value: 'off', label: t('不开机启动', 'Never') },
            ]}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
