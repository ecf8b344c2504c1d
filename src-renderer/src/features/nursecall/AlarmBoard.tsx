import {
  BellOutlined,
  CheckCircleOutlined,
  DisconnectOutlined,
  NotificationOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { Alert, Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ActiveCall } from '../../../../src-main/shared/contract/nursecall';
import { useProcedure } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { muteFor, unlockSound, unmute, useSound } from './alarm-sound';
import { syncCalls, useActiveCalls } from './call-store';
import { CallCard } from './CallCard';
import { clockTime, formatDuration, useNow } from './common';
import { requestNotifyPermission, useNotifyPermission } from './notifications';
import { usePortStatuses } from './use-port-status';
import { useBoardFit } from './board-fit';
import './nursecall.css';

/** Card sizes in px, matched by `.nc-board` / `.nc-board-wall` in nursecall.css. */
const cardSize = {
  board: { minWidth: 250, height: 264, gap: 12, bottom: 24 },
  wall: { minWidth: 300, height: 312, gap: 16, bottom: 16 },
};

/** The order on screen: overdue first, then waiting, then those someone is on the way to. */
function urgency(c: ActiveCall): number {
  return c.status === 'raised' ? (c.escalated ? 0 : 1) : 2;
}

/** The calls themselves, with what a nurse must know about the link before trusting an empty board. */
export function AlarmBoard({ wall = false }: { wall?: boolean }) {
  const { t } = useI18n();
  const board = useActiveCalls();
  const now = useNow();
  const grid = useRef<HTMLDivElement>(null);
  const size = wall ? cardSize.wall : cardSize.board;
  const fit = useBoardFit(grid, size);
  const [showAll, setShowAll] = useState(false);
  const calls = [...board.calls].sort((a, b) => urgency(a) - urgency(b));
  const overflow = !showAll && calls.length > fit.capacity;
  const shown = overflow ? calls.slice(0, Math.max(1, fit.capacity - 1)) : calls;
  const rest = calls.slice(shown.length);
  const restWaiting = rest.filter((c) => c.status === 'raised').length;
  return (
    <div className={wall ? 'nc-board nc-board-wall' : 'nc-board'}>
      <LinkProblems />
      {calls.length === 0 && (board.connection === 'loading' ? null : <EmptyBoard />)}
      <div
        ref={grid}
        className="nc-grid"
        data-testid="call-board"
        data-columns={fit.columns}
        style={{
          gridTemplateColumns: `repeat(${fit.columns}, minmax(0, 1fr))`,
          display: calls.length === 0 ? 'none' : undefined,
        }}
      >
        {shown.map((c) => (
          <CallCard key={c.id} call={c} now={now} />
        ))}
        {overflow && (
          <button
            type="button"
            className={restWaiting > 0 ? 'nc-more nc-more-waiting' : 'nc-more'}
            data-testid="call-board-more"
            onClick={() => setShowAll(true)}
          >
            <span className="nc-more-count">{t(`还有 ${rest.length} 条`, `${rest.length} more`)}</span>
            <span>
              {restWaiting > 0
                ? t(`其中 ${restWaiting} 条未响应`, `${restWaiting} waiting`)
                : t('均已有人响应', 'all being answered')}
            </span>
            {!wall && <span className="nc-muted">{t('点击显示全部', 'Show all')}</span>}
          </button>
        )}
      </div>
      {showAll && calls.length > fit.capacity && (
        <Button style={{ marginTop: 12 }} onClick={() => setShowAll(false)}>
          {t('只显示一屏', 'Fit to one screen')}
        </Button>
      )}
    </div>
  );
}

export function CallCounts() {
  const { t } = useI18n();
  const { calls } = useActiveCalls();
  const waiting = calls.filter((c) => c.status === 'raised').length;
  const answered = calls.length - waiting;
  return (
    <Space size="small" className="nc-counts">
      <Tag color={waiting > 0 ? 'red' : 'default'} data-testid="count-waiting">
        {t(`未响应 ${waiting}`, `Waiting ${waiting}`)}
      </Tag>
      <Tag color={answered > 0 ? 'green' : 'default'}>{t(`已响应 ${answered}`, `Answered ${answered}`)}</Tag>
    </Space>
  );
}

function EmptyBoard() {
  const { t } = useI18n();
  const board = useActiveCalls();
  return (
    <div className="nc-empty" data-testid="call-board-empty">
      <CheckCircleOutlined className="nc-empty-icon" />
      <div className="nc-empty-title">{t('当前没有呼叫', 'No calls right now')}</div>
      <Typography.Paragraph type="secondary" style={{ fontSize: '1.1em' }}>
        {t(
          '房间里按下呼叫器，这里会立即显示并响铃。',
          'When someone presses a call button, it shows here at once and rings.',
        )}
        {board.connection === 'live' &&
          board.syncedAt &&
          t(
            ` 实时连接正常（${clockTime(new Date(board.syncedAt).toISOString(), Date.now())} 已核对）。`,
            ` Live (checked ${clockTime(new Date(board.syncedAt).toISOString(), Date.now())}).`,
          )}
      </Typography.Paragraph>
    </div>
  );
}

/** An empty board is only reassuring if the board is live and the serial link is up. */
function LinkProblems() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const board = useActiveCalls();
  const ports = usePortStatuses();
  const down = (ports.data ?? []).filter((p) => p.state === 'reconnecting' || p.state === 'connecting');
  const configured = (ports.data ?? []).filter((p) => p.state !== 'disabled');
  const none =
    board.connection !== 'offline' && down.length === 0 && !(ports.data && configured.length === 0);
  // Nothing to say takes no room: on a 768 px screen every line counts for the calls.
  if (none) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }} size="small">
      {board.connection === 'offline' && board.problemCode === 'SESSION_LOCKED' && (
        <Alert
          type="warning"
          showIcon
          title={t(
            '屏幕已锁定：新的呼叫仍会显示并响铃，解锁后才能响应。',
            'Screen locked: new calls still show and ring; unlock to respond.',
          )}
        />
      )}
      {board.connection === 'offline' && board.problemCode !== 'SESSION_LOCKED' && (
        <Alert
          type="error"
          showIcon
          icon={<DisconnectOutlined />}
          data-testid="board-offline"
          title={t(
            '与 CareDesk 服务的连接中断，正在自动重连。此时看到的呼叫可能不是最新的，请留意病房呼叫器。',
            'Lost the connection to CareDesk; reconnecting. Calls shown may be out of date; listen for the ward panels.',
          )}
          description={board.problem ?? undefined}
          action={
            <Button size="large" onClick={() => void syncCalls()}>
              {t('立即重试', 'Retry now')}
            </Button>
          }
        />
      )}
      {down.map((p) => (
        <Alert
          key={p.id}
          type="error"
          showIcon
          data-testid="port-down"
          title={t(
            `呼叫串口 ${p.path} 未连接，病房呼叫暂时传不到本机，系统正在自动重试。`,
            `Nurse-call port ${p.path} is not connected; calls cannot reach this computer. Retrying.`,
          )}
          description={p.lastError ?? undefined}
          action={
            can('nursecall.configure') ? (
              <Button onClick={() => navigate('/nursecall/settings')}>{t('查看串口', 'Ports')}</Button>
            ) : undefined
          }
        />
      ))}
      {ports.data && configured.length === 0 && (
        <Alert
          type="warning"
          showIcon
          title={t(
            '还没有连接呼叫系统：请先设置呼叫串口，否则病房呼叫不会出现在这里。',
            'No nurse-call port is set up: calls from the rooms will not appear here.',
          )}
          action={
            can('nursecall.configure') ? (
              <Button type="primary" onClick={() => navigate('/nursecall/settings')}>
                {t('去设置串口', 'Set up a port')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('请联系管理员', 'Ask an administrator')}</Typography.Text>
            )
          }
        />
      )}
    </Space>
  );
}

