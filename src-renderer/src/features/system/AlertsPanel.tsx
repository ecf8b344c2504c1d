import {
  BellOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  DownOutlined,
  UpOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Dropdown, Empty, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Alert, AlertSeverity } from '../../../../src-main/shared/contract/platform';
import { on, onEventsOpen } from '../../api/client';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { pageAllowed } from '../../app/module';
import { alertKinds, pages } from '../../app/modules';
import { useCan } from '../../app/permissions';
import { useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';

const severityTag: Record<AlertSeverity, { color: string; zh: string; en: string }> = {
  critical: { color: 'red', zh: '紧急', en: 'Urgent' },
  warning: { color: 'orange', zh: '需处理', en: 'Action needed' },
  info: { color: 'blue', zh: '提示', en: 'Note' },
};
const severityRank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

const snoozeChoices = [
  { minutes: 60, zh: '1 小时后', en: 'In 1 hour' },
  { minutes: 4 * 60, zh: '4 小时后', en: 'In 4 hours' },
  { minutes: 24 * 60, zh: '明天', en: 'Tomorrow' },
  { minutes: 7 * 24 * 60, zh: '一周后', en: 'In a week' },
];

/** How many of a group show before 展开: three keeps the whole panel on one screen. */
const SHOWN_PER_GROUP = 3;

/** Keeps the alert list fresh: the core says when what alerts are made of has changed. */
export function useAlertsRefresh(): void {
  const client = useQueryClient();
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['alerts.list'] });
    const offs = [on('alerts.changed', refresh), onEventsOpen(refresh)];
    return () => offs.forEach((off) => off());
  }, [client]);
}

export interface AlertGroup {
  kind: string;
  severity: AlertSeverity;
  alerts: Alert[];
}

/** Alerts by kind, the most urgent kind first (then the bigger pile); inside a kind the core's order. */
export function groupAlerts(list: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  list.forEach((a) => {
    const g = groups.get(a.kind) ?? { kind: a.kind, severity: a.severity, alerts: [] };
    g.alerts.push(a);
    if (severityRank[a.severity] < severityRank[g.severity]) g.severity = a.severity;
    groups.set(a.kind, g);
  });
  return [...groups.values()].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || b.alerts.length - a.alerts.length,
  );
}

/** What the one button of an alert does for this user: its action, a plain 查看, or nothing. */
function useAlertAction() {
  const can = useCan();
  const { user } = useSignedInSession();
  return (a: Alert): 'action' | 'view' | null => {
    const path = a.link.split('?')[0] ?? a.link;
    const page = pages.find((p) => p.path === path);
    if (page && !pageAllowed(page, user.permissions)) return null;
    if (a.actionProcedure && !can(a.actionProcedure as Parameters<typeof can>[0])) return 'view';
    return 'action';
  };
}

/** 待办提醒: what needs someone's attention, grouped by kind, most urgent first, one click to deal with each. */
export function AlertsPanel() {
  const { t } = useI18n();
  useAlertsRefresh();
  const alerts = useProcedure('alerts.list', { includeHidden: false }, { refetchInterval: 60_000 });

  return (
    <Card
      data-testid="alerts-panel"
      size="small"
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
            <div className="wb-alert-groups">
              {groupAlerts(list).map((g) => (
                <AlertGroupView key={g.kind} group={g} />
              ))}
            </div>
          )
        }
      </QueryView>
    </Card>
  );
}

function AlertGroupView({ group }: { group: AlertGroup }) {
  const { t, language } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const { user } = useSignedInSession();
  const [open, setOpen] = useState(false);
  const kind = alertKinds[group.kind];
  const pick = (l: { zh: string; en: string }) => (language === 'en-US' ? l.en : l.zh);
  const shown = open ? group.alerts : group.alerts.slice(0, SHOWN_PER_GROUP);
  const hidden = group.alerts.length - shown.length;
  const listPage = kind?.listLink ? pages.find((p) => p.path === kind.listLink) : undefined;
  return (
    <section className="wb-alert-group" data-testid="alert-group" data-kind={group.kind}>
      <header className="wb-alert-group-head">
        <Space size="small">
          <Tag color={severityTag[group.severity].color}>{pick(severityTag[group.severity])}</Tag>
          <Typography.Text strong>{kind ? label(kind.label) : group.kind}</Typography.Text>
          <Typography.Text type="secondary" data-testid="alert-group-count">
            {t(`${group.alerts.length} 条`, `${group.alerts.length}`)}
          </Typography.Text>
        </Space>
        {listPage && kind?.listLink && pageAllowed(listPage, user.permissions) && (
          <Button type="link" size="small" onClick={() => navigate(kind.listLink!)}>
            {t('查看全部', 'See all')}
          </Button>
        )}
      </header>
      <ul className="wb-alert-list">
        {shown.map((a) => (
          <AlertRow key={`${a.subject.type}:${a.subject.id}`} alert={a} />
        ))}
      </ul>
      {group.alerts.length > SHOWN_PER_GROUP && (
        <Button
          type="link"
          size="small"
          icon={open ? <UpOutlined /> : <DownOutlined />}
          onClick={() => setOpen(!open)}
          data-testid="alert-group-more"
        >
          {open ? t('收起', 'Show fewer') : t(`还有 ${hidden} 条，展开`, `${hidden} more`)}
        </Button>
      )}
    </section>
  );
}

function AlertRow({ alert: a }: { alert: Alert }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const actionFor = useAlertAction();
  const acknowledge = useMutate('alerts.acknowledge', ['alerts.list']);
  const snooze = useMutate('alerts.snooze', ['alerts.list']);
  const pick = (l: { zh: string; en: string }) => (language === 'en-US' ? l.en : l.zh);
  const ref = { kind: a.kind, subject: a.subject };
  const action = actionFor(a);
  return (
    <li className="wb-alert" data-testid="alert-item" data-kind={a.kind}>
      <div className="wb-alert-text">
        <Typography.Text strong={a.severity !== 'info'} data-testid="alert-title">
          {a.title}
        </Typography.Text>
        <Typography.Text type="secondary" className="wb-alert-detail">
          {a.detail}
        </Typography.Text>
      </div>
      <Space size={4} className="wb-alert-actions">
        {action && (
          <Button
            type={action === 'action' ? 'primary' : 'default'}
            size="small"
            {...(action === 'action' && a.actionProcedure ? { 'data-procedure': a.actionProcedure } : {})}
            onClick={() => navigate(a.link)}
          >
            {action === 'action' ? (a.action ?? t('查看', 'Open')) : t('查看', 'Open')}
          </Button>
        )}
        <Dropdown
          // Opens on click, not hover: a hover menu closes when the pointer crosses a gap.
          trigger={['click']}
          menu={{
            items: snoozeChoices.map((c) => ({ key: String(c.minutes), label: pick(c) })),
            onClick: ({ key }) =>
              snooze.mutate(
                { ...ref, minutes: Number(key) },
                {
                  onSuccess: () => void message.success(t('已推迟提醒', 'Snoozed')),
                  onError: (e) => void message.error(e.message),
                },
              ),
          }}
        >
          <Button size="small" icon={<ClockCircleOutlined />} aria-label={t('稍后提醒', 'Snooze')}>
            {t('稍后', 'Later')}
          </Button>
        </Dropdown>
        <Button
          size="small"
          icon={<CheckOutlined />}
          aria-label={t('知道了', 'Got it')}
          onClick={() => acknowledge.mutate(ref, { onError: (e) => void message.error(e.message) })}
        >
          {t('知道了', 'Got it')}
        </Button>
      </Space>
    </li>
  );
}
