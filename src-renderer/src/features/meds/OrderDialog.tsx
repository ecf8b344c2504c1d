import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { orderSourceLabels, orderSources, type Order } from '../../../../src-main/shared/contract/meds';
import { applyFieldErrors, useMutate } from '../../api/hooks';
import { useSignedInSession } from '../../app/session';
import { DrugPicker, WitnessSelect } from './common';

interface Values {
  drugId: number;
  dose: string;
  route: string;
  kind: 'times' | 'prn';
  times: string[];
  indication: string;
  minIntervalHours: number;
  maxPerDay: number;
  startOn: dayjs.Dayjs;
  endOn?: dayjs.Dayjs | null;
  prescriber: string;
  source: (typeof orderSources)[number];
  note?: string;
  reason?: string;
  witnessId?: number;
}

const commonTimes = [
  '06:00',
  '07:00',
  '08:00',
  '09:00',
  '11:30',
  '12:00',
  '14:00',
  '16:00',
  '17:30',
  '18:00',
  '20:00',
  '21:00',
  '22:00',
];

/** New order, or a change (a new version) of `order`. */
export function OrderDialog({
  residentId,
  order,
  today,
  onClose,
}: {
  residentId: number;
  order?: Order;
  today: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const session = useSignedInSession();
  const [form] = Form.useForm<Values>();
  const create = useMutate('meds.orders.create', ['meds.orders.list', 'meds.mar', 'meds.marSummary']);
  const change = useMutate('meds.orders.change', ['meds.orders.list', 'meds.mar', 'meds.marSummary']);
  const kind = Form.useWatch('kind', form);
  const highAlert = order ? order.drug.highAlert || order.drug.controlled !== 'none' : false;
  const initial: Partial<Values> = order
    ? {
        drugId: order.drugId,
        dose: order.dose,
        route: order.route,
        kind: 'prn' in order.schedule ? 'prn' : 'times',
        times: 'times' in order.schedule ? order.schedule.times : ['08:00'],
        ...('prn' in order.schedule
          ? order.schedule.prn
          : { indication: '', minIntervalHours: 4, maxPerDay: 3 }),
        prescriber: order.prescriber,
        source: order.source,
        note: order.note,
        endOn: order.endOn ? dayjs(order.endOn) : null,
      }
    : {
        kind: 'times',
        times: ['08:00'],
        route: '口服',
        source: 'hospital',
        startOn: dayjs(today),
        minIntervalHours: 4,
        maxPerDay: 3,
        indication: '',
      };

  const submit = async (v: Values) => {
    const schedule =
      v.kind === 'prn'
        ? { prn: { indication: v.indication, minIntervalHours: v.minIntervalHours, maxPerDay: v.maxPerDay } }
        : { times: [...v.times].sort() };
    try {
      if (order) {
        await change.mutateAsync({
          orderId: order.orderId,
          dose: v.dose,
          route: v.route,
          schedule,
          endOn: v.endOn ? v.endOn.format('YYYY-MM-DD') : null,
          prescriber: v.prescriber,
          ...(v.note !== undefined ? { note: v.note } : {}),
          ...(v.reason ? { reason: v.reason } : {}),
          ...(v.witnessId ? { witnessId: v.witnessId } : {}),
        });
        void message.success('医嘱已变更，之后的给药按新版本执行');
      } else {
        await create.mutateAsync({
          residentId,
          drugId: v.drugId,
          dose: v.dose,
          route: v.route,
          schedule,
          startOn: v.startOn.format('YYYY-MM-DD'),
          endOn: v.endOn ? v.endOn.format('YYYY-MM-DD') : null,
          prescriber: v.prescriber,
          source: v.source,
          ...(v.note ? { note: v.note } : {}),
        });
        void message.success('医嘱已录入');
      }
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={order ? `变更医嘱：${order.drug.name}` : '新医嘱'}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        requiredMark
      >
        {!order && (
          <Form.Item name="drugId" label="药品" rules={[{ required: true, message: '请选择药品' }]}>
            <DrugPicker />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="dose"
            label="每次剂量"
            rules={[{ required: true, pattern: /^\d+(\.\d{1,4})?$/, message: '请填写数字，如 0.5' }]}
            style={{ flex: 1 }}
          >
            <Input size="large" placeholder="例如 0.5" />
          </Form.Item>
          <Form.Item name="route" label="用法" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              size="large"
              options={['口服', '舌下含服', '皮下注射', '外用', '滴眼', '吸入', '鼻饲'].map((r) => ({
                value: r,
                label: r,
              }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="kind" label="给药方式">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={[
              { value: 'times', label: '按时' },
              { value: 'prn', label: '按需（PRN）' },
            ]}
          />
        </Form.Item>
        {kind === 'prn' ? (
          <div style={{ display: 'flex', gap: 12 }}>
            <Form.Item
              name="indication"
              label="指征"
              rules={[{ required: true, whitespace: true }]}
              style={{ flex: 2 }}
            >
              <Input size="large" placeholder="例如 疼痛评分≥4" />
            </Form.Item>
            <Form.Item name="minIntervalHours" label="最短间隔（小时）" rules={[{ required: true }]}>
              <InputNumber size="large" min={0.5} max={72} />
            </Form.Item>
            <Form.Item name="maxPerDay" label="每日最多（次）" rules={[{ required: true }]}>
              <InputNumber size="large" min={1} max={24} precision={0} />
            </Form.Item>
          </div>
        ) : (
          <Form.Item
            name="times"
            label="给药时间"
            rules={[{ required: true, message: '请至少选择一个时间' }]}
          >
            <Select
              mode="tags"
              size="large"
              options={commonTimes.map((t) => ({ value: t, label: t }))}
              placeholder="例如 08:00 20:00"
            />
          </Form.Item>
        )}
        <div style={{ display: 'flex', gap: 12 }}>
          {!order && (
            <Form.Item name="startOn" label="开始日期" rules={[{ required: true }]}>
              <DatePicker size="large" />
            </Form.Item>
          )}
          <Form.Item name="endOn" label="结束日期（长期医嘱不填）">
            <DatePicker size="large" />
          </Form.Item>
          <Form.Item name="prescriber" label="医生" rules={[{ required: true, whitespace: true }]}>
            <Input size="large" />
          </Form.Item>
          {!order && (
            <Form.Item name="source" label="来源" rules={[{ required: true }]}>
              <Select
                size="large"
                style={{ width: 130 }}
                options={orderSources.map((s) => ({ value: s, label: orderSourceLabels[s] }))}
              />
            </Form.Item>
          )}
        </div>
        <Form.Item name="note" label="备注">
          <Input />
        </Form.Item>
        {order && (
          <Form.Item name="reason" label="变更原因">
            <Input />
          </Form.Item>
        )}
        {order && highAlert && (
          <Form.Item
            name="witnessId"
            label="核对人（高警示药品医嘱变更需第二人核对）"
            rules={[{ required: true, message: '请选择核对人' }]}
          >
            <WitnessSelect selfId={session.user.id} />
          </Form.Item>
        )}
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          block
          loading={create.isPending || change.isPending}
        >
          保存
        </Button>
      </Form>
    </Modal>
  );
}
