import { Tooltip } from 'antd';
import type { ScheduleSlot } from '../../../../src-main/shared/contract/fire';
import { useI18n, useLabel } from '../../i18n';
import { slotColors, slotStatusLabels, useClock } from './common';

/** A day's patrol slots as one 24-hour bar, each slot coloured by its status; night slots marked. */
export function PatrolTimeline({
  slots,
  selected,
  onSelect,
  large,
}: {
  slots: ScheduleSlot[];
  selected?: string | null;
  onSelect?: (slot: ScheduleSlot) => void;
  large?: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const clock = useClock();
  return (
    <div style={{ display: 'flex', gap: 4 }} data-testid="patrol-timeline">
      {slots.map((s) => (
        <Tooltip
          key={s.start}
          title={`${clock(s.start)}–${clock(s.end)} ${label(slotStatusLabels[s.status])}${s.night ? t('（夜间）', ' (night)') : ''}`}
        >
          <button
            type="button"
            data-status={s.status}
            data-start={s.start}
            aria-pressed={selected === s.start}
            onClick={onSelect ? () => onSelect(s) : undefined}
            style={{
              flex: 1,
              minWidth: 0,
              height: large ? 64 : 40,
              border: selected === s.start ? '3px solid #000' : '1px solid rgba(0,0,0,0.15)',
              borderRadius: 6,
              background: slotColors[s.status],
              color: s.status === 'upcoming' ? '#555' : '#fff',
              cursor: onSelect ? 'pointer' : 'default',
              fontSize: large ? 15 : 12,
              lineHeight: 1.2,
              padding: 0,
            }}
          >
            {clock(s.start)}
            {s.night && <div style={{ fontSize: 11 }}>{t('夜', 'N')}</div>}
          </button>
        </Tooltip>
      ))}
    </div>
  );
}

export function TimelineLegend() {
  const label = useLabel();
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginTop: 8 }}>
      {(Object.keys(slotColors) as Array<keyof typeof slotColors>).map((k) => (
        <span key={k} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span
            style={{
              width: 12,
              height: 12,
              borderRadius: 3,
              background: slotColors[k],
              display: 'inline-block',
            }}
          />
          {label(slotStatusLabels[k])}
        </span>
      ))}
    </div>
  );
}
