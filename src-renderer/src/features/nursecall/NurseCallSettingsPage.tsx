import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { NurseCallConfig } from '../../../../src-main/shared/contract/nursecall';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { LoadingState, QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { AddressesTab } from './AddressesTab';
import { PortsTab } from './PortsTab';
import './nursecall.css';

const tabs = ['ports', 'addresses', 'rules'] as const;
type TabKey = (typeof tabs)[number];

/** 系统 → 呼叫设置: the serial link, which call point is where, and when a call counts as overdue. */
export function NurseCallSettingsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = tabs.includes(raw as TabKey) ? (raw as TabKey) : 'ports';
  return (
    <div>
      <Typography.Title level={3}>{t('呼叫设置', 'Nurse-call settings')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'ports', label: t('呼叫串口', 'Ports'), children: <PortsTab /> },
          { key: 'addresses', label: t('呼叫地址登记', 'Call addresses'), children: <AddressesTab /> },
          { key: 'rules', label: t('超时与班次', 'Escalation and shifts'), children: <RulesTab /> },
        ]}
      />
    </div>
  );
}

function RulesTab() {
  const config = useProcedure('nursecall.getConfig', {}, { refetchOnMount: 'always' });
  // Another computer may have changed the rules since this one cached them: edit only fresh values.
  if (!config.isFetchedAfterMount && !config.error) return <LoadingState />;
  return <QueryView query={config}>{(c) => <RulesForm config={c} />}</QueryView>;
}

function RulesForm({ config }: { config: NurseCallConfig }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NurseCallConfig>();
  const save = useMutate('nursecall.updateConfig', ['nursecall.getConfig', 'nursecall.analytics']);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(values: NurseCallConfig) {
    setProblem(null);
    try {
      await save.mutateAsync(values);
      void message.success(t('已保存，所有电脑立即生效。', 'Saved; applies on every computer at once.'));
    } catch (error) {
      applyFieldErrors(form, error);
      setProblem((error as Error).message);
    }
  }

  return (
    <Card style={{ maxWidth: 760 }}>
      <Form<NurseCallConfig>
        form={form}
        layout="vertical"
        initialValues={config}
        onFinish={(v) => void submit(v)}
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="escalateAfterSeconds"
          label={t('超过多久没人响应就升级报警', 'Escalate when not answered within')}
          extra={t(
            '到时间还没人点“响应”，所有已登录的电脑和登录界面上这条呼叫都会变红、铃声变急（不会单独通知护士长）。',
            'On every signed-in computer and login screen the call turns red and the sound gets urgent (nobody is messaged separately).',
          )}
          rules={[{ required: true, message: t('请填写秒数', 'Enter seconds') }]}
        >
          <InputNumber size="large" min={5} max={3600} suffix={t('秒', 's')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="maxMuteMinutes"
          label={t('每台电脑最多可静音', 'Longest mute per computer')}
          extra={t('静音只能临时用，到时自动恢复响铃；新呼叫或超时会立即响铃。', 'Mute is always temporary.')}
          rules={[{ required: true, message: t('请填写分钟数', 'Enter minutes') }]}
        >
          <InputNumber size="large" min={1} max={30} suffix={t('分钟', 'min')} style={{ width: 200 }} />
        </Form.Item>
        <Typography.Title level={5}>
          {t('班次（用于按班次统计响应用时）', 'Shifts (for statistics)')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t(
            '填每个班次的开始时间，班次一直持续到下一个班次开始。',
            'Each shift runs until the next one starts.',
          )}
        </Typography.Paragraph>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[
                      { required: true, whitespace: true, message: t('请填写班次名称', 'Name the shift') },
                    ]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      size="large"
                      maxLength={20}
                      placeholder={t('如：白班', 'e.g. Day')}
                      aria-label={t(`第 ${i + 1} 个班次名称`, `Shift ${i + 1} name`)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'start']}
                    rules={[
                      { required: true, message: t('请填写开始时间', 'Enter a start time') },
                      {
                        pattern: /^([01]\d|2[0-3]):[0-5]\d$/,
                        message: t('时间格式应为 HH:mm，如 08:00', 'Use HH:mm, e.g. 08:00'),
                      },
                    ]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      size="large"
                      style={{ width: 120 }}
                      placeholder="08:00"
                      aria-label={t(`第 ${i + 1} 个班次开始时间`, `Shift ${i + 1} start`)}
                    />
                  </Form.Item>
                  <Button
                    size="large"
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    aria-label={t('删除班次', 'Remove shift')}
                  />
                </Space>
              ))}
              {fields.length < 6 && (
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', start: '' })}>
                  {t('添加班次', 'Add a shift')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          loading={save.isPending}
          style={{ marginTop: 24 }}
        >
          {t('保存', 'Save')}
        </Button>
      </Form>
    </Card>
  );
}
