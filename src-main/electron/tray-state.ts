/**
 * What the tray icon and the quit question say about the calls. Plain functions over the core's
 * active calls and port statuses, so they are tested in Node; tray.ts only paints the result.
 */

/** The fields of an active call (`nursecall.calls.active()`) this needs. */
export interface CallLike {
  status: 'raised' | 'acknowledged';
  escalated: boolean;
}

/** The fields of a port status (`nursecall.ports.status()`) this needs. */
export interface PortLike {
  state: 'connecting' | 'connected' | 'reconnecting' | 'disabled';
}

export interface CallCounts {
  /** Raised and not yet acknowledged by anyone: these still ring on every board. */
  ringing: number;
  /** Of the ringing ones, those that waited past the escalation time. */
  escalated: number;
  /** Acknowledged, waiting for the caregiver to reset the call in the room. */
  acknowledged: number;
}

export function countCalls(active: readonly CallLike[]): CallCounts {
  let ringing = 0;
  let escalated = 0;
  let acknowledged = 0;
  for (const call of active) {
    if (call.status === 'acknowledged') acknowledged += 1;
    else {
      ringing += 1;
      if (call.escalated) escalated += 1;
    }
  }
  return { ringing, escalated, acknowledged };
}

export type TrayTone = 'idle' | 'ringing' | 'warning';

export interface TrayState {
  /** `ringing` paints the icon red with the count; `warning` orange (a port is not connected). */
  tone: TrayTone;
  /** Text drawn on the icon: the ringing count, "9+" above nine; null when nothing rings. */
  badge: string | null;
  /** Hover text. Windows cuts tooltips at 127 characters; these stay far below. */
  tooltip: string;
}

export function trayState(counts: CallCounts, ports: readonly PortLike[]): TrayState {
  const enabled = ports.filter((p) => p.state !== 'disabled');
  const notConnected = enabled.filter((p) => p.state !== 'connected').length;
  const portLine =
    enabled.length === 0
      ? '未启用呼叫串口'
      : notConnected > 0
        ? `${notConnected} 个呼叫串口未连接`
        : '正在接收呼叫';
  const parts = [`CareDesk — ${portLine}`];
  if (counts.ringing > 0) {
    parts.push(
      `${counts.ringing} 条呼叫正在响铃` + (counts.escalated > 0 ? `（${counts.escalated} 条已超时）` : ''),
    );
  }
  if (counts.acknowledged > 0) parts.push(`${counts.acknowledged} 条已确认待复位`);
  const tone: TrayTone = counts.ringing > 0 ? 'ringing' : notConnected > 0 ? 'warning' : 'idle';
  return {
    tone,
    badge: counts.ringing === 0 ? null : counts.ringing > 9 ? '9+' : String(counts.ringing),
    tooltip: parts.join('\n'),
  };
}
