import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import {
  abilityLevelColors,
  abilityLevelLabels,
  careCategoryLabels,
  type CareCategory,
} from '../../../../src-main/shared/assessment/ability';
import {
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
} from '../../../../src-main/shared/assessment/nine-risks';
import type { ResidentDetail } from '../../../../src-main/shared/contract/residents';
import { idTypeLabels, maskIdNumber } from '../../../../src-main/shared/id-number';
import { supportTypeLabels } from '../../../../src-main/shared/residents/lifecycle';
import { ApiError, callOrThrow } from '../../api/client';
import { applyFieldErrors, useProcedure } from '../../api/hooks';
import { useSignedInSession } from '../../app/session';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n, useLabel } from '../../i18n';
import { daysBetween, fromDateString, todayLocal, toDateString } from '../../lib/dates';
import {
  abilityDefaults,
  AbilityFields,
  abilityInput,
  abilityToDraft,
  draftToAbility,
  draftToRisk,
  riskDefaults,
  RiskFields,
  riskInput,
  riskToDraft,
  type AbilityDraft,
  type AbilityFormValues,
  type RiskDraft,
  type RiskFormValues,
} from './AssessmentForms';
import { BedPicker, bedOptionLabel } from './BedPicker';
import { bedName, DateField, notBefore, validateOrScroll } from './common';
import { useAbilityPreview } from './use-ability-preview';
import { residentQueries } from './LifecycleDialogs';
import {
  detailToProfile,
  draftToProfile,
  ProfileFields,
  profileToDraft,
  profileToInput,
  type ProfileDraft,
  type ProfileFormValues,
} from './ProfileForm';
import { admissionForm } from '../print/documents/admission-form';
import { bedCards } from '../print/documents/bed-card';
import { PrintButton } from '../print/PrintButton';
import { WhatIfCheck } from '../staff/WhatIfCheck';

/** Everything the wizard has gathered; stored as the draft's `data` so a half-done admission survives. */
export interface WizardData {
  residentId: number | null;
  profile?: ProfileDraft;
  /** True when a recent enough assessment on file is used instead of a new one. */
  reuseAbility?: boolean;
  ability?: AbilityDraft;
  abilityRecordedId?: number;
  reuseRisks?: boolean;
  risks?: RiskDraft;
  risksRecordedId?: number;
  bedId?: number;
  admittedOn?: string;
  contract?: { number: string; startOn: string; endOn: string | null };
}

export function asWizardData(data: unknown): WizardData {
  if (data && typeof data === 'object' && 'residentId' in data) return data as WizardData;
  return { residentId: null };
}

const STEPS = ['profile', 'ability', 'risks', 'bed', 'contract', 'confirm'] as const;

