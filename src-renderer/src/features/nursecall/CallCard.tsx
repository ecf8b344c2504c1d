import { CheckCircleFilled, DownOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Popover, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { careCategoryLabels } from '../../../../src-main/shared/assessment/ability';
import { nineRiskItems, nineRiskLevelLabels } from '../../../../src-main/shared/assessment/nine-risks';
import type { ActiveCall } from '../../../../src-main/shared/contract/nursecall';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { riskIcons } from '../residents/common';
import { applyLocal } from './call-store';
import { clockTime, PriorityTag, secondsSince, useDuration } from './common';

/** One active call, readable from across the room: where, who, how long, and who is going. */
export function CallCard({ call, now }: { call: ActiveCall; now: number }) {
  const { t } = useI18n();
  const duration = useDuration();
  const { can } = useSession();
  const raised = call.status === 'raised';
  const urgent = raised && call.escalated;
  const className = ['nc-card', raised ? 'nc-raised' : 'nc-acknowledged', urgent ? 'nc-escalated' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <article
      className={className}
      data-testid="call-card"
      data-call-id={call.id}
      data-address={call.address}
      data-status={call.status}
      data-escalated={call.escalated ? 'true' : 'false'}
      aria-label={t(`呼叫：${call.label}`, `Call: ${call.label}`)}
    >
      {urgent && (
        <div
          className="nc-escalated-banner"
          role="alert"
          title={t('所有呼叫屏幕已升级报警', 'Every call screen is now alarming')}
        >
          {t('超时未响应，请立即前往', 'Overdue: go now')}
        </div>
      )}
      <header className="nc-card-head">
        <CallLabel label={call.label} mapped={call.mapped} />
        {call.priority !== 'normal' && <PriorityTag priority={call.priority} large />}
      </header>

      <Resident call={call} />
      {call.message && <div className="nc-message">{call.message}</div>}

      {raised ? (
        <div className="nc-wait">
          <span className="nc-wait-caption">{t('已等待', 'Waiting')}</span>
          <span className="nc-wait-value" data-testid="call-wait">
            {duration(secondsSince(call.raisedAt, now))}
          </span>
          <span className="nc-muted">
            {t(`${clockTime(call.raisedAt, now)} 呼叫`, `called ${clockTime(call.raisedAt, now)}`)}
            {call.repeats > 0 && t(` · 重复呼叫 ${call.repeats} 次`, ` · repeated ${call.repeats}×`)}
          </span>
        </div>
      ) : (
        <div className="nc-ack" data-testid="call-acknowledged">
          <CheckCircleFilled className="nc-ack-icon" />
          <span>
            <strong data-testid="call-responder">{call.acknowledgedBy?.name ?? t('有人', 'Someone')}</strong>
            {t(' 已响应，正在前往', ' is on the way')}
            <span className="nc-muted">
              {call.acknowledgedAt &&
                t(
                  ` · ${clockTime(call.acknowledgedAt, now)} 响应，等了 ${duration(secondsSince(call.raisedAt, Date.parse(call.acknowledgedAt)))}`,
                  ` · answered ${clockTime(call.acknowledgedAt, now)} after ${duration(secondsSince(call.raisedAt, Date.parse(call.acknowledgedAt)))}`,
                )}
              {call.escalated && t(' · 曾超时', ' · was overdue')}
            </span>
          </span>
        </div>
      )}

      {can('nursecall.respond') && (
        <footer className="nc-actions">
          {raised && <AcknowledgeButton call={call} />}
          <ClearButton call={call} primary={!raised} />
        </footer>
      )}
    </article>
  );
}

/**
 * "1号楼 101-1床": the building on a small line, the room and bed large and never broken, so
 * "101-1床" reads as one thing from across the room whatever the card's width.
 */
export function CallLabel({ label, mapped }: { label: string; mapped: boolean }) {
  const cut = label.lastIndexOf(' ');
  const prefix = cut > 0 ? label.slice(0, cut + 1) : '';
  const main = cut > 0 ? label.slice(cut + 1) : label;
  return (
    <div className={mapped ? 'nc-label' : 'nc-label nc-label-unmapped'} title={label}>
      {prefix && <span className="nc-label-prefix">{prefix}</span>}
      <span className="nc-label-main" data-testid="call-label-main">
        {main}
      </span>
    </div>
  );
}

function Resident({ call }: { call: ActiveCall }) {
  const { t, language } = useI18n();
  const label = useLabel();
  if (!call.mapped) {
    return (
      <div className="nc-resident nc-muted">
        {t(
          '这个呼叫器还没有登记房间床位，请按呼叫器位置前往，并在“呼叫设置”里登记。',
          'This call point is not mapped to a bed yet: go by the panel location and map it in settings.',
        )}
      </div>
    );
  }
  if (!call.resident) {
    return <div className="nc-resident nc-muted">{call.area || t('（无入住老人）', '(no resident)')}</div>;
  }
  const category = call.resident.careCategory;
  return (
    <div className="nc-resident">
      <span className="nc-resident-name">{call.resident.name}</span>
      {category && (
        <Tag color={careCategoryLabels[category].color} className="nc-chip" data-category={category}>
          {label(careCategoryLabels[category])}
        </Tag>
      )}
      {call.resident.riskBadges.map((b) => {
        const Icon = riskIcons[b.key];
        const level = nineRiskLevelLabels[b.level];
        return (
          <Tag
            key={b.key}
            className="nc-chip"
            data-risk={b.key}
            style={{ color: level.hex, borderColor: level.hex, background: '#fff' }}
            icon={<Icon />}
          >
            {language === 'en-US'
              ? `${nineRiskItems[b.key].en} ${level.en}`
              : `${nineRiskItems[b.key].zh}${level.zhLong}`}
          </Tag>
        );
      })}
    </div>
  );
}

function AcknowledgeButton({ call }: { call: ActiveCall }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);

  async function acknowledge(userId?: number) {
    setBusy(true);
    try {
      const updated = await callOrThrow('nursecall.calls.acknowledge', {
        callId: call.id,
        ...(userId ? { userId } : {}),
      });
      applyLocal({ kind: 'upsert', call: updated });
      setPickerOpen(false);
    } catch (error) {
      void message.error((error as Error).message, 6);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space.Compact className="nc-ack-group">
      <Button
        type="primary"
        size="large"
        className="nc-big-button"
        loading={busy}
        onClick={() => void acknowledge()}
      >
        {t('响应', 'Respond')}
      </Button>
      <Popover
        trigger="click"
        open={pickerOpen}
        onOpenChange={setPickerOpen}
        title={t('替同事登记响应', 'Respond on behalf of a colleague')}
        content={pickerOpen ? <ResponderPicker busy={busy} onPick={(id) => void acknowledge(id)} /> : null}
        destroyOnHidden
      >
        <Button
          type="primary"
          size="large"
          className="nc-big-button nc-ack-more"
          icon={<DownOutlined />}
          aria-label={t('选择响应人', 'Choose who responds')}
        />
      </Popover>
    </Space.Compact>
  );
}

function ResponderPicker({ busy, onPick }: { busy: boolean; onPick: (userId: number) => void }) {
  const { t } = useI18n();
  const responders = useProcedure('nursecall.responders', {});
  const [picked, setPicked] = useState<number | null>(null);
  return (
    <Space orientation="vertical" style={{ width: 280 }}>
      <Typography.Text type="secondary">
        {t('由谁前往？（默认是当前登录的您）', 'Who is going? (you, unless you pick someone)')}
      </Typography.Text>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        size="large"
        style={{ width: '100%' }}
        placeholder={t('选择同事', 'Pick a colleague')}
        loading={responders.isPending}
        status={responders.error ? 'error' : undefined}
        notFoundContent={responders.error ? responders.error.message : undefined}
        options={(responders.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
        value={picked}
        onChange={setPicked}
        aria-label={t('响应人', 'Responder')}
      />
      <Button
        type="primary"
        size="large"
        block
        icon={<UserSwitchOutlined />}
        disabled={picked === null}
        loading={busy}
        onClick={() => picked !== null && onPick(picked)}
      >
        {t('登记为此人响应', 'Record as responding')}
      </Button>
    </Space>
  );
}

function ClearButton({ call, primary }: { call: ActiveCall; primary: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function clear() {
    setBusy(true);
    try {
      await callOrThrow('nursecall.calls.clear', {
        callId: call.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      applyLocal({ kind: 'remove', callId: call.id });
      setOpen(false);
      setNote('');
    } catch (error) {
      void message.error((error as Error).message, 6);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="large"
        type={primary ? 'primary' : 'default'}
        className="nc-big-button"
        onClick={() => setOpen(true)}
      >
        {t('已处理', 'Done')}
      </Button>
      <Modal
        open={open}
        title={t(`确认 ${call.label} 的呼叫已处理？`, `Mark the call from ${call.label} as attended?`)}
        okText={t('确认已处理', 'Mark attended')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        onOk={() => void clear()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t(
            '呼叫会从呼叫看板移到呼叫记录。可以写一句处理情况，便于交接班。',
            'The call moves from the board to the history. A short note helps the next shift.',
          )}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('处理情况（可不填）', 'Note (optional)')}
          placeholder={t('处理情况（可不填），如：协助如厕，已无异常', 'Note (optional)')}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
