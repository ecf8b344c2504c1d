import { BellFilled, SoundOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSession, useSignedInSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { setSoundMode, stopSound, unlockSound, unmute, useSound, type SoundMode } from './alarm-sound';
import { onCallNotice, useActiveCalls } from './call-store';
import { secondsSince, useDuration, useNow } from './common';
import { closeCallNotification, notifyCall } from './notifications';

const BOARD_PATH = '/nursecall';

/**
 * Makes calls ring on every screen of a signed-in client, not only on the board: sound, OS
 * notification, a blinking title, and a banner that stays above everything (even the lock screen).
 */
export function NurseCallAlarmHost({ wall = false }: { wall?: boolean }) {
  const { can } = useSession();
  if (!can('nursecall.read')) return null;
  return <Host wall={wall} />;
}

function Host({ wall }: { wall: boolean }) {
  const navigate = useNavigate();
  const { calls } = useActiveCalls();
  const waiting = calls.filter((c) => c.status === 'raised');
  const mode: SoundMode = waiting.some((c) => c.escalated) ? 'urgent' : waiting.length > 0 ? 'normal' : 'off';

  useEffect(() => setSoundMode(mode), [mode]);
  useEffect(() => stopSound, []);

  useEffect(
    () =>
      onCallNotice((notice) => {
        if (notice.kind === 'new' || notice.kind === 'escalated') {
          // A mute is for the calls already being handled; a new or overdue one must be heard.
          unmute();
          notifyCall(notice.call, notice.kind === 'escalated', () =>
            navigate(wall ? '/wall/calls' : BOARD_PATH),
          );
        } else {
          closeCallNotification(notice.kind === 'cleared' ? notice.callId : notice.call.id);
        }
      }),
    [navigate, wall],
  );

  useBlinkingTitle(waiting.length);
  return <FloatingAlert wall={wall} />;
}

function useBlinkingTitle(waiting: number) {
  useEffect(() => {
    if (waiting === 0) return undefined;
    const original = document.title;
    let on = false;
    const timer = window.setInterval(() => {
      on = !on;
      document.title = on ? `【${waiting} 个呼叫未响应】` : original;
    }, 1000);
    return () => {
      window.clearInterval(timer);
      document.title = original;
    };
  }, [waiting]);
}

/** Off the board (or on it while the lock screen covers it) a waiting call still shows. */
function FloatingAlert({ wall }: { wall: boolean }) {
  const { t } = useI18n();
  const duration = useDuration();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSignedInSession();
  const sound = useSound();
  const now = useNow();
  const { calls } = useActiveCalls();
  const waiting = calls.filter((c) => c.status === 'raised');
  const onBoard = wall || location.pathname === BOARD_PATH;
  if (onBoard && !session.locked) return null;
  if (waiting.length === 0) return null;
  const first = waiting[0]!;
  const urgent = waiting.some((c) => c.escalated);
  return (
    <div className={urgent ? 'nc-float nc-float-urgent' : 'nc-float'} role="alert" data-testid="call-float">
      <BellFilled className="nc-float-icon" />
      <div className="nc-float-body">
        <div className="nc-float-title">
          {t(`${waiting.length} 个呼叫未响应`, `${waiting.length} call(s) waiting`)}
        </div>
        <div>
          {first.label} · {t('已等待', 'waiting')} {duration(secondsSince(first.raisedAt, now))}
        </div>
      </div>
      {sound.blocked && (
        <Button icon={<SoundOutlined />} onClick={unlockSound}>
          {t('开启提示音', 'Turn on sound')}
        </Button>
      )}
      {!session.locked && (
        <Button type="primary" size="large" onClick={() => navigate(BOARD_PATH)}>
          {t('打开呼叫', 'Open calls')}
        </Button>
      )}
    </div>
  );
}
