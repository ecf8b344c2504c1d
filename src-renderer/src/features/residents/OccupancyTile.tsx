import { Card, Col, Progress, Row, Space, Statistic, Tag } from 'antd';
import { useNavigate } from 'react-router';
import {
  careCategories,
  careCategoryLabels,
  type CareCategory,
} from '../../../../src-main/shared/assessment/ability';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';

/** 工作台 tile: beds total/occupied/vacant and residents by care category. */
export function OccupancyTile() {
  const { can } = useSession();
  if (!can('residents.read')) return null;
  return <Occupancy />;
}

function Occupancy() {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const board = useProcedure('beds.board', {});
  return (
    <Card
      title={t('床位与在住', 'Beds and residents')}
      extra={<a onClick={() => navigate('/residents/beds')}>{t('房态图', 'Bed board')}</a>}
    >
      <QueryView query={board}>
        {(b) => {
          const beds = b.counts.total - b.counts.retired;
          const usable = beds - b.counts.outOfService;
          const occupied = b.counts.occupied + b.counts.onLeave;
          const byCategory: Record<CareCategory | 'none', number> = {
            selfCare: 0,
            partlyDependent: 0,
            dependent: 0,
            none: 0,
          };
          for (const building of b.buildings)
            for (const f of building.floors)
              for (const r of f.rooms)
                for (const bed of r.beds)
                  if (bed.resident && (bed.status === 'occupied' || bed.status === 'onLeave'))
                    byCategory[bed.resident.careCategory ?? 'none'] += 1;
          return (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Row gutter={16}>
                <Col span={6}>
                  <Statistic title={t('床位', 'Beds')} value={beds} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('入住（含请假）', 'Residents')} value={occupied} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('空床', 'Vacant')} value={b.counts.vacant} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('其中请假', 'Of whom on leave')} value={b.counts.onLeave} />
                </Col>
              </Row>
              <Progress
                percent={usable > 0 ? Math.round((occupied / usable) * 100) : 0}
                format={(p) => t(`入住率 ${p}%`, `${p}% occupied`)}
              />
              <Space wrap>
                {careCategories.map((c) => (
                  <Tag
                    key={c}
                    color={careCategoryLabels[c].color}
                    style={{ fontSize: '1em', padding: '2px 10px' }}
                  >
                    {label(careCategoryLabels[c])} {byCategory[c]} {t('人', '')}
                  </Tag>
                ))}
                {byCategory.none > 0 && (
                  <Tag>{t(`未评估 ${byCategory.none} 人`, `Not assessed ${byCategory.none}`)}</Tag>
                )}
              </Space>
            </Space>
          );
        }}
      </QueryView>
    </Card>
  );
}
