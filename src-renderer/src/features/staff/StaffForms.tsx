import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  certificateKindLabels,
  certificateKinds,
  trainingKindLabels,
  trainingKinds,
  type StaffMember,
} from '../../../../src-main/shared/contract/staff';
import { applyFieldErrors, useMutate } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { WhatIfCheck } from './WhatIfCheck';
import { serverDay } from '../../lib/dates';

export const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
export const refresh = [
  'staff.list',
  'staff.get',
  'staffing.ratio',
  'staffing.kpis',
  'alerts.list',
  'rota.week',
] as const;

/** 登记证书 */
export function CertificateModal({ staff, onClose }: { staff: StaffMember | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const add = useMutate('staff.addCertificate', [...refresh]);
  const kind = Form.useWatch('kind', form) as string | undefined;
  return (
    <Modal
      open={staff !== null}
      title={t(`登记证书：${staff?.name ?? ''}`, 'Add certificate')}
      onCancel={onClose}
      confirmLoading={add.isPending}
      onOk={() =>
        void form.validateFields().then(async (v: Record<string, unknown>) => {
          try {
            await add.mutateAsync({
              staffId: staff!.id,
              kind: v.kind as never,
              number: v.number as string,
              issuedOn: day(v.issuedOn as Dayjs)!,
              ...(v.expiresOn ? { expiresOn: day(v.expiresOn as Dayjs)! } : {}),
              ...(v.level ? { level: v.level as number } : {}),
            });
            form.resetFields();
            onClose();
          } catch (error) {
            applyFieldErrors(form, error);
          }
        })
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'caregiverSkill' }}>
        <Form.Item name="kind" label={t('证书类别', 'Kind')}>
          <Select
            size="large"
            options={certificateKinds.map((k) => ({ value: k, label: certificateKindLabels[k].zh }))}
          />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('证书编号', 'Number')}
          rules={[{ required: true, message: '请填写证书编号' }]}
        >
          <Input size="large" />
        </Form.Item>
        {kind === 'caregiverSkill' && (
          <Form.Item
            name="level"
            label={t('等级（5 初级 … 1 高级技师）', 'Level')}
            rules={[{ required: true, message: '请填写等级' }]}
          >
            <InputNumber size="large" min={1} max={5} />
          </Form.Item>
        )}
        <Form.Item
          name="issuedOn"
          label={t('发证日期', 'Issued on')}
          rules={[{ required: true, message: '请选择发证日期' }]}
        >
          <DatePicker size="large" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('有效期至（长期有效可不填）', 'Expires on')}>
          <DatePicker size="large" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记培训: one session, several attendees. */
export function TrainingModal({
  open,
  staff,
  preselected,
  onClose,
}: {
  open: boolean;
  staff: StaffMember[];
  preselected: number[];
  /** `done` when the training was recorded, not merely cancelled. */
  onClose: (done?: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const record = useMutate('training.record', [...refresh, 'training.list']);
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('登记培训', 'Record training')}
      onCancel={() => onClose()}
      confirmLoading={record.isPending}
      onOk={() =>
        void form.validateFields().then(async (v: Record<string, unknown>) => {
          try {
            await record.mutateAsync({
              kind: v.kind as never,
              on: day(v.on as Dayjs)!,
              hours: v.hours as number,
              topic: v.topic as string,
              staffIds: v.staffIds as number[],
            });
            onClose(true);
          } catch (error) {
            applyFieldErrors(form, error);
          }
        })
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'preJob', on: serverDay(), hours: 8, staffIds: preselected }}
      >
        <Form.Item name="kind" label={t('培训类别', 'Kind')}>
          <Select
            size="large"
            options={trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k].zh }))}
          />
        </Form.Item>
        <Form.Item name="on" label={t('培训日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker size="large" />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('学时', 'Hours')}
          rules={[{ required: true, message: '请填写学时' }]}
        >
          <InputNumber size="large" min={0.5} max={200} step={0.5} />
        </Form.Item>
        <Form.Item
          name="topic"
          label={t('培训内容', 'Topic')}
          rules={[{ required: true, message: '请填写培训内容' }]}
        >
          <Input size="large" />
        </Form.Item>
        <Button
          type="link"
          style={{ padding: 0, float: 'right' }}
          onClick={() =>
            form.setFieldValue(
              'staffIds',
              staff.filter((s) => s.onRoll && s.roles.includes('caregiver')).map((s) => s.id),
            )
          }
        >
          {t('选择全部在职护理员', 'All caregivers on the roll')}
        </Button>
        <Form.Item
          name="staffIds"
          label={t('参加人员', 'Attendees')}
          rules={[{ required: true, message: '请选择参加培训的员工' }]}
        >
          <Select
            mode="multiple"
            size="large"
            optionFilterProp="label"
            options={staff.filter((s) => s.onRoll).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 离职, with what the departure does to the ratio first. */
export function EndModal({ staff, onClose }: { staff: StaffMember | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const end = useMutate('staff.end', [...refresh]);
  const [cleared, setCleared] = useState(true);
  return (
    <Modal
      open={staff !== null}
      destroyOnHidden
      title={t(`确认为 ${staff?.name ?? ''} 办理离职？`, 'End employment')}
      okText={t('确认离职', 'Confirm')}
      okButtonProps={{ danger: true, disabled: !cleared }}
      onCancel={onClose}
      confirmLoading={end.isPending}
      onOk={() =>
        void form.validateFields().then(async (v: Record<string, unknown>) => {
          try {
            await end.mutateAsync({
              staffId: staff!.id,
              on: day(v.on as Dayjs)!,
              reason: v.reason as string,
            });
            void message.success(t('已办理离职，记录保留', 'Done'));
            onClose();
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        })
      }
    >
      {staff && (
        <WhatIfCheck
          change={{ staffAway: [staff.id] }}
          action="staffEnd"
          subject={staff.name}
          verb="离职后"
          onCleared={setCleared}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ on: serverDay() }} style={{ marginTop: 16 }}>
        <Form.Item
          name="on"
          label={t('离职日期（当天起不再计入）', 'Leaves on')}
          rules={[{ required: true }]}
        >
          <DatePicker size="large" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('离职原因', 'Reason')}
          rules={[{ required: true, message: '请填写离职原因' }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
