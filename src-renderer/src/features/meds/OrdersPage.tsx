import { App, DatePicker, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { orderSourceLabels, type Order } from '../../../../src-main/shared/contract/meds';
import { useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { callOrThrow } from '../../api/client';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { drugLabel, ResidentPicker, useMedsToday } from './common';
import { OrderDialog } from './OrderDialog';
import { monthlyMar } from './print/monthly-mar';
import { serverDay } from '../../lib/dates';

const statusTags: Record<Order['status'], [string, string]> = {
  active: ['green', '在用'],
  pending: ['blue', '未开始'],
  stopped: ['default', '已停用'],
  ended: ['default', '已结束'],
};

function scheduleText(o: Order): string {
  return 'times' in o.schedule
    ? o.schedule.times.join('、')
    : `按需：${o.schedule.prn.indication}（间隔≥${o.schedule.prn.minIntervalHours}h，每日≤${o.schedule.prn.maxPerDay}次）`;
}

/** 医嘱: one resident's medication orders, their versions, and the monthly MAR on paper. */
export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const residentId = params.get('resident') ? Number(params.get('resident')) : undefined;
  const today = useMedsToday();
  const [month, setMonth] = useState<dayjs.Dayjs | null>(null);
  const [editing, setEditing] = useState<Order | 'new' | null>(null);
  const orders = useProcedure(
    'meds.orders.list',
    { residentId, includeStopped: true },
    { enabled: residentId !== undefined },
  );
  const shownMonth = month ?? (today.data ? dayjs(today.data.today) : serverDay());
  return (
    <div className="meds-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          医嘱
        </Typography.Title>
        <ResidentPicker value={residentId} onChange={(id) => setParams({ resident: String(id) })} />
        {residentId !== undefined && (
          <>
            <ActionButton
              procedure="meds.orders.create"
              type="primary"
              size="large"
              onClick={() => setEditing('new')}
            >
              新医嘱
            </ActionButton>
            <DatePicker
              picker="month"
              size="large"
              allowClear={false}
              value={shownMonth}
              onChange={(m) => setMonth(m)}
            />
            <PrintButton
              size="large"
              load={(ctx) => monthlyMar(ctx, { residentId, month: shownMonth.format('YYYY-MM') })}
            >
              打印月度给药记录
            </PrintButton>
            <ExportExcelButton
              size="large"
              procedure="meds.export"
              run={() =>
                callOrThrow('meds.export', { what: 'mar', residentId, month: shownMonth.format('YYYY-MM') })
              }
            >
              导出 Excel
            </ExportExcelButton>
          </>
        )}
      </Space>
      {residentId === undefined ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
          先选择一位老人，查看和录入他的用药医嘱。
        </Typography.Paragraph>
      ) : (
        <Table
          rowKey="orderId"
          loading={orders.isPending}
          dataSource={orders.data ?? []}
          pagination={false}
          locale={{ emptyText: '还没有医嘱 — 点“新医嘱”录入第一条' }}
          expandable={{
            expandedRowRender: (o: Order) => (
              <Table
                size="small"
                rowKey="version"
                pagination={false}
                dataSource={o.versions}
                columns={[
                  { title: '版本', dataIndex: 'version', width: 60 },
                  {
                    title: '生效',
                    render: (_: unknown, v: Order['versions'][number]) =>
                      v.effectiveFrom ? dayjs(v.effectiveFrom).format('YYYY-MM-DD HH:mm') : `自 ${o.startOn}`,
                  },
                  {
                    title: '剂量',
                    render: (_: unknown, v: Order['versions'][number]) =>
                      `${v.dose}${o.drug.unit} ${v.route}`,
                  },
                  {
                    title: '时间',
                    render: (_: unknown, v: Order['versions'][number]) =>
                      scheduleText({ ...o, schedule: v.schedule }),
                  },
                  {
                    title: '录入 / 核对',
                    render: (_: unknown, v: Order['versions'][number]) =>
                      `${v.createdByName}${v.checkedByName ? ` / ${v.checkedByName}` : ''}`,
                  },
                  { title: '原因', dataIndex: 'reason' },
                ]}
              />
            ),
          }}
          columns={[
            { title: '药品', render: (_: unknown, o: Order) => drugLabel(o.drug) },
            { title: '剂量 用法', render: (_: unknown, o: Order) => `${o.dose}${o.drug.unit} ${o.route}` },
            { title: '时间', render: (_: unknown, o: Order) => scheduleText(o) },
            { title: '起止', render: (_: unknown, o: Order) => `${o.startOn} 至 ${o.endOn ?? '长期'}` },
            {
              title: '医生 / 来源',
              render: (_: unknown, o: Order) => `${o.prescriber} / ${orderSourceLabels[o.source]}`,
            },
            {
              title: '状态',
              render: (_: unknown, o: Order) => (
                <Tag color={statusTags[o.status][0]} title={o.stopReason ?? ''}>
                  {statusTags[o.status][1]}
                  {o.version > 1 ? ` · 第${o.version}版` : ''}
                </Tag>
              ),
            },
            {
              title: '',
              width: 170,
              render: (_: unknown, o: Order) =>
                o.status === 'stopped' ? null : (
                  <Space>
                    <ActionButton procedure="meds.orders.change" onClick={() => setEditing(o)}>
                      变更
                    </ActionButton>
                    <StopButton order={o} />
                  </Space>
                ),
            },
          ]}
        />
      )}
      {editing && residentId !== undefined && today.data && (
        <OrderDialog
          residentId={residentId}
          order={editing === 'new' ? undefined : editing}
          today={today.data.today}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function StopButton({ order }: { order: Order }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const stop = useMutate('meds.orders.stop', ['meds.orders.list', 'meds.mar', 'meds.marSummary']);
  return (
    <>
      <ActionButton procedure="meds.orders.stop" danger onClick={() => setOpen(true)}>
        停用
      </ActionButton>
      <Modal
        open={open}
        title={`确认停用 ${order.residentName} 的 ${order.drug.name}？`}
        okText="停用"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: stop.isPending }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            await stop.mutateAsync({ orderId: order.orderId, reason });
            void message.success('医嘱已停用，之后不再出现在给药单上');
            setOpen(false);
          } catch (error) {
            void message.error((error as Error).message, 8);
          }
        }}
      >
        <Input.TextArea
          rows={2}
          placeholder="停药原因（必填），例如 遵医嘱停药"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
