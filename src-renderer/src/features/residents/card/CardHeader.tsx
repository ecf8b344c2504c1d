import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import { sexLabels } from '../../../../../src-main/shared/id-number';
import {
  residentActionLabels,
  type ResidentAction,
} from '../../../../../src-main/shared/residents/lifecycle';
import type { ProcedureName } from '../../../../../src-main/shared/contract';
import { useCan } from '../../../app/permissions';
import { useI18n, useLabel } from '../../../i18n';
import { bedName, CareCategoryTag, ResidentStatusTag, RiskBadges } from '../common';
import { LifecycleDialog, type DialogAction } from '../LifecycleDialogs';

export function CardTitle({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Space wrap size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {r.name}
      </Typography.Title>
      <Typography.Text type="secondary">
        {[r.sex ? label(sexLabels[r.sex]) : null, r.age !== null ? t(`${r.age}岁`, `${r.age} y`) : null]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <ResidentStatusTag status={r.status} />
      {r.bed && <Tag>{bedName(r.bed)}</Tag>}
      <CareCategoryTag category={r.careCategory} />
      {r.careGrade && <Tag>{r.careGrade}</Tag>}
      <RiskBadges badges={r.riskBadges} size={18} />
    </Space>
  );
}

/** The procedure each lifecycle action ends in: the contract decides who is offered it. */
const actionProcedure: Record<ResidentAction, ProcedureName> = {
  reserve: 'residents.reserve',
  cancelReservation: 'residents.cancelReservation',
  admit: 'residents.admit',
  transfer: 'residents.transferBed',
  startLeave: 'residents.startLeave',
  endLeave: 'residents.endLeave',
  discharge: 'residents.discharge',
  archive: 'residents.archive',
  purge: 'residents.purge',
};

export function CardActions({ resident }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const actions = (resident.availableActions as ResidentAction[]).filter(
    (a) => a in residentActionLabels && can(actionProcedure[a]),
  );
  // The everyday actions are buttons; the rare or final ones sit in the "更多" menu.
  const primary: ResidentAction[] = ['admit', 'startLeave', 'endLeave', 'transfer', 'reserve', 'discharge'];
  const buttons = actions.filter((a) => primary.includes(a));
  const more = [
    ...actions
      .filter((a) => !primary.includes(a))
      .map((a) => ({
        key: a,
        label: label(residentActionLabels[a]),
        danger: a === 'purge',
        'data-procedure': actionProcedure[a],
      })),
    ...(can('residents.setCareGrade') && ['admitted', 'onLeave'].includes(resident.status)
      ? [
          {
            key: 'careGrade',
            label: t('调整护理等级', 'Change care grade'),
            danger: false,
            'data-procedure': 'residents.setCareGrade',
          },
        ]
      : []),
    ...(can('assessments.flag') && ['admitted', 'onLeave', 'reserved', 'waiting'].includes(resident.status)
      ? [
          {
            key: 'flag',
            label: t('标记需要重新评估', 'Flag for reassessment'),
            danger: false,
            'data-procedure': 'assessments.flag',
          },
        ]
      : []),
  ];
  return (
    <Space wrap>
      {buttons.map((a) => (
        <Button
          key={a}
          data-procedure={actionProcedure[a]}
          type={a === 'admit' ? 'primary' : 'default'}
          danger={a === 'discharge'}
          onClick={() =>
            a === 'admit' ? navigate(`/residents/admission?admit=${resident.id}`) : setDialog(a)
          }
        >
          {label(residentActionLabels[a])}
        </Button>
      ))}
      {resident.status === 'onLeave' && resident.currentLeave && can('residents.extendLeave') && (
        <Button data-procedure="residents.extendLeave" onClick={() => setDialog('extendLeave')}>
          {t('延长请假', 'Extend leave')}
        </Button>
      )}
      {more.length > 0 && (
        <Dropdown menu={{ items: more, onClick: (i) => setDialog(i.key as DialogAction) }}>
          <Button icon={<MoreOutlined />}>{t('更多', 'More')}</Button>
        </Dropdown>
      )}
      {dialog && <LifecycleDialog resident={resident} action={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}
