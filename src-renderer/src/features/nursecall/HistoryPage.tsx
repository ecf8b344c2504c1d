import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type {
  CallAnalytics,
  CallRecord,
  ResponseStats,
} from '../../../../src-main/shared/contract/nursecall';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { todayLocal } from '../../lib/dates';
import { downloadBase64 } from '../../lib/files';
import { PriorityTag, useDuration } from './common';
import { ResponseChart } from './ResponseChart';
import './nursecall.css';
import { callHistory } from '../print/documents/call-history';
import { PrintButton } from '../print/PrintButton';
import { ActionButton } from '../../app/permissions';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function stamp(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** 护理 → 呼叫记录: how fast calls were answered, by day, shift, area and person, and every call. */
export function HistoryPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const today = todayLocal();
  const from = params.get('from') ?? dayjs(today).subtract(6, 'day').format('YYYY-MM-DD');
  const to = params.get('to') ?? today;
  const tab = params.get('tab') === 'calls' ? 'calls' : 'analytics';
  const [exporting, setExporting] = useState(false);

  function update(patch: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  }

  async function exportExcel() {
    setExporting(true);
    try {
      const file = await callOrThrow('nursecall.export', { from, to });
      downloadBase64({ ...file, mimeType: xlsxMime });
      void message.success(t(`已导出 ${file.fileName}`, `Exported ${file.fileName}`));
    } catch (error) {
      void message.error((error as Error).message, 8);
    } finally {
      setExporting(false);
    }
  }

  return (
    <div>
      <div className="nc-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('呼叫记录与响应分析', 'Call history and response times')}
        </Typography.Title>
        <Space wrap>
          <DatePicker.RangePicker
            size="large"
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            disabledDate={(d) => d.isAfter(dayjs(today), 'day')}
            presets={[
              { label: t('今天', 'Today'), value: [dayjs(today), dayjs(today)] },
              { label: t('近 7 天', 'Last 7 days'), value: [dayjs(today).subtract(6, 'day'), dayjs(today)] },
              {
                label: t('近 30 天', 'Last 30 days'),
                value: [dayjs(today).subtract(29, 'day'), dayjs(today)],
              },
              { label: t('本月', 'This month'), value: [dayjs(today).startOf('month'), dayjs(today)] },
            ]}
            onChange={(v) => {
              if (v?.[0] && v[1]) update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
            }}
            aria-label={t('日期范围', 'Date range')}
          />
          <ActionButton
            procedure="nursecall.export"
            size="large"
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportExcel()}
          >
            {t('导出 Excel', 'Export to Excel')}
          </ActionButton>
          <PrintButton size="large" load={(ctx) => callHistory(ctx, { from, to })}>
            {t('打印台账', 'Print ledger')}
          </PrintButton>
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'calls' ? 'calls' : null })}
        items={[
          {
            key: 'analytics',
            label: t('响应分析', 'Response times'),
            children: <Analytics from={from} to={to} />,
          },
          { key: 'calls', label: t('呼叫明细', 'All calls'), children: <Calls from={from} to={to} /> },
        ]}
      />
    </div>
  );
}

function Analytics({ from, to }: { from: string; to: string }) {
  const analytics = useProcedure('nursecall.analytics', { from, to });
  return <QueryView query={analytics}>{(a) => <AnalyticsView a={a} />}</QueryView>;
}

