import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { StaffingKpis } from '../../../../src-main/shared/contract/staff';
import { useProcedure } from '../../api/hooks';
import { useI18n } from '../../i18n';

function KpiCard({ link, render }: { link: string; render: (k: StaffingKpis) => ReactNode }) {
  const kpis = useProcedure('staffing.kpis', {}, { refetchInterval: 60_000 });
  const navigate = useNavigate();
  return (
    <Card size="small" className="wb-kpi" hoverable onClick={() => navigate(link)}>
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

function Met({ met, text }: { met: boolean; text: string }) {
  return (
    <Typography.Text type={met ? 'success' : 'danger'} className="wb-kpi-target">
      {met ? <CheckCircleFilled /> : <ExclamationCircleFilled />} {text}
    </Typography.Text>
  );
}

/** 护理员配比: caregivers on the roll against what today's residents require. */
export function RatioKpi() {
  const { t } = useI18n();
  return (
    <KpiCard
      link="/staff/ratio"
      render={({ ratio }) => (
        <div data-testid="kpi-ratio" data-met={ratio.compliant ? 'true' : 'false'}>
          <div className="wb-kpi-title">{t('护理员配比', 'Caregiver ratio')}</div>
          <div>
            <span className="wb-kpi-value">
              {ratio.available}/{ratio.required}
            </span>
            <Met
              met={ratio.compliant}
              text={
                ratio.rosterEmpty
                  ? t('未登记护理员', 'no caregivers recorded')
                  : ratio.compliant
                    ? t('达标', 'compliant')
                    : t(`缺 ${ratio.shortfall} 人`, `short ${ratio.shortfall}`)
              }
            />
          </div>
          <Typography.Text type="secondary">
            {t(
              `现有 ${ratio.available} 人 / 需 ${ratio.required} 人（失能 1:${ratio.perCaregiver.dependent}、半失能 1:${ratio.perCaregiver.partlyDependent}、自理 1:${ratio.perCaregiver.selfCare}）`,
              `${ratio.available} on the roll / ${ratio.required} required`,
            )}
          </Typography.Text>
        </div>
      )}
    />
  );
}

/** 持证率: caregivers holding a valid 养老护理员证, against 100 %. */
export function CertificationKpi() {
  const { t } = useI18n();
  return (
    <KpiCard
      link="/staff/roster"
      render={({ certification: c }) => {
        const percent = c.rate === null ? null : Math.floor(c.rate * 1000) / 10;
        return (
          <div data-testid="kpi-certified" data-met={c.rate === 1 ? 'true' : 'false'}>
            <div className="wb-kpi-title">{t('护理员持证率', 'Certified caregivers')}</div>
            <div>
              <span className="wb-kpi-value">{percent === null ? '—' : `${percent}%`}</span>
              <Met met={c.rate === 1} text={t('目标 100%', 'target 100%')} />
            </div>
            <Typography.Text type="secondary">
              {t(`持证 ${c.certified} 人 / 护理员 ${c.caregivers} 人`, `${c.certified} of ${c.caregivers}`)}
            </Typography.Text>
          </div>
        );
      }}
    />
  );
}

/** 当班人员: who is on a shift right now. */
export function OnDutyTile() {
  const { t } = useI18n();
  const duty = useProcedure('rota.onDuty', {}, { refetchInterval: 60_000 });
  return (
    <Card size="small" title={t('当班人员', 'On duty now')} data-testid="tile-on-duty">
      {!duty.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : duty.data.shifts.length === 0 ? (
        <Empty description={t('现在没有排班', 'Nobody is rostered now')} />
      ) : (
        <List
          dataSource={duty.data.shifts}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={`${s.shift.name} ${s.shift.start}–${s.shift.end}`}
                description={
                  s.staff.length === 0
                    ? t('无人当班', 'Nobody')
                    : s.staff.map((p) => (
                        <Tag key={p.staffId}>
                          {p.name}
                          {p.area ? `（${p.area}）` : ''}
                        </Tag>
                      ))
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
