import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { BedKpis } from '../../../../../src-main/shared/contract/residents';
import { useProcedure } from '../../../api/hooks';
import { useI18n } from '../../../i18n';

function useKpis() {
  return useProcedure('beds.kpis', {}, { refetchInterval: 60_000 });
}

/** A figure with its planning target beside it: green when met, orange when not. */
function TargetFigure({
  title,
  value,
  target,
  note,
  testId,
}: {
  title: string;
  value: number;
  target: number;
  note: string;
  testId: string;
}) {
  const { t } = useI18n();
  const met = value >= target;
  return (
    <div data-testid={testId} data-met={met ? 'true' : 'false'}>
      <div className="wb-kpi-title">{title}</div>
      <div>
        <span className="wb-kpi-value">{value}%</span>
        <Typography.Text type={met ? 'success' : 'warning'} className="wb-kpi-target">
          {met ? <CheckCircleFilled /> : <ExclamationCircleFilled />}{' '}
          {t(`目标 ≥${target}%`, `target ≥${target}%`)}
        </Typography.Text>
      </div>
      <Typography.Text type="secondary">{note}</Typography.Text>
    </div>
  );
}

function KpiCard({ render }: { render: (k: BedKpis) => React.ReactNode }) {
  const kpis = useKpis();
  const navigate = useNavigate();
  return (
    <Card size="small" className="wb-kpi" hoverable onClick={() => navigate('/residents/beds')}>
      {kpis.data ? (
        render(kpis.data)
      ) : kpis.error ? (
        <Typography.Text type="danger">{kpis.error.message}</Typography.Text>
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}

/** 入住率 against the ≥70 % the planning documents set. */
export function OccupancyKpi() {
  const { t } = useI18n();
  return (
    <KpiCard
      render={(k) => (
        <TargetFigure
          testId="kpi-occupancy"
          title={t('入住率', 'Occupancy')}
          value={k.occupancy.percent}
          target={k.occupancy.target}
          note={t(
            `在住（含请假）${k.occupancy.occupied} 人 / 可用床位 ${k.occupancy.inService} 张`,
            `${k.occupancy.occupied} residents / ${k.occupancy.inService} beds in service`,
          )}
        />
      )}
    />
  );
}

/** 护理型床位占比 against the 55 % target. */
export function NursingBedKpi() {
  const { t } = useI18n();
  return (
    <KpiCard
      render={(k) => (
        <TargetFigure
          testId="kpi-nursing-beds"
          title={t('护理型床位占比', 'Nursing-type beds')}
          value={k.nursingBeds.percent}
          target={k.nursingBeds.target}
          note={t(
            `护理型 ${k.nursingBeds.nursing} 张 / 共 ${k.nursingBeds.total} 张`,
            `${k.nursingBeds.nursing} of ${k.nursingBeds.total} beds`,
          )}
        />
      )}
    />
  );
}

/** 空床 by room class: what the front desk can offer a family that calls. */
export function VacantBedsKpi() {
  const { t } = useI18n();
  return (
    <KpiCard
      render={(k) => {
        const vacant = k.vacantByRoomClass.reduce((n, c) => n + c.vacant, 0);
        return (
          <div data-testid="kpi-vacant">
            <div className="wb-kpi-title">{t('空床（按房型）', 'Empty beds by room class')}</div>
            <div className="wb-kpi-value">
              {vacant}
              <Typography.Text type="secondary" style={{ fontSize: '0.5em', marginInlineStart: 6 }}>
                {t('张', 'beds')}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary">
              {k.vacantByRoomClass.length === 0
                ? t('还没有床位', 'No beds yet')
                : k.vacantByRoomClass.map((c) => `${c.roomClass} ${c.vacant}`).join(' · ')}
            </Typography.Text>
          </div>
        );
      }}
    />
  );
}