/** Mute (this client, for a while), or — before the first click — the button that lets sound play. */
export function SoundControl({ maxMuteMinutes }: { maxMuteMinutes: number }) {
  const sound = useSound();
  return (
    <span
      data-testid="sound-state"
      data-mode={sound.mode}
      data-muted={sound.mutedUntil !== null ? 'true' : 'false'}
      data-played={sound.played}
    >
      <SoundButtons maxMuteMinutes={maxMuteMinutes} />
    </span>
  );
}

function SoundButtons({ maxMuteMinutes }: { maxMuteMinutes: number }) {
  const { t, language } = useI18n();
  const sound = useSound();
  const now = useNow();
  if (sound.failure && sound.mode !== 'off' && sound.mutedUntil === null) {
    return (
      <Tooltip title={sound.failure}>
        <Tag color="error" style={{ fontSize: '1em', padding: '4px 10px' }}>
          {t('提示音放不出来：请检查音箱和系统音量', 'Cannot play the alarm: check speakers and volume')}
        </Tag>
      </Tooltip>
    );
  }
  if (sound.blocked) {
    return (
      <Button danger type="primary" size="large" icon={<SoundOutlined />} onClick={unlockSound}>
        {t('提示音未开启，点这里开启', 'Sound is off — click to turn on')}
      </Button>
    );
  }
  if (sound.mutedUntil !== null) {
    const left = Math.max(0, Math.ceil((sound.mutedUntil - now) / 1000));
    return (
      <Space size="small">
        <Tag color="warning" style={{ fontSize: '1em', padding: '4px 10px' }} data-testid="mute-countdown">
          {t(
            `本机静音中，还剩 ${formatDuration(left)}`,
            `Muted here, ${formatDuration(left, language)} left`,
          )}
        </Tag>
        <Button size="large" icon={<SoundOutlined />} onClick={unmute}>
          {t('取消静音', 'Unmute')}
        </Button>
      </Space>
    );
  }
  const choices = [...new Set([1, 3, maxMuteMinutes])]
    .filter((m) => m <= maxMuteMinutes)
    .sort((a, b) => a - b);
  return (
    <Tooltip
      title={t(
        `只让这台电脑安静一会儿（最长 ${maxMuteMinutes} 分钟），到时自动恢复；有新呼叫或超时会立即重新响铃。`,
        `Silences this computer only (at most ${maxMuteMinutes} min); new or overdue calls ring again at once.`,
      )}
    >
      <Dropdown
        menu={{
          items: choices.map((m) => ({ key: String(m), label: t(`静音 ${m} 分钟`, `Mute ${m} min`) })),
          onClick: ({ key }) => muteFor(Number(key)),
        }}
      >
        <Button size="large" icon={<BellOutlined />}>
          {t('静音', 'Mute')}
        </Button>
      </Dropdown>
    </Tooltip>
  );
}

export function NotifyControl() {
  const { t } = useI18n();
  const permission = useNotifyPermission();
  if (permission === 'default') {
    return (
      <Button size="large" icon={<NotificationOutlined />} onClick={() => void requestNotifyPermission()}>
        {t('开启桌面通知', 'Turn on notifications')}
      </Button>
    );
  }
  if (permission === 'denied') {
    return (
      <Tooltip
        title={t(
          '浏览器禁止了本网站的通知。可在地址栏左侧的网站设置里允许“通知”。',
          'The browser blocks notifications for this site; allow them in the site settings.',
        )}
      >
        <Tag>{t('桌面通知已被禁止', 'Notifications blocked')}</Tag>
      </Tooltip>
    );
  }
  return null;
}

export function useMaxMute(): number {
  const config = useProcedure('nursecall.getConfig', {}, { staleTime: 60_000 });
  return config.data?.maxMuteMinutes ?? 5;
}
