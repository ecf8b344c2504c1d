import { useSyncExternalStore } from 'react';
import type { ActiveCall } from '../../../../src-main/shared/contract/nursecall';

export type NotifyPermission = NotificationPermission | 'unsupported';

/** Plain-HTTP pages on another computer have no Notification API; the board and sound still work. */
function supported(): boolean {
  return typeof Notification !== 'undefined' && window.isSecureContext;
}

let permission: NotifyPermission = supported() ? Notification.permission : 'unsupported';
const listeners = new Set<() => void>();
const open = new Map<number, Notification>();

export function useNotifyPermission(): NotifyPermission {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => permission,
  );
}

/** Must run from a click: browsers ignore permission requests made on their own. */
export async function requestNotifyPermission(): Promise<void> {
  if (!supported()) return;
  permission = await Notification.requestPermission();
  for (const l of listeners) l();
}

function who(call: ActiveCall): string {
  return [call.resident?.name, call.message].filter(Boolean).join(' · ');
}

/** Shows (or replaces) the OS notification for a call; clicking it brings this window forward. */
export function notifyCall(call: ActiveCall, escalated: boolean, onOpen: () => void): void {
  if (permission !== 'granted') return;
  open.get(call.id)?.close();
  const n = new Notification(escalated ? `超时未响应：${call.label}` : `呼叫：${call.label}`, {
    body: who(call) || (escalated ? '请立即前往，护士长已收到提醒。' : '请前往响应。'),
    tag: `nursecall-${call.id}`,
    requireInteraction: true,
  });
  n.onclick = () => {
    window.focus();
    onOpen();
    n.close();
  };
  open.set(call.id, n);
}

export function closeCallNotification(callId: number): void {
  open.get(callId)?.close();
  open.delete(callId);
}
