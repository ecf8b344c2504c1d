import { FullscreenOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';
import { AlarmBoard, CallCounts, NotifyControl, SoundControl, useMaxMute } from './AlarmBoard';

export const WALL_PATH = '/wall/calls';

/** 护理 → 呼叫: every active call, with sound, mute and the wall-monitor view one click away. */
export function AlarmBoardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const maxMute = useMaxMute();

  function openWall() {
    if (window.caredesk) {
      // The desktop window may not open a second one: the wall view replaces this page, full screen.
      navigate(WALL_PATH);
      void document.documentElement.requestFullscreen?.().catch(() => undefined);
    } else {
      // A named tab: clicking again brings the same wall tab back instead of opening another.
      window.open(`${location.origin}${location.pathname}#${WALL_PATH}`, 'caredesk-wall-calls');
    }
  }

  return (
    <div>
      <div className="nc-toolbar">
        <Space size="middle" align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('呼叫', 'Nurse calls')}
          </Typography.Title>
          <CallCounts />
        </Space>
        <Space size="small" wrap>
          <SoundControl maxMuteMinutes={maxMute} />
          <NotifyControl />
          <Button size="large" icon={<HistoryOutlined />} onClick={() => navigate('/nursecall/history')}>
            {t('呼叫记录', 'History')}
          </Button>
          <Button size="large" icon={<FullscreenOutlined />} onClick={openWall}>
            {t('全屏（挂墙显示）', 'Full screen (wall)')}
          </Button>
        </Space>
      </div>
      <AlarmBoard />
    </div>
  );
}
