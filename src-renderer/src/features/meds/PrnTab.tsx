import { App, Button, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Order, PrnDose } from '../../../../src-main/shared/contract/meds';
import { ApiError } from '../../api/client';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useSignedInSession } from '../../app/session';
import { localStamp, localTime, WitnessSelect } from './common';
import { CorrectButton } from './CorrectButton';

/** As-needed medicines: the PRN orders in force, and the day's PRN doses with their effect. */
export function PrnTab({ date }: { date: string }) {
  const orders = useProcedure('meds.orders.list', {});
  const given = useProcedure('meds.prn.list', { date });
  const [giving, setGiving] = useState<Order | null>(null);
  const [effectFor, setEffectFor] = useState<PrnDose | null>(null);
  const prnOrders = (orders.data ?? []).filter((o) => 'prn' in o.schedule && o.status === 'active');
  return (
    <>
      <Table
        rowKey="orderId"
        size="middle"
        pagination={false}
        title={() => '按需医嘱'}
        dataSource={prnOrders}
        loading={orders.isPending}
        locale={{ emptyText: '没有在用的按需医嘱' }}
        columns={[
          { title: '老人', render: (_: unknown, o: Order) => `${o.residentName}（${o.bed}）` },
          {
            title: '药品',
            render: (_: unknown, o: Order) => `${o.drug.name} ${o.dose}${o.drug.unit} ${o.route}`,
          },
          {
            title: '指征与限制',
            render: (_: unknown, o: Order) =>
              'prn' in o.schedule
                ? `${o.schedule.prn.indication}；间隔≥${o.schedule.prn.minIntervalHours}小时，每日≤${o.schedule.prn.maxPerDay}次`
                : '',
          },
          {
            title: '',
            width: 120,
            render: (_: unknown, o: Order) => (
              <ActionButton
                procedure="meds.prn.give"
                type="primary"
                size="large"
                onClick={() => setGiving(o)}
              >
                给药
              </ActionButton>
            ),
          },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        rowKey="doseId"
        size="middle"
        pagination={false}
        title={() => '当天按需给药记录'}
        dataSource={given.data ?? []}
        loading={given.isPending}
        locale={{ emptyText: '这一天没有按需给药' }}
        columns={[
          { title: '时间', width: 80, render: (_: unknown, p: PrnDose) => localTime(p.at) },
          { title: '老人', render: (_: unknown, p: PrnDose) => p.residentName },
          { title: '药品', render: (_: unknown, p: PrnDose) => `${p.drug.name} ${p.dose}${p.drug.unit}` },
          { title: '指征', dataIndex: 'indication' },
          {
            title: '给药人',
            render: (_: unknown, p: PrnDose) => p.byName + (p.witnessName ? ` / ${p.witnessName}` : ''),
          },
          {
            title: '效果（30–60 分钟后）',
            render: (_: unknown, p: PrnDose) =>
              p.effect ? (
                `${p.effect}（${localTime(p.effectAt!)}）`
              ) : (
                <Tag color="orange">
                  {localTime(p.effectDueFrom)}–{localTime(p.effectDueTo)} 观察
                </Tag>
              ),
          },
          {
            title: '',
            width: 190,
            render: (_: unknown, p: PrnDose) => (
              <>
                {!p.effect && (
                  <ActionButton procedure="meds.prn.effect" onClick={() => setEffectFor(p)}>
                    记录效果
                  </ActionButton>
                )}{' '}
                <CorrectButton
                  doseId={p.doseId}
                  what={`${p.residentName} ${localTime(p.at)} ${p.drug.name}`}
                />
              </>
            ),
          },
        ]}
      />
      {giving && <PrnGiveDialog order={giving} onClose={() => setGiving(null)} />}
      {effectFor && <EffectDialog dose={effectFor} onClose={() => setEffectFor(null)} />}
    </>
  );
}

function PrnGiveDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { message } = App.useApp();
  const session = useSignedInSession();
  const [form] = Form.useForm<{ indication: string; witnessId?: number }>();
  const give = useMutate('meds.prn.give', ['meds.prn.list', 'meds.stock.list']);
  const needsWitness = order.drug.highAlert || order.drug.controlled !== 'none';
  return (
    <Modal
      open
      title={`按需给药：${order.residentName} · ${order.drug.name} ${order.dose}${order.drug.unit}`}
      onCancel={onClose}
      footer={null}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            const out = await give.mutateAsync({
              orderId: order.orderId,
              indication: v.indication,
              ...(v.witnessId ? { witnessId: v.witnessId } : {}),
            });
            void message.success(
              `已记录。请在 ${localTime(out.effectDueFrom)}–${localTime(out.effectDueTo)} 观察并记录效果`,
            );
            onClose();
          } catch (error) {
            if (error instanceof ApiError && error.data.code === 'PRN_LIMIT') {
              void message.warning(
                `${error.data.message}（下次：${localStamp(String(error.data.details?.nextAllowedAt))}）`,
                10,
              );
              return;
            }
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        }}
      >
        <Form.Item
          name="indication"
          label="本次用药指征"
          rules={[{ required: true, whitespace: true, message: '请填写指征' }]}
        >
          <Input size="large" placeholder="例如 腰痛 评分5" />
        </Form.Item>
        {needsWitness && (
          <Form.Item name="witnessId" label="核对人" rules={[{ required: true, message: '请选择核对人' }]}>
            <WitnessSelect selfId={session.user.id} />
          </Form.Item>
        )}
        <Button type="primary" size="large" htmlType="submit" loading={give.isPending} block>
          确认已给药
        </Button>
      </Form>
    </Modal>
  );
}

function EffectDialog({ dose, onClose }: { dose: PrnDose; onClose: () => void }) {
  const { message } = App.useApp();
  const [effect, setEffect] = useState('');
  const record = useMutate('meds.prn.effect', ['meds.prn.list', 'alerts.list']);
  return (
    <Modal
      open
      title={`记录效果：${dose.residentName} · ${dose.drug.name}`}
      okText="保存"
      okButtonProps={{ disabled: effect.trim() === '', loading: record.isPending, size: 'large' }}
      onCancel={onClose}
      onOk={async () => {
        try {
          await record.mutateAsync({ doseId: dose.doseId, effect });
          void message.success('效果已记录');
          onClose();
        } catch (error) {
          void message.error((error as Error).message, 8);
        }
      }}
    >
      <p>
        {localTime(dose.at)} 因“{dose.indication}”给药。
      </p>
      <Input.TextArea
        rows={2}
        placeholder="例如 疼痛缓解，评分2；入睡"
        value={effect}
        onChange={(e) => setEffect(e.target.value)}
      />
    </Modal>
  );
}
