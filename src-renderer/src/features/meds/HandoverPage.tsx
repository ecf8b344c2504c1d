import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { HandoverCount, HandoverItem, HandoverStatus } from '../../../../src-main/shared/contract/meds';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useSignedInSession } from '../../app/session';
import { localStamp, localTime, WitnessSelect } from './common';
import './meds.css';
import { PrintButton } from '../print/PrintButton';
import { handoverSheet } from './print/handover-sheet';

const statusTags: Record<HandoverStatus, [string, string]> = {
  upcoming: ['default', '未到时间'],
  open: ['blue', '正在交接'],
  done: ['green', '已清点'],
  missed: ['red', '漏清点'],
};

/**
 * 交接班清点: at every shift handover the outgoing and incoming nurse count each resident's
 * psychotropic and narcotic stock together, one line per resident and drug.
 */
export function HandoverPage() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const time = params.get('time') ?? undefined;
  const handover = useProcedure('meds.handover', { date, time });
  const [counting, setCounting] = useState<HandoverItem | null>(null);
  const h = handover.data;
  return (
    <div className="meds-page">
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          交接班清点 · 精神/麻醉药品
        </Typography.Title>
        <DatePicker
          size="large"
          allowClear={false}
          value={h ? dayjs(h.date) : null}
          onChange={(d) => d && setParams({ date: d.format('YYYY-MM-DD') })}
        />
        {h && (
          <Radio.Group
            size="large"
            optionType="button"
            value={h.time}
            onChange={(e) => setParams({ date: h.date, time: String(e.target.value) })}
            options={h.day.map((x) => ({
              value: x.time,
              label: (
                <span data-testid="handover-tab" data-status={x.status}>
                  {x.time} {x.label}
                  {x.status === 'missed' && ' ⚠'}
                  {x.status === 'done' && ' ✓'}
                </span>
              ),
            }))}
          />
        )}
        {h && (
          <PrintButton size="large" load={(ctx) => handoverSheet(ctx, { date: h.date, time: h.time })}>
            打印清点记录
          </PrintButton>
        )}
      </Space>
      {h && <Summary h={h} />}
      <div className="meds-round-list" style={{ marginTop: 12 }}>
        {h?.items.map((item) => (
          <ItemCard
            key={`${item.residentId}-${item.drugId}`}
            item={item}
            countable={h.countable}
            missed={h.status === 'missed'}
            onCount={() => setCounting(item)}
          />
        ))}
      </div>
      {counting && <CountDialog item={counting} onClose={() => setCounting(null)} />}
    </div>
  );
}

function Summary({ h }: { h: HandoverCount }) {
  const [color, word] = statusTags[h.status];
  const window = `${localTime(h.windowFrom)}–${localTime(h.windowTo)}`;
  const left = h.total - h.counted;
  const message =
    h.total === 0
      ? `${h.time} ${h.label}：没有需要清点的精神/麻醉药品。`
      : h.status === 'done'
        ? `${h.time} ${h.label}：${h.total} 项已全部双人清点。`
        : h.status === 'missed'
          ? `${h.time} ${h.label}：交接已过（${window}），还有 ${left} 项没有清点。请现在补点，并报告护士长。`
          : h.status === 'upcoming'
            ? `${h.time} ${h.label}：请在 ${window} 之间由交班和接班两人一起清点。`
            : `请交班和接班两人一起清点实物，逐项登记（${window}）。还剩 ${left} 项。`;
  return (
    <Alert
      data-testid="handover-summary"
      data-status={h.status}
      type={h.status === 'missed' ? 'error' : h.status === 'done' || h.total === 0 ? 'success' : 'info'}
      showIcon
      style={{ fontSize: 18 }}
      message={
        <Space wrap>
          <Tag color={color} style={{ fontSize: 16, padding: '2px 10px' }}>
            {word}
          </Tag>
          <b style={{ fontSize: 18 }}>
            已清点 {h.counted} / {h.total}
          </b>
          <span>{message}</span>
        </Space>
      }
    />
  );
}

