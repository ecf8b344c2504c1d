import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { stockMoveLabels, type StockBatch, type StockMove } from '../../../../src-main/shared/contract/meds';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useSignedInSession } from '../../app/session';
import { callOrThrow } from '../../api/client';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { DrugPicker, localStamp, ResidentPicker, WitnessSelect } from './common';
import { entrustmentReceipt, stockLedger } from './print/stock-papers';

type Dialog = { kind: 'receive' } | { kind: 'count' | 'dispose'; batch: StockBatch };

/** 代管药品: what the home keeps for a resident, by drug and batch, with its ledger. */
export function StockPage() {
  const [params, setParams] = useSearchParams();
  const residentId = params.get('resident') ? Number(params.get('resident')) : undefined;
  const stock = useProcedure(
    'meds.stock.list',
    { residentId: residentId ?? 0 },
    { enabled: residentId !== undefined },
  );
  const ledger = useProcedure(
    'meds.stock.ledger',
    { residentId: residentId ?? 0 },
    { enabled: residentId !== undefined },
  );
  const resident = useProcedure(
    'residents.get',
    { id: residentId ?? 0 },
    { enabled: residentId !== undefined },
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [receipt, setReceipt] = useState<number | null>(null);
  return (
    <div className="meds-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          代管药品
        </Typography.Title>
        <ResidentPicker value={residentId} onChange={(id) => setParams({ resident: String(id) })} />
        {residentId !== undefined && (
          <>
            <ActionButton
              procedure="meds.stock.receive"
              type="primary"
              size="large"
              onClick={() => setDialog({ kind: 'receive' })}
            >
              药品入库
            </ActionButton>
            <PrintButton
              size="large"
              load={(ctx) => stockLedger(ctx, { residentId, residentName: resident.data?.name ?? '' })}
            >
              打印台账
            </PrintButton>
            <ExportExcelButton
              size="large"
              procedure="meds.export"
              run={() => callOrThrow('meds.export', { what: 'ledger', residentId })}
            >
              台账导出 Excel
            </ExportExcelButton>
            {receipt !== null && (
              <PrintButton size="large" type="primary" ghost load={(ctx) => entrustmentReceipt(ctx, receipt)}>
                打印委托保管单
              </PrintButton>
            )}
          </>
        )}
      </Space>
      {residentId === undefined ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
          先选择一位老人，查看家属委托保管的药品。
        </Typography.Paragraph>
      ) : (
        <>
          <Table
            rowKey={(b) => `${b.drugId}-${b.batchNo}-${b.expiresOn}`}
            loading={stock.isPending}
            dataSource={stock.data ?? []}
            pagination={false}
            locale={{ emptyText: '没有代管药品 — 家属送药时点“药品入库”' }}
            columns={[
              { title: '药品', dataIndex: 'drugName' },
              { title: '批号', render: (_: unknown, b: StockBatch) => b.batchNo || '—' },
              {
                title: '结存',
                render: (_: unknown, b: StockBatch) => (
                  <b style={{ fontSize: 18 }}>{`${b.quantity} ${b.unit}`}</b>
                ),
              },
              {
                title: '有效期至',
                render: (_: unknown, b: StockBatch) => (
                  <Space>
                    {b.expiresOn}
                    {b.expired && <Tag color="red">已过期</Tag>}
                  </Space>
                ),
              },
              {
                title: '',
                width: 190,
                render: (_: unknown, b: StockBatch) => (
                  <Space>
                    <ActionButton
                      procedure="meds.stock.count"
                      onClick={() => setDialog({ kind: 'count', batch: b })}
                    >
                      盘点
                    </ActionButton>
                    <ActionButton
                      procedure="meds.stock.dispose"
                      danger
                      onClick={() => setDialog({ kind: 'dispose', batch: b })}
                    >
                      处置
                    </ActionButton>
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            台账
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            loading={ledger.isPending}
            dataSource={[...(ledger.data ?? [])].reverse()}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '时间', render: (_: unknown, m: StockMove) => localStamp(m.at) },
              { title: '类别', render: (_: unknown, m: StockMove) => stockMoveLabels[m.kind] },
              { title: '药品', dataIndex: 'drugName' },
              { title: '批号', dataIndex: 'batchNo' },
              { title: '数量', dataIndex: 'quantity', align: 'right' },
              { title: '结存', dataIndex: 'balance', align: 'right' },
              {
                title: '经办 / 核对',
                render: (_: unknown, m: StockMove) =>
                  `${m.byName}${m.witnessName ? ` / ${m.witnessName}` : ''}`,
              },
              {
                title: '来源 / 原因',
                render: (_: unknown, m: StockMove) => [m.source, m.reason].filter(Boolean).join('；'),
              },
            ]}
          />
        </>
      )}
      {dialog && residentId !== undefined && (
        <StockDialog
          residentId={residentId}
          dialog={dialog}
          onClose={(receiptId) => {
            if (receiptId) setReceipt(receiptId);
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}

function StockDialog({
  residentId,
  dialog,
  onClose,
}: {
  residentId: number;
  dialog: Dialog;
  onClose: (receiptId?: number) => void;
}) {
  const { message } = App.useApp();
  const session = useSignedInSession();
  const [form] = Form.useForm();
  const refresh = ['meds.stock.list', 'meds.stock.ledger', 'alerts.list'] as const;
  const receive = useMutate('meds.stock.receive', [...refresh]);
  const count = useMutate('meds.stock.count', [...refresh]);
  const dispose = useMutate('meds.stock.dispose', [...refresh]);
  const title =
    dialog.kind === 'receive'
      ? '药品入库（家属委托保管）'
      : dialog.kind === 'count'
        ? `盘点：${dialog.batch.drugName}`
        : `处置：${dialog.batch.drugName}`;
  const submit = async (v: Record<string, unknown>) => {
    try {
      if (dialog.kind === 'receive') {
        const r = await receive.mutateAsync({
          residentId,
          drugId: v.drugId as number,
          quantity: String(v.quantity),
          batchNo: (v.batchNo as string | undefined) ?? '',
          expiresOn: (v.expiresOn as dayjs.Dayjs).format('YYYY-MM-DD'),
          source: v.source as string,
          entrustedBy: (v.entrustedBy as string | undefined) ?? '',
          ...(v.witnessId ? { witnessId: v.witnessId as number } : {}),
        });
        void message.success('已入库，可打印委托保管单请家属签字');
        onClose(r.receiptId);
        return;
      }
      if (dialog.kind === 'count') {
        const c = await count.mutateAsync({
          residentId,
          drugId: dialog.batch.drugId,
          counted: String(v.counted),
          witnessId: v.witnessId as number,
          ...(v.reason ? { reason: v.reason as string } : {}),
        });
        void message.success(c.difference === '0' ? '盘点相符' : `盘点差异 ${c.difference}，已记为调整`);
      } else {
        await dispose.mutateAsync({
          residentId,
          drugId: dialog.batch.drugId,
          batchNo: dialog.batch.batchNo,
          quantity: String(v.quantity),
          reason: v.reason as string,
          witnessId: v.witnessId as number,
        });
        void message.success('已处置');
      }
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  };
  const qty = { pattern: /^\d+(\.\d{1,4})?$/, message: '请填写数字，如 28.5' };
  return (
    <Modal open title={title} onCancel={() => onClose()} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        {dialog.kind === 'receive' && (
          <>
            <Form.Item name="drugId" label="药品" rules={[{ required: true, message: '请选择药品' }]}>
              <DrugPicker />
            </Form.Item>
            <Form.Item name="quantity" label="数量" rules={[{ required: true }, qty]}>
              <Input size="large" />
            </Form.Item>
            <Form.Item name="batchNo" label="批号">
              <Input size="large" />
            </Form.Item>
            <Form.Item name="expiresOn" label="有效期至" rules={[{ required: true }]}>
              <DatePicker size="large" />
            </Form.Item>
            <Form.Item name="source" label="来源" rules={[{ required: true }]} initialValue="家属送药">
              <Select
                size="large"
                options={['家属送药', '医院带回', '医务室开药'].map((s) => ({ value: s, label: s }))}
              />
            </Form.Item>
            <Form.Item name="entrustedBy" label="委托人（家属姓名）">
              <Input size="large" />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'count' && (
          <>
            <p>账面结存（该药全部批次）以台账为准；实点数量与账面不符时，差异记为盘点调整。</p>
            <Form.Item name="counted" label="实点数量（该药全部批次合计）" rules={[{ required: true }, qty]}>
              <Input size="large" />
            </Form.Item>
            <Form.Item name="reason" label="差异原因">
              <Input size="large" />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'dispose' && (
          <>
            <Form.Item
              name="quantity"
              label={`数量（本批结存 ${dialog.batch.quantity}）`}
              rules={[{ required: true }, qty]}
            >
              <Input size="large" />
            </Form.Item>
            <Form.Item name="reason" label="原因" rules={[{ required: true }]}>
              <Select
                size="large"
                options={['过期销毁', '退还家属', '医嘱停用退回'].map((s) => ({ value: s, label: s }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="witnessId"
          label="核对人"
          rules={dialog.kind === 'receive' ? [] : [{ required: true, message: '请选择核对人' }]}
        >
          <WitnessSelect selfId={session.user.id} />
        </Form.Item>
        <Button
          type="primary"
          size="large"
          htmlType="submit"
          block
          loading={receive.isPending || count.isPending || dispose.isPending}
        >
          确认
        </Button>
      </Form>
    </Modal>
  );
}
