import { Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { doseStatusLabels, type DoseStatus, type Drug } from '../../../../src-main/shared/contract/meds';
import { useProcedure } from '../../api/hooks';

export const statusColors: Record<DoseStatus, string> = {
  due: 'blue',
  given: 'green',
  late: 'gold',
  refused: 'volcano',
  held: 'purple',
  missed: 'red',
};

export function DoseStatusTag({ status }: { status: DoseStatus }) {
  return (
    <Tag color={statusColors[status]} style={{ fontSize: 16, padding: '2px 10px' }} data-status={status}>
      {doseStatusLabels[status]}
    </Tag>
  );
}

/** The server's today: under a test clock or a wrong PC clock the screen follows the server. */
export function useMedsToday() {
  return useProcedure('meds.today', {}, { staleTime: 60_000 });
}

export const localTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
export const localStamp = (iso: string) => `${new Date(iso).toLocaleDateString('sv-SE')} ${localTime(iso)}`;

/** Residents in residence, searchable by name, 拼音首字母 or bed. */
export function ResidentPicker({
  value,
  onChange,
  width = 280,
}: {
  value?: number | undefined;
  onChange?: (id: number) => void;
  width?: number;
}) {
  const [search, setSearch] = useState('');
  const list = useProcedure('residents.list', {
    statuses: ['admitted', 'onLeave', 'reserved', 'waiting'],
    search: search || undefined,
    limit: 50,
  });
  const options = useMemo(
    () =>
      (list.data?.rows ?? []).map((r) => ({
        value: r.id,
        label: `${r.name}${r.bed ? `（${r.bed.buildingName} ${r.bed.label}床）` : ''}`,
      })),
    [list.data],
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      size="large"
      style={{ width }}
      placeholder="选择老人：姓名、拼音首字母或床号"
      value={value}
      onChange={(v: number) => onChange?.(v)}
      options={options}
      loading={list.isPending}
      notFoundContent={list.isPending ? '正在查找…' : '没有找到'}
      data-testid="resident-picker"
    />
  );
}

export function drugLabel(d: Drug): string {
  return `${d.name} ${d.spec}${d.highAlert ? ' ⚠高警示' : ''}${d.controlled !== 'none' ? ' 管制' : ''}`;
}

/** The catalog, searchable by 拼音首字母 (hflnp → 华法林钠片). */
export function DrugPicker({ value, onChange }: { value?: number; onChange?: (id: number) => void }) {
  const [q, setQ] = useState('');
  const list = useProcedure('meds.drugs.list', { q: q || undefined });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      size="large"
      placeholder="药名或拼音首字母，例如 hfl"
      value={value}
      onChange={(v: number) => onChange?.(v)}
      options={(list.data ?? []).map((d) => ({ value: d.id, label: drugLabel(d) }))}
      data-testid="drug-picker"
    />
  );
}

/** Colleagues who may sign as the second person (never the user themself). */
export function WitnessSelect({
  value,
  onChange,
  selfId,
}: {
  value?: number;
  onChange?: (id: number) => void;
  selfId: number | undefined;
}) {
  const list = useProcedure('meds.witnesses', {});
  return (
    <Select
      size="large"
      placeholder="选择核对人（可输入姓名）"
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={(v: number) => onChange?.(v)}
      options={(list.data ?? []).filter((u) => u.id !== selfId).map((u) => ({ value: u.id, label: u.name }))}
      data-testid="witness-select"
    />
  );
}
