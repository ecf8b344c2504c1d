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
import { auditActionLabel, auditModuleLabels } from './audit-labels';
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
  const users = useProcedure('users.list', {}, { retry: false });

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
          options={(users.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName}（${u.username}）`,
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
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify({ before: r.before, after: r.after }, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('时间', 'Time'), render: (_v, r) => formatDateTime(r.at), width: 170 },
          { title: t('用户', 'User'), render: (_v, r) => r.username ?? t('（系统）', '(system)') },
          {
            title: t('操作', 'Procedure'),
            dataIndex: 'procedure',
            render: (v: string) => (
              <Space>
                {auditActionLabel(v, language)}
                <Typography.Text type="secondary" code>
                  {v}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('对象', 'Entity'),
            render: (_v, r) => (r.entity ? `${r.entity}${r.entityId ? ` #${r.entityId}` : ''}` : '—'),
          },
        ]}
      />
    </Card>
  );
}
