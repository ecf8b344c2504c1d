import { App, Button, Card, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useEffect } from 'react';
import type { SettingsValues } from '../../../../src-main/shared/contract/system';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { usePreferences, type FontScale } from '../../app/preferences';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { DesktopSettings } from './DesktopSettings';

export function SettingsPage() {
  const { t } = useI18n();
  const query = useProcedure('settings.get', {});
  const { fontScale, setFontScale } = usePreferences();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('本电脑的显示', 'Display on this computer')}>
        <Radio.Group
          size="large"
          value={fontScale}
          onChange={(e) => setFontScale(e.target.value as FontScale)}
          options={[
            { value: 'standard', label: t('标准字号', 'Standard') },
            { value: 'large', label: t('大字号', 'Large') },
            { value: 'extraLarge', label: t('特大字号', 'Extra large') },
          ]}
          optionType="button"
        />
      </Card>
      {/* Only the desktop app can start with the computer; the preload's bridge says we are in it. */}
      {window.caredesk && (
        <QueryView query={query}>
          {(values) => <DesktopSettings value={values['desktop.startAtLogin']} />}
        </QueryView>
      )}
      <QueryView query={query}>{(values) => <SystemSettings values={values} />}</QueryView>
    </Space>
  );
}

function SystemSettings({ values }: { values: SettingsValues }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const save = useMutate('settings.update', ['settings.get', 'auth.me']);
  const editable = can('settings.manage');
  useEffect(() => form.setFieldsValue(values), [form, values]);

  async function submit(next: SettingsValues) {
    try {
      await save.mutateAsync(next);
      void message.success(t('设置已保存', 'Settings saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  return (
    <Card title={t('安全与更新（全院生效）', 'Security and updates (whole institution)')}>
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        disabled={!editable}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="security.lockoutThreshold"
          label={t('密码连续输错几次后锁定账号', 'Wrong passwords before lockout')}
          rules={[{ required: true }]}
        >
          <InputNumber min={3} max={20} suffix={t('次', 'times')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="security.lockoutMinutes"
          label={t('账号锁定时长', 'Lockout duration')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={1440} suffix={t('分钟', 'min')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="security.idleLockMinutes"
          label={t('无操作多久后自动锁屏', 'Lock the screen after inactivity')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={240} suffix={t('分钟', 'min')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="security.sessionHours"
          label={t('登录有效期（无操作）', 'Session lifetime (inactive)')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={72} suffix={t('小时', 'h')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="updater.feedUrl"
          label={t('自动更新地址', 'Update feed URL')}
          extra={t(
            '由软件供应商提供；留空则不检查更新。新版本下载后在下次启动时安装，不会在关机时自动安装。',
            'From your supplier; leave empty to switch updates off. Updates install at the next start, never on shutdown.',
          )}
        >
          <Input placeholder="https://updates.example.com/caredesk/" />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('保存设置', 'Save settings')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
