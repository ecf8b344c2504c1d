import { BellFilled, SoundOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import type { RingingCall } from '../../../../src-main/shared/contract/nursecall';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { setSoundMode, unmute, useSound, type SoundMode } from './alarm-sound';
import { PriorityTag, secondsSince, useDuration, useNow } from './common';
import './nursecall.css';

/** The login screen has no session and so no event stream: ask often, a call may be ringing now. */
const POLL_MS = 2_000;

type Ringing =
  | { state: 'loading' }
  | { state: 'ok'; calls: RingingCall[] }
  | { state: 'failed'; problem: string; last: RingingCall[] };

/**
 * Keeps calls ringing while nobody is signed in (after a restart, a logout at shift change, or a
 * forced password change): locations only, never who lives there, because anyone at the desk sees it.
 */
export function LoginCallBoard() {
  const ringing = useRingingCalls();
  const calls = ringing.state === 'ok' ? ringing.calls : ringing.state === 'failed' ? ringing.last : [];
  const waiting = calls.filter((c) => c.status === 'raised');
  const mode: SoundMode = waiting.some((c) => c.escalated) ? 'urgent' : waiting.length > 0 ? 'normal' : 'off';

  useEffect(() => setSoundMode(mode), [mode]);
  useEffect(() => () => setSoundMode('off'), []);

  // A mute left from before the logout is for calls already being handled; a new or overdue one
  // must be heard, as on the signed-in board.
  const seen = useRef<Set<string> | null>(null);
  const keys = waiting.map((c) => `${c.id}:${c.escalated ? 'escalated' : 'raised'}`).join(',');
  useEffect(() => {
    const now = new Set(keys ? keys.split(',') : []);
    if (seen.current !== null && [...now].some((k) => !seen.current!.has(k))) unmute();
    seen.current = now;
  }, [keys]);

  if (waiting.length === 0) {
    if (ringing.state !== 'failed') return null;
    return <Problem problem={ringing.problem} />;
  }
  return <Board waiting={waiting} answered={calls.length - waiting.length} mode={mode} />;
}

function useRingingCalls(): Ringing {
  const [ringing, setRinging] = useState<Ringing>({ state: 'loading' });
  useEffect(() => {
    let alive = true;
    let timer: number | undefined;
    const poll = async () => {
      const result = await call('nursecall.calls.ringing', {});
      if (!alive) return;
      setRinging((prev) =>
        result.ok
          ? { state: 'ok', calls: result.value }
          : {
              state: 'failed',
              problem: result.error.message,
              // Keep ringing what we last knew: a blip must not silence a waiting call.
              last: prev.state === 'ok' ? prev.calls : prev.state === 'failed' ? prev.last : [],
            },
      );
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, []);
  return ringing;
}

function Board({ waiting, answered, mode }: { waiting: RingingCall[]; answered: number; mode: SoundMode }) {
  const { t } = useI18n();
  const duration = useDuration();
  const now = useNow();
  const sound = useSound();
  const urgent = mode === 'urgent';
  return (
    <section
      className={urgent ? 'nc-login-board nc-login-board-urgent' : 'nc-login-board'}
      role="alert"
      data-testid="login-calls"
      data-sound-mode={sound.mode}
      data-sound-blocked={sound.blocked ? 'true' : 'false'}
      data-played={sound.played}
    >
      <header className="nc-login-head">
        <BellFilled className="nc-float-icon" />
        <div>
          <div className="nc-login-title">
            {t(`有 ${waiting.length} 个呼叫正在等待`, `${waiting.length} call(s) waiting`)}
          </div>
          <div className="nc-login-hint">{t('请登录后响应', 'Sign in to answer')}</div>
        </div>
      </header>
      <ol className="nc-login-list">
        {waiting.map((c) => (
          <li
            key={c.id}
            className={c.escalated ? 'nc-login-call nc-login-call-escalated' : 'nc-login-call'}
            data-testid="login-call"
            data-escalated={c.escalated ? 'true' : 'false'}
          >
            <span className="nc-login-label">{c.label}</span>
            <PriorityTag priority={c.priority} />
            <span className="nc-login-wait" data-testid="login-call-wait">
              {c.escalated ? t('超时未响应 · ', 'Overdue · ') : ''}
              {t('已等待', 'waiting')} {duration(secondsSince(c.raisedAt, now))}
            </span>
          </li>
        ))}
      </ol>
      {answered > 0 && (
        <div className="nc-login-hint">
          {t(`另有 ${answered} 个呼叫已有人响应`, `${answered} more already being answered`)}
        </div>
      )}
      {sound.blocked && sound.mutedUntil === null && (
        <div className="nc-login-sound" data-testid="login-sound-blocked">
          <SoundOutlined /> {t('点击任意处开启提示音', 'Click anywhere to turn on the sound')}
        </div>
      )}
      {sound.failure && (
        <div className="nc-login-sound">
          {t('提示音无法播放：', 'The sound cannot play: ')}
          {sound.failure}
        </div>
      )}
    </section>
  );
}

function Problem({ problem }: { problem: string }) {
  const { t } = useI18n();
  return (
    <div className="nc-login-problem" role="status" data-testid="login-calls-problem">
      {t(
        '暂时查不到呼叫状态，请尽快登录查看呼叫屏幕：',
        'Cannot check for calls right now; sign in and open the board: ',
      )}
      {problem}
    </div>
  );
}
