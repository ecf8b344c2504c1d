import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { BackupOverview, BackupRow } from '../../../../src-main/shared/contract/backups';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { BackupSettings } from './BackupSettings';
import { agoText, formatSize, formatTime, keptLabels, reasonLabels } from './labels';
import { RestoreDialog } from './RestoreDialog';
import { ActionButton } from '../../app/permissions';

/** 系统 → 数据备份: the backups on disk, backing up now, where and when, and restoring one. */
export function BackupsPage() {
  const query = useProcedure('backups.list', {});
  return <QueryView query={query}>{(overview) => <Backups overview={overview} />}</QueryView>;
}

function Backups({ overview }: { overview: BackupOverview }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const create = useMutate('backups.create', ['backups.list', 'alerts.list']);
  const [restoring, setRestoring] = useState<BackupRow | null>(null);
  const list = useProcedure('backups.list', {});

  async function backUpNow() {
    try {
      const row = await create.mutateAsync({});
      void message.success(
        t(
          `备份完成并已校验（${formatSize(row.bytes)}）${row.copyError ? '，但没有复制到第二个位置' : ''}`,
          `Backup done and verified (${formatSize(row.bytes)})${row.copyError ? ', not copied to the second folder' : ''}`,
        ),
      );
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  const columns: ColumnsType<BackupRow> = [
    {
      title: t('备份时间', 'Taken at'),
      dataIndex: 'createdAt',
      render: (at: string) => (
        <Space orientation="vertical" size={0}>
          <span>{formatTime(at)}</span>
          <Typography.Text type="secondary">{agoText(at, t)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('原因', 'Reason'),
      dataIndex: 'reason',
      render: (reason: BackupRow['reason']) => label(reasonLabels[reason]),
    },
    {
      title: t('大小', 'Size'),
      dataIndex: 'bytes',
      render: (bytes: number, row) => (
        <Space orientation="vertical" size={0}>
          <span>{formatSize(bytes)}</span>
          {row.attachments > 0 && (
            <Typography.Text type="secondary">
              {t(`附件 ${row.attachments} 个`, `${row.attachments} files`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('校验', 'Verified'),
      dataIndex: 'verified',
      render: (verified: boolean, row) => (
        <Tooltip title={row.verifyDetail}>
          <Space orientation="vertical" size={0}>
            {verified ? (
              <Tag color="success">{t('已校验', 'Verified')}</Tag>
            ) : (
              <Tag color="error">{t('未通过', 'Failed')}</Tag>
            )}
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {t(`审计日志 ${row.auditRows} 条，链条完整`, `${row.auditRows} audit rows, chain intact`)}
            </Typography.Text>
          </Space>
        </Tooltip>
      ),
    },
    {
      title: t('保留为', 'Kept as'),
      dataIndex: 'keptAs',
      render: (kept: BackupRow['keptAs'], row) =>
        kept.length > 0 ? (
          kept.map((k) => <Tag key={k}>{label(keptLabels[k])}</Tag>)
        ) : (
          <Typography.Text type="secondary">
            {row.reason === 'safety'
              ? t('保留最近 3 个安全副本', 'Newest 3 safety copies')
              : t('保留最近 3 个手动备份', 'Newest 3 manual backups')}
          </Typography.Text>
        ),
    },
    {
      title: t('第二个位置', 'Second folder'),
      key: 'copy',
      render: (_: unknown, row) =>
        row.copiedTo ? (
          <Tooltip title={row.copiedTo}>
            <Tag color="success">{t('已复制', 'Copied')}</Tag>
          </Tooltip>
        ) : row.copyError ? (
          <Typography.Text type="danger">{row.copyError}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('未设置', 'Not set')}</Typography.Text>
        ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, row) => (
        <ActionButton
          procedure="backups.restore"
          danger
          onClick={() => setRestoring(row)}
          aria-label={t(`恢复 ${formatTime(row.createdAt)} 的备份`, `Restore ${formatTime(row.createdAt)}`)}
        >
          {t('恢复', 'Restore')}
        </ActionButton>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {overview.lastFailure && (
        <Alert
          type="error"
          showIcon
          title={t('最近一次备份失败', 'The last backup failed')}
          description={`${formatTime(overview.lastFailure.at)}：${overview.lastFailure.message}`}
        />
      )}
      <Card
        title={t('数据备份', 'Backups')}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('刷新', 'Refresh')}
            </Button>
            <ActionButton
              procedure="backups.create"
              type="primary"
              size="large"
              icon={<CloudUploadOutlined />}
              loading={create.isPending}
              onClick={() => void backUpNow()}
            >
              {t('立即备份', 'Back up now')}
            </ActionButton>
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(
              `每天 ${overview.dailyAt} 自动备份全部数据和附件，并逐一校验能否打开、内容是否完整。保留最近 7 天每天一份、4 周每周一份、12 个月每月一份。备份保存在：${overview.folder}`,
              `Everything is backed up daily at ${overview.dailyAt} and each copy is verified. Kept: 7 daily, 4 weekly, 12 monthly. Folder: ${overview.folder}`,
            )}
          </Typography.Paragraph>
          {create.isPending && (
            <Alert
              type="info"
              showIcon
              title={t(
                '正在备份并校验…数据较多时需要一两分钟。可以离开这个页面，备份会在后台完成。',
                'Backing up and verifying… this can take a minute or two. You may leave this page.',
              )}
            />
          )}
          <Table<BackupRow>
            rowKey="id"
            columns={columns}
            dataSource={overview.backups}
            pagination={false}
            locale={{
              emptyText: (
                <Empty
                  description={t(
                    '还没有备份。点“立即备份”做第一份，以后每天会自动备份。',
                    'No backups yet. Click “Back up now” for the first one; then it happens every day.',
                  )}
                />
              ),
            }}
          />
        </Space>
      </Card>
      <BackupSettings overview={overview} />
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Space>
  );
}
