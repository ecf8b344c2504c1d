import { Alert, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { RotaAssignment, RotaWeek } from '../../../../src-main/shared/contract/staff';
import { useMutate } from '../../api/hooks';
import { useI18n } from '../../i18n';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];

/** 换班: the chosen shift and another person's shift this week trade people; dates and shifts stay. */
export function SwapModal({
  week,
  from,
  onClose,
}: {
  week: RotaWeek;
  from: RotaAssignment | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [other, setOther] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const swap = useMutate('rota.swap', ['rota.week', 'rota.onDuty']);
  const shiftName = new Map(week.shifts.map((s) => [s.id, `${s.name} ${s.start}–${s.end}`]));
  const label = (a: RotaAssignment) =>
    `周${weekdays[week.days.indexOf(a.date)] ?? ''} ${a.date.slice(5)} ${shiftName.get(a.shiftId) ?? ''}`;
  const close = () => {
    setOther(null);
    setError(null);
    onClose();
  };
  const candidates = from
    ? week.assignments
        .filter((a) => a.staffId !== from.staffId)
        .sort((a, b) => a.date.localeCompare(b.date) || a.shiftId - b.shiftId)
    : [];
  return (
    <Modal
      open={from !== null}
      destroyOnHidden
      title={from ? t(`换班：${from.staffName}（${label(from)}）`, 'Swap shift') : ''}
      okText={t('确认换班', 'Swap')}
      okButtonProps={{ size: 'large', disabled: other === null, 'data-procedure': 'rota.swap' } as never}
      cancelButtonProps={{ size: 'large' }}
      confirmLoading={swap.isPending}
      onCancel={close}
      onOk={() =>
        from &&
        other !== null &&
        void swap
          .mutateAsync({ assignmentId: from.id, withAssignmentId: other })
          .then(close)
          .catch((e: Error) => setError(e.message))
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('与本周哪一个班次交换？', 'Swap with which shift this week?')}</Typography.Text>
        <Select
          size="large"
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          data-testid="swap-with"
          placeholder={t('选择要交换的同事和班次', 'Choose a colleague and shift')}
          value={other}
          onChange={(v: number) => {
            setOther(v);
            setError(null);
          }}
          options={candidates.map((a) => ({ value: a.id, label: `${a.staffName}：${label(a)}` }))}
          notFoundContent={t('本周没有其他人的班次可交换', 'No other shifts this week')}
        />
        <Typography.Text type="secondary">
          {t(
            '交换后两人对调：日期和班次不变。要把班次交给未排班的人，请删除后重新排班。',
            'The two people trade places; dates and shifts stay.',
          )}
        </Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="swap-error" />}
      </Space>
    </Modal>
  );
}
