import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  FlagOutlined,
  MoreOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Descriptions,
  Drawer,
  Dropdown,
  Empty,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  abilityAssessmentReasonLabels,
  abilityLevelColors,
  abilityLevelLabels,
} from '../../../../src-main/shared/assessment/ability';
import {
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
} from '../../../../src-main/shared/assessment/nine-risks';
import {
  attachmentKindLabels,
  attachmentKinds,
  maritalStatusLabels,
  type AbilityAssessmentRow,
  type ResidentDetail,
} from '../../../../src-main/shared/contract/residents';
import { sexLabels, idTypeLabels } from '../../../../src-main/shared/id-number';
import {
  dischargeReasonLabels,
  leaveKindLabels,
  residentActionLabels,
  residentStatusLabels,
  supportTypeLabels,
  type ResidentAction,
} from '../../../../src-main/shared/residents/lifecycle';
import { callOrThrow, on } from '../../api/client';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession, useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { downloadBase64, fileToBase64, formatBytes } from '../../lib/files';
import {
  abilityDefaults,
  AbilityFields,
  abilityInput,
  riskDefaults,
  RiskFields,
  riskInput,
  type AbilityFormValues,
  type RiskFormValues,
} from './AssessmentForms';
import {
  bedName,
  CareCategoryTag,
  IdNumberCell,
  ResidentStatusTag,
  RiskBadges,
  useResidentDrawer,
  validateOrScroll,
} from './common';
import { LifecycleDialog, residentQueries, type DialogAction } from './LifecycleDialogs';
import { detailToProfile, ProfileFields, profileToInput, type ProfileFormValues } from './ProfileForm';
import { AbilityLevelChart } from './AbilityLevelChart';
import { IncidentsTab } from './IncidentsTab';
import { CareHistory } from './CareHistory';

/**
 * Refreshes what residents screens show when another computer changes a resident, a bed or the
 * settings (the core's events), so an open card or board is never stale. Events come in bursts (a
 * mapping change re-derives every resident), hence one refresh per quiet 300 ms.
 */
function useResidentsLiveRefresh() {
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const key of [...residentQueries, 'incidents.list', 'residents.getConfig'])
          void client.invalidateQueries({ queryKey: [key] });
      }, 300);
    };
    const offs = [
      on('residents.changed', refresh),
      on('residents.careCategoryChanged', refresh),
      on('residents.careGradeChanged', refresh),
      on('beds.changed', refresh),
    ];
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [client]);
}

/** Put on any page that can open a resident: it shows the card named in the address. */
export function ResidentDrawerHost() {
  useResidentsLiveRefresh();
  const drawer = useResidentDrawer();
  if (drawer.residentId === null) return null;
  return (
    <ResidentCard
      key={drawer.residentId}
      residentId={drawer.residentId}
      tab={drawer.tab}
      onTab={drawer.setTab}
      onClose={drawer.close}
    />
  );
}

