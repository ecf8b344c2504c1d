import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditRow, AuditVerifyResult } from '../../../../src-main/shared/contract/system';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { ErrorState } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { auditActionLabel, auditModuleLabels, auditSubject } from './audit-labels';
import { AuditChanges } from './AuditChanges';
import { ExportExcelButton } from '../print/ExportExcelButton';

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, language } = useI18n();
  const [userId, setUserId] = useState<number | undefined>();
  const [module, setModule] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);

  const query = useProcedure('audit.list', {
    userId,
    module: module.trim() || undefined,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  // Names only: whoever may read the log may filter it by person, without managing users.
  const users = useProcedure('users.names', {});

  async function runVerify() {
    setVerifyError(null);
    try {
      setVerify(await callOrThrow('audit.verify', {}));
    } catch (error) {
      setVerifyError((error as Error).message);
    }
  }

  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <Card
      title={t('审计日志', 'Audit log')}
      extra={
        <Space wrap>
          <ExportExcelButton
            procedure="audit.export"
            run={() =>
              callOrThrow('audit.export', {
                userId,
                module: module.trim() || undefined,
                from: range?.[0]?.startOf('day').toISOString(),
                to: range?.[1]?.endOf('day').toISOString(),
              })
            }
          />
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void runVerify()}>
            {t('校验日志完整性', 'Verify integrity')}
          </Button>
        </Space>
      }
    >
      {verify?.intact === true && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            `日志完整：共 ${verify.rows} 条记录，未发现篡改。`,
            `Intact: ${verify.rows} rows, no tampering found.`,
          )}
        />
      )}
      {verify?.intact === false && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(
            `发现第 ${verify.firstBrokenId} 条记录异常：${verify.reason}`,
            `Row ${verify.firstBrokenId} is broken: ${verify.reason}`,
          )}
          description={t(
            '请勿再修改数据文件，并立即联系技术支持。',
            'Do not edit the data file further and contact support now.',
          )}
        />
      )}
      {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('全部用户', 'All users')}
          style={{ width: 200 }}
          value={userId}
          onChange={(v: number | undefined) => {
            setUserId(v);
            setPage(1);
          }}
          showSearch={{ optionFilterProp: 'label' }}
          options={(users.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.name}（${u.username}）`,
          }))}
        />
        <Select
          allowClear
          placeholder={t('全部模块', 'All modules')}
          style={{ width: 200 }}
          value={module || undefined}
          onChange={(v: string | undefined) => {
            setModule(v ?? '');
            setPage(1);
          }}
          options={Object.entries(auditModuleLabels).map(([key, l]) => ({
            value: key,
            label: language === 'en-US' ? l.en : l.zh,
          }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
        />
      </Space>
      <Table<AuditRow>
        rowKey="id"
        loading={query.isPending}
        dataSource={query.data?.rows ?? []}
        locale={{ emptyText: t('没有符合条件的记录', 'No matching records') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: query.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        size="small"
        expandable={{ expandedRowRender: (r) => <AuditChanges row={r} /> }}
        columns={[
          { title: t('时间', 'Time'), render: (_v, r) => formatDateTime(r.at), width: 150 },
          {
            title: t('操作人', 'Who'),
            width: 160,
            render: (_v, r) =>
              r.userId === null ? (
                <Typography.Text type="secondary">{t('系统自动', 'System')}</Typography.Text>
              ) : (
                <span data-testid="audit-user">
                  {r.userName ?? r.username}
                  {r.username && r.userName !== r.username && (
                    <Typography.Text type="secondary"> {r.username}</Typography.Text>
                  )}
                </span>
              ),
          },
          {
            title: t('做了什么', 'What'),
            render: (_v, r) => (
              <span data-testid="audit-action">{auditActionLabel(r.procedure, language)}</span>
            ),
          },
          {
            title: t('对象', 'About'),
            render: (_v, r) =>
              r.entity ? <span data-testid="audit-subject">{auditSubject(r, language)}</span> : '—',
          },
          {
            title: t('编号', 'No.'),
            dataIndex: 'id',
            width: 80,
            render: (v: number) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
