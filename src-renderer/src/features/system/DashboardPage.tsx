import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { institutionNatureLabels } from '../../../../src-main/shared/enums';
import { roleLabels } from '../../../../src-main/shared/permissions';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { dashboardTiles } from '../../app/modules';
import { AlertsPanel } from './AlertsPanel';

export function DashboardPage() {
  const { t } = useI18n();
  const label = useLabel();
  const session = useSignedInSession();
  const institution = useProcedure('institution.get', {});
  return (
    <div>
      <Typography.Title level={3}>{t('工作台', 'Dashboard')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <AlertsPanel />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('本机构', 'Institution')}>
            <QueryView query={institution}>
              {(p) => (
                <Descriptions column={1} size="middle">
                  <Descriptions.Item label={t('名称', 'Name')}>{p.name}</Descriptions.Item>
                  <Descriptions.Item label={t('许可证/备案号', 'Licence no.')}>
                    {p.licenseNo || t('未填写', 'Not set')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('地址', 'Address')}>
                    {p.address || t('未填写', 'Not set')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('性质', 'Nature')}>
                    {label(institutionNatureLabels[p.nature])}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </QueryView>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('当前登录', 'Signed in')}>
            <Descriptions column={1} size="middle">
              <Descriptions.Item label={t('姓名', 'Name')}>{session.user.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('用户名', 'Username')}>{session.user.username}</Descriptions.Item>
              <Descriptions.Item label={t('角色', 'Roles')}>
                {session.user.roles.map((r) => (
                  <Tag key={r} color="blue">
                    {label(roleLabels[r])}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {dashboardTiles.map((Tile, i) => (
          <Col xs={24} lg={12} key={i}>
            <Tile />
          </Col>
        ))}
      </Row>
    </div>
  );
}
