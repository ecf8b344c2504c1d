import { BellOutlined, CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Dropdown, Empty, List, Space, Tag, Typography, message } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { Alert, AlertSeverity } from '../../../../src-main/shared/contract/platform';
import { on, onEventsOpen } from '../../api/client';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';

const severityTag: Record<AlertSeverity, { color: string; zh: string; en: string }> = {
  critical: { color: 'red', zh: '紧急', en: 'Urgent' },
  warning: { color: 'orange', zh: '需处理', en: 'Action needed' },
  info: { color: 'blue', zh: '提示', en: 'Note' },
};

const snoozeChoices = [
  { minutes: 60, zh: '1 小时后', en: 'In 1 hour' },
  { minutes: 4 * 60, zh: '4 小时后', en: 'In 4 hours' },
  { minutes: 24 * 60, zh: '明天', en: 'Tomorrow' },
  { minutes: 7 * 24 * 60, zh: '一周后', en: 'In a week' },
];

/** Keeps the alert list fresh: the core says when what alerts are made of has changed. */
export function useAlertsRefresh(): void {
  const client = useQueryClient();
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['alerts.list'] });
    const offs = [on('alerts.changed', refresh), onEventsOpen(refresh)];
    return () => offs.forEach((off) => off());
  }, [client]);
}

/** 待办提醒: what needs someone's attention, most urgent first, each with the action that deals with it. */
export function AlertsPanel() {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  useAlertsRefresh();
  const alerts = useProcedure('alerts.list', { includeHidden: false }, { refetchInterval: 60_000 });
  const acknowledge = useMutate('alerts.acknowledge', ['alerts.list']);
  const snooze = useMutate('alerts.snooze', ['alerts.list']);
  const pick = (l: { zh: string; en: string }) => (language === 'en-US' ? l.en : l.zh);

  const ref = (a: Alert) => ({ kind: a.kind, subject: a.subject });

  return (
    <Card
      data-testid="alerts-panel"
      title={
        <Space>
          <BellOutlined />
          {t('待办提醒', 'To do')}
          {alerts.data && alerts.data.length > 0 && <Badge count={alerts.data.length} overflowCount={999} />}
        </Space>
      }
    >
      <QueryView query={alerts}>
        {(list) =>
          list.length === 0 ? (
            <Empty description={t('暂时没有需要处理的事项', 'Nothing needs attention right now')} />
          ) : (
            <List
              dataSource={list}
              pagination={list.length > 8 ? { pageSize: 8, size: 'small' } : false}
              renderItem={(a) => (
                <List.Item
                  data-testid="alert-item"
                  data-kind={a.kind}
                  actions={[
                    <Button key="go" type="primary" onClick={() => navigate(a.link)}>
                      {a.action ?? t('查看', 'Open')}
                    </Button>,
                    <Dropdown
                      key="snooze"
                      menu={{
                        items: snoozeChoices.map((c) => ({ key: String(c.minutes), label: pick(c) })),
                        onClick: ({ key }) =>
                          snooze.mutate(
                            { ...ref(a), minutes: Number(key) },
                            {
                              onSuccess: () => void message.success(t('已推迟提醒', 'Snoozed')),
                              onError: (e) => void message.error(e.message),
                            },
                          ),
                      }}
                    >
                      <Button icon={<ClockCircleOutlined />}>{t('稍后提醒', 'Snooze')}</Button>
                    </Dropdown>,
                    <Button
                      key="ack"
                      icon={<CheckOutlined />}
                      onClick={() =>
                        acknowledge.mutate(ref(a), { onError: (e) => void message.error(e.message) })
                      }
                    >
                      {t('知道了', 'Got it')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag color={severityTag[a.severity].color}>{pick(severityTag[a.severity])}</Tag>
                        <Typography.Text strong>{a.title}</Typography.Text>
                      </Space>
                    }
                    description={a.detail}
                  />
                </List.Item>
              )}
            />
          )
        }
      </QueryView>
    </Card>
  );
}
