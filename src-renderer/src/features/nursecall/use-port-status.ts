import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { PortStatus } from '../../../../src-main/shared/contract/nursecall';
import { on } from '../../api/client';
import { useProcedure } from '../../api/hooks';

const key = ['nursecall.ports.status', {}] as const;

/** Port statuses, loaded once and then kept live by `nursecall.portStatus` events. */
export function usePortStatuses(enabled = true) {
  const client = useQueryClient();
  const query = useProcedure('nursecall.ports.status', {}, { enabled, refetchInterval: 30_000 });
  useEffect(() => {
    if (!enabled) return undefined;
    return on('nursecall.portStatus', ({ status }) => {
      client.setQueryData<PortStatus[]>(key, (old) => {
        if (!old) return old;
        const known = old.some((s) => s.id === status.id);
        return known ? old.map((s) => (s.id === status.id ? status : s)) : [...old, status];
      });
    });
  }, [client, enabled]);
  return query;
}
