import { Card, Col, Row, Statistic } from 'antd';
import { useNavigate } from 'react-router';
import { useProcedure } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { todayLocal } from '../../lib/dates';
import { useActiveCalls } from './call-store';
import { secondsSince, useDuration, useNow } from './common';

/** 工作台 tile: calls ringing now, the longest wait among them, and today's median time to respond. */
export function NurseCallTile() {
  const { can } = useSession();
  if (!can('nursecall.read')) return null;
  return <Tile />;
}

function Tile() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const duration = useDuration();
  const now = useNow();
  const { calls } = useActiveCalls();
  const today = todayLocal();
  const analytics = useProcedure(
    'nursecall.analytics',
    { from: today, to: today },
    { refetchInterval: 60_000 },
  );
  const waiting = calls.filter((c) => c.status === 'raised');
  const oldest = waiting.reduce<string | null>(
    (min, c) => (min === null || c.raisedAt < min ? c.raisedAt : min),
    null,
  );
  const median =
    analytics.data?.perDay.find((d) => d.key === today)?.ackMedianSeconds ??
    analytics.data?.perDay[0]?.ackMedianSeconds ??
    null;
  return (
    <Card
      title={t('呼叫', 'Nurse calls')}
      extra={<a onClick={() => navigate('/nursecall')}>{t('打开呼叫看板', 'Open the board')}</a>}
      data-testid="nursecall-tile"
    >
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('当前呼叫', 'Active calls')}
            value={calls.length}
            suffix={
              waiting.length > 0
                ? t(`（${waiting.length} 未响应）`, ` (${waiting.length} waiting)`)
                : undefined
            }
            styles={waiting.length > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('等得最久', 'Longest waiting')}
            value={oldest ? duration(secondsSince(oldest, now)) : t('无', 'None')}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('今天响应用时中位数', "Today's median response")}
            value={analytics.error ? '—' : duration(median)}
            loading={analytics.isPending}
          />
        </Col>
      </Row>
    </Card>
  );
}
