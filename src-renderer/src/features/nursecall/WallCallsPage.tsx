import { ArrowLeftOutlined, FullscreenOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { useProcedure } from '../../api/hooks';
import { LockOverlay } from '../../app/IdleLock';
import { useSignedInSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { AlarmBoard, CallCounts, SoundControl, useMaxMute } from './AlarmBoard';
import { NurseCallAlarmHost } from './AlarmHost';
import { useNow } from './common';

function subscribeFullscreen(listener: () => void) {
  document.addEventListener('fullscreenchange', listener);
  return () => document.removeEventListener('fullscreenchange', listener);
}

/**
 * The board alone, for a monitor on the nursing-station wall: no menu, larger type, a clock.
 * It does not idle-lock itself — nobody touches a wall monitor — but honours a lock made elsewhere.
 */
export function WallCallsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const session = useSignedInSession();
  const institution = useProcedure('institution.get', {});
  const maxMute = useMaxMute();
  const now = useNow();
  const [unlocking, setUnlocking] = useState(false);
  const fullscreen = useSyncExternalStore(subscribeFullscreen, () => document.fullscreenElement !== null);
  const time = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!session.locked && unlocking) setUnlocking(false);

  return (
    <div className="nc-wall" data-testid="wall-view">
      <header className="nc-wall-head">
        <Space size="large" align="center">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('呼叫', 'Nurse calls')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: '1.3em' }}>
            {institution.data?.name ?? ''}
          </Typography.Text>
          <CallCounts />
        </Space>
        <Space size="middle" align="center">
          <SoundControl maxMuteMinutes={maxMute} />
          {!fullscreen && (
            <Button
              size="large"
              icon={<FullscreenOutlined />}
              onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
            >
              {t('铺满屏幕', 'Fill screen')}
            </Button>
          )}
          <Button
            size="large"
            icon={<ArrowLeftOutlined />}
            onClick={() => {
              if (document.fullscreenElement) void document.exitFullscreen();
              navigate('/nursecall');
            }}
          >
            {t('返回', 'Back')}
          </Button>
          <span className="nc-wall-clock" aria-label={t('当前时间', 'Time')}>
            {pad(time.getHours())}:{pad(time.getMinutes())}
          </span>
        </Space>
      </header>
      {session.locked && (
        <div className="nc-wall-locked">
          {t(
            '已锁定：呼叫照常显示和响铃，解锁后才能响应。',
            'Locked: calls still show and ring; unlock to respond.',
          )}
          <Button icon={<UnlockOutlined />} onClick={() => setUnlocking(true)}>
            {t('解锁', 'Unlock')}
          </Button>
        </div>
      )}
      <AlarmBoard wall />
      <NurseCallAlarmHost wall />
      {session.locked && unlocking && <LockOverlay />}
    </div>
  );
}
