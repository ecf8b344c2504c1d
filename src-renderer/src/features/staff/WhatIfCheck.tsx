import { Alert, Button, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { InputOf } from '../../../../src-main/shared/contract';
import { useMutate, useProcedure } from '../../api/hooks';
import { useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { RosterEmptyNotice, ratioText } from './RatioSummary';

/**
 * What a change does to the caregiver ratio, shown before the user confirms it. When the change
 * breaks the ratio, going ahead needs a reason, recorded with the user (`staffing.recordOverride`);
 * `onCleared` tells the caller whether it may go ahead.
 */
export function WhatIfCheck({
  change,
  action,
  subject,
  verb,
  onCleared,
}: {
  change: NonNullable<InputOf<'staffing.whatIf'>>;
  action: 'admission' | 'recategorise' | 'staffEnd';
  subject: string;
  /** 入住后 / 离职后 … */
  verb: string;
  onCleared?: (cleared: boolean) => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const allowed = can('staffing.whatIf');
  const query = useProcedure('staffing.whatIf', change, { enabled: allowed });
  const record = useMutate('staffing.recordOverride', ['staffing.overrides']);
  const [reason, setReason] = useState('');
  const [recorded, setRecorded] = useState(false);
  // Users who may not see the ratio, or before it loads, are not held up by it.
  // A home that keeps no roster yet cannot be held to the ratio: nobody is asked for a reason.
  const cleared =
    !allowed ||
    !query.data ||
    query.data.after.compliant ||
    query.data.after.rosterEmpty === true ||
    recorded;
  useEffect(() => onCleared?.(cleared), [cleared, onCleared]);
  if (!allowed || !query.data) return null;
  const { before, after } = query.data;
  if (after.rosterEmpty) {
    return (
      <div data-testid="ratio-whatif">
        <RosterEmptyNotice />
      </div>
    );
  }
  const breaks = !after.compliant;
  if (!breaks) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="ratio-whatif"
        title={t(`护理员配比：${ratioText(after, verb)}`, 'Caregiver ratio stays compliant')}
      />
    );
  }
  return (
    <Alert
      type={recorded ? 'warning' : 'error'}
      showIcon
      data-testid="ratio-whatif"
      title={t(
        `护理员配比不达标：${ratioText(after, verb)}`,
        `Caregiver ratio broken: short by ${after.shortfall}`,
      )}
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t(
              `目前${ratioText(before)}。`,
              `Now: ${before.required} required, ${before.available} available.`,
            )}
          </Typography.Text>
          {recorded ? (
            <Typography.Text strong>{t('已记录仍然办理的理由。', 'Reason recorded.')}</Typography.Text>
          ) : (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                size="large"
                data-testid="ratio-override-reason"
                placeholder={t(
                  '如仍要办理，请填写理由（例如：新护理员下周一到岗）',
                  'Reason to go ahead anyway',
                )}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button
                size="large"
                data-procedure="staffing.recordOverride"
                disabled={reason.trim() === ''}
                loading={record.isPending}
                onClick={() =>
                  void record
                    .mutateAsync({
                      action,
                      subject,
                      reason,
                      required: after.required,
                      available: after.available,
                    })
                    .then(() => setRecorded(true))
                }
              >
                {t('记录理由并继续', 'Record and continue')}
              </Button>
            </Space.Compact>
          )}
        </Space>
      }
    />
  );
}