function AnalyticsView({ a }: { a: CallAnalytics }) {
  const { t } = useI18n();
  const duration = useDuration();
  const worst = a.worstWaits[0];
  if (a.total === 0) {
    return (
      <Card>
        <Empty
          description={t(
            `${a.from} 至 ${a.to} 没有呼叫记录。换一个日期范围看看。`,
            `No calls between ${a.from} and ${a.to}. Try another date range.`,
          )}
        />
      </Card>
    );
  }
  // The day with the most calls tells a head nurse where to look first.
  const busiest = [...a.perDay].sort((x, y) => y.calls - x.calls)[0];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic title={t('呼叫总数', 'Calls')} value={a.total} suffix={t('次', '')} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('响应用时中位数（所选期间）', 'Median time to respond (period)')}
              value={duration(a.overall?.ackMedianSeconds ?? null)}
            />
            <Typography.Text type="secondary">
              {t('90% 的呼叫在', '90% answered within')} {duration(a.overall?.ackP90Seconds ?? null)}{' '}
              {t('内响应', '')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('等得最久的一次', 'Longest wait')}
              value={worst ? duration(worst.ackSeconds ?? worst.clearSeconds) : '—'}
              styles={{ content: { color: '#cf1322' } }}
            />
            {worst && <Typography.Text type="secondary">{worst.label}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card>
            <Statistic
              title={t('呼叫最多的一天', 'Busiest day')}
              value={busiest ? `${busiest.label || busiest.key}` : '—'}
              suffix={busiest ? t(`（${busiest.calls} 次）`, ` (${busiest.calls})`) : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('每天的响应用时（从呼叫到有人响应）', 'Time to respond per day (call → someone answers)')}
      >
        <ResponseChart from={a.from} to={a.to} perDay={a.perDay} />
      </Card>
      <Card title={t('分组看响应用时', 'Response times by group')} styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          items={[
            {
              key: 'shift',
              label: t('按班次', 'By shift'),
              children: <StatsTable keyTitle={t('班次', 'Shift')} rows={a.perShift} />,
            },
            {
              key: 'area',
              label: t('按区域', 'By area'),
              children: <StatsTable keyTitle={t('区域', 'Area')} rows={a.perArea} />,
            },
            {
              key: 'user',
              label: t('按响应人', 'By responder'),
              children: <StatsTable keyTitle={t('响应人', 'Responder')} rows={a.perUser} />,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('等得最久的呼叫', 'Longest waits')}>
            <Table<CallRecord>
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={a.worstWaits}
              columns={[
                { title: t('位置', 'Where'), dataIndex: 'label' },
                { title: t('老人', 'Resident'), render: (_, r) => r.resident?.name ?? '—' },
                { title: t('呼叫时间', 'Called'), render: (_, r) => stamp(r.raisedAt) },
                {
                  title: t('等了多久', 'Waited'),
                  render: (_, r) => <WaitCell call={r} />,
                },
                { title: t('响应人', 'Answered by'), render: (_, r) => r.acknowledgedBy?.name ?? '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <BusiestBeds rows={a.perBedPerDay} />
        </Col>
      </Row>
    </Space>
  );
}

/** Time until someone answered; a call marked done without 响应 counts until it was done. */
function WaitCell({ call }: { call: CallRecord }) {
  const { t } = useI18n();
  const duration = useDuration();
  if (call.ackSeconds !== null) {
    return (
      <Typography.Text strong type="danger">
        {duration(call.ackSeconds)}
      </Typography.Text>
    );
  }
  if (call.clearSeconds !== null) {
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text strong type="danger">
          {duration(call.clearSeconds)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {call.clearedHow === 'panel'
            ? t('没人点响应，床头复位', 'Reset at the panel, never answered')
            : t('没点响应，直接标记已处理', 'Marked done without answering')}
        </Typography.Text>
      </Space>
    );
  }
  return <Tag color="red">{t('仍在等待', 'Still waiting')}</Tag>;
}

function StatsTable({ keyTitle, rows }: { keyTitle: string; rows: ResponseStats[] }) {
  const { t } = useI18n();
  const duration = useDuration();
  const columns: ColumnsType<ResponseStats> = [
    { title: keyTitle, dataIndex: 'label', render: (v: string, r) => v || r.key },
    { title: t('呼叫次数', 'Calls'), dataIndex: 'calls', align: 'right' },
    {
      title: t('响应用时中位数', 'Respond, median'),
      align: 'right',
      render: (_, r) => duration(r.ackMedianSeconds),
    },
    {
      title: t('响应用时 P90', 'Respond, p90'),
      align: 'right',
      render: (_, r) => duration(r.ackP90Seconds),
    },
    {
      title: t('到处理完 中位数', 'Until done, median'),
      align: 'right',
      render: (_, r) => duration(r.clearMedianSeconds),
    },
    {
      title: t('到处理完 P90', 'Until done, p90'),
      align: 'right',
      render: (_, r) => duration(r.clearP90Seconds),
    },
  ];
  return (
    <Table<ResponseStats>
      rowKey="key"
      size="middle"
      pagination={false}
      dataSource={rows}
      columns={columns}
      locale={{ emptyText: t('没有数据', 'No data') }}
    />
  );
}

function BusiestBeds({ rows }: { rows: CallAnalytics['perBedPerDay'] }) {
  const { t } = useI18n();
  const beds = useMemo(() => {
    const byLabel = new Map<string, { label: string; total: number; peak: number; peakDate: string }>();
    for (const r of rows) {
      const b = byLabel.get(r.label) ?? { label: r.label, total: 0, peak: 0, peakDate: r.date };
      b.total += r.calls;
      if (r.calls > b.peak) {
        b.peak = r.calls;
        b.peakDate = r.date;
      }
      byLabel.set(r.label, b);
    }
    return [...byLabel.values()].sort((a, b) => b.total - a.total).slice(0, 10);
  }, [rows]);
  return (
    <Card title={t('呼叫最多的床位（前 10）', 'Beds calling most (top 10)')}>
      <Table
        rowKey="label"
        size="middle"
        pagination={false}
        dataSource={beds}
        columns={[
          { title: t('位置', 'Where'), dataIndex: 'label' },
          { title: t('呼叫次数', 'Calls'), dataIndex: 'total', align: 'right' },
          {
            title: t('最多的一天', 'Busiest day'),
            render: (_, b) => t(`${b.peakDate}（${b.peak} 次）`, `${b.peakDate} (${b.peak})`),
          },
        ]}
      />
    </Card>
  );
}

function Calls({ from, to }: { from: string; to: string }) {
  const { t } = useI18n();
  const duration = useDuration();
  const [address, setAddress] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const history = useProcedure(
    'nursecall.calls.history',
    {
      from,
      to,
      ...(search ? { address: search } : {}),
      offset: (page.current - 1) * page.pageSize,
      limit: page.pageSize,
    },
    { placeholderData: keepPreviousData },
  );

  const columns: ColumnsType<CallRecord> = [
    {
      title: t('位置', 'Where'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{r.label}</Typography.Text>
          <Typography.Text type="secondary">{t(`地址 ${r.address}`, `Address ${r.address}`)}</Typography.Text>
        </Space>
      ),
    },
    { title: t('老人', 'Resident'), render: (_, r) => r.resident?.name ?? '—' },
    { title: t('优先级', 'Priority'), render: (_, r) => <PriorityTag priority={r.priority} /> },
    { title: t('呼叫时间', 'Called'), render: (_, r) => stamp(r.raisedAt) },
    {
      title: t('响应', 'Answered'),
      render: (_, r) =>
        r.acknowledgedAt ? (
          <Space orientation="vertical" size={0}>
            <span>{stamp(r.acknowledgedAt)}</span>
            <Typography.Text type="secondary">
              {r.acknowledgedBy?.name} · {t('用时', 'after')} {duration(r.ackSeconds)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('结束', 'Closed'),
      render: (_, r) =>
        r.clearedAt ? (
          <Space orientation="vertical" size={0}>
            <span>{stamp(r.clearedAt)}</span>
            <Typography.Text type="secondary">
              {r.clearedHow === 'panel'
                ? t('床头复位', 'Reset at the panel')
                : t(`${r.clearedBy?.name ?? ''} 标记已处理`, `Marked done by ${r.clearedBy?.name ?? ''}`)}
              {' · '}
              {t('共', 'total')} {duration(r.clearSeconds)}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="processing">{t('进行中', 'Open')}</Tag>
        ),
    },
    {
      title: t('情况', 'Notes'),
      render: (_, r) => (
        <Space wrap size={4}>
          {r.escalated && <Tag color="red">{t('超时未响应', 'Overdue')}</Tag>}
          {r.repeats > 0 && <Tag>{t(`重复 ${r.repeats} 次`, `${r.repeats} repeats`)}</Tag>}
          {r.message && <span>{r.message}</span>}
          {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Input.Search
        size="large"
        allowClear
        style={{ maxWidth: 360 }}
        prefix={<SearchOutlined />}
        placeholder={t('按呼叫地址查找，如 201', 'Find by call address, e.g. 201')}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        onSearch={(v) => {
          setSearch(v.trim());
          setPage((p) => ({ ...p, current: 1 }));
        }}
      />
      <QueryView query={history}>
        {(h) => (
          <Table<CallRecord>
            rowKey="id"
            size="middle"
            dataSource={h.rows}
            columns={columns}
            locale={{
              emptyText: t('这段时间没有呼叫记录', 'No calls in this period'),
            }}
            pagination={{
              current: page.current,
              pageSize: page.pageSize,
              total: h.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t(`共 ${n} 次呼叫`, `${n} calls`),
              onChange: (current, pageSize) => setPage({ current, pageSize }),
            }}
          />
        )}
      </QueryView>
    </Space>
  );
}
