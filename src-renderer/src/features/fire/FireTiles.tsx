import { Card, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useProcedure } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { useFireRefresh } from './common';
import { PatrolTimeline, TimelineLegend } from './PatrolTimeline';

/** 工作台 KPI: fire patrols done on time today, against the slots that have ended or are open. */
export function FirePatrolsKpi() {
  const { t } = useI18n();
  const navigate = useNavigate();
  useFireRefresh();
  const overview = useProcedure('fire.overview', {}, { refetchInterval: 60_000 });
  const p = overview.data?.patrols;
  return (
    <Card
      size="small"
      className="wb-kpi"
      hoverable
      onClick={() => navigate('/fire/patrol')}
      data-testid="fire-patrols-kpi"
    >
      {p ? (
        <div>
          <div className="wb-kpi-title">{t('今日防火巡查', 'Fire patrols today')}</div>
          <div>
            <span className="wb-kpi-value" data-testid="fire-patrols-done">
              {p.done}
            </span>
            <Typography.Text type="secondary"> / {p.done + p.late + p.missed + p.open}</Typography.Text>
          </div>
          <Typography.Text type={p.missed > 0 ? 'danger' : 'secondary'}>
            {p.missed > 0 ? t(`漏巡 ${p.missed} 次`, `${p.missed} missed`) : t('无漏巡', 'None missed')}
            {p.late > 0 ? t(`，补录 ${p.late} 次`, `, ${p.late} late`) : ''}
          </Typography.Text>
        </div>
      ) : overview.error ? (
        <Typography.Text type="danger">{overview.error.message}</Typography.Text>
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}

/** 工作台: today's 24-hour patrol timeline, each slot coloured. */
export function PatrolTimelineTile() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const overview = useProcedure('fire.overview', {}, { refetchInterval: 60_000 });
  const day = overview.data?.on;
  const slots = useProcedure(
    'fire.schedule',
    { from: day ?? '2000-01-01', to: day ?? '2000-01-01', template: 'patrol' },
    { enabled: Boolean(day), refetchInterval: 60_000 },
  );
  return (
    <Card
      size="small"
      title={t(`防火巡查时间轴（${day ?? ''}）`, `Fire patrols (${day ?? ''})`)}
      extra={<a onClick={() => navigate('/fire/patrol')}>{t('去巡查', 'Patrol')}</a>}
      data-testid="fire-timeline-tile"
    >
      {slots.data ? (
        <>
          <PatrolTimeline slots={slots.data} />
          <TimelineLegend />
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}