export function AdmissionWizard({
  draftId: initialDraftId,
  initialStep,
  initialData,
  resident,
  onExit,
}: {
  draftId: number | null;
  initialStep: number;
  initialData: WizardData;
  /** When admitting someone already on file (waiting list, discharged earlier). */
  resident: ResidentDetail | null;
  onExit: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInSession().user;
  const queryClient = useQueryClient();
  const [step, setStep] = useState(initialStep);
  // False while the admission would break the caregiver ratio and no reason has been recorded.
  const [ratioCleared, setRatioCleared] = useState(true);
  const [data, setData] = useState<WizardData>(initialData);
  const [draftId, setDraftId] = useState<number | null>(initialDraftId);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ResidentDetail | null>(null);
  // Each step gets a fresh form store: antd merges a reused store over new initial values, which
  // would carry one step's answers (e.g. a date) into the next.
  const formRef = useRef<FormInstance | null>(null);
  const config = useProcedure('residents.getConfig', {});
  const current = useProcedure(
    'residents.get',
    { id: data.residentId ?? 0 },
    { enabled: data.residentId !== null },
  );
  const onFile = current.data ?? resident;
  const maxAge = config.data?.admissionAssessmentMaxAgeDays ?? 30;
  const today = todayLocal();
  const recentAbility =
    onFile?.latestAbility && daysBetween(onFile.latestAbility.assessedOn, today) <= maxAge
      ? onFile.latestAbility
      : null;
  const recentRisks =
    onFile?.latestRisks && daysBetween(onFile.latestRisks.assessedOn, today) <= maxAge
      ? onFile.latestRisks
      : null;

  async function saveDraft(next: WizardData, atStep: number): Promise<void> {
    try {
      const d = await callOrThrow('admissions.saveDraft', {
        ...(draftId ? { id: draftId } : {}),
        residentId: next.residentId,
        residentName: next.profile?.name ?? onFile?.name ?? '',
        step: atStep,
        data: next,
      });
      setDraftId(d.id);
      setSavedAt(dayjs(d.updatedAt).format('HH:mm'));
      void queryClient.invalidateQueries({ queryKey: ['admissions.listDrafts'] });
    } catch (error) {
      void message.warning(
        t(`草稿没有保存：${(error as Error).message}`, `Draft not saved: ${(error as Error).message}`),
      );
    }
  }

  /** Reads the current step's form into the wizard data, without validating (for 上一步 and 保存草稿). */
  function collect(values: Record<string, unknown>): WizardData {
    switch (STEPS[step]) {
      case 'profile':
        return { ...data, profile: profileToDraft(values as unknown as ProfileFormValues) };
      case 'ability':
        return values.reuse === true
          ? { ...data, reuseAbility: true }
          : { ...data, reuseAbility: false, ability: abilityToDraft(values as unknown as AbilityFormValues) };
      case 'risks':
        return values.reuse === true
          ? { ...data, reuseRisks: true }
          : { ...data, reuseRisks: false, risks: riskToDraft(values as unknown as RiskFormValues) };
      case 'bed':
        return {
          ...data,
          bedId: values.bedId as number | undefined,
          admittedOn: toDateString(values.admittedOn as Dayjs | undefined),
        };
      case 'contract': {
        const c = values as { number?: string; startOn?: Dayjs; endOn?: Dayjs | null };
        return {
          ...data,
          contract: {
            number: (c.number ?? '').trim(),
            startOn: toDateString(c.startOn) ?? '',
            endOn: toDateString(c.endOn ?? undefined) ?? null,
          },
        };
      }
      default:
        return data;
    }
  }

  async function next() {
    const form = formRef.current;
    if (!form) return;
    const values = (await validateOrScroll(form)) as Record<string, unknown> | null;
    if (!values) return;
    let nextData = collect(values);
    setBusy(true);
    try {
      if (STEPS[step] === 'profile') {
        const input = profileToInput(nextData.profile!);
        let saved: ResidentDetail;
        if (nextData.residentId === null) {
          saved = await callOrThrow('residents.create', input);
        } else {
          const { idNumber, idType, ...rest } = input;
          saved = await callOrThrow('residents.update', {
            id: nextData.residentId,
            ...rest,
            ...(idNumber ? { idNumber, idType } : {}),
          });
        }
        nextData = { ...nextData, residentId: saved.id };
        queryClient.setQueryData(['residents.get', { id: saved.id }], saved);
      }
      setData(nextData);
      setStep(step + 1);
      await saveDraft(nextData, step + 1);
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    } finally {
      setBusy(false);
    }
  }

  function back() {
    const form = formRef.current;
    if (!form) return;
    const nextData = collect(form.getFieldsValue(true) as Record<string, unknown>);
    setData(nextData);
    setStep(step - 1);
  }

  async function saveAndExit() {
    const form = formRef.current;
    const nextData = form ? collect(form.getFieldsValue(true) as Record<string, unknown>) : data;
    setData(nextData);
    await saveDraft(nextData, step);
    void message.success(t('草稿已保存，可在「入住办理」里继续', 'Draft saved'));
    onExit();
  }

  /** The commit: assessments first (each its own record), then the admission itself. */
  async function admit() {
    const residentId = data.residentId;
    if (residentId === null) return;
    setBusy(true);
    let working = data;
    try {
      if (!working.reuseAbility && working.ability && !working.abilityRecordedId) {
        try {
          const a = await callOrThrow('assessments.recordAbility', abilityInput(residentId, working.ability));
          working = { ...working, abilityRecordedId: a.id };
        } catch (error) {
          setStep(1);
          throw error;
        }
      }
      if (!working.reuseRisks && working.risks && !working.risksRecordedId) {
        try {
          const r = await callOrThrow('assessments.recordRisks', riskInput(residentId, working.risks));
          working = { ...working, risksRecordedId: r.id };
        } catch (error) {
          setStep(2);
          throw error;
        }
      }
      setData(working);
      const admitted = await callOrThrow('residents.admit', {
        id: residentId,
        bedId: working.bedId!,
        admittedOn: working.admittedOn ?? today,
        ...(working.contract?.number ? { contract: working.contract } : {}),
      });
      if (draftId) await callOrThrow('admissions.deleteDraft', { id: draftId }).catch(() => null);
      await Promise.all(
        [...residentQueries, 'admissions.listDrafts' as const].map((k) =>
          queryClient.invalidateQueries({ queryKey: [k] }),
        ),
      );
      setDone(admitted);
    } catch (error) {
      setData(working);
      await saveDraft(working, step);
      const msg = error instanceof ApiError ? error.message : (error as Error).message;
      void message.error(msg, 8);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <AdmissionDone resident={done} onAnother={onExit} />;

  const stepTitles = [
    t('基本资料', 'Profile'),
    t('能力评估', 'Ability'),
    t('九防评估', 'Nine risks'),
    t('床位', 'Bed'),
    t('合同', 'Contract'),
    t('确认', 'Confirm'),
  ];

  return (
    <Card
      title={t(
        `办理入住${data.profile?.name ? `：${data.profile.name}` : ''}`,
        `Admission${data.profile?.name ? `: ${data.profile.name}` : ''}`,
      )}
      extra={
        <Space>
          {savedAt && (
            <Typography.Text type="secondary">
              {t(`草稿已于 ${savedAt} 保存`, `Draft saved at ${savedAt}`)}
            </Typography.Text>
          )}
          <Button icon={<SaveOutlined />} onClick={() => void saveAndExit()} disabled={busy}>
            {t('保存草稿并退出', 'Save draft and exit')}
          </Button>
        </Space>
      }
    >
      <Steps current={step} items={stepTitles.map((title) => ({ title }))} style={{ marginBottom: 24 }} />
      <StepForm
        key={step}
        formRef={formRef}
        initialValues={initialValuesFor(STEPS[step]!, data, me.id, onFile, today)}
        render={(form) => (
          <>
            {STEPS[step] === 'profile' && <ProfileFields form={form} idOptional={data.residentId !== null} />}
            {STEPS[step] === 'ability' && (
              <ReuseOr
                form={form}
                recent={
                  recentAbility
                    ? t(
                        `沿用 ${recentAbility.assessedOn} 的评估：${abilityLevelLabels[recentAbility.level].zh}（${recentAbility.total} 分）`,
                        `Use the assessment of ${recentAbility.assessedOn}`,
                      )
                    : null
                }
              >
                <AbilityFields form={form} residentId={data.residentId} />
              </ReuseOr>
            )}
            {STEPS[step] === 'risks' && (
              <ReuseOr
                form={form}
                recent={
                  recentRisks
                    ? t(
                        `沿用 ${recentRisks.assessedOn} 的九防评估`,
                        `Use the assessment of ${recentRisks.assessedOn}`,
                      )
                    : null
                }
              >
                <RiskFields form={form} />
              </ReuseOr>
            )}
            {STEPS[step] === 'bed' && <BedStep resident={onFile} />}
            {STEPS[step] === 'contract' && <ContractStep />}
            {STEPS[step] === 'confirm' && (
              <ConfirmStep data={data} resident={onFile} onRatioCleared={setRatioCleared} />
            )}
          </>
        )}
      />
      <Space style={{ marginTop: 24 }} size="middle">
        {step > 0 && (
          <Button size="large" onClick={back} disabled={busy}>
            {t('上一步', 'Back')}
          </Button>
        )}
        {STEPS[step] !== 'confirm' ? (
          <Button size="large" type="primary" loading={busy} onClick={() => void next()}>
            {t('下一步', 'Next')}
          </Button>
        ) : (
          <Button
            size="large"
            type="primary"
            loading={busy}
            disabled={!ratioCleared}
            icon={<CheckCircleOutlined />}
            onClick={() => void admit()}
          >
            {t('确认入住', 'Admit')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function StepForm({
  formRef,
  initialValues,
  render,
}: {
  formRef: RefObject<FormInstance | null>;
  initialValues: Record<string, unknown>;
  render: (form: FormInstance) => ReactNode;
}) {
  const [form] = Form.useForm();
  useLayoutEffect(() => {
    formRef.current = form;
  }, [form, formRef]);
  return (
    <Form form={form} layout="vertical" initialValues={initialValues}>
      {render(form)}
    </Form>
  );
}

function initialValuesFor(
  step: (typeof STEPS)[number],
  data: WizardData,
  userId: number,
  onFile: ResidentDetail | null,
  today: string,
): Record<string, unknown> {
  switch (step) {
    case 'profile':
      if (data.profile) return draftToProfile(data.profile) as unknown as Record<string, unknown>;
      if (onFile) return detailToProfile(onFile) as unknown as Record<string, unknown>;
      return {
        idType: 'resident',
        supportType: 'social',
        contacts: [{ isGuardian: true, isEmergency: true }],
      };
    case 'ability':
      return {
        reuse: data.reuseAbility ?? false,
        ...(data.ability
          ? draftToAbility(data.ability)
          : abilityDefaults(userId, onFile?.latestAbility ? 'routine' : 'initial')),
      };
    case 'risks': {
      const contacts = data.profile?.contacts ?? [];
      const guardian = contacts.find((c) => c.isGuardian) ?? contacts[0];
      return {
        reuse: data.reuseRisks ?? false,
        ...(data.risks
          ? draftToRisk(data.risks)
          : riskDefaults(
              userId,
              guardian ? { name: guardian.name, relation: guardian.relation } : undefined,
            )),
      };
    }
    case 'bed':
      return {
        bedId: data.bedId ?? onFile?.bedDetail?.id,
        admittedOn: fromDateString(data.admittedOn ?? today),
      };
    case 'contract':
      return {
        number: data.contract?.number,
        startOn: fromDateString(data.contract?.startOn ?? data.admittedOn ?? today),
        endOn: fromDateString(data.contract?.endOn ?? undefined),
      };
    default:
      return {};
  }
}

/** Offers a recent assessment on file before asking for a new one. */
function ReuseOr({
  form,
  recent,
  children,
}: {
  form: FormInstance;
  recent: string | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const reuse = Form.useWatch<boolean | undefined>('reuse', form);
  if (!recent) return <>{children}</>;
  return (
    <>
      <Form.Item name="reuse" label={t('近期已有评估', 'A recent assessment is on file')}>
        <Radio.Group
          options={[
            { value: true, label: recent },
            { value: false, label: t('重新评估', 'Assess again') },
          ]}
        />
      </Form.Item>
      {!reuse && children}
    </>
  );
}

function BedStep({ resident }: { resident: ResidentDetail | null }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={14}>
        <Form.Item
          name="bedId"
          label={t('入住床位', 'Bed')}
          rules={[{ required: true, message: t('请选择床位', 'Choose a bed') }]}
        >
          <BedPicker extraBed={resident?.status === 'reserved' ? resident.bedDetail : null} />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <DateField
          name="admittedOn"
          label={t('入住日期', 'Admission date')}
          message={t('请选择入住日期', 'Choose the date')}
        />
      </Col>
      {resident?.status === 'reserved' && resident.bed && (
        <Col span={24}>
          <Alert
            type="info"
            showIcon
            title={t(`已预订 ${bedName(resident.bed)}`, `Reserved ${bedName(resident.bed)}`)}
          />
        </Col>
      )}
    </Row>
  );
}

function ContractStep() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name="number"
          label={t('服务合同编号', 'Contract number')}
          rules={[
            { required: true, whitespace: true, message: t('请填写合同编号', 'Enter the contract number') },
            { max: 40, message: t('最多 40 个字符', 'At most 40 characters') },
          ]}
        >
          <Input placeholder={t('如：HT-2026-018', 'e.g. HT-2026-018')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="startOn"
          label={t('合同开始日期', 'Start')}
          rules={[{ required: true, message: t('请选择合同开始日期', 'Choose the start') }]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="endOn"
          label={t('合同结束日期（长期可不填）', 'End (empty if open-ended)')}
          dependencies={['startOn']}
          rules={[notBefore('startOn', t('合同结束日期不能早于开始日期', 'End cannot be before start'))]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function ConfirmStep({
  data,
  resident,
  onRatioCleared,
}: {
  data: WizardData;
  resident: ResidentDetail | null;
  onRatioCleared: (cleared: boolean) => void;
}) {
  const { t } = useI18n();
  const preview = useAbilityPreview(data.residentId, data.ability?.assessedOn || todayLocal());
  const label = useLabel();
  const beds = useProcedure('beds.available', {});
  const bed =
    beds.data?.find((b) => b.id === data.bedId) ??
    (resident?.bedDetail?.id === data.bedId ? resident?.bedDetail : undefined);
  const p = data.profile;
  let ability: {
    level: string;
    color: string;
    total: number;
    category: string;
    categoryColor: string;
    categoryKey: CareCategory;
  } | null = null;
  if (data.reuseAbility && resident?.latestAbility) {
    const a = resident.latestAbility;
    ability = {
      level: label(abilityLevelLabels[a.level]),
      color: abilityLevelColors[a.level].color,
      total: a.total,
      category: label(careCategoryLabels[a.careCategory]),
      categoryColor: careCategoryLabels[a.careCategory].color,
      categoryKey: a.careCategory,
    };
  } else if (data.ability) {
    try {
      const input = abilityInput(0, data.ability);
      // Scored as the core will save it: the institution's rules and the resident's recent incidents.
      const r = preview.assess(input.scores, input.flags);
      if (!r) throw new Error('rules not loaded yet');
      const c = r.careCategory;
      ability = {
        level: label(abilityLevelLabels[r.level]),
        color: abilityLevelColors[r.level].color,
        total: r.total,
        category: label(careCategoryLabels[c]),
        categoryColor: careCategoryLabels[c].color,
        categoryKey: c,
      };
    } catch {
      ability = null;
    }
  }
  const riskItems =
    data.reuseRisks && resident?.latestRisks
      ? nineRiskKeys.map((k) => ({ key: k, level: resident.latestRisks!.items[k].level }))
      : nineRiskKeys.map((k) => ({ key: k, level: data.risks?.items[k]?.level ?? 'none' }));
  const notable = riskItems.filter((r) => r.level === 'medium' || r.level === 'high');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t(
          '请核对以下信息，点「确认入住」后保存评估并办理入住。',
          'Check everything, then press Admit.',
        )}
      />
      <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
        <Descriptions.Item label={t('姓名', 'Name')}>{p?.name ?? resident?.name}</Descriptions.Item>
        <Descriptions.Item label={p ? label(idTypeLabels[p.idType]) : t('证件', 'ID')}>
          <span style={{ fontFamily: 'monospace' }}>
            {p?.idNumber ? maskIdNumber(p.idNumber) : (resident?.idNumberMasked ?? '')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('供养类型', 'Support')}>
          {p ? label(supportTypeLabels[p.supportType]) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('联系人', 'Contacts')}>
          {(p?.contacts ?? []).map((c) => `${c.name}（${c.relation}）${c.phone1}`).join('；') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('能力评估', 'Ability')}>
          {ability ? (
            <Space>
              <Tag color={ability.color}>{ability.level}</Tag>
              {t(`${ability.total} 分`, `${ability.total} points`)}
              <Tag color={ability.categoryColor} data-testid="confirm-category">
                {ability.category}
              </Tag>
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('九防评估', 'Nine risks')}>
          {notable.length === 0
            ? t('无中、高风险', 'No medium or high risks')
            : notable.map((r) => (
                <Tag key={r.key} color={nineRiskLevelLabels[r.level].color}>
                  {nineRiskItems[r.key].zh}：{nineRiskLevelLabels[r.level].zhLong}
                </Tag>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('床位', 'Bed')}>
          {bed ? bedOptionLabel(bed, label) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('入住日期', 'Admission date')}>{data.admittedOn}</Descriptions.Item>
        <Descriptions.Item label={t('合同', 'Contract')} span={2}>
          {data.contract?.number
            ? `${data.contract.number}（${data.contract.startOn} 至 ${data.contract.endOn ?? t('长期', 'open-ended')}）`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <WhatIfCheck
        // Not yet assessed counts as 失能, as the ratio engine counts it by default.
        change={{ on: data.admittedOn ?? todayLocal(), admit: { [ability?.categoryKey ?? 'dependent']: 1 } }}
        action="admission"
        subject={p?.name ?? resident?.name ?? ''}
        verb="入住后"
        onCleared={onRatioCleared}
      />
    </Space>
  );
}

function AdmissionDone({ resident, onAnother }: { resident: ResidentDetail; onAnother: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card>
      <Result
        status="success"
        title={t(
          `${resident.name} 已入住 ${bedName(resident.bed)}`,
          `${resident.name} admitted to ${bedName(resident.bed)}`,
        )}
        subTitle={t(
          '评估结果和床位已记录，房态图已更新。',
          'Assessments and bed are recorded; the bed board is updated.',
        )}
        extra={[
          <Button
            key="card"
            type="primary"
            size="large"
            onClick={() => navigate(`/residents?resident=${resident.id}`)}
          >
            {t('查看档案', 'Open record')}
          </Button>,
          <Button
            key="board"
            size="large"
            onClick={() => navigate(`/residents/beds?resident=${resident.id}`)}
          >
            {t('在房态图中查看', 'See on the bed board')}
          </Button>,
          <PrintButton key="form" size="large" load={(ctx) => admissionForm(ctx, resident.id)}>
            {t('打印入住登记表', 'Print registration form')}
          </PrintButton>,
          <PrintButton key="bedcard" size="large" load={(ctx) => bedCards(ctx, [resident.id])}>
            {t('打印床头卡', 'Print bed card')}
          </PrintButton>,
          <Button key="another" size="large" onClick={onAnother}>
            {t('返回入住办理', 'Back to admissions')}
          </Button>,
        ]}
      />
    </Card>
  );
}
