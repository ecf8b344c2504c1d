import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ShiftDef } from '../../../../src-main/shared/contract/staff';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';

const timeRule = {
  pattern: /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
  message: '请按 时:分 填写，例如 08:00',
};

/** Hours a shift lasts; one ending at or before its start runs past midnight. */
function hours(s: Pick<ShiftDef, 'start' | 'end'>): number {
  const m = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3));
  const d = m(s.end) - m(s.start);
  return (d <= 0 ? d + 24 * 60 : d) / 60;
}

/** 班次设置: names, times (12-hour patterns included), the minimum per shift, and which are in use. */
export function ShiftSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const shifts = useProcedure('rota.shifts', {}, { enabled: open });
  const [editing, setEditing] = useState<Partial<ShiftDef> | null>(null);
  return (
    <Modal
      open={open}
      width={860}
      title={t('班次设置', 'Shifts')}
      onCancel={onClose}
      footer={
        <Button size="large" onClick={onClose}>
          {t('关闭', 'Close')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '结束时间早于开始时间表示跨过午夜，例如 12 小时两班制：白班 08:00–20:00、夜班 20:00–08:00。“最少人数”是该班次至少要有的护理员人数，排班表中不足时标红（夜班尤其重要）。',
          'A shift ending before it starts runs past midnight (12-hour nights: 20:00–08:00).',
        )}
      </Typography.Paragraph>
      <QueryView query={shifts}>
        {(rows) => (
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rows}
            data-testid="shift-table"
            columns={[
              { title: t('班次', 'Shift'), dataIndex: 'name' },
              {
                title: t('时间', 'Time'),
                key: 'time',
                render: (_: unknown, s: ShiftDef) => `${s.start}–${s.end}（${hours(s)} 小时）`,
              },
              { title: t('最少人数', 'Minimum'), dataIndex: 'minimum', align: 'right' },
              {
                title: t('状态', 'State'),
                dataIndex: 'active',
                render: (a: boolean) =>
                  a ? <Tag color="blue">{t('使用中', 'In use')}</Tag> : <Tag>{t('停用', 'Off')}</Tag>,
              },
              {
                title: '',
                key: 'edit',
                render: (_: unknown, s: ShiftDef) => (
                  <ActionButton procedure="rota.saveShift" onClick={() => setEditing(s)}>
                    {t('修改', 'Edit')}
                  </ActionButton>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      <ActionButton
        procedure="rota.saveShift"
        size="large"
        icon={<PlusOutlined />}
        style={{ marginTop: 16 }}
        onClick={() => setEditing({ start: '08:00', end: '20:00', minimum: 0, active: true })}
      >
        {t('新增班次', 'Add shift')}
      </ActionButton>
      <ShiftForm shift={editing} onClose={() => setEditing(null)} />
    </Modal>
  );
}

function ShiftForm({ shift, onClose }: { shift: Partial<ShiftDef> | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] =
    Form.useForm<Pick<ShiftDef, 'name' | 'start' | 'end' | 'minimum' | 'active' | 'sortOrder'>>();
  const save = useMutate('rota.saveShift', ['rota.shifts', 'rota.week', 'rota.onDuty']);
  return (
    <Modal
      open={shift !== null}
      destroyOnHidden
      title={shift?.id ? t(`修改班次：${shift.name ?? ''}`, 'Edit shift') : t('新增班次', 'Add shift')}
      okText={t('保存', 'Save')}
      okButtonProps={{ size: 'large', 'data-testid': 'shift-save' } as never}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            await save.mutateAsync({ ...(shift?.id ? { id: shift.id } : {}), ...v });
            void message.success(t(`已保存班次 ${v.name}`, 'Saved'));
            onClose();
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={shift ?? {}} preserve={false}>
        <Form.Item
          name="name"
          label={t('班次名称', 'Name')}
          rules={[{ required: true, message: '请填写班次名称' }]}
        >
          <Input size="large" maxLength={20} data-testid="shift-name" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="start" label={t('开始', 'Start')} rules={[{ required: true, ...timeRule }]}>
            <Input size="large" style={{ width: 120 }} placeholder="08:00" data-testid="shift-start" />
          </Form.Item>
          <Form.Item name="end" label={t('结束', 'End')} rules={[{ required: true, ...timeRule }]}>
            <Input size="large" style={{ width: 120 }} placeholder="20:00" data-testid="shift-end" />
          </Form.Item>
          <Form.Item name="minimum" label={t('最少护理员人数', 'Minimum caregivers')}>
            <InputNumber size="large" min={0} max={500} data-testid="shift-minimum" />
          </Form.Item>
        </Space>
        <Space size="large">
          <Form.Item name="active" label={t('使用中', 'In use')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('排列顺序', 'Order')}>
            <InputNumber size="large" min={0} max={1000} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
