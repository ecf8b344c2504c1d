import { Alert, Button, Empty, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { type ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import {
  leaveKindLabels,
  residentActionLabels,
  type ResidentAction,
} from '../../../../../src-main/shared/residents/lifecycle';
import { useProcedure } from '../../../api/hooks';
import { QueryView } from '../../../app/feedback';
import { useSession } from '../../../app/session';
import { useI18n, useLabel } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { LifecycleDialog } from '../LifecycleDialogs';

/** History entries that are not state changes, and so are not in `residentActionLabels`. */
const extraActionLabels: Record<string, { zh: string; en: string }> = {
  extendLeave: { zh: '延长请假', en: 'Leave extended' },
  import: { zh: '导入（历史入住）', en: 'Imported' },
};

function actionText(action: string, label: ReturnType<typeof useLabel>): string {
  return label(residentActionLabels[action as ResidentAction] ?? extraActionLabels[action], action);
}

export function HistoryTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const history = useProcedure('residents.history', { id: r.id });
  return (
    <QueryView query={history}>
      {(entries) =>
        entries.length === 0 ? (
          <Empty description={t('还没有记录', 'Nothing yet')} />
        ) : (
          <Timeline
            items={entries.map((e) => ({
              key: `${e.at}-${e.action}`,
              color: e.toStatus === 'discharged' ? 'gray' : e.toStatus === 'onLeave' ? 'blue' : 'green',
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>
                    {e.on} {actionText(e.action, label)}
                    {e.bedLabel ? ` · ${e.bedLabel}` : ''}
                  </Typography.Text>
                  {e.detail && <Typography.Text>{e.detail}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                    {t(
                      `${formatDateTime(e.at)} 由 ${e.byUser ?? '系统'} 办理`,
                      `${formatDateTime(e.at)} by ${e.byUser ?? 'system'}`,
                    )}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        )
      }
    </QueryView>
  );
}

export function LeaveTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const history = useProcedure('residents.history', { id: r.id });
  const [dialog, setDialog] = useState<'extendLeave' | 'endLeave' | null>(null);
  const leave = r.currentLeave;
  const mayChange = r.status === 'onLeave' && can('residents.write');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {leave ? (
        <Alert
          type="info"
          showIcon
          title={t(
            `正在${leaveKindLabels[leave.kind].zh}：${leave.startOn} 起`,
            `On leave since ${leave.startOn}`,
          )}
          description={[
            leave.expectedReturnOn
              ? t(`预计 ${leave.expectedReturnOn} 返回`, `Expected back ${leave.expectedReturnOn}`)
              : t('未定返回日期', 'No return date'),
            leave.destination,
            leave.note,
          ]
            .filter(Boolean)
            .join('；')}
          action={
            mayChange ? (
              <Space orientation="vertical">
                <Button onClick={() => setDialog('extendLeave')}>
                  {t('延长请假 / 改返回日期', 'Extend / change return date')}
                </Button>
                <Button type="primary" onClick={() => setDialog('endLeave')}>
                  {t('销假（已返回）', 'Back now')}
                </Button>
              </Space>
            ) : null
          }
        />
      ) : (
        <Typography.Text type="secondary">{t('当前没有请假。', 'Not on leave.')}</Typography.Text>
      )}
      <QueryView query={history}>
        {(entries) => (
          <Table
            rowKey={(e) => `${e.at}-${e.action}`}
            pagination={false}
            dataSource={entries.filter((e) => ['startLeave', 'extendLeave', 'endLeave'].includes(e.action))}
            locale={{ emptyText: t('没有请假记录', 'No leave yet') }}
            columns={[
              { title: t('日期', 'Date'), dataIndex: 'on' },
              {
                title: t('事项', 'What'),
                render: (_v, e) => actionText(e.action, label),
              },
              { title: t('说明', 'Detail'), dataIndex: 'detail' },
              { title: t('办理人', 'By'), render: (_v, e) => e.byUser ?? '—' },
            ]}
          />
        )}
      </QueryView>
      {dialog && <LifecycleDialog resident={r} action={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}
