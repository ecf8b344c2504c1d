import { Form, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { CareCategory } from '../../../../src-main/shared/assessment/ability';
import { abilityItems } from '../../../../src-main/shared/assessment/ability';
import { toDateString, serverDay } from '../../lib/dates';
import { useAbilityPreview } from '../residents/use-ability-preview';
import { WhatIfCheck } from './WhatIfCheck';

/**
 * Under an ability assessment being entered: when the scores move the resident to another care
 * category, what that does to the caregiver ratio, before the assessment is saved.
 */
export function CategoryChangeCheck({
  form,
  resident,
  onCleared,
}: {
  form: FormInstance;
  resident: { id: number; name: string; careCategory: CareCategory | null; status: string };
  onCleared: (cleared: boolean) => void;
}) {
  const scores = Form.useWatch<Record<string, number | undefined> | undefined>('scores', form) ?? {};
  const flags = Form.useWatch<{ coma?: boolean; dementia?: boolean; mentalDisorder?: boolean } | undefined>(
    'flags',
    form,
  );
  const assessedOn = Form.useWatch<Dayjs | undefined>('assessedOn', form);
  const on = toDateString(assessedOn) ?? serverDay().format('YYYY-MM-DD');
  const preview = useAbilityPreview(resident.id, on);
  const complete = abilityItems.every((i) => scores[i.key] !== undefined && scores[i.key] !== null);
  const category = complete
    ? (preview.assess(scores as Record<string, number>, {
        coma: Boolean(flags?.coma),
        dementia: Boolean(flags?.dementia),
        mentalDisorder: Boolean(flags?.mentalDisorder),
      })?.careCategory ?? null)
    : null;
  const inResidence = resident.status === 'admitted' || resident.status === 'onLeave';
  const changes = inResidence && category !== null && category !== resident.careCategory;
  // No change of category, nothing to hold the save for.
  useEffect(() => {
    if (!changes) onCleared(true);
  }, [changes, onCleared]);
  if (!changes) return null;
  return (
    <WhatIfCheck
      change={{ on, recategorise: [{ residentId: resident.id, category }] }}
      action="recategorise"
      subject={resident.name}
      verb="调整护理类别后"
      onCleared={onCleared}
    />
  );
}
