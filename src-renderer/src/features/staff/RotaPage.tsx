import {
  CopyOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  SettingOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  absenceKindLabels,
  type RotaAssignment,
  type RotaWeek,
  type ShiftDef,
} from '../../../../src-main/shared/contract/staff';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton, useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { AbsenceModal } from './AbsenceModal';
import { SwapModal } from './RotaSwap';
import { ShiftSettingsModal } from './ShiftSettings';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
const refresh = ['rota.week', 'rota.onDuty'] as const;

/** 人员 → 排班: a week of shifts, who is on each, and whether each shift has enough caregivers. */
export function RotaPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [weekOf, setWeekOf] = useState<string | undefined>(undefined);
  const [area, setArea] = useState<string | undefined>(undefined);
  const week = useProcedure('rota.week', { ...(weekOf ? { weekOf } : {}), ...(area ? { area } : {}) });
  const can = useCan();
  // A nurse reads the rota without the roster: the area filter then simply does not appear.
  const staff = useProcedure('staff.list', {}, { enabled: can('staff.list') });
  // The areas people work in, as the roster records them: the rota is planned per area.
  const areas = [...new Set((staff.data ?? []).filter((s) => s.onRoll).flatMap((s) => s.areas))].sort(
    (a, b) => a.localeCompare(b, 'zh'),
  );
  const copy = useMutate('rota.copyLastWeek', [...refresh]);
  const [assigning, setAssigning] = useState<{ date: string; shift: ShiftDef } | null>(null);
  const [absence, setAbsence] = useState(false);
  const [settings, setSettings] = useState(false);
  const [swapping, setSwapping] = useState<RotaAssignment | null>(null);
  const monday = week.data?.weekOf;
  const move = (days: number) => monday && setWeekOf(dayjs(monday).add(days, 'day').format('YYYY-MM-DD'));

  return (
    <Card
      title={t('排班', 'Rota')}
      extra={
        <Space wrap>
          {areas.length > 0 && (
            <Select
              size="large"
              style={{ width: 150 }}
              allowClear
              placeholder={t('全部区域', 'All areas')}
              value={area}
              onChange={(v?: string) => setArea(v)}
              options={areas.map((a) => ({ value: a, label: a }))}
              data-testid="rota-area"
            />
          )}
          <Button size="large" icon={<LeftOutlined />} onClick={() => move(-7)}>
            {t('上一周', 'Previous')}
          </Button>
          <Typography.Text strong>
            {monday ? `${monday} 至 ${dayjs(monday).add(6, 'day').format('MM-DD')}` : ''}
          </Typography.Text>
          <Button size="large" icon={<RightOutlined />} iconPlacement="end" onClick={() => move(7)}>
            {t('下一周', 'Next')}
          </Button>
          <ActionButton
            procedure="rota.copyLastWeek"
            size="large"
            icon={<CopyOutlined />}
            onClick={() =>
              monday &&
              void copy
                .mutateAsync({ weekOf: monday, ...(area ? { area } : {}) })
                .then((r) =>
                  message.success(
                    t(
                      `已复制 ${r.copied} 个班次${r.skipped ? `，${r.skipped} 个因请假、离职或未培训未复制` : ''}`,
                      `Copied ${r.copied}`,
                    ),
                  ),
                )
                .catch((e: Error) => message.error(e.message, 8))
            }
          >
            {t('复制上周排班', 'Copy last week')}
          </ActionButton>
          <ActionButton procedure="rota.recordAbsence" size="large" onClick={() => setAbsence(true)}>
            {t('登记请假', 'Record absence')}
          </ActionButton>
          <ActionButton
            procedure="rota.saveShift"
            size="large"
            icon={<SettingOutlined />}
            onClick={() => setSettings(true)}
          >
            {t('班次设置', 'Shifts')}
          </ActionButton>
        </Space>
      }
    >
      <QueryView query={week}>
        {(w) => (
          <>
            <WeekGrid week={w} onAssign={setAssigning} onSwap={setSwapping} />
            <SwapModal week={w} from={swapping} onClose={() => setSwapping(null)} />
          </>
        )}
      </QueryView>
      <AssignModal target={assigning} area={area} onClose={() => setAssigning(null)} />
      <AbsenceModal open={absence} onClose={() => setAbsence(false)} />
      <ShiftSettingsModal open={settings} onClose={() => setSettings(false)} />
    </Card>
  );
}

