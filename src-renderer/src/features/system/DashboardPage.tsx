import { Col, Row, Space, Tag, Typography } from 'antd';
import { roleLabels } from '../../../../src-main/shared/permissions';
import { pageAllowed, type WorkbenchTile } from '../../app/module';
import { dashboardTiles } from '../../app/modules';
import { useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { todayLocal } from '../../lib/dates';
import './workbench.css';

const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * 工作台: today's to-do list. Each module puts its tiles here; which ones a user sees follows the
 * same access rule as pages, so a caregiver's workbench is calls and alerts, the front desk's adds
 * the day's movements and the bed figures.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { user } = useSignedInSession();
  const tiles = dashboardTiles.filter((tile) => pageAllowed(tile, user.permissions));
  const area = (a: WorkbenchTile['area']) => tiles.filter((tile) => tile.area === a);
  const kpis = area('kpi');
  const main = area('main');
  const side = area('side');
  const today = todayLocal();
  const weekday = weekdays[new Date(`${today}T12:00:00`).getDay()];
  return (
    <div className="workbench" data-testid="workbench">
      <div className="wb-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('工作台', 'Dashboard')}
        </Typography.Title>
        <Space size="small" wrap>
          <Typography.Text type="secondary">
            {t(`${today} 星期${weekday}`, today)} · {user.displayName}
          </Typography.Text>
          {user.roles.map((r) => (
            <Tag key={r} color="blue">
              {label(roleLabels[r])}
            </Tag>
          ))}
        </Space>
      </div>
      {kpis.length > 0 && (
        <div className="wb-kpis" data-testid="workbench-kpis">
          {kpis.map((tile) => (
            <tile.component key={tile.key} />
          ))}
        </div>
      )}
      <Row gutter={[16, 16]}>
        {main.length > 0 && (
          <Col xs={24} xl={side.length > 0 ? 14 : 24}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {main.map((tile) => (
                <tile.component key={tile.key} />
              ))}
            </Space>
          </Col>
        )}
        {side.length > 0 && (
          <Col xs={24} xl={main.length > 0 ? 10 : 24}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {side.map((tile) => (
                <tile.component key={tile.key} />
              ))}
            </Space>
          </Col>
        )}
      </Row>
    </div>
  );
}
