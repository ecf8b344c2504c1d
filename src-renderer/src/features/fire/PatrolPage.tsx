import { CameraOutlined, CheckOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  fireTemplateLabels,
  type FireTemplate,
  type FireTemplateKey,
  type ItemResult,
  type ScheduleSlot,
} from '../../../../src-main/shared/contract/fire';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { PrintButton } from '../print/PrintButton';
import { checkLedger, patrolLedger } from './documents';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { callOrThrow } from '../../api/client';
import { photoDataUrl, useClock, useFireRefresh, useRefreshFire } from './common';
import { PatrolTimeline, TimelineLegend } from './PatrolTimeline';

/** Templates with a ledger of their own. */
const ledgerKeys: FireTemplateKey[] = ['patrol', 'inspection', 'extinguisherCheck', 'training'];

/** Checks done from this page; drills have their own page. */
const checkKeys: FireTemplateKey[] = ['patrol', 'inspection', 'extinguisherCheck', 'training', 'annualTest'];

interface Answer {
  result?: ItemResult;
  note?: string;
  photo?: string;
  fixedOnSpot?: boolean;
}

/**
 * 消防安全 → 巡查: the page the person on patrol opens on a phone or tablet. Pick the slot (the open
 * one by default), tap 正常 / 有问题 per item, add a photo of a problem, submit: under a minute.
 */
export function PatrolPage() {
  useFireRefresh();
  const [params, setParams] = useSearchParams();
  const template = (checkKeys.find((k) => k === params.get('template')) ?? 'patrol') as FireTemplateKey;
  const label = useLabel();
  const templates = useProcedure('fire.templates.list', {});
  const overview = useProcedure('fire.overview', {});
  return (
    <div style={{ maxWidth: 960 }}>
      <Space style={{ marginBottom: 12, flexWrap: 'wrap' }}>
        <Segmented
          size="large"
          value={template}
          onChange={(v) => setParams(v === 'patrol' ? {} : { template: String(v) })}
          options={checkKeys.map((k) => ({ value: k, label: label(fireTemplateLabels[k]) }))}
        />
      </Space>
      <QueryView query={templates}>
        {(list) => {
          const current = list.find((t) => t.key === template);
          return current && overview.data ? (
            <Checklist key={`${template}-${current.version}`} template={current} day={overview.data.on} />
          ) : null;
        }}
      </QueryView>
    </div>
  );
}

