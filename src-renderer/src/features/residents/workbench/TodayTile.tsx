import { Card, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { TodayMovement } from '../../../../../src-main/shared/contract/residents';
import { useProcedure } from '../../../api/hooks';
import { QueryView } from '../../../app/feedback';
import { useI18n } from '../../../i18n';

/** 今日动态: who arrives, leaves, comes back or is due back today. */
export function TodayTile() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const today = useProcedure('residents.today', {}, { refetchInterval: 60_000 });
  return (
    <Card
      size="small"
      title={t('今日入住、请假与退住', "Today's admissions, leave and discharges")}
      data-testid="today-tile"
      extra={
        today.data && today.data.reservations > 0 ? (
          <a onClick={() => navigate('/residents/waiting')}>
            {t(`已预订待入住 ${today.data.reservations} 人`, `${today.data.reservations} reserved`)}
          </a>
        ) : null
      }
    >
      <QueryView query={today}>
        {(d) => {
          const sections: Array<[string, string, TodayMovement[], string]> = [
            ['admissions', t('入住', 'Admitted'), d.admissions, 'green'],
            ['leaveReturns', t('返院', 'Back from leave'), d.leaveReturns, 'blue'],
            ['leaveStarts', t('请假外出', 'Left on leave'), d.leaveStarts, 'geekblue'],
            ['discharges', t('退住', 'Discharged'), d.discharges, 'default'],
          ];
          const any = sections.some(([, , list]) => list.length > 0);
          if (!any)
            return (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('今天还没有入住、返院、请假或退住。', 'Nobody arrived, left or came back today.')}
              </Typography.Paragraph>
            );
          return (
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              {sections
                .filter(([, , list]) => list.length > 0)
                .map(([key, title, list, color]) => (
                  <div key={key} data-testid={`today-${key}`}>
                    <Tag color={color}>
                      {title} {list.length}
                    </Tag>
                    <ul className="wb-list">
                      {list.map((m) => (
                        <li key={`${key}-${m.residentId}`}>
                          <a onClick={() => navigate(`/residents?resident=${m.residentId}`)}>
                            <Typography.Text strong>{m.name}</Typography.Text>
                          </a>
                          {m.bed && <span className="wb-bed">{m.bed}</span>}
                          {!m.done && <Tag color="orange">{t('待返院', 'Due back')}</Tag>}
                          {m.detail && (
                            <Typography.Text type="secondary" ellipsis>
                              {m.detail}
                            </Typography.Text>
                          )}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
            </Space>
          );
        }}
      </QueryView>
    </Card>
  );
}
