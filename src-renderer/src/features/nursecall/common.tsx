import { Tag } from 'antd';
import { useSyncExternalStore } from 'react';
import {
  callPriorityLabels,
  type CallPriority,
  type PortState,
} from '../../../../src-main/shared/contract/nursecall';
import { useI18n, useLabel } from '../../i18n';
import { serverNow } from '../../lib/server-clock';

const tickListeners = new Set<() => void>();
let tickTimer: number | undefined;
let now = serverNow();

function subscribeTick(listener: () => void) {
  tickListeners.add(listener);
  if (tickListeners.size === 1) {
    now = serverNow();
    tickTimer = window.setInterval(() => {
      now = serverNow();
      for (const l of tickListeners) l();
    }, 1000);
  }
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0) window.clearInterval(tickTimer);
  };
}

/** One shared one-second clock, so every waiting time on screen ticks together. */
export function useNow(): number {
  return useSyncExternalStore(subscribeTick, () => now);
}

/** Whole seconds from `iso` to `at`; never negative, should this computer's clock run behind. */
export function secondsSince(iso: string, at: number): number {
  return Math.max(0, Math.floor((at - Date.parse(iso)) / 1000));
}

/** `45秒`, `3分05秒`, `1小时02分`: how a nurse says a wait out loud. */
export function formatDuration(seconds: number | null, language: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (language === 'en-US') {
    if (h > 0) return `${h} h ${pad(m)} min`;
    if (m > 0) return `${m} min ${pad(sec)} s`;
    return `${sec} s`;
  }
  if (h > 0) return `${h}小时${pad(m)}分`;
  if (m > 0) return `${m}分${pad(sec)}秒`;
  return `${sec}秒`;
}

export const priorityStyle: Record<CallPriority, { color: string; tag: string }> = {
  alarm: { color: '#cf1322', tag: 'red' },
  high: { color: '#d46b08', tag: 'orange' },
  normal: { color: '#595959', tag: 'default' },
};

export function PriorityTag({ priority, large }: { priority: CallPriority; large?: boolean }) {
  const label = useLabel();
  return (
    <Tag
      color={priorityStyle[priority].tag}
      data-priority={priority}
      style={
        large ? { fontSize: '1.4em', lineHeight: 1.4, padding: '2px 12px', marginInlineEnd: 0 } : undefined
      }
    >
      {label(callPriorityLabels[priority])}
    </Tag>
  );
}

export const portStateLabels: Record<PortState, { zh: string; en: string; color: string }> = {
  connected: { zh: '已连接', en: 'Connected', color: 'success' },
  connecting: { zh: '正在连接', en: 'Connecting', color: 'processing' },
  reconnecting: { zh: '未连接，正在重试', en: 'Not connected, retrying', color: 'error' },
  disabled: { zh: '已停用', en: 'Disabled', color: 'default' },
};

export function PortStateTag({ state }: { state: PortState }) {
  const label = useLabel();
  const info = portStateLabels[state];
  return (
    <Tag color={info.color} data-port-state={state}>
      {label(info)}
    </Tag>
  );
}

/** `HH:mm` today, `MM-DD HH:mm` otherwise: the absolute time next to a counting-up wait. */
export function clockTime(iso: string, at: number): string {
  const d = new Date(iso);
  const today = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === today.toDateString()
    ? hm
    : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}

export function useDuration() {
  const { language } = useI18n();
  return (seconds: number | null) => formatDuration(seconds, language);
}
