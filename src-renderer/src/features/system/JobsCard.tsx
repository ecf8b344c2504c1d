import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { JobStatus } from '../../../../src-main/shared/contract/platform';
import { on } from '../../api/client';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ActionButton } from '../../app/permissions';

/** 定时任务: what runs by itself (backups, checks), when it last ran, when it runs next, and why it failed. */
export function JobsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const jobs = useProcedure('scheduler.jobs', {}, { refetchInterval: 60_000 });
  const runNow = useMutate('scheduler.runNow', ['scheduler.jobs', 'alerts.list']);
  useEffect(
    () => on('scheduler.jobRan', () => void client.invalidateQueries({ queryKey: ['scheduler.jobs'] })),
    [client],
  );

  return (
    <Card id="jobs" title={t('定时任务', 'Scheduled jobs')} data-testid="jobs-card">
      <Typography.Paragraph type="secondary">
        {t(
          '这些任务按时自动运行。电脑关机期间错过的任务，开机后会补运行一次。',
          'These run on their own. A job missed while the computer was off runs once when it starts again.',
        )}
      </Typography.Paragraph>
      <QueryView query={jobs}>
        {(list) => (
          <Table<JobStatus>
            rowKey="name"
            dataSource={list}
            pagination={false}
            size="middle"
            locale={{ emptyText: t('暂无定时任务', 'No scheduled jobs') }}
            columns={[
              { title: t('任务', 'Job'), dataIndex: 'label' },
              { title: t('计划', 'Schedule'), dataIndex: 'schedule' },
              {
                title: t('上次运行', 'Last run'),
                render: (_, j) =>
                  j.lastRunAt ? (
                    <>
                      {formatDateTime(j.lastRunAt)}{' '}
                      {j.lastError ? (
                        <Tag color="red">{t('失败', 'Failed')}</Tag>
                      ) : (
                        <Tag color="green">{t('成功', 'OK')}</Tag>
                      )}
                    </>
                  ) : (
                    t('还没有运行过', 'Not yet')
                  ),
              },
              {
                title: t('下次运行', 'Next run'),
                render: (_, j) =>
                  j.running ? t('正在运行…', 'Running…') : j.nextRunAt ? formatDateTime(j.nextRunAt) : '—',
              },
              {
                title: t('上次的问题', 'Last problem'),
                render: (_, j) =>
                  j.lastError ? <Typography.Text type="danger">{j.lastError}</Typography.Text> : '—',
              },
              {
                title: '',
                render: (_, j) => (
                  <ActionButton
                    procedure="scheduler.runNow"
                    loading={runNow.isPending && runNow.variables?.name === j.name}
                    disabled={j.running}
                    onClick={() =>
                      runNow.mutate(
                        { name: j.name },
                        {
                          onSuccess: (s) =>
                            void (s.lastError
                              ? message.error(`${j.label}：${s.lastError}`)
                              : message.success(t(`${j.label} 已完成`, `${j.label} done`))),
                          onError: (e) => void message.error(e.message),
                        },
                      )
                    }
                  >
                    {t('立即运行', 'Run now')}
                  </ActionButton>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
