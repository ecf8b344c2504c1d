import { Avatar, Card, DatePicker, Empty, Segmented, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MarDose, MarSummary } from '../../../../src-main/shared/contract/meds';
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

/** This PC's last round area (a nurse station walks the same floor every day). */
const AREA_KEY = 'caredesk.meds.roundArea';
/** Up to this many doses a day the round opens on the whole home; above it, on one area. */
const WHOLE_HOME_UP_TO = 400;

function openingArea(summary: MarSummary, remembered: string | null): string {
  if (remembered === 'all') return 'all';
  if (remembered && summary.areas.some((a) => a.area === remembered)) return remembered;
  return summary.total > WHOLE_HOME_UP_TO && summary.areas.length > 1 ? summary.areas[0]!.area : 'all';
}

function Round({ date, now }: { date: string; now: string | undefined }) {
  // The day counted first: the area picker and time slots come from it, and only the chosen
  // area's doses are loaded (a large home's day is ~10,000 doses).
  const summary = useProcedure('meds.marSummary', { date });
  const [picked, setPicked] = useState<string | null>(() => localStorage.getItem(AREA_KEY));
  const area = summary.data ? openingArea(summary.data, picked) : null;
  const mar = useProcedure('meds.mar', area && area !== 'all' ? { date, area } : { date }, {
    enabled: area !== null,
  });
  const refetchSummary = summary.refetch;
  const refetchMar = mar.refetch;
  useEffect(
    () =>
      on('meds.changed', () => {
        void refetchSummary();
        void refetchMar();
      }),
    [refetchSummary, refetchMar],
  );
  const pick = (next: string) => {
    localStorage.setItem(AREA_KEY, next);
    setPicked(next);
  };
  return (
    <QueryView query={summary}>
      {(day) =>
        day.total === 0 ? (
          <Empty
            description="这一天没有按时给药的医嘱。请先在“医嘱”里为老人录入用药。"
            style={{ padding: 48 }}
          />
        ) : (
          <QueryView query={mar}>
            {(doses) => (
              <RoundBoard
                key={area}
                doses={doses}
                summary={day}
                area={area ?? 'all'}
                onArea={pick}
                now={now ?? new Date(serverNow()).toISOString()}
              />
            )}
          </QueryView>
        )
      }
    </QueryView>
  );
}

function RoundBoard({
  doses,
  summary,
  area,
  onArea,
  now,
}: {
  doses: MarDose[];
  summary: MarSummary;
  area: string;
  onArea: (area: string) => void;
  now: string;
}) {
  const times = summary.times;
  // Open on the first time slot that still has doses to give, else the last one.
  const firstOpen = doses.find((d) => d.status === 'due')?.time ?? times[times.length - 1] ?? 'all';
  const [time, setTime] = useState<string>(firstOpen);
  const [active, setActive] = useState<{ dose: MarDose; outcome: Outcome } | null>(null);
  const shown = doses.filter((d) => time === 'all' || d.time === time);
  const counts = shown.reduce<Record<string, number>>(
    (acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }),
    {},
  );
  const areaLabel = (a: MarSummary['areas'][number]) =>
    `${a.area}（${a.counts.due ? `待给 ${a.counts.due}` : '无待给'}${a.counts.missed ? ` · 漏给 ${a.counts.missed}` : ''}）`;

  if (doses.length === 0)
    return (
      <Empty description="这一天没有按时给药的医嘱。请先在“医嘱”里为老人录入用药。" style={{ padding: 48 }} />
    );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }} size="middle">
        <Select
          size="large"
          style={{ minWidth: 260 }}
          aria-label="给药区域"
          value={area}
          onChange={onArea}
          options={[
            { value: 'all', label: `全部区域（${summary.total} 次）` },
            ...summary.areas.map((a) => ({ value: a.area, label: areaLabel(a) })),
          ]}
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
      {shown.length === 0 && (
        <Empty
          description={`${area === 'all' ? '' : `${area} `}${time === 'all' ? '这一天' : `${time} `}没有要给的药。可以换一个时间或区域。`}
          style={{ padding: 32 }}
        />
      )}
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
