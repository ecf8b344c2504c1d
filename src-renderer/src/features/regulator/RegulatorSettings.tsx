import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Space, Switch, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { RegulatorConfig } from '../../../../src-main/shared/contract/regulator';
import { applyFieldErrors, useMutate } from '../../api/hooks';
import { callOrThrow } from '../../api/client';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';

interface Values {
  endpoint: string;
  institutionCode: string;
  keyId: string;
  secret?: string;
  dailyOn: boolean;
  dailyAt: Dayjs;
  monthlyOn: boolean;
  monthlyDay: number;
  monthlyAt: Dayjs;
  timeoutSeconds: number;
}

/** 接口设置: where and as whom to send, when, and a signed test. The secret is write-only. */
export function RegulatorSettings({ config }: { config: RegulatorConfig }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutate('regulator.updateConfig', [
    'regulator.getConfig',
    'regulator.outbox',
    'scheduler.jobs',
  ]);
  const [probe, setProbe] = useState<{ ok: boolean; message: string } | null>(null);
  const [probing, setProbing] = useState(false);

  useEffect(() => {
    form.setFieldsValue({
      endpoint: config.endpoint,
      institutionCode: config.institutionCode,
      keyId: config.keyId,
      secret: '',
      dailyOn: config.schedule.daily !== null,
      dailyAt: dayjs(config.schedule.daily ?? '01:30', 'HH:mm'),
      monthlyOn: config.schedule.monthly !== null,
      monthlyDay: config.schedule.monthly?.day ?? 1,
      monthlyAt: dayjs(config.schedule.monthly?.time ?? '02:30', 'HH:mm'),
      timeoutSeconds: config.timeoutSeconds,
    });
  }, [form, config]);

  async function submit(v: Values) {
    try {
      await save.mutateAsync({
        endpoint: v.endpoint ?? '',
        institutionCode: v.institutionCode ?? '',
        keyId: v.keyId ?? '',
        ...(v.secret ? { secret: v.secret } : {}),
        schedule: {
          daily: v.dailyOn ? v.dailyAt.format('HH:mm') : null,
          monthly: v.monthlyOn ? { day: v.monthlyDay, time: v.monthlyAt.format('HH:mm') } : null,
        },
        timeoutSeconds: v.timeoutSeconds,
      });
      form.setFieldValue('secret', '');
      void message.success(t('上报设置已保存', 'Saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  async function test() {
    setProbing(true);
    try {
      setProbe(await callOrThrow('regulator.testConnection', {}));
    } catch (error) {
      setProbe({ ok: false, message: (error as Error).message });
    } finally {
      setProbing(false);
    }
  }

  return (
    <Form form={form} layout="vertical" size="large" onFinish={(v) => void submit(v)}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item
            name="endpoint"
            label={t('平台接口地址', 'Platform address')}
            extra={t(
              '由省级养老服务监管平台提供，例如 https://jg.example.gov.cn/api',
              'From the provincial platform',
            )}
          >
            <Input placeholder="https://" allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="institutionCode" label={t('机构编码', 'Institution code')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="keyId" label={t('密钥编号（Key ID）', 'Key ID')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item
            name="secret"
            label={t('密钥', 'Secret')}
            extra={t(
              '加密保存在本机，任何页面都不会再显示；留空表示不修改',
              'Stored encrypted, never shown again; leave empty to keep',
            )}
          >
            <Input.Password
              placeholder={
                config.secretSet
                  ? t('已设置（留空不修改）', 'Set (leave empty to keep)')
                  : t('请填写平台发放的密钥', 'Enter the secret')
              }
              autoComplete="new-password"
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Space align="start" wrap>
            <Form.Item
              name="dailyOn"
              label={t('每天上报前一天的日报', 'Daily upload')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="dailyAt" label={t('时间', 'At')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
            </Form.Item>
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Space align="start" wrap>
            <Form.Item
              name="monthlyOn"
              label={t('每月上报上个月的月报', 'Monthly upload')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="monthlyDay" label={t('每月几号', 'Day')}>
              <InputNumber min={1} max={28} addonAfter="日" />
            </Form.Item>
            <Form.Item name="monthlyAt" label={t('时间', 'At')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} needConfirm={false} />
            </Form.Item>
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name="timeoutSeconds" label={t('等待平台回答（秒）', 'Timeout (s)')}>
            <InputNumber min={5} max={300} />
          </Form.Item>
        </Col>
      </Row>
      {probe && (
        <Alert
          style={{ marginBottom: 16 }}
          type={probe.ok ? 'success' : 'error'}
          showIcon
          title={probe.ok ? t('连接正常', 'Connected') : t('连接没有成功', 'Connection failed')}
          description={probe.message}
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存设置', 'Save settings')}
        </Button>
        <ActionButton procedure="regulator.testConnection" onClick={() => void test()} loading={probing}>
          {t('测试连接', 'Test connection')}
        </ActionButton>
      </Space>
    </Form>
  );
}