function ItemCard({
  item,
  countable,
  missed,
  onCount,
}: {
  item: HandoverItem;
  countable: boolean;
  missed: boolean;
  onCount: () => void;
}) {
  const c = item.count;
  const state =
    c && !c.late
      ? 'meds-dose-given'
      : item.required && missed
        ? 'meds-dose-missed'
        : item.required && countable
          ? 'meds-dose-due'
          : '';
  return (
    <Card className={`meds-dose ${state}`} data-testid="handover-item" data-counted={c ? 'yes' : 'no'}>
      <div className="meds-dose-row">
        <div className="meds-who">
          <div className="meds-name">{item.residentName}</div>
          <div className="meds-bed">{item.bed}</div>
        </div>
        <div className="meds-what">
          <div className="meds-drug">
            {item.drug} <span className="meds-spec">{item.spec}</span>{' '}
            <Tag color={item.controlled === 'narcotic' ? 'red' : 'purple'} style={{ fontSize: 15 }}>
              {item.controlled === 'narcotic' ? '麻醉药品' : '精神药品'}
            </Tag>
          </div>
          <div className="meds-dose-amount">
            账面结存 <b>{`${item.expected} ${item.unit}`}</b>
            {!item.required && <span className="meds-window">（交接后入库，可一并清点）</span>}
          </div>
          {c && (
            <div className="meds-record" style={{ fontSize: 16 }}>
              实点 <b>{`${c.counted} ${item.unit}`}</b>
              {c.difference === '0' ? (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  相符
                </Tag>
              ) : (
                <Tag color="red" style={{ marginLeft: 8 }}>{`差异 ${c.difference}`}</Tag>
              )}
              {c.late && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  补点（超过交接时间）
                </Tag>
              )}
              {` ${c.by} / ${c.witness} · ${localStamp(c.at)}`}
            </div>
          )}
        </div>
        <div className="meds-actions">
          {c ? (
            <Typography.Text type={c.late ? 'warning' : 'success'} style={{ fontSize: 18 }}>
              {c.late ? '已补点' : '✓ 已清点'}
            </Typography.Text>
          ) : (
            <ActionButton
              procedure="meds.stock.count"
              type="primary"
              className="meds-big"
              disabled={!countable}
              onClick={onCount}
            >
              {missed ? '补点' : '清点'}
            </ActionButton>
          )}
        </div>
      </div>
    </Card>
  );
}

function CountDialog({ item, onClose }: { item: HandoverItem; onClose: () => void }) {
  const { message } = App.useApp();
  const session = useSignedInSession();
  const [form] = Form.useForm();
  const counted = Form.useWatch('counted', form) as string | undefined;
  const count = useMutate('meds.stock.count', [
    'meds.handover',
    'meds.stock.list',
    'meds.stock.ledger',
    'alerts.list',
  ]);
  const differs = counted !== undefined && counted !== '' && Number(counted) !== Number(item.expected);
  const submit = async (v: { counted: string; witnessId: number; reason?: string }) => {
    try {
      const c = await count.mutateAsync({
        residentId: item.residentId,
        drugId: item.drugId,
        counted: String(v.counted),
        witnessId: v.witnessId,
        ...(v.reason ? { reason: v.reason } : {}),
      });
      void message.success(
        c.difference === '0' ? '清点相符，已登记' : `差异 ${c.difference}，已记为盘点调整`,
      );
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  };
  return (
    <Modal
      open
      title={`清点：${item.residentName} · ${item.drug}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ fontSize: 16 }}>
        账面结存 <b>{`${item.expected} ${item.unit}`}</b>。请两人一起数实物，填写实际数量。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <Form.Item
          name="counted"
          label={`实点数量（${item.unit}）`}
          rules={[
            { required: true, message: '请填写实际数到的数量' },
            { pattern: /^\d+(\.\d{1,4})?$/, message: '请填写数字，如 9.5；一粒都没有时填 0' },
          ]}
        >
          <Input size="large" inputMode="decimal" style={{ fontSize: 22 }} data-testid="counted-input" />
        </Form.Item>
        <Form.Item
          name="witnessId"
          label="核对人（接班或交班的另一位）"
          rules={[{ required: true, message: '请选择核对人' }]}
        >
          <WitnessSelect selfId={session.user.id} />
        </Form.Item>
        {differs && (
          <Form.Item
            name="reason"
            label="与账面不符的原因"
            rules={[{ required: true, message: '数量不符，请写明原因并报告护士长' }]}
          >
            <Input size="large" />
          </Form.Item>
        )}
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          block
          loading={count.isPending}
          style={{ height: 52, fontSize: 18 }}
        >
          确认清点（双人签名）
        </Button>
      </Form>
    </Modal>
  );
}
