import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  fireTemplateLabels,
  type FireTemplate,
  type FireTemplateKey,
} from '../../../../src-main/shared/contract/fire';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { useI18n, useLabel } from '../../i18n';
import { useFireRefresh, useRefreshFire } from './common';

/**
 * 消防安全 → 检查模板: the fire officer edits each checklist and the patrol interval. Each save is a
 * new version; records already made keep the items they were done with.
 */
export function TemplatesPage() {
  useFireRefresh();
  const label = useLabel();
  const list = useProcedure('fire.templates.list', {});
  const [key, setKey] = useState<FireTemplateKey>('patrol');
  return (
    <QueryView query={list}>
      {(templates) => {
        const template = templates.find((t) => t.key === key);
        return (
          <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 900 }}>
            <Segmented
              value={key}
              onChange={(v) => setKey(v as FireTemplateKey)}
              options={templates.map((t) => ({ value: t.key, label: label(fireTemplateLabels[t.key]) }))}
            />
            {template && <TemplateForm key={`${template.key}-${template.version}`} template={template} />}
          </Space>
        );
      }}
    </QueryView>
  );
}

function TemplateForm({ template }: { template: FireTemplate }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const refresh = useRefreshFire();
  const save = useMutate('fire.templates.save');
  async function submit() {
    const v = (await form.validateFields()) as {
      name: string;
      items: Array<{ key: string; text: string }>;
      hours?: number;
      startAt?: string;
      nightFrom?: string;
      nightTo?: string;
    };
    try {
      await save.mutateAsync({
        key: template.key,
        name: v.name,
        items: v.items,
        ...(template.cadence.every === 'slots'
          ? {
              cadence: {
                every: 'slots' as const,
                hours: Number(v.hours),
                startAt: String(v.startAt),
                nightFrom: String(v.nightFrom),
                nightTo: String(v.nightTo),
              },
            }
          : {}),
      });
      refresh();
      void message.success(t('已保存为新版本', 'Saved as a new version'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  }
  const c = template.cadence;
  return (
    <Card
      size="small"
      title={`${template.name} · 第 ${template.version} 版`}
      extra={
        <Typography.Text type="secondary">
          {template.savedBy ? `${template.savedBy} 修改于 ${template.savedAt.slice(0, 10)}` : '默认模板'}
        </Typography.Text>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: template.name,
          items: template.items,
          ...(c.every === 'slots'
            ? { hours: c.hours, startAt: c.startAt, nightFrom: c.nightFrom, nightTo: c.nightTo }
            : {}),
        }}
      >
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        {c.every === 'slots' && (
          <Space wrap>
            <Form.Item
              name="hours"
              label={t('巡查间隔（小时）', 'Every (hours)')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={12} />
            </Form.Item>
            <Form.Item
              name="startAt"
              label={t('第一班开始', 'First slot at')}
              rules={[{ required: true, pattern: /^\d{2}:\d{2}$/, message: '如 00:00' }]}
            >
              <Input style={{ width: 100 }} />
            </Form.Item>
            <Form.Item
              name="nightFrom"
              label={t('夜间开始', 'Night from')}
              rules={[{ required: true, pattern: /^\d{2}:\d{2}$/, message: '如 20:00' }]}
            >
              <Input style={{ width: 100 }} />
            </Form.Item>
            <Form.Item
              name="nightTo"
              label={t('夜间结束', 'Night to')}
              rules={[{ required: true, pattern: /^\d{2}:\d{2}$/, message: '如 08:00' }]}
            >
              <Input style={{ width: 100 }} />
            </Form.Item>
          </Space>
        )}
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'key']}
                    rules={[{ required: true, message: '编号' }]}
                    style={{ width: 80 }}
                  >
                    <Input placeholder={`p${i + 1}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'text']}
                    rules={[{ required: true, message: '请填写检查内容' }]}
                    style={{ width: 620 }}
                  >
                    <Input />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('删除', 'Remove')}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ key: `x${fields.length + 1}`, text: '' })}>
                {t('添加检查项目', 'Add an item')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <ActionButton
            procedure="fire.templates.save"
            type="primary"
            size="large"
            loading={save.isPending}
            onClick={() => void submit()}
          >
            {t('保存为新版本', 'Save as a new version')}
          </ActionButton>
        </div>
      </Form>
    </Card>
  );
}
