import { useSyncExternalStore } from 'react';
import { callPriorityLabels, type ActiveCall } from '../../../../src-main/shared/contract/nursecall';

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

/**
 * Location and priority only: an OS notification also shows on the Windows lock screen of a shared
 * PC, so the resident's name (and the panel's text, which may carry it) stay inside the app.
 */
export function notificationText(call: ActiveCall, escalated: boolean): { title: string; body: string } {
  const priority = callPriorityLabels[call.priority].zh;
  return escalated
    ? {
        title: `超时未响应：${call.label}`,
        body: `${priority}呼叫，请立即前往。所有呼叫屏幕已升级报警。`,
      }
    : { title: `呼叫：${call.label}`, body: `${priority}呼叫，请前往响应。` };
}

/** Shows (or replaces) the OS notification for a call; clicking it brings this window forward. */
export function notifyCall(call: ActiveCall, escalated: boolean, onOpen: () => void): void {
  if (permission !== 'granted') return;
  open.get(call.id)?.close();
  const { title, body } = notificationText(call, escalated);
  const n = new Notification(title, {
    body,
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
