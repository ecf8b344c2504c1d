import { App, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  submissionStatusLabels,
  summaryKindLabels,
  type OutboxRow,
} from '../../../../src-main/shared/contract/regulator';
import { useMutate } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { formatTime } from './format';

/** Every submission: where it stands, the platform's receipt or its words, and 重新发送 where that helps. */
export function OutboxTable({ rows, loading }: { rows: OutboxRow[]; loading: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const retry = useMutate('regulator.retry', ['regulator.outbox', 'alerts.list']);

  async function again(row: OutboxRow) {
    try {
      await retry.mutateAsync({ id: row.id });
      void message.success(t('已重新排队，马上发送', 'Queued again'));
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  const columns: ColumnsType<OutboxRow> = [
    {
      title: t('报表', 'Summary'),
      key: 'what',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {summaryKindLabels[r.kind].zh} {r.period}
          </span>
          {r.revision > 1 && (
            <Tooltip title={r.revisionReason}>
              <Typography.Text type="secondary">
                {t(`第 ${r.revision} 版（更正）`, `Revision ${r.revision}`)}
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      render: (status: OutboxRow['status'], r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={submissionStatusLabels[status].color} data-status={status}>
            {submissionStatusLabels[status].zh}
          </Tag>
          {r.duplicate && (
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t('平台此前已收到（未重复上报）', 'Already received; not duplicated')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('回执号', 'Receipt'),
      dataIndex: 'receiptNo',
      render: (v: string | null, r) =>
        v ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text copyable>{v}</Typography.Text>
            <Typography.Text type="secondary">{formatTime(r.acceptedAt)}</Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('发送次数', 'Tries'),
      dataIndex: 'attempts',
      render: (n: number, r) => (
        <Space orientation="vertical" size={0}>
          <span>{n}</span>
          {r.nextAttemptAt && (
            <Typography.Text type="secondary">
              {t(`下次 ${formatTime(r.nextAttemptAt)}`, `Next ${formatTime(r.nextAttemptAt)}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('说明', 'Notes'),
      key: 'error',
      render: (_: unknown, r) =>
        r.errors.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {r.errors.map((e) => (
              <li key={`${e.path}${e.message}`}>
                <Typography.Text type="danger">
                  {e.path ? `${e.path}：` : ''}
                  {e.message}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ) : r.lastError && r.status !== 'accepted' ? (
          <Typography.Text type={r.status === 'failed' ? 'danger' : 'warning'}>{r.lastError}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {t(
              `${formatTime(r.queuedAt)} 由${r.queuedBy ?? '定时任务'}加入`,
              `Queued ${formatTime(r.queuedAt)}`,
            )}
          </Typography.Text>
        ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'failed' || r.status === 'queued' ? (
          <ActionButton procedure="regulator.retry" onClick={() => void again(r)} loading={retry.isPending}>
            {t('重新发送', 'Send again')}
          </ActionButton>
        ) : null,
    },
  ];

  return (
    <Table
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('还没有上报记录 — 选好期间后点“立即上报”', 'No submissions yet') }}
    />
  );
}
