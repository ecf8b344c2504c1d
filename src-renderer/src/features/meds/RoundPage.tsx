import { Avatar, Card, DatePicker, Empty, Segmented, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MarDose } from '../../../../src-main/shared/contract/meds';
import { doseStatusLabels } from '../../../../src-main/shared/contract/meds';
import { on } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { AdministerDialog, type Outcome } from './AdministerDialog';
import { CorrectButton } from './CorrectButton';
import { DoseStatusTag, localTime, useMedsToday } from './common';
import { PrnTab } from './PrnTab';
import './meds.css';
import { serverNow } from '../../lib/server-clock';

/** 给药巡回: a nurse walks an area at a dose time and records each dose with big buttons. */
export function RoundPage() {
  const today = useMedsToday();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? today.data?.today;
  const tab = params.get('tab') ?? 'round';
  return (
    <div className="meds-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          给药巡回
        </Typography.Title>
        <DatePicker
          size="large"
          allowClear={false}
          value={date ? dayjs(date) : null}
          onChange={(d) => d && setParams({ date: d.format('YYYY-MM-DD'), tab })}
          data-testid="round-date"
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ ...(date ? { date } : {}), tab: key })}
        items={[
          {
            key: 'round',
            label: '按时给药',
            children: date ? <Round date={date} now={today.data?.now} /> : null,
          },
          { key: 'prn', label: '按需用药（PRN）', children: date ? <PrnTab date={date} /> : null },
        ]}
      />
    </div>
  );
}

function Round({ date, now }: { date: string; now: string | undefined }) {
  const mar = useProcedure('meds.mar', { date });
  const { refetch } = mar;
  useEffect(() => on('meds.changed', () => void refetch()), [refetch]);
  return (
    <QueryView query={mar}>
      {(doses) => <RoundBoard doses={doses} now={now ?? new Date(serverNow()).toISOString()} />}
    </QueryView>
  );
}

function RoundBoard({ doses, now }: { doses: MarDose[]; now: string }) {
  const areas = useMemo(() => [...new Set(doses.map((d) => d.area))].sort(), [doses]);
  const times = useMemo(() => [...new Set(doses.map((d) => d.time))].sort(), [doses]);
  const [area, setArea] = useState<string>('all');
  // Open on the first time slot that still has doses to give, else the last one.
  const firstOpen = doses.find((d) => d.status === 'due')?.time ?? times[times.length - 1] ?? 'all';
  const [time, setTime] = useState<string>(firstOpen);
  const [active, setActive] = useState<{ dose: MarDose; outcome: Outcome } | null>(null);
  const shown = doses.filter(
    (d) => (area === 'all' || d.area === area) && (time === 'all' || d.time === time),
  );
  const counts = shown.reduce<Record<string, number>>(
    (acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }),
    {},
  );

  if (doses.length === 0)
    return (
      <Empty description="这一天没有按时给药的医嘱。请先在“医嘱”里为老人录入用药。" style={{ padding: 48 }} />
    );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} size="middle">
        <Select
          size="large"
          style={{ width: 200 }}
          value={area}
          onChange={setArea}
          options={[{ value: 'all', label: '全部区域' }, ...areas.map((a) => ({ value: a, label: a }))]}
          data-testid="round-area"
        />
        <Segmented
          size="large"
          value={time}
          onChange={(v) => setTime(String(v))}
          options={[...times.map((t) => ({ value: t, label: t })), { value: 'all', label: '全天' }]}
          data-testid="round-time"
        />
        <span className="meds-counts">
          {Object.entries(counts).map(([status, n]) => (
            <Tag key={status}>
              {doseStatusLabels[status as MarDose['status']]} {n}
            </Tag>
          ))}
        </span>
      </Space>
      <div className="meds-round-list">
        {shown.map((d) => (
          <DoseCard key={d.doseId} dose={d} onRecord={(outcome) => setActive({ dose: d, outcome })} />
        ))}
      </div>
      {active && (
        <AdministerDialog
          dose={active.dose}
          outcome={active.outcome}
          now={now}
          onClose={() => setActive(null)}
        />
      )}
    </>
  );
}

function DoseCard({ dose, onRecord }: { dose: MarDose; onRecord: (o: Outcome) => void }) {
  const open = dose.status === 'due' || dose.status === 'missed';
  return (
    <Card className={`meds-dose meds-dose-${dose.status}`} data-testid="dose-card" data-dose={dose.doseId}>
      <div className="meds-dose-row">
        <Avatar size={64} className="meds-avatar">
          {dose.residentName.slice(0, 1)}
        </Avatar>
        <div className="meds-who">
          <div className="meds-name">{dose.residentName}</div>
          <div className="meds-bed">
            {dose.bed}
            {dose.onLeave && <Tag color="blue">请假中</Tag>}
          </div>
        </div>
        <div className="meds-what">
          <div className="meds-drug">
            {dose.drug.name} <span className="meds-spec">{dose.drug.spec}</span>
            {dose.drug.highAlert && <Tag color="red">高警示</Tag>}
            {dose.drug.controlled !== 'none' && <Tag color="magenta">管制</Tag>}
          </div>
          <div className="meds-dose-amount">
            {dose.dose} {dose.unit} · {dose.route} · {dose.time}
            <span className="meds-window">
              （{localTime(dose.windowFrom)}–{localTime(dose.windowTo)}）
            </span>
          </div>
          {!open && (
            <div className="meds-record">
              {dose.byName} {dose.at ? localTime(dose.at) : ''}
              {dose.witnessName ? ` · 核对 ${dose.witnessName}` : ''}
              {dose.reason ? ` · ${dose.reason}` : ''}
            </div>
          )}
        </div>
        <div className="meds-actions">
          <DoseStatusTag status={dose.status} />
          {open ? (
            <Space>
              <ActionButton
                procedure="meds.administer"
                type="primary"
                size="large"
                className="meds-big"
                onClick={() => onRecord('given')}
              >
                给药
              </ActionButton>
              <ActionButton
                procedure="meds.administer"
                size="large"
                className="meds-big"
                onClick={() => onRecord('refused')}
              >
                拒服
              </ActionButton>
              <ActionButton
                procedure="meds.administer"
                size="large"
                className="meds-big"
                onClick={() => onRecord('held')}
              >
                暂停
              </ActionButton>
            </Space>
          ) : (
            <CorrectButton
              doseId={dose.doseId}
              what={`${dose.residentName} ${dose.time} ${dose.drug.name}`}
            />
          )}
        </div>
      </div>
    </Card>
  );
}