function WeekGrid({
  week,
  onAssign,
  onSwap,
}: {
  week: RotaWeek;
  onAssign: (t: { date: string; shift: ShiftDef }) => void;
  onSwap: (a: RotaAssignment) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const unassign = useMutate('rota.unassign', [...refresh]);
  const shifts = week.shifts.filter((s) => s.active);
  const columns = [
    {
      title: t('班次', 'Shift'),
      key: 'shift',
      width: 130,
      render: (_: unknown, s: ShiftDef) => (
        <Space orientation="vertical" size={0}>
          <strong>{s.name}</strong>
          <Typography.Text type="secondary">
            {s.start}–{s.end}
          </Typography.Text>
          {s.minimum > 0 && (
            <Typography.Text type="secondary">
              {t(`最少 ${s.minimum} 人`, `min ${s.minimum}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...week.days.map((date, i) => ({
      title: `周${weekdays[i]} ${date.slice(5)}`,
      key: date,
      render: (_: unknown, s: ShiftDef) => {
        const people = week.assignments.filter((a) => a.date === date && a.shiftId === s.id);
        // The minimum is set for the whole home: against one area's people it would cry wolf.
        const cover = week.area
          ? undefined
          : week.coverage.find((c) => c.date === date && c.shiftId === s.id);
        return (
          <div data-testid={`rota-${date}-${s.id}`}>
            {people.map((p) => (
              <Tag
                key={p.id}
                closable={can('rota.unassign')}
                onClose={(e) => {
                  e.preventDefault();
                  void unassign.mutateAsync({ id: p.id }).catch((err: Error) => message.error(err.message));
                }}
                style={{ marginBottom: 4, fontSize: 14, padding: '2px 8px' }}
              >
                {can('rota.swap') ? (
                  <span
                    role="button"
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    title={t('点击换班', 'Click to swap')}
                    onClick={() => onSwap(p)}
                    onKeyDown={(e) => e.key === 'Enter' && onSwap(p)}
                  >
                    {p.staffName} <SwapOutlined style={{ fontSize: 11, opacity: 0.6 }} />
                  </span>
                ) : (
                  p.staffName
                )}
              </Tag>
            ))}
            {cover && cover.short > 0 && (
              <Tag color="error">{t(`缺 ${cover.short}`, `short ${cover.short}`)}</Tag>
            )}
            {cover && cover.minimum > 0 && cover.short === 0 && (
              <Tag color="success">
                {t(`足 ${cover.assigned}/${cover.minimum}`, `ok ${cover.assigned}/${cover.minimum}`)}
              </Tag>
            )}
            <ActionButton
              procedure="rota.assign"
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              aria-label={t('排班', 'Assign')}
              onClick={() => onAssign({ date, shift: s })}
            />
          </div>
        );
      },
    })),
  ];
  return (
    <>
      <Table
        rowKey="id"
        bordered
        size="small"
        pagination={false}
        columns={columns}
        dataSource={shifts}
        scroll={{ x: 1000 }}
      />
      {week.area && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t(
            `只显示 ${week.area} 的排班。各班次最少人数按全院核算，请在“全部区域”中查看是否排足。`,
            'Showing one area; shift minimums are for the whole home.',
          )}
        </Typography.Paragraph>
      )}
      {week.absences.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('本周请假：', 'Absences: ')}
          {week.absences.map((a) => (
            <Tag key={a.id} color="blue">
              {a.staffName} {absenceKindLabels[a.kind].zh} {a.from.slice(5)}–{a.to.slice(5)}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </>
  );
}

function AssignModal({
  target,
  area,
  onClose,
}: {
  area: string | undefined;
  target: { date: string; shift: ShiftDef } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const staff = useProcedure(
    'staff.list',
    { activeOn: target?.date ?? '2000-01-01' },
    { enabled: target !== null },
  );
  const assign = useMutate('rota.assign', [...refresh]);
  return (
    <Modal
      open={target !== null}
      destroyOnHidden
      title={target ? t(`排班：${target.date} ${target.shift.name}`, `Assign ${target.date}`) : ''}
      okText={t('排班', 'Assign')}
      okButtonProps={{ disabled: staffId === null, 'data-procedure': 'rota.assign' } as never}
      confirmLoading={assign.isPending}
      onCancel={() => {
        setError(null);
        setStaffId(null);
        onClose();
      }}
      onOk={() =>
        target &&
        staffId !== null &&
        void assign
          .mutateAsync({ staffId, date: target.date, shiftId: target.shift.id, ...(area ? { area } : {}) })
          .then(() => {
            setError(null);
            setStaffId(null);
            onClose();
          })
          .catch((e: Error) => setError(e.message))
      }
    >
      <Select
        size="large"
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        placeholder={t('选择员工', 'Choose staff')}
        data-testid="assign-staff"
        value={staffId}
        onChange={(v: number) => {
          setStaffId(v);
          setError(null);
        }}
        options={(staff.data ?? [])
          // Those of the chosen area first; anyone may still be lent to it.
          .sort((a, b) => Number(!!area && b.areas.includes(area)) - Number(!!area && a.areas.includes(area)))
          .map((s) => ({
            value: s.id,
            label: `${s.name}${s.areas.length ? `（${s.areas.join('、')}）` : ''}${s.preJobTrained ? '' : '（未岗前培训）'}`,
          }))}
      />
      {error && (
        <Typography.Paragraph type="danger" style={{ marginTop: 12 }} data-testid="assign-error">
          {error}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
