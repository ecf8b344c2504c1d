import { Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useProcedure } from '../../api/hooks';
import { fenOf, yuan } from '../../../../src-main/shared/contract/billing/money';
import { serverDay } from '../../lib/dates';

export { fenOf, yuan };

/** Money as the UX asks: negative amounts red with a minus sign. */
export function Money({ fen, strong }: { fen: number; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} type={fen < 0 ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {yuan(fen)}
    </Typography.Text>
  );
}

/** The month before the current one: the month billed on the 1st. */
export function lastMonth(): string {
  return serverDay().subtract(1, 'month').format('YYYY-MM');
}

/** Pick a resident by name, 拼音首字母 or bed; in residence first, then discharged. */
export function ResidentPicker({
  value,
  onChange,
  width = 320,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  width?: number;
}) {
  const [search, setSearch] = useState('');
  const list = useProcedure('residents.list', {
    search: search || undefined,
    statuses: ['admitted', 'onLeave', 'discharged'],
    limit: 50,
  });
  const options = useMemo(
    () =>
      (list.data?.rows ?? []).map((r) => ({
        value: r.id,
        label: `${r.name}${r.bed ? `（${r.bed.buildingName} ${r.bed.label}床）` : r.status === 'discharged' ? '（已退住）' : ''}`,
      })),
    [list.data],
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      size="large"
      style={{ width }}
      placeholder="输入姓名、拼音首字母或床位"
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      options={options}
      loading={list.isLoading}
      data-testid="resident-picker"
    />
  );
}
