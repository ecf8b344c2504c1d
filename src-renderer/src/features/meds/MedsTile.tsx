import { Card, Col, Row, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import type { DoseStatus } from '../../../../src-main/shared/contract/meds';
import { useProcedure } from '../../api/hooks';
import { useMedsToday } from './common';

/** 工作台 tile: today's scheduled doses still to give, given, and missed. */
export function MedsTile() {
  const navigate = useNavigate();
  const today = useMedsToday();
  const date = today.data?.today ?? '';
  // Counts only: the whole home's doses are ~10,000 rows on a large home, polled by every desk.
  const summary = useProcedure(
    'meds.marSummary',
    { date },
    { enabled: date !== '', refetchInterval: 60_000 },
  );
  const handover = useProcedure('meds.handover', {}, { refetchInterval: 60_000 });
  const h = handover.data;
  const count = (...statuses: DoseStatus[]) =>
    statuses.reduce((n, status) => n + (summary.data?.counts[status] ?? 0), 0);
  return (
    <Card
      size="small"
      title="今日给药"
      extra={<a onClick={() => navigate('/meds/round')}>打开给药巡回</a>}
      loading={summary.isPending}
      data-testid="meds-tile"
    >
      <Row gutter={12}>
        <Col span={8}>
          <Statistic title="待给药" value={count('due')} />
        </Col>
        <Col span={8}>
          <Statistic title="已完成" value={count('given', 'late', 'refused', 'held')} />
        </Col>
        <Col span={8}>
          <Statistic
            title="漏给"
            value={count('missed')}
            styles={{ content: { color: count('missed') ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {h && h.total > 0 && (
        <div style={{ marginTop: 10, fontSize: 15 }} data-testid="meds-tile-handover">
          <a onClick={() => navigate(`/meds/handover?date=${h.date}&time=${h.time}`)}>
            {h.time} 交接班清点精神/麻醉药品：
            <b
              style={{
                color: h.status === 'missed' ? '#cf1322' : h.status === 'done' ? '#389e0d' : undefined,
              }}
            >
              {h.counted} / {h.total}
            </b>
            {h.status === 'missed' ? '（已过交接时间）' : ''}
          </a>
        </div>
      )}
    </Card>
  );
}
