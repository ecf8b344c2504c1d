import type { Alert } from '../../shared/contract/platform';
import type { AlertProvider } from '../module';
import type { NurseCallModule } from './service';

/** A port that should be listening and is not: calls from its panels cannot reach anyone. */
export function nurseCallAlerts(nurseCall: NurseCallModule): AlertProvider[] {
  return [
    {
      kind: 'nursecall.portDown',
      live: true,
      access: 'nursecall.read',
      list: () => {
        // Before the ports are started (tests, a tool) nothing is "down"; the desktop app and server start them.
        if (!nurseCall.started) return [];
        return nurseCall.ports
          .status()
          .filter((p) => p.state === 'reconnecting' || (p.state === 'connecting' && p.lastError))
          .map((p): Alert => ({
            kind: 'nursecall.portDown',
            severity: 'critical',
            title: `呼叫串口 ${p.path} 未连接，床头呼叫可能收不到`,
            detail: `${p.lastError ?? '正在重新连接'}。请检查串口线和呼叫主机电源；恢复前请加强巡房。`,
            ...(p.lastErrorAt ? { dueAt: p.lastErrorAt } : {}),
            subject: { type: 'port', id: p.id },
            link: '/nursecall/settings',
            action: '查看串口',
          }));
      },
    },
  ];
}
