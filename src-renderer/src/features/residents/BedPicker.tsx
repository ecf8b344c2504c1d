import { Select } from 'antd';
import { useMemo } from 'react';
import { bedKindLabels, type BedSummary } from '../../../../src-main/shared/contract/residents';
import { useProcedure } from '../../api/hooks';
import { useI18n, useLabel } from '../../i18n';

export function bedOptionLabel(bed: BedSummary, label: (l: { zh: string; en: string }) => string): string {
  return `${bed.buildingName} ${bed.label}床 · ${bed.roomClass} · ${label(bedKindLabels[bed.kind])}`;
}

/** Vacant, in-service beds grouped by building; type a room number to narrow the list. */
export function BedPicker({
  value,
  onChange,
  id,
  extraBed,
}: {
  value?: number;
  onChange?: (v: number) => void;
  id?: string;
  /** A bed to keep in the list although it is not vacant (the one a resident has reserved). */
  extraBed?: BedSummary | null;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const beds = useProcedure('beds.available', {});
  const options = useMemo(() => {
    const list = [...(beds.data ?? [])];
    if (extraBed && !list.some((b) => b.id === extraBed.id)) list.unshift(extraBed);
    const groups = new Map<string, BedSummary[]>();
    for (const b of list) groups.set(b.buildingName, [...(groups.get(b.buildingName) ?? []), b]);
    return [...groups.entries()].map(([building, rows]) => ({
      label: building,
      title: building,
      options: rows.map((b) => ({ value: b.id, label: bedOptionLabel(b, label) })),
    }));
  }, [beds.data, extraBed, label]);
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      loading={beds.isPending}
      options={options}
      placeholder={t('输入房间号查找空床，如 301', 'Type a room number, e.g. 301')}
      notFoundContent={
        beds.isPending
          ? t('正在加载…', 'Loading…')
          : t('没有空床 — 请先在「床位管理」里创建床位，或让老人先轮候', 'No vacant beds')
      }
    />
  );
}
