import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { absenceKindLabels, absenceKinds } from '../../../../src-main/shared/contract/staff';
import { useMutate, useProcedure } from '../../api/hooks';
import { useI18n } from '../../i18n';

const refresh = ['rota.week', 'rota.onDuty'] as const;

/** 登记请假: annual, sick or other leave; shifts already planned in it are freed. */
export function AbsenceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const staff = useProcedure('staff.list', {}, { enabled: open });
  const record = useMutate('rota.recordAbsence', [...refresh]);
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('登记请假', 'Record absence')}
      onCancel={onClose}
      confirmLoading={record.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then(
            async (v: {
              staffId: number;
              kind: (typeof absenceKinds)[number];
              range: [Dayjs, Dayjs];
              note?: string;
            }) => {
              try {
                await record.mutateAsync({
                  staffId: v.staffId,
                  kind: v.kind,
                  from: v.range[0].format('YYYY-MM-DD'),
                  to: v.range[1].format('YYYY-MM-DD'),
                  ...(v.note ? { note: v.note } : {}),
                });
                onClose();
              } catch (e) {
                void message.error((e as Error).message, 8);
              }
            },
          )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'annual' }}>
        <Form.Item
          name="staffId"
          label={t('员工', 'Staff')}
          rules={[{ required: true, message: '请选择员工' }]}
        >
          <Select
            size="large"
            showSearch
            optionFilterProp="label"
            options={(staff.data ?? []).filter((s) => s.onRoll).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('类别', 'Kind')}>
          <Select
            size="large"
            options={absenceKinds.map((k) => ({ value: k, label: absenceKindLabels[k].zh }))}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('日期', 'Dates')}
          rules={[{ required: true, message: '请选择请假日期' }]}
        >
          <DatePicker.RangePicker size="large" />
        </Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input size="large" maxLength={200} />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('请假期间已排的班次会被取消，请另行安排人员。', 'Planned shifts in the absence are freed.')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
