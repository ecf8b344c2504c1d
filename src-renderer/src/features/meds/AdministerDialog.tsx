import { Alert, App, Button, Checkbox, Descriptions, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { MarDose } from '../../../../src-main/shared/contract/meds';
import { ApiError } from '../../api/client';
import { applyFieldErrors, useMutate } from '../../api/hooks';
import { useSignedInSession } from '../../app/session';
import { localTime, WitnessSelect } from './common';

export type Outcome = 'given' | 'refused' | 'held';

const titles: Record<Outcome, string> = { given: '确认给药', refused: '记录拒服', held: '记录暂停给药' };

/**
 * One confirmation for the whole 三查七对: the nurse reads the card back against the resident and
 * the medicine, ticks once, and a second person signs where the drug needs it.
 */
export function AdministerDialog({
  dose,
  outcome,
  now,
  onClose,
}: {
  dose: MarDose;
  outcome: Outcome;
  now: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const session = useSignedInSession();
  const [form] = Form.useForm<{ reason?: string; witnessId?: number; checked?: boolean }>();
  const [short, setShort] = useState<string | null>(null);
  const administer = useMutate('meds.administer', ['meds.mar', 'meds.marSummary', 'meds.stock.list']);
  const late = outcome === 'given' && now > dose.windowTo;
  const needsReason = outcome !== 'given' || late;

  const submit = async (values: { reason?: string; witnessId?: number }, as: Outcome = outcome) => {
    try {
      await administer.mutateAsync({
        doseId: dose.doseId,
        outcome: as,
        ...(values.reason ? { reason: values.reason } : {}),
        ...(values.witnessId ? { witnessId: values.witnessId } : {}),
      });
      void message.success(`${dose.residentName} 的 ${dose.drug.name} 已记录`);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.data.code === 'STOCK_SHORT') {
        setShort(error.data.message);
        return;
      }
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  };

  return (
    <Modal
      open
      title={titles[outcome]}
      onCancel={onClose}
      width={620}
      footer={null}
      destroyOnHidden
      data-testid="administer-dialog"
    >
      <Descriptions column={2} size="middle" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="姓名">{dose.residentName}</Descriptions.Item>
        <Descriptions.Item label="床号">{dose.bed}</Descriptions.Item>
        <Descriptions.Item label="药名" span={2}>
          {dose.drug.name} {dose.drug.spec}
        </Descriptions.Item>
        <Descriptions.Item label="剂量">
          <b style={{ fontSize: 18 }}>
            {dose.dose} {dose.unit}
          </b>
        </Descriptions.Item>
        <Descriptions.Item label="用法">{dose.route}</Descriptions.Item>
        <Descriptions.Item label="时间" span={2}>
          {dose.time}（{localTime(dose.windowFrom)}–{localTime(dose.windowTo)}）
        </Descriptions.Item>
      </Descriptions>
      {late && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="已超出给药时间窗，将记为“延迟给药”，请写明原因"
        />
      )}
      {short && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={short}
          action={
            <Button danger onClick={() => void submit({ reason: '缺药' }, 'held')} data-testid="hold-short">
              记录为暂停（缺药）
            </Button>
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        {outcome === 'given' && (
          <Form.Item
            name="checked"
            valuePropName="checked"
            rules={[
              {
                validator: (_r, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error('请先完成三查七对再给药')),
              },
            ]}
          >
            <Checkbox style={{ fontSize: 18 }} data-testid="three-checks">
              已完成三查七对：核对了姓名、床号、药名、剂量、浓度、时间、用法
            </Checkbox>
          </Form.Item>
        )}
        {outcome === 'given' && dose.needsWitness && (
          <Form.Item
            name="witnessId"
            label={`核对人（${dose.drug.highAlert ? '高警示药品' : '管制药品'}需双人核对）`}
            rules={[{ required: true, message: '请选择另一位同事核对' }]}
          >
            <WitnessSelect selfId={session.user.id} />
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item
            name="reason"
            label={outcome === 'refused' ? '拒服原因' : outcome === 'held' ? '暂停原因' : '延迟原因'}
            rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
          >
            <Input.TextArea
              rows={2}
              maxLength={200}
              placeholder={outcome === 'held' ? '例如 血压偏低遵医嘱暂停、缺药、外出' : ''}
            />
          </Form.Item>
        )}
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button size="large" onClick={onClose}>
            取消
          </Button>
          <Button
            size="large"
            type="primary"
            danger={outcome !== 'given'}
            htmlType="submit"
            loading={administer.isPending}
            data-testid="confirm-administer"
          >
            {outcome === 'given' ? '确认已给药' : '确认记录'}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
