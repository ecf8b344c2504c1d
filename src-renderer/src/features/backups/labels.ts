import dayjs from 'dayjs';
import type { BackupRow } from '../../../../src-main/shared/contract/backups';

type Label = { zh: string; en: string };

export const reasonLabels: Record<BackupRow['reason'], Label> = {
  daily: { zh: '每日自动', en: 'Daily' },
  manual: { zh: '手动备份', en: 'Manual' },
  safety: { zh: '恢复前安全副本', en: 'Safety copy before a restore' },
};

export const keptLabels: Record<BackupRow['keptAs'][number], Label> = {
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
};

export const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "3 小时前" beside an absolute time, never alone. */
export function agoText(iso: string, t: (zh: string, en: string) => string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t('刚刚', 'just now');
  if (minutes < 60) return t(`${minutes} 分钟前`, `${minutes} min ago`);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t(`${hours} 小时前`, `${hours} h ago`);
  const days = Math.round(hours / 24);
  return t(`${days} 天前`, `${days} days ago`);
}