export function ResidentCard({
  residentId,
  tab,
  onTab,
  onClose,
}: {
  residentId: number;
  tab: string;
  onTab: (tab: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const query = useProcedure('residents.get', { id: residentId });
  const r = query.data;
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      styles={{ wrapper: { width: 'min(1100px, 92vw)' } }}
      title={r ? <CardTitle resident={r} /> : t('老人档案', 'Resident')}
      extra={r ? <CardActions resident={r} /> : null}
      destroyOnHidden
    >
      <QueryView query={query}>
        {(resident) => (
          <Tabs
            activeKey={tab}
            onChange={onTab}
            items={(
              [
                ['profile', t('基本信息', 'Profile'), ProfileTab],
                ['contacts', t('联系人', 'Contacts'), ContactsTab],
                ['assessments', t('评估', 'Assessments'), AssessmentsTab],
                ['risks', t('风险', 'Risks'), RisksTab],
                ['incidents', t('事件', 'Incidents'), IncidentsTab],
                ['beds', t('床位记录', 'Bed history'), HistoryTab],
                ['leave', t('请假', 'Leave'), LeaveTab],
                ['attachments', t('附件', 'Attachments'), AttachmentsTab],
              ] as const
            ).map(([key, label, Tab]) => ({ key, label, children: <Tab resident={resident} /> }))}
          />
        )}
      </QueryView>
    </Drawer>
  );
}

function CardTitle({ resident: r }: { resident: ResidentDetail }) {
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

const actionPermission: Partial<Record<ResidentAction, string>> = {
  discharge: 'residents.discharge',
  purge: 'residents.purge',
};

function CardActions({ resident }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const actions = (resident.availableActions as ResidentAction[]).filter(
    (a) => a in residentActionLabels && can(actionPermission[a] ?? 'residents.write'),
  );
  // The everyday actions are buttons; the rare or final ones sit in the "更多" menu.
  const primary: ResidentAction[] = ['admit', 'startLeave', 'endLeave', 'transfer', 'reserve', 'discharge'];
  const buttons = actions.filter((a) => primary.includes(a));
  const more = [
    ...actions
      .filter((a) => !primary.includes(a))
      .map((a) => ({ key: a, label: label(residentActionLabels[a]), danger: a === 'purge' })),
    ...(can('residents.write') && ['admitted', 'onLeave'].includes(resident.status)
      ? [{ key: 'careGrade', label: t('调整护理等级', 'Change care grade'), danger: false }]
      : []),
    ...(can('assessments.write') && ['admitted', 'onLeave', 'reserved', 'waiting'].includes(resident.status)
      ? [{ key: 'flag', label: t('标记需要重新评估', 'Flag for reassessment'), danger: false }]
      : []),
  ];
  return (
    <Space wrap>
      {buttons.map((a) => (
        <Button
          key={a}
          type={a === 'admit' ? 'primary' : 'default'}
          danger={a === 'discharge'}
          onClick={() =>
            a === 'admit' ? navigate(`/residents/admission?admit=${resident.id}`) : setDialog(a)
          }
        >
          {label(residentActionLabels[a])}
        </Button>
      ))}
      {resident.status === 'onLeave' && resident.currentLeave && can('residents.write') && (
        <Button onClick={() => setDialog('extendLeave')}>{t('延长请假', 'Extend leave')}</Button>
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

const orDash = (s: string | null | undefined) => (s && s.length > 0 ? s : '—');

/** History entries that are not state changes, and so are not in `residentActionLabels`. */
const extraActionLabels: Record<string, { zh: string; en: string }> = {
  extendLeave: { zh: '延长请假', en: 'Leave extended' },
  import: { zh: '导入（历史入住）', en: 'Imported' },
};

function actionText(action: string, label: ReturnType<typeof useLabel>): string {
  return label(residentActionLabels[action as ResidentAction] ?? extraActionLabels[action], action);
}

function ProfileTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {r.reassessmentFlag && (
        <Alert
          type="warning"
          showIcon
          title={t(`需要重新评估：${r.reassessmentFlag}`, `Reassessment needed: ${r.reassessmentFlag}`)}
        />
      )}
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, md: 2, xl: 3 }}
        extra={
          can('residents.write') && r.status !== 'purged' ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('编辑资料', 'Edit')}
            </Button>
          ) : null
        }
      >
        <Descriptions.Item label={label(idTypeLabels[r.idType])} span={2}>
          <IdNumberCell residentId={r.id} masked={r.idNumberMasked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('出生日期', 'Born')}>{orDash(r.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={t('状态', 'Status')}>
          {label(residentStatusLabels[r.status])}
        </Descriptions.Item>
        <Descriptions.Item label={t('床位', 'Bed')}>{orDash(bedName(r.bed))}</Descriptions.Item>
        <Descriptions.Item label={t('入住日期', 'Admitted')}>{orDash(r.admittedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('护理类别', 'Care category')}>
          <CareCategoryTag category={r.careCategory} />
        </Descriptions.Item>
        <Descriptions.Item label={t('护理等级', 'Care grade')}>
          {orDash(r.careGrade)}
          {r.careGradeOverride && (
            <Typography.Text type="secondary">
              {t(`（人工调整：${r.careGradeOverride.reason}）`, ` (override: ${r.careGradeOverride.reason})`)}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('供养类型', 'Support')}>
          {label(supportTypeLabels[r.supportType])}
        </Descriptions.Item>
        <Descriptions.Item label={t('电话', 'Phone')}>{orDash(r.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('籍贯', 'Native place')}>{orDash(r.nativePlace)}</Descriptions.Item>
        <Descriptions.Item label={t('民族', 'Ethnicity')}>{orDash(r.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label={t('婚姻', 'Marital')}>
          {r.maritalStatus ? label(maritalStatusLabels[r.maritalStatus]) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('文化程度', 'Education')}>{orDash(r.education)}</Descriptions.Item>
        <Descriptions.Item label={t('原职业', 'Occupation')}>{orDash(r.formerOccupation)}</Descriptions.Item>
        <Descriptions.Item label={t('医保', 'Insurance')}>
          {[r.insuranceType, r.insuranceNumber].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('疾病诊断', 'Diagnoses')} span={3}>
          <Tags items={r.diagnoses} empty="—" />
        </Descriptions.Item>
        <Descriptions.Item label={t('过敏', 'Allergies')} span={3}>
          <Tags items={r.allergies} color="red" empty={t('无', 'None')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('饮食禁忌', 'Diet')} span={3}>
          <Tags items={r.dietRestrictions} color="orange" empty={t('无', 'None')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('服务合同', 'Contract')} span={3}>
          {r.contract
            ? `${r.contract.number}（${r.contract.startOn} 至 ${r.contract.endOn ?? t('长期', 'open-ended')}）`
            : '—'}
        </Descriptions.Item>
        {r.dischargedOn && (
          <Descriptions.Item label={t('退住', 'Discharged')} span={3}>
            {r.dischargedOn} {r.dischargeReason ? label(dischargeReasonLabels[r.dischargeReason]) : ''}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('备注', 'Notes')} span={3}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {orDash(r.notes)}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {editing && <EditProfileDialog resident={r} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function Tags({ items, color, empty }: { items: string[]; color?: string; empty: string }) {
  if (!items.length) return empty;
  return items.map((d) => (
    <Tag color={color} key={d}>
      {d}
    </Tag>
  ));
}

export function EditProfileDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const update = useMutate('residents.update', residentQueries);
  async function submit() {
    const values = await form.validateFields();
    const { idNumber, idType, ...rest } = profileToInput(values);
    try {
      // An empty number keeps the one on file: the full number is never sent to the screen.
      await update.mutateAsync({ id: resident.id, ...rest, ...(idNumber ? { idNumber, idType } : {}) });
      void message.success(t('资料已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  return (
    <Modal
      open
      width={960}
      title={t(`编辑资料：${resident.name}`, `Edit: ${resident.name}`)}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
    >
      <Form form={form} layout="vertical" initialValues={detailToProfile(resident)}>
        <ProfileFields form={form} idOptional />
      </Form>
    </Modal>
  );
}

function ContactsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        rowKey={(c) => `${c.name}-${c.phones.join()}`}
        dataSource={r.contacts}
        pagination={false}
        locale={{ emptyText: t('还没有联系人 — 点「编辑资料」添加监护人和紧急联系人', 'No contacts yet') }}
        columns={[
          { title: t('姓名', 'Name'), dataIndex: 'name' },
          { title: t('关系', 'Relation'), dataIndex: 'relation' },
          { title: t('电话', 'Phones'), render: (_v, c) => c.phones.join('、') },
          {
            title: t('身份', 'Role'),
            render: (_v, c) => (
              <Space>
                {c.isGuardian && <Tag color="purple">{t('监护人', 'Guardian')}</Tag>}
                {c.isEmergency && <Tag color="red">{t('紧急联系人', 'Emergency')}</Tag>}
              </Space>
            ),
          },
          { title: t('备注', 'Note'), dataIndex: 'note', render: (v: string | undefined) => v ?? '' },
        ]}
      />
      {can('residents.write') && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('编辑联系人', 'Edit contacts')}
        </Button>
      )}
      {editing && <EditProfileDialog resident={r} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function AssessmentsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const history = useProcedure('assessments.history', { residentId: r.id });
  const [adding, setAdding] = useState(false);
  const [flagging, setFlagging] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {can('assessments.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新增能力评估', 'New ability assessment')}
          </Button>
        )}
        {can('assessments.write') && (
          <Button icon={<FlagOutlined />} onClick={() => setFlagging(true)}>
            {t('状况变化，需要重新评估', 'Condition changed')}
          </Button>
        )}
        {r.reassessmentDueOn && (
          <Typography.Text
            type={r.reassessmentDueOn < new Date().toISOString().slice(0, 10) ? 'danger' : 'secondary'}
          >
            {t(`下次常规评估：${r.reassessmentDueOn}`, `Next routine assessment: ${r.reassessmentDueOn}`)}
          </Typography.Text>
        )}
      </Space>
      {r.reassessmentFlag && (
        <Alert
          type="warning"
          showIcon
          title={t(`已标记需要重新评估：${r.reassessmentFlag}`, `Flagged: ${r.reassessmentFlag}`)}
        />
      )}
      <QueryView query={history}>
        {(h) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {h.ability.length > 0 && <AbilityLevelChart assessments={h.ability} />}
            <Table<AbilityAssessmentRow>
              rowKey="id"
              dataSource={h.ability}
              pagination={false}
              locale={{ emptyText: t('还没有能力评估 — 入住前须完成一次', 'No assessment yet') }}
              expandable={{
                expandedRowRender: (a) => (
                  <Space orientation="vertical">
                    <span>
                      {t('自理能力', 'Self-care')} {a.dimensionTotals.selfCare} ·{' '}
                      {t('基础运动能力', 'Mobility')} {a.dimensionTotals.mobility} · {t('精神状态', 'Mental')}{' '}
                      {a.dimensionTotals.mental} · {t('感知觉与社会参与', 'Perception & social')}{' '}
                      {a.dimensionTotals.perceptionSocial}
                    </span>
                    {a.adjustmentReasons.length > 0 && (
                      <span>
                        {t('等级调整：', 'Adjusted: ')}
                        {a.adjustmentReasons.join('；')}
                      </span>
                    )}
                    {a.note && <span>{a.note}</span>}
                  </Space>
                ),
              }}
              columns={[
                { title: t('评估日期', 'Date'), dataIndex: 'assessedOn' },
                {
                  title: t('原因', 'Reason'),
                  render: (_v, a) => label(abilityAssessmentReasonLabels[a.reason]),
                },
                { title: t('总分', 'Total'), dataIndex: 'total' },
                {
                  title: t('能力等级', 'Level'),
                  render: (_v, a) => (
                    <Space size={4}>
                      <Tag color={abilityLevelColors[a.level].color}>
                        {label(abilityLevelLabels[a.level])}
                      </Tag>
                      {a.level !== a.baseLevel && (
                        <Typography.Text type="secondary">{t('（已调整）', '(adjusted)')}</Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('护理类别', 'Category'),
                  render: (_v, a) => <CareCategoryTag category={a.careCategory} />,
                },
                { title: t('评估人员', 'Assessors'), render: (_v, a) => a.assessorNames.join('、') },
              ]}
            />
          </Space>
        )}
      </QueryView>
      <CareHistory residentId={r.id} />
      {adding && <AbilityDialog resident={r} onClose={() => setAdding(false)} />}
      {flagging && <LifecycleDialog resident={r} action="flag" onClose={() => setFlagging(false)} />}
    </Space>
  );
}

function AbilityDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInSession().user;
  const [form] = Form.useForm<AbilityFormValues>();
  const record = useMutate('assessments.recordAbility', residentQueries);
  async function submit() {
    const values = await validateOrScroll(form);
    if (!values) return;
    try {
      const row = await record.mutateAsync(abilityInput(resident.id, values));
      void message.success(
        t(`已保存：${abilityLevelLabels[row.level].zh}，总分 ${row.total}`, `Saved: total ${row.total}`),
      );
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  return (
    <Modal
      open
      width={1200}
      title={t(`能力评估（GB/T 42195-2022）：${resident.name}`, `Ability assessment: ${resident.name}`)}
      okText={t('保存评估', 'Save assessment')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={abilityDefaults(me.id, resident.latestAbility ? 'routine' : 'initial')}
      >
        <AbilityFields form={form} residentId={resident.id} />
      </Form>
    </Modal>
  );
}

function RisksTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const [adding, setAdding] = useState(false);
  const latest = r.latestRisks;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {can('assessments.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新增九防评估', 'New nine-risk assessment')}
          </Button>
        )}
        {latest && (
          <Typography.Text type="secondary">
            {t(
              `最近评估：${latest.assessedOn}，评估人 ${latest.assessorNames.join('、')}`,
              `Last: ${latest.assessedOn}`,
            )}
            {latest.guardianInformed &&
              t(
                `；已于 ${latest.guardianInformed.informedOn} 告知${latest.guardianInformed.relation} ${latest.guardianInformed.name}`,
                `; guardian told on ${latest.guardianInformed.informedOn}`,
              )}
          </Typography.Text>
        )}
      </Space>
      {latest ? (
        <Table
          rowKey="key"
          pagination={false}
          dataSource={nineRiskKeys.map((key) => ({ key, ...latest.items[key] }))}
          columns={[
            { title: t('风险', 'Risk'), width: 150, render: (_v, row) => label(nineRiskItems[row.key]) },
            {
              title: t('等级', 'Level'),
              width: 100,
              render: (_v, row) => (
                <Tag color={nineRiskLevelLabels[row.level].color}>
                  {nineRiskLevelLabels[row.level].zhLong}
                </Tag>
              ),
            },
            {
              title: t('防护措施', 'Measures'),
              render: (_v, row) => (row.measures.length ? row.measures.join('；') : '—'),
            },
          ]}
        />
      ) : (
        <Empty description={t('还没有九防评估 — 入住前须完成一次', 'No nine-risk assessment yet')} />
      )}
      {adding && <RiskDialog resident={r} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function RiskDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInSession().user;
  const [form] = Form.useForm<RiskFormValues>();
  const record = useMutate('assessments.recordRisks', residentQueries);
  const guardian = resident.contacts.find((c) => c.isGuardian);
  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await record.mutateAsync(riskInput(resident.id, values));
      void message.success(t('九防评估已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  const initial = riskDefaults(
    me.id,
    guardian ? { name: guardian.name, relation: guardian.relation } : undefined,
  );
  if (resident.latestRisks) {
    // Start from the last assessment: most risks change slowly, and the assessor confirms each.
    initial.items = Object.fromEntries(
      nineRiskKeys.map((k) => {
        const item = resident.latestRisks!.items[k];
        const standard = nineRiskItems[k].measures;
        return [
          k,
          {
            level: item.level,
            picked: item.measures.filter((m) => standard.includes(m)),
            custom: item.measures.filter((m) => !standard.includes(m)),
          },
        ];
      }),
    );
  }
  return (
    <Modal
      open
      width={1100}
      title={t(`九防风险评估（GB 38600）：${resident.name}`, `Nine-risk assessment: ${resident.name}`)}
      okText={t('保存评估', 'Save assessment')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      maskClosable={false}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <RiskFields form={form} />
      </Form>
    </Modal>
  );
}

function HistoryTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const history = useProcedure('residents.history', { id: r.id });
  return (
    <QueryView query={history}>
      {(entries) =>
        entries.length === 0 ? (
          <Empty description={t('还没有记录', 'Nothing yet')} />
        ) : (
          <Timeline
            items={entries.map((e) => ({
              key: `${e.at}-${e.action}`,
              color: e.toStatus === 'discharged' ? 'gray' : e.toStatus === 'onLeave' ? 'blue' : 'green',
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>
                    {e.on} {actionText(e.action, label)}
                    {e.bedLabel ? ` · ${e.bedLabel}` : ''}
                  </Typography.Text>
                  {e.detail && <Typography.Text>{e.detail}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                    {t(
                      `${formatDateTime(e.at)} 由 ${e.byUser ?? '系统'} 办理`,
                      `${formatDateTime(e.at)} by ${e.byUser ?? 'system'}`,
                    )}
                  </Typography.Text>
                </Space>
              ),
            }))}
          />
        )
      }
    </QueryView>
  );
}

function LeaveTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const history = useProcedure('residents.history', { id: r.id });
  const [dialog, setDialog] = useState<'extendLeave' | 'endLeave' | null>(null);
  const leave = r.currentLeave;
  const mayChange = r.status === 'onLeave' && can('residents.write');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {leave ? (
        <Alert
          type="info"
          showIcon
          title={t(
            `正在${leaveKindLabels[leave.kind].zh}：${leave.startOn} 起`,
            `On leave since ${leave.startOn}`,
          )}
          description={[
            leave.expectedReturnOn
              ? t(`预计 ${leave.expectedReturnOn} 返回`, `Expected back ${leave.expectedReturnOn}`)
              : t('未定返回日期', 'No return date'),
            leave.destination,
            leave.note,
          ]
            .filter(Boolean)
            .join('；')}
          action={
            mayChange ? (
              <Space orientation="vertical">
                <Button onClick={() => setDialog('extendLeave')}>
                  {t('延长请假 / 改返回日期', 'Extend / change return date')}
                </Button>
                <Button type="primary" onClick={() => setDialog('endLeave')}>
                  {t('销假（已返回）', 'Back now')}
                </Button>
              </Space>
            ) : null
          }
        />
      ) : (
        <Typography.Text type="secondary">{t('当前没有请假。', 'Not on leave.')}</Typography.Text>
      )}
      <QueryView query={history}>
        {(entries) => (
          <Table
            rowKey={(e) => `${e.at}-${e.action}`}
            pagination={false}
            dataSource={entries.filter((e) => ['startLeave', 'extendLeave', 'endLeave'].includes(e.action))}
            locale={{ emptyText: t('没有请假记录', 'No leave yet') }}
            columns={[
              { title: t('日期', 'Date'), dataIndex: 'on' },
              {
                title: t('事项', 'What'),
                render: (_v, e) => actionText(e.action, label),
              },
              { title: t('说明', 'Detail'), dataIndex: 'detail' },
              { title: t('办理人', 'By'), render: (_v, e) => e.byUser ?? '—' },
            ]}
          />
        )}
      </QueryView>
      {dialog && <LifecycleDialog resident={r} action={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function AttachmentsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const list = useProcedure('residents.listAttachments', { residentId: r.id });
  const config = useProcedure('residents.getConfig', {});
  const add = useMutate('residents.addAttachment', ['residents.listAttachments']);
  const remove = useMutate('residents.removeAttachment', ['residents.listAttachments']);
  const [kind, setKind] = useState<(typeof attachmentKinds)[number]>('other');
  const maxBytes = config.data?.attachmentMaxBytes ?? 10 * 1024 * 1024;

  async function upload(file: File) {
    if (file.size > maxBytes) {
      void message.error(
        t(
          `文件太大（${formatBytes(file.size)}），请选择 ${formatBytes(maxBytes)} 以内的文件`,
          'File too large',
        ),
      );
      return;
    }
    try {
      const base64 = await fileToBase64(file);
      await add.mutateAsync({
        residentId: r.id,
        kind,
        fileName: file.name,
        mimeType: file.type || 'application/octet-stream',
        base64,
      });
      void message.success(t(`已上传 ${file.name}`, `Uploaded ${file.name}`));
    } catch (error) {
      void message.error((error as Error).message, 6);
    }
  }

  async function download(id: number) {
    try {
      const a = await callOrThrow('residents.getAttachment', { id });
      downloadBase64({ fileName: a.fileName, base64: a.base64, mimeType: a.mimeType });
    } catch (error) {
      void message.error((error as Error).message);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {can('residents.write') && (
        <Space wrap>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 160 }}
            options={attachmentKinds.map((k) => ({ value: k, label: label(attachmentKindLabels[k]) }))}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={add.isPending}>
              {t('上传附件', 'Upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            {t(`单个文件不超过 ${formatBytes(maxBytes)}`, `Up to ${formatBytes(maxBytes)}`)}
          </Typography.Text>
        </Space>
      )}
      <QueryView query={list}>
        {(rows) => (
          <Table
            rowKey="id"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('还没有附件 — 可上传照片、合同、证件复印件、病历', 'No attachments') }}
            columns={[
              { title: t('类别', 'Kind'), render: (_v, a) => label(attachmentKindLabels[a.kind]) },
              { title: t('文件名', 'File'), dataIndex: 'fileName' },
              { title: t('大小', 'Size'), render: (_v, a) => formatBytes(a.size) },
              {
                title: t('上传时间', 'Uploaded'),
                render: (_v, a) => `${formatDateTime(a.uploadedAt)} ${a.uploadedBy ?? ''}`,
              },
              {
                title: t('操作', 'Actions'),
                render: (_v, a) => (
                  <Space>
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(a.id)}>
                      {t('下载', 'Download')}
                    </Button>
                    {can('residents.write') && (
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() =>
                          modal.confirm({
                            title: t(`确认删除 ${r.name} 的附件「${a.fileName}」？`, `Delete ${a.fileName}?`),
                            okText: t('删除', 'Delete'),
                            okButtonProps: { danger: true },
                            cancelText: t('取消', 'Cancel'),
                            onOk: () =>
                              remove
                                .mutateAsync({ id: a.id })
                                .catch((e: Error) => void message.error(e.message)),
                          })
                        }
                      >
                        {t('删除', 'Delete')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}
