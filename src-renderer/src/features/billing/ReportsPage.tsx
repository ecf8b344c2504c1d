import { Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The ESM build: Vite hands the CommonJS lib/ build over as a namespace object, not a component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import type { IncomeReport } from '../../../../src-main/shared/contract/billing';
import { feeKindLabels, shareKindLabels } from '../../../../src-main/shared/contract/billing/types';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { payerStatementDocument } from './print/documents';
import { lastMonth, Money, yuan } from './common';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** 收费 → 报表: the month's income by fee kind and payer, and who owes how long. */
export function ReportsPage() {
  const [month, setMonth] = useState(lastMonth());
  const income = useProcedure('billing.reports.income', { month });
  const arrears = useProcedure('billing.reports.arrears', {});
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          收费报表
        </Typography.Title>
        <DatePicker
          picker="month"
          size="large"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <ExportExcelButton
          size="large"
          procedure="billing.exports.statement"
          run={() => callOrThrow('billing.exports.statement', { month })}
        >
          导出付款方申报表
        </ExportExcelButton>
        <PrintButton size="large" load={(ctx) => payerStatementDocument(ctx, month)}>
          打印申报表
        </PrintButton>
      </Space>
      <QueryView query={income}>{(r) => <Income report={r} />}</QueryView>
      <Card
        title="欠费名单（按账龄）"
        extra={
          <ExportExcelButton
            procedure="billing.exports.arrears"
            run={() => callOrThrow('billing.exports.arrears', {})}
          />
        }
      >
        <Table
          rowKey="residentId"
          size="middle"
          loading={arrears.isLoading}
          dataSource={arrears.data ?? []}
          locale={{ emptyText: '没有欠费' }}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '老人', dataIndex: 'name' },
            { title: '床位', dataIndex: 'bedLabel' },
            {
              title: '欠费合计',
              dataIndex: 'openFen',
              align: 'right',
              render: (f: number) => <Money fen={f} strong />,
            },
            {
              title: '30 天内',
              dataIndex: 'd0_30',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '31–60 天',
              dataIndex: 'd31_60',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '61–90 天',
              dataIndex: 'd61_90',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '90 天以上',
              dataIndex: 'over90',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            { title: '最早账单', dataIndex: 'oldestIssuedOn' },
          ]}
        />
      </Card>
    </Space>
  );
}

function Income({ report }: { report: IncomeReport }) {
  const kinds = report.byKind.map((k) => ({ name: feeKindLabels[k.kind], value: k.amountFen / 100 }));
  const payers = report.byPayer.map((p) => ({
    name: p.kind === 'resident' ? shareKindLabels.resident : p.name,
    value: p.amountFen / 100,
  }));
  return (
    <Card>
      <Space size={48} wrap style={{ marginBottom: 16 }}>
        <Statistic title="账单" value={report.invoices} suffix="张" />
        <Statistic title="收入（不含代收代付）" value={yuan(report.revenueFen)} />
        <Statistic title="代收代付" value={yuan(report.passThroughFen)} />
        <Statistic title="冲红" value={yuan(report.creditedFen)} />
        <Statistic title="本月实收" value={yuan(report.collectedFen)} />
      </Space>
      <Row gutter={16}>
        <Col span={12}>
          <ReactEChartsCore
            echarts={echarts}
            style={{ height: 300 }}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 80, right: 16, top: 24, bottom: 32 },
              xAxis: { type: 'category', data: kinds.map((k) => k.name) },
              yAxis: { type: 'value', name: '元' },
              series: [{ type: 'bar', data: kinds.map((k) => k.value), barMaxWidth: 48 }],
            }}
          />
        </Col>
        <Col span={12}>
          <ReactEChartsCore
            echarts={echarts}
            style={{ height: 300 }}
            option={{
              tooltip: { trigger: 'item', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
              legend: { bottom: 0 },
              series: [{ type: 'pie', radius: ['35%', '65%'], data: payers }],
            }}
          />
        </Col>
      </Row>
    </Card>
  );
}
