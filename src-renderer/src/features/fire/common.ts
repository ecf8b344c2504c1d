import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { SlotStatus } from '../../../../src-main/shared/contract/fire';
import { on } from '../../api/client';
import { useProcedure } from '../../api/hooks';

export const slotColors: Record<SlotStatus, string> = {
  done: '#52c41a',
  late: '#faad14',
  missed: '#f5222d',
  open: '#1677ff',
  upcoming: '#d9d9d9',
};

export const slotStatusLabels: Record<SlotStatus, { zh: string; en: string }> = {
  done: { zh: '已巡查', en: 'Done' },
  late: { zh: '超时补录', en: 'Late' },
  missed: { zh: '漏巡', en: 'Missed' },
  open: { zh: '进行中', en: 'Open' },
  upcoming: { zh: '未到', en: 'Upcoming' },
};

/** `HH:mm` of an instant on the institution's wall clock (a tablet may be set to another zone). */
export function clock(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** `clock` bound to the institution's time zone. */
export function useClock(): (iso: string) => string {
  const institution = useProcedure('institution.get', {}, { staleTime: 600_000 });
  const tz = institution.data?.timeZone;
  return (iso) => clock(iso, tz);
}

const fireQueries = [
  'fire.schedule',
  'fire.overview',
  'fire.hazards.list',
  'fire.records.list',
  'fire.equipment.list',
  'fire.drills.list',
  'fire.plans.list',
  'fire.templates.list',
  'alerts.list',
] as const;

/**
 * Re-reads every fire list without waiting for it: a dialog closes as soon as its write is saved,
 * rather than after every list behind it has loaded again (slow on a busy front-desk PC).
 */
export function useRefreshFire(): () => void {
  const client = useQueryClient();
  return useCallback(() => {
    for (const key of fireQueries) void client.invalidateQueries({ queryKey: [key] });
  }, [client]);
}

/** Every fire screen reads again when anyone records something, and when the (test) clock jumps. */
export function useFireRefresh(): void {
  const refresh = useRefreshFire();
  useEffect(() => {
    const offs = [on('fire.changed', refresh), on('alerts.changed', refresh)];
    return () => offs.forEach((off) => off());
  }, [refresh]);
}

/** Reads a picked image file as a data URL, shrunk so a phone photo stays well under the limit. */
export async function photoDataUrl(file: File, maxSide = 1280): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.8);
}