function Checklist({ template, day }: { template: FireTemplate; day: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const clock = useClock();
  const session = useSignedInSession();
  const slots = useProcedure('fire.schedule', { from: day, to: day, template: template.key });
  const people = useProcedure('fire.people', {});
  const refresh = useRefreshFire();
  const submit = useMutate('fire.records.submit');
  const [picked, setPicked] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [performers, setPerformers] = useState<number[]>([session.user.id]);
  const [note, setNote] = useState('');

  const choosable = useMemo(
    () => (slots.data ?? []).filter((s) => s.status === 'open' || s.status === 'missed'),
    [slots.data],
  );
  useEffect(() => {
    if (picked && choosable.some((s) => s.start === picked)) return;
    setPicked(choosable.find((s) => s.status === 'open')?.start ?? null);
  }, [choosable, picked]);
  const slot: ScheduleSlot | undefined = (slots.data ?? []).find((s) => s.start === picked);
  const answered = template.items.filter((i) => answers[i.key]?.result).length;
  const set = (key: string, patch: Answer) => setAnswers((a) => ({ ...a, [key]: { ...a[key], ...patch } }));

  async function send() {
    try {
      const record = await submit.mutateAsync({
        template: template.key,
        ...(slot ? { slotStart: slot.start } : {}),
        performerIds: performers,
        items: template.items.map((i) => {
          const a = answers[i.key] ?? {};
          return {
            key: i.key,
            result: a.result!,
            ...(a.note ? { note: a.note } : {}),
            ...(a.photo && a.result === 'fail' ? { photo: a.photo } : {}),
            ...(a.result === 'fail' && a.fixedOnSpot ? { fixedOnSpot: true } : {}),
          };
        }),
        ...(note ? { note } : {}),
      });
      refresh();
      void message.success(
        `${t('已提交', 'Submitted')}${record.timing === 'late' ? t('（超时补录）', ' (late)') : ''}${
          record.hazardIds.length > 0
            ? t(
                `，已登记 ${record.hazardIds.length} 条隐患待整改`,
                `, ${record.hazardIds.length} hazard(s) opened`,
              )
            : ''
        }`,
      );
      setAnswers({});
      setNote('');
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <QueryView query={slots}>
          {(list) => (
            <>
              {template.cadence.every === 'slots' ? (
                <>
                  <PatrolTimeline
                    slots={list}
                    selected={picked}
                    onSelect={(s) => choosable.includes(s) && setPicked(s.start)}
                    large
                  />
                  <TimelineLegend />
                </>
              ) : (
                <Typography.Text>
                  {list[0]
                    ? t(
                        `本期截止：${clock(list[0].end)}前（${list[0].end.slice(0, 10)}）`,
                        `Due by ${list[0].end.slice(0, 10)}`,
                      )
                    : ''}
                </Typography.Text>
              )}
              <div style={{ marginTop: 12, fontSize: 18 }} data-testid="patrol-slot">
                {slot ? (
                  <>
                    {t('本次记录：', 'Recording: ')}
                    <b>
                      {template.cadence.every === 'slots'
                        ? `${clock(slot.start)}–${clock(slot.end)}`
                        : `${slot.start.slice(0, 10)} 起本期`}
                    </b>{' '}
                    {slot.night && <Tag color="purple">{t('夜间巡查', 'Night')}</Tag>}
                    {slot.status === 'missed' && (
                      <Tag color="orange">{t('已过时段，将记为超时补录', 'Past: recorded as late')}</Tag>
                    )}
                  </>
                ) : (
                  t('当前没有需要记录的时段', 'Nothing due right now')
                )}
              </div>
            </>
          )}
        </QueryView>
      </Card>

      {template.items.map((item, index) => {
        const a = answers[item.key] ?? {};
        return (
          <Card key={item.key} size="small" data-testid={`item-${item.key}`}>
            <div style={{ fontSize: 18, marginBottom: 10 }}>
              {index + 1}. {item.text}
            </div>
            <Space wrap>
              <Button
                size="large"
                style={{ minWidth: 120, height: 56, fontSize: 18 }}
                type={a.result === 'ok' ? 'primary' : 'default'}
                icon={<CheckOutlined />}
                onClick={() => set(item.key, { result: 'ok' })}
              >
                {t('正常', 'OK')}
              </Button>
              <Button
                size="large"
                danger
                style={{ minWidth: 120, height: 56, fontSize: 18 }}
                type={a.result === 'fail' ? 'primary' : 'default'}
                icon={<WarningOutlined />}
                onClick={() => set(item.key, { result: 'fail' })}
              >
                {t('有问题', 'Problem')}
              </Button>
              <Button
                size="large"
                style={{ height: 56 }}
                type={a.result === 'na' ? 'primary' : 'default'}
                onClick={() => set(item.key, { result: 'na' })}
              >
                {t('不适用', 'N/A')}
              </Button>
            </Space>
            {a.result === 'fail' && (
              <Space orientation="vertical" style={{ width: '100%', marginTop: 10 }}>
                <Input.TextArea
                  rows={2}
                  placeholder={t('写明问题和位置，如：2号楼3层东侧通道堆放轮椅', 'What and where')}
                  value={a.note}
                  onChange={(e) => set(item.key, { note: e.target.value })}
                  style={{ fontSize: 16 }}
                />
                <Space wrap>
                  <Checkbox
                    checked={a.fixedOnSpot}
                    onChange={(e) => set(item.key, { fixedOnSpot: e.target.checked })}
                    style={{ fontSize: 16 }}
                  >
                    {t('已现场整改（写明怎么处理的）', 'Fixed on the spot')}
                  </Checkbox>
                  <label
                    className="ant-btn ant-btn-default ant-btn-lg"
                    style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
                  >
                    <CameraOutlined /> {a.photo ? t('重拍照片', 'Retake photo') : t('拍照', 'Photo')}
                    <input
                      type="file"
                      accept="image/*"
                      capture="environment"
                      style={{ display: 'none' }}
                      onChange={async (e) => {
                        const file = e.target.files?.[0];
                        if (file) set(item.key, { photo: await photoDataUrl(file) });
                      }}
                    />
                  </label>
                  {a.photo && <img src={a.photo} alt="" style={{ height: 56, borderRadius: 4 }} />}
                </Space>
              </Space>
            )}
          </Card>
        );
      })}

      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('巡查人员', 'Performed by')}</span>
          <Select
            mode="multiple"
            size="large"
            style={{ width: '100%' }}
            value={performers}
            onChange={setPerformers}
            options={(people.data?.patrol ?? [{ id: session.user.id, name: session.user.displayName }]).map(
              (p) => ({ value: p.id, label: p.name }),
            )}
          />
          <Input.TextArea
            rows={2}
            placeholder={t('备注（可不填）', 'Note (optional)')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {answered < template.items.length && (
            <Alert
              type="info"
              showIcon
              title={t(
                `还有 ${template.items.length - answered} 项未选`,
                `${template.items.length - answered} items unanswered`,
              )}
              action={
                <Button
                  size="large"
                  onClick={() =>
                    setAnswers((a) =>
                      Object.fromEntries(
                        template.items.map((i) => [
                          i.key,
                          a[i.key]?.result ? a[i.key]! : { result: 'ok' as const },
                        ]),
                      ),
                    )
                  }
                >
                  {t('其余全部正常', 'Mark the rest OK')}
                </Button>
              }
            />
          )}
          <Space wrap>
            <ActionButton
              procedure="fire.records.submit"
              type="primary"
              size="large"
              style={{ height: 60, minWidth: 220, fontSize: 20 }}
              loading={submit.isPending}
              disabled={!slot || answered < template.items.length}
              onClick={() => void send()}
            >
              {t('提交记录', 'Submit')}
            </ActionButton>
            {template.key === 'patrol' ? (
              <PrintButton size="large" load={(ctx) => patrolLedger(ctx, { from: day, to: day })}>
                {t('打印防火巡查记录表', 'Print patrol ledger')}
              </PrintButton>
            ) : ledgerKeys.includes(template.key) ? (
              <PrintButton
                size="large"
                load={(ctx) =>
                  checkLedger(ctx, template.key as 'inspection', {
                    from: `${day.slice(0, 4)}-01-01`,
                    to: day,
                  })
                }
              >
                {t('打印本年记录', 'Print this year')}
              </PrintButton>
            ) : null}
            {ledgerKeys.includes(template.key) && (
              <ExportExcelButton
                size="large"
                procedure="fire.export"
                run={() =>
                  callOrThrow('fire.export', {
                    ledger: template.key as 'patrol',
                    from: template.key === 'patrol' ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`,
                    to: day,
                  })
                }
              >
                {template.key === 'patrol'
                  ? t('导出本月 Excel', 'Export this month')
                  : t('导出本年 Excel', 'Export this year')}
              </ExportExcelButton>
            )}
          </Space>
        </Space>
      </Card>
    </Space>
  );
}
