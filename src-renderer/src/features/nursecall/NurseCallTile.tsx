import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useProcedure } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { todayLocal } from '../../lib/dates';
import { useActiveCalls } from './call-store';
import { secondsSince, useDuration, useNow } from './common';

/** How many calls the tile lists; the board shows them all. */
const LISTED = 5;

/** 工作台 tile: the calls ringing now, the longest wait, and today's median time to respond. */
export function LiveCallsTile() {
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
      size="small"
      title={t('呼叫', 'Nurse calls')}
      extra={<a onClick={() => navigate('/nursecall')}>{t('打开呼叫看板', 'Open the board')}</a>}
      data-testid="nursecall-tile"
    >
      <Row gutter={12}>
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
            title={t('最长等待', 'Longest wait')}
            value={oldest ? duration(secondsSince(oldest, now)) : t('无', 'None')}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('今日响应时间中位数', "Today's median response")}
            value={analytics.error ? '—' : duration(median)}
            loading={analytics.isPending}
          />
        </Col>
      </Row>
      {calls.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('当前没有呼叫。', 'No calls right now.')}
        </Typography.Paragraph>
      ) : (
        <ul className="wb-list" style={{ marginTop: 8 }} data-testid="tile-calls">
          {calls.slice(0, LISTED).map((c) => (
            <li key={c.id}>
              <a className="nc-tile-label" onClick={() => navigate('/nursecall')}>
                {c.label}
              </a>
              {c.resident && <span>{c.resident.name}</span>}
              {c.status === 'raised' ? (
                <Tag color={c.escalated ? 'red' : 'orange'}>
                  {t(
                    `已等 ${duration(secondsSince(c.raisedAt, now))}`,
                    `waiting ${duration(secondsSince(c.raisedAt, now))}`,
                  )}
                </Tag>
              ) : (
                <Tag color="green">
                  {t(
                    `${c.acknowledgedBy?.name ?? '有人'}已响应`,
                    `${c.acknowledgedBy?.name ?? 'Someone'} responding`,
                  )}
                </Tag>
              )}
            </li>
          ))}
          {calls.length > LISTED && (
            <li>
              <a onClick={() => navigate('/nursecall')}>
                {t(`还有 ${calls.length - LISTED} 条`, `${calls.length - LISTED} more`)}
              </a>
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}
