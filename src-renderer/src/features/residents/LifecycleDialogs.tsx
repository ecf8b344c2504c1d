import { App, Alert, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { ProcedureName } from '../../../../src-main/shared/contract';
import type { ResidentDetail } from '../../../../src-main/shared/contract/residents';
import {
  dischargeReasonLabels,
  dischargeReasons,
  leaveKindLabels,
  leaveKinds,
  residentActionLabels,
  type DischargeReason,
  type LeaveKind,
  type ResidentAction,
} from '../../../../src-main/shared/residents/lifecycle';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { useI18n, useLabel } from '../../i18n';
import { toDateString, serverDay } from '../../lib/dates';
import { useCan } from '../../app/permissions';
import { BedPicker } from './BedPicker';
import { bedName, DateField, notBefore } from './common';

/** Everything a lifecycle change can alter on screen. */
export const residentQueries: ProcedureName[] = [
  'residents.get',
  'residents.list',
  'residents.waitingList',
  'residents.history',
  'beds.board',
  'beds.available',
  'facilities.buildings',
  'assessments.due',
  'assessments.history',
  'residents.careHistory',
];

export type DialogAction = ResidentAction | 'careGrade' | 'flag' | 'extendLeave';

/** "张桂兰（1号楼 301-2床）": the way a confirmation names the person. */
export function whoAndWhere(r: Pick<ResidentDetail, 'name' | 'bed'>): string {
  return r.bed ? `${r.name}（${bedName(r.bed)}）` : r.name;
}

/** One dialog per lifecycle action; each states what will happen before it happens. */
export function LifecycleDialog({
  resident,
  action,
  onClose,
}: {
  resident: ResidentDetail;
  action: DialogAction;
  onClose: () => void;
}) {
  switch (action) {
    case 'startLeave':
      return <LeaveDialog resident={resident} onClose={onClose} />;
    case 'endLeave':
      return <ReturnDialog resident={resident} onClose={onClose} />;
    case 'extendLeave':
      return <ExtendLeaveDialog resident={resident} onClose={onClose} />;
    case 'discharge':
      return <DischargeDialog resident={resident} onClose={onClose} />;
    case 'transfer':
      return <TransferDialog resident={resident} onClose={onClose} />;
    case 'reserve':
      return <ReserveDialog resident={resident} onClose={onClose} />;
    case 'cancelReservation':
      return <CancelReservationDialog resident={resident} onClose={onClose} />;
    case 'archive':
      return <ArchiveDialog resident={resident} onClose={onClose} />;
    case 'purge':
      return <PurgeDialog resident={resident} onClose={onClose} />;
    case 'careGrade':
      return <CareGradeDialog resident={resident} onClose={onClose} />;
    case 'flag':
      return <FlagDialog resident={resident} onClose={onClose} />;
    case 'admit':
      return null;
  }
}

/** The shell every dialog shares: a vertical form, a submit that maps field errors, plain messages. */
export function FormDialog<V extends object>({
  title,
  okText,
  danger,
  initialValues,
  onSubmit,
  onClose,
  pending,
  children,
  confirm,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<string>;
  onClose: () => void;
  pending: boolean;
  children: ReactNode;
  /** A second question, naming the person and bed, for what cannot be undone lightly. */
  confirm?: (values: V) => { title: string; content?: ReactNode } | null;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<V>();

  async function run(values: V) {
    try {
      const done = await onSubmit(values);
      void message.success(done);
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }

  async function submit() {
    const values = await form.validateFields();
    const question = confirm?.(values);
    if (!question) return run(values);
    modal.confirm({
      title: question.title,
      content: question.content,
      okText: t('确认', 'Confirm'),
      okButtonProps: { danger: true },
      cancelText: t('返回修改', 'Go back'),
      onOk: () => run(values),
    });
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger: Boolean(danger) }}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" size="large" initialValues={initialValues as never}>
        {children}
      </Form>
    </Modal>
  );
}

function LeaveDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const m = useMutate('residents.startLeave', residentQueries);
  return (
    <FormDialog<{
      kind: LeaveKind;
      startOn: Dayjs;
      expectedReturnOn?: Dayjs;
      destination?: string;
      note?: string;
    }>
      title={t(`请假：${whoAndWhere(resident)}`, `Leave: ${resident.name}`)}
      okText={t('登记请假', 'Start leave')}
      initialValues={{ kind: 'outing', startOn: serverDay() }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        await m.mutateAsync({
          id: resident.id,
          kind: v.kind,
          startOn: toDateString(v.startOn)!,
          ...(v.expectedReturnOn ? { expectedReturnOn: toDateString(v.expectedReturnOn) } : {}),
          ...(v.destination?.trim() ? { destination: v.destination.trim() } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
        return t(`${resident.name} 已登记请假，床位保留`, `${resident.name} is on leave; the bed is kept`);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('请假期间床位为老人保留，房态图显示为蓝色。', 'The bed is kept during leave.')}
      />
      <Form.Item name="kind" label={t('请假类型', 'Kind')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={leaveKinds.map((k) => ({ value: k, label: label(leaveKindLabels[k]) }))}
        />
      </Form.Item>
      <DateField
        name="startOn"
        label={t('开始日期', 'Start date')}
        message={t('请选择请假开始日期', 'Choose the start date')}
      />
      <Form.Item
        name="expectedReturnOn"
        label={t('预计返回日期', 'Expected return')}
        dependencies={['startOn']}
        rules={[notBefore('startOn', t('预计返回日期不能早于请假开始日期', 'Cannot be before the start'))]}
      >
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
      </Form.Item>
      <Form.Item name="destination" label={t('去向（医院、亲属家等）', 'Destination')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={t('备注', 'Note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}

function ReturnDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const m = useMutate('residents.endLeave', residentQueries);
  const leave = resident.currentLeave;
  return (
    <FormDialog<{ returnedOn: Dayjs; note?: string }>
      title={t(`销假：${whoAndWhere(resident)}`, `Return: ${resident.name}`)}
      okText={t('确认返回', 'Confirm return')}
      initialValues={{ returnedOn: serverDay() }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        await m.mutateAsync({
          id: resident.id,
          returnedOn: toDateString(v.returnedOn)!,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
        return t(`${resident.name} 已返回，恢复在住`, `${resident.name} is back`);
      }}
    >
      {leave && (
        <Typography.Paragraph>
          {t(
            `${label(leaveKindLabels[leave.kind])}，自 ${leave.startOn} 起${leave.expectedReturnOn ? `，预计 ${leave.expectedReturnOn} 返回` : ''}。`,
            `${label(leaveKindLabels[leave.kind])} since ${leave.startOn}.`,
          )}
        </Typography.Paragraph>
      )}
      <DateField
        name="returnedOn"
        label={t('实际返回日期', 'Returned on')}
        message={t('请选择返回日期', 'Choose the date')}
      />
      <Form.Item name="note" label={t('备注', 'Note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormDialog>
  );
}

/** 延长请假: a new expected return for the current leave; the leave itself stays open. */
function ExtendLeaveDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const m = useMutate('residents.extendLeave', residentQueries);
  const leave = resident.currentLeave;
  const start = leave ? dayjs(leave.startOn) : undefined;
  const current = leave?.expectedReturnOn ?? null;
  return (
    <FormDialog<{ expectedReturnOn: Dayjs }>
      title={t(`延长请假：${whoAndWhere(resident)}`, `Extend leave: ${resident.name}`)}
      okText={t('保存新的返回日期', 'Save the new date')}
      initialValues={{ expectedReturnOn: (current ? dayjs(current) : serverDay()).add(7, 'day') }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await m.mutateAsync({
          id: resident.id,
          expectedReturnOn: toDateString(v.expectedReturnOn)!,
        });
        const date = r.currentLeave?.expectedReturnOn ?? toDateString(v.expectedReturnOn)!;
        return t(
          `已将 ${resident.name} 的预计返回日期改为 ${date}，床位继续保留`,
          `${resident.name} is now expected back on ${date}`,
        );
      }}
    >
      {leave && (
        <Typography.Paragraph>
          {t(
            `${label(leaveKindLabels[leave.kind])}，自 ${leave.startOn} 起；原预计返回日期：${current ?? '未定'}。`,
            `${label(leaveKindLabels[leave.kind])} since ${leave.startOn}; expected back: ${current ?? 'not set'}.`,
          )}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="expectedReturnOn"
        label={t('新的预计返回日期', 'New expected return')}
        rules={[
          { required: true, message: t('请选择新的预计返回日期', 'Choose the new date') },
          {
            validator: async (_r, v: Dayjs | undefined) => {
              if (!v) return;
              if (start && v.isBefore(start, 'day'))
                throw new Error(
                  t(
                    `预计返回日期不能早于请假开始日期（${leave!.startOn}）`,
                    `Cannot be before the start (${leave!.startOn})`,
                  ),
                );
              if (current && toDateString(v) === current)
                throw new Error(
                  t('与原预计返回日期相同，请选择新的日期', 'Same as before; choose a new date'),
                );
            },
          },
        ]}
      >
        <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
      </Form.Item>
      <Typography.Text type="secondary">
        {t(
          '请假期间床位一直为老人保留；老人回来时请点「销假」。',
          'The bed stays kept; use 销假 when the resident is back.',
        )}
      </Typography.Text>
    </FormDialog>
  );
}

function DischargeDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const m = useMutate('residents.discharge', residentQueries);
  const { modal } = App.useApp();
  const can = useCan();
  const navigate = useNavigate();
  return (
    <FormDialog<{ dischargedOn: Dayjs; reason: DischargeReason; destination?: string; note?: string }>
      title={t(`办理退住：${whoAndWhere(resident)}`, `Discharge: ${resident.name}`)}
      okText={t('办理退住', 'Discharge')}
      danger
      initialValues={{ dischargedOn: serverDay() }}
      pending={m.isPending}
      onClose={onClose}
      confirm={(v) => ({
        title: t(
          `确认为 ${whoAndWhere(resident)}${resident.bed ? '' : ' '}办理退住？`,
          `Discharge ${whoAndWhere(resident)}?`,
        ),
        content: t(
          `退住日期 ${toDateString(v.dischargedOn)}，原因：${dischargeReasonLabels[v.reason].zh}。退住后床位变为空床，档案保留。`,
          `On ${toDateString(v.dischargedOn)}; the bed becomes vacant and the record is kept.`,
        ),
      })}
      onSubmit={async (v) => {
        await m.mutateAsync({
          id: resident.id,
          dischargedOn: toDateString(v.dischargedOn)!,
          reason: v.reason,
          ...(v.destination?.trim() ? { destination: v.destination.trim() } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
        // The money side of a discharge: billing settles the last month, prepayment and deposit.
        if (can('billing.settle'))
          modal.confirm({
            title: t(`为 ${resident.name} 办理退住结算？`, `Settle ${resident.name}'s account?`),
            content: t(
              '按实际天数结算最后一个月，抵扣预交金和押金，打印结算单请家属签字。',
              'Bill the last days, apply prepayment and deposit, print the settlement.',
            ),
            okText: t('去结算', 'Settle'),
            cancelText: t('稍后', 'Later'),
            onOk: () => void navigate(`/billing/payments?resident=${resident.id}`),
          });
        return t(`${resident.name} 已办理退住`, `${resident.name} was discharged`);
      }}
    >
      <DateField
        name="dischargedOn"
        label={t('退住日期', 'Discharge date')}
        message={t('请选择退住日期', 'Choose the date')}
      />
      <Form.Item
        name="reason"
        label={t('退住原因', 'Reason')}
        rules={[{ required: true, message: t('请选择退住原因', 'Choose a reason') }]}
      >
        <Radio.Group
          optionType="button"
          options={dischargeReasons.map((r) => ({ value: r, label: label(dischargeReasonLabels[r]) }))}
        />
      </Form.Item>
      <Form.Item name="destination" label={t('去向（回家、转入的医院或机构）', 'Destination')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={t('说明', 'Note')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormDialog>
  );
}

function TransferDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('residents.transferBed', residentQueries);
  return (
    <FormDialog<{ toBedId: number; on: Dayjs; reason?: string }>
      title={t(`调换床位：${whoAndWhere(resident)}`, `Change bed: ${resident.name}`)}
      okText={t('确认换床', 'Change bed')}
      initialValues={{ on: serverDay() }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await m.mutateAsync({
          id: resident.id,
          toBedId: v.toBedId,
          on: toDateString(v.on)!,
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        });
        return t(`${resident.name} 已换到 ${bedName(r.bed)}`, `${resident.name} moved to ${bedName(r.bed)}`);
      }}
    >
      <Form.Item
        name="toBedId"
        label={t('新床位', 'New bed')}
        rules={[{ required: true, message: t('请选择新床位', 'Choose a bed') }]}
      >
        <BedPicker />
      </Form.Item>
      <DateField name="on" label={t('换床日期', 'Date')} message={t('请选择换床日期', 'Choose the date')} />
      <Form.Item name="reason" label={t('原因', 'Reason')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}

function ReserveDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('residents.reserve', residentQueries);
  return (
    <FormDialog<{ bedId: number }>
      title={t(`预订床位：${resident.name}`, `Reserve a bed: ${resident.name}`)}
      okText={t('预订', 'Reserve')}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        const r = await m.mutateAsync({ id: resident.id, bedId: v.bedId });
        return t(`已为 ${resident.name} 预订 ${bedName(r.bed)}`, `Reserved ${bedName(r.bed)}`);
      }}
    >
      <Form.Item
        name="bedId"
        label={t('床位', 'Bed')}
        rules={[{ required: true, message: t('请选择床位', 'Choose a bed') }]}
      >
        <BedPicker />
      </Form.Item>
    </FormDialog>
  );
}

function CancelReservationDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('residents.cancelReservation', residentQueries);
  return (
    <FormDialog<{ reason: string }>
      title={t(`取消预订：${whoAndWhere(resident)}`, `Cancel reservation: ${resident.name}`)}
      okText={t('取消预订', 'Cancel reservation')}
      danger
      pending={m.isPending}
      onClose={onClose}
      confirm={() => ({
        title: t(
          `确认取消 ${whoAndWhere(resident)}${resident.bed ? '' : ' '}的床位预订？`,
          `Cancel the reservation of ${whoAndWhere(resident)}?`,
        ),
      })}
      onSubmit={async (v) => {
        await m.mutateAsync({ id: resident.id, reason: v.reason.trim() });
        return t(`已取消预订，${resident.name} 回到轮候`, 'Reservation cancelled');
      }}
    >
      <Form.Item
        name="reason"
        label={t('取消原因', 'Reason')}
        rules={[{ required: true, whitespace: true, message: t('请填写取消原因', 'Enter a reason') }]}
      >
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}

function ArchiveDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('residents.archive', residentQueries);
  return (
    <FormDialog<object>
      title={t(`归档：${resident.name}`, `Archive: ${resident.name}`)}
      okText={t('归档', 'Archive')}
      danger
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async () => {
        await m.mutateAsync({ id: resident.id });
        return t(`${resident.name} 的档案已归档`, 'Archived');
      }}
    >
      <Typography.Paragraph>
        {t(
          `确认将 ${resident.name} 的档案归档？归档后不再出现在在住和轮候名单里，档案按规定保存。`,
          `Archive ${resident.name}? The record is kept but leaves the lists.`,
        )}
      </Typography.Paragraph>
    </FormDialog>
  );
}

function PurgeDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('residents.purge', residentQueries);
  return (
    <FormDialog<{ confirmName: string }>
      title={t(`销毁档案：${resident.name}`, `Purge: ${resident.name}`)}
      okText={t('永久销毁', 'Purge permanently')}
      danger
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        await m.mutateAsync({ id: resident.id, confirmName: v.confirmName.trim() });
        return t('档案已销毁', 'Purged');
      }}
    >
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('销毁后个人信息无法恢复，只留下审计记录。', 'Personal data cannot be recovered.')}
      />
      <Form.Item
        name="confirmName"
        label={t(`请输入老人姓名「${resident.name}」以确认`, `Type "${resident.name}" to confirm`)}
        required
        rules={[
          {
            validator: async (_r, v: string | undefined) => {
              if ((v ?? '').trim() !== resident.name)
                throw new Error(t('输入的姓名与档案不一致', 'The name does not match'));
            },
          },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
    </FormDialog>
  );
}

function CareGradeDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const config = useProcedure('residents.getConfig', {});
  const m = useMutate('residents.setCareGrade', residentQueries);
  const automatic = '__auto__';
  return (
    <FormDialog<{ grade: string; reason: string }>
      title={t(`调整护理等级：${resident.name}`, `Care grade: ${resident.name}`)}
      okText={t('保存', 'Save')}
      initialValues={{ grade: resident.careGradeOverride?.grade ?? automatic }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        await m.mutateAsync({
          id: resident.id,
          grade: v.grade === automatic ? null : v.grade,
          reason: v.reason.trim(),
        });
        return t('护理等级已更新', 'Care grade updated');
      }}
    >
      <Form.Item name="grade" label={t('护理等级', 'Care grade')} rules={[{ required: true }]}>
        <Select
          loading={config.isPending}
          options={[
            { value: automatic, label: t('按护理类别自动确定', 'From the care category') },
            ...(config.data?.careGrades ?? []).map((g) => ({ value: g.key, label: g.name })),
          ]}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('调整原因', 'Reason')}
        rules={[
          { required: true, whitespace: true, message: t('请填写调整护理等级的原因', 'Enter a reason') },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormDialog>
  );
}

function FlagDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const m = useMutate('assessments.flag', residentQueries);
  return (
    <FormDialog<{ reason: string }>
      title={t(`需要重新评估：${resident.name}`, `Needs reassessment: ${resident.name}`)}
      okText={t('标记', 'Flag')}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        await m.mutateAsync({ residentId: resident.id, reason: v.reason.trim() });
        return t('已列入待评估名单', 'Added to the assessments due');
      }}
    >
      <Form.Item
        name="reason"
        label={t('状况有什么变化', 'What changed')}
        rules={[
          { required: true, whitespace: true, message: t('请填写需要重新评估的原因', 'Enter a reason') },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={t('如：跌倒后行走能力下降', 'e.g. walks less well after a fall')}
        />
      </Form.Item>
    </FormDialog>
  );
}

export function actionLabel(
  action: ResidentAction,
  label: (l: { zh: string; en: string }) => string,
): string {
  return label(residentActionLabels[action]);
}
