import {
  Affix,
  Alert,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import {
  abilityAssessmentReasonLabels,
  abilityAssessmentReasons,
  abilityDimensionInfo,
  abilityDimensions,
  abilityItems,
  abilityLevelColors,
  abilityLevelLabels,
  abilityMaxTotal,
  careCategoryLabels,
  type AbilityAssessmentReason,
  type AbilityDimension,
  type AbilityFlags,
} from '../../../../src-main/shared/assessment/ability';
import {
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
  nineRiskLevels,
  type NineRiskKey,
  type NineRiskLevel,
} from '../../../../src-main/shared/assessment/nine-risks';
import type { InputOf } from '../../../../src-main/shared/contract';
import { useProcedure } from '../../api/hooks';
import { useSession, useSignedInSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { fromDateString, toDateString, serverDay } from '../../lib/dates';
import { DateField, notBefore, riskIcons } from './common';
import { useAbilityPreview } from './use-ability-preview';
import './residents.css';

// ---------------------------------------------------------------- assessors

/**
 * Assessors are users. Only user managers may list users, so everyone else can name themselves
 * only; the contract has no assessor list yet (see report).
 */
export function AssessorSelect({
  max,
  value,
  onChange,
  id,
}: {
  max: number;
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const me = useSignedInSession().user;
  const { can } = useSession();
  const assessors = useProcedure('assessments.assessors', {}, { enabled: can('assessments.write') });
  const options = useMemo(() => {
    const list = (assessors.data ?? []).map((u) => ({ value: u.id, label: u.name }));
    if (!list.some((o) => o.value === me.id)) list.unshift({ value: me.id, label: me.displayName });
    return list;
  }, [assessors.data, me]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      maxCount={max}
      placeholder={t('选择评估人员', 'Choose assessors')}
    />
  );
}

/**
 * The assessor rule the server applies (so the form says it before saving): as many assessors as
 * the institution requires, and the person recording is one of them.
 */
export function useAssessorRules(): Rule[] {
  const { t } = useI18n();
  const me = useSignedInSession().user;
  const min = useProcedure('residents.getConfig', {}).data?.minAssessors ?? 1;
  return [
    {
      required: true,
      type: 'array',
      min,
      message:
        min > 1
          ? t(`本机构要求 ${min} 名评估人员共同评估`, `This institution needs ${min} assessors`)
          : t('请选择评估人员', 'Choose an assessor'),
    },
    {
      validator: async (_r, v: unknown) => {
        if (Array.isArray(v) && v.length > 0 && !v.includes(me.id))
          throw new Error(t('录入人必须是评估人员之一，请把自己选上', 'You must be one of the assessors'));
      },
    },
  ];
}

// ---------------------------------------------------------------- ability (GB/T 42195)

export interface AbilityFormValues {
  assessedOn: Dayjs;
  reason: AbilityAssessmentReason;
  assessorIds: number[];
  scores: Record<string, number | undefined>;
  flags: AbilityFlags;
  note?: string;
}

export type AbilityDraft = Omit<AbilityFormValues, 'assessedOn'> & { assessedOn: string };

export function abilityToDraft(v: AbilityFormValues): AbilityDraft {
  return { ...v, assessedOn: toDateString(v.assessedOn) ?? '' };
}
export function draftToAbility(d: AbilityDraft): AbilityFormValues {
  return { ...d, assessedOn: fromDateString(d.assessedOn) ?? serverDay() };
}

export function abilityInput(
  residentId: number,
  v: AbilityFormValues | AbilityDraft,
): InputOf<'assessments.recordAbility'> {
  const scores: Record<string, number> = {};
  for (const item of abilityItems) scores[item.key] = v.scores[item.key] ?? -1;
  return {
    residentId,
    assessedOn: typeof v.assessedOn === 'string' ? v.assessedOn : (toDateString(v.assessedOn) ?? ''),
    reason: v.reason,
    scores,
    flags: {
      coma: Boolean(v.flags?.coma),
      dementia: Boolean(v.flags?.dementia),
      mentalDisorder: Boolean(v.flags?.mentalDisorder),
    },
    assessorIds: v.assessorIds,
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
  };
}

export function abilityDefaults(
  userId: number,
  reason: AbilityAssessmentReason = 'initial',
): Partial<AbilityFormValues> {
  return {
    assessedOn: serverDay(),
    reason,
    assessorIds: [userId],
    scores: {},
    flags: { coma: false, dementia: false, mentalDisorder: false },
  };
}

/** One dimension's running subtotal, following the scores itself so the item cards need not re-render. */
function DimensionSubtotal({ form, dim }: { form: FormInstance; dim: AbilityDimension }) {
  const { t } = useI18n();
  const scores = Form.useWatch<Record<string, number | undefined> | undefined>('scores', form) ?? {};
  const subtotal = abilityItems
    .filter((i) => i.dimension === dim)
    .reduce((sum, i) => sum + (scores[i.key] ?? 0), 0);
  return (
    <Typography.Text strong>
      {t('小计', 'Subtotal')} {subtotal} / {abilityDimensionInfo[dim].max}
    </Typography.Text>
  );
}

/** The 26 items with their level descriptions: the assessor picks a description, never types a score. */
export function AbilityFields({ form, residentId }: { form: FormInstance; residentId: number | null }) {
  const { t } = useI18n();
  const label = useLabel();
  const scores = Form.useWatch<Record<string, number | undefined> | undefined>('scores', form) ?? {};
  const flags = Form.useWatch<AbilityFlags | undefined>('flags', form);
  const assessedOn = Form.useWatch<Dayjs | undefined>('assessedOn', form);
  const assessorRules = useAssessorRules();
  const on = toDateString(assessedOn) ?? serverDay().format('YYYY-MM-DD');
  const preview = useAbilityPreview(residentId, on);
  const recentEvents = preview.recentEvents;

  const subtotals: Record<AbilityDimension, number> = {
    selfCare: 0,
    mobility: 0,
    mental: 0,
    perceptionSocial: 0,
  };
  let answered = 0;
  for (const item of abilityItems) {
    const s = scores[item.key];
    if (s !== undefined && s !== null) {
      subtotals[item.dimension] += s;
      answered += 1;
    }
  }
  const complete = answered === abilityItems.length;
  // The institution's rules, not the defaults: the preview must be what the core will save.
  const result = complete
    ? preview.assess(scores as Record<string, number>, {
        coma: Boolean(flags?.coma),
        dementia: Boolean(flags?.dementia),
        mentalDisorder: Boolean(flags?.mentalDisorder),
      })
    : null;
  const category = result?.careCategory ?? null;
  const threshold = preview.rules?.careRiskEventThreshold;
  const runningTotal = abilityDimensions.reduce((s, d) => s + subtotals[d], 0);
  // The 26 items do not change while they are scored: each radio's Form.Item follows its own value,
  // so the cards are built once per language instead of on every click (130 radios).
  const itemCards = useMemo(
    () => (
      <>
        {abilityDimensions.map((dim) => (
          <Card
            key={dim}
            size="small"
            style={{ marginBottom: 16 }}
            title={`${abilityDimensionInfo[dim].name}`}
            extra={<DimensionSubtotal form={form} dim={dim} />}
          >
            {abilityItems
              .filter((i) => i.dimension === dim)
              .map((item) => (
                <div
                  key={item.key}
                  role="group"
                  aria-label={`${item.key}. ${item.name}`}
                  className="ability-item"
                  id={`ability-item-${item.key}`}
                >
                  <Form.Item
                    name={['scores', item.key]}
                    label={
                      <span>
                        <Typography.Text strong>{`${item.key}. ${item.name}`}</Typography.Text>
                        <Typography.Text
                          type="secondary"
                          style={{ marginInlineStart: 8, fontWeight: 'normal' }}
                        >
                          {item.definition}
                        </Typography.Text>
                      </span>
                    }
                    rules={[
                      {
                        required: true,
                        message: t(
                          `第${item.key}项「${item.name}」尚未评分，请选择`,
                          `Score item ${item.key}`,
                        ),
                      },
                    ]}
                    style={{ marginBottom: 12 }}
                  >
                    <Radio.Group className="ability-options">
                      <Space orientation="vertical" size={2}>
                        {item.options.map((o) => (
                          <Radio key={o.score} value={o.score}>
                            <Typography.Text strong style={{ display: 'inline-block', minWidth: 36 }}>
                              {o.score}分
                            </Typography.Text>
                            {o.description}
                          </Radio>
                        ))}
                      </Space>
                    </Radio.Group>
                  </Form.Item>
                </div>
              ))}
          </Card>
        ))}
      </>
    ),
    [t, form],
  );

  return (
    <Row gutter={24}>
      <Col xs={24} lg={17}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <DateField
              name="assessedOn"
              label={t('评估日期', 'Assessed on')}
              message={t('请选择评估日期', 'Choose the date')}
            />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="reason" label={t('评估原因', 'Reason')} rules={[{ required: true }]}>
              <Select
                options={abilityAssessmentReasons.map((r) => ({
                  value: r,
                  label: label(abilityAssessmentReasonLabels[r]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="assessorIds"
              label={t('评估人员（1–2 名）', 'Assessors (1–2)')}
              rules={assessorRules}
            >
              <AssessorSelect max={2} />
            </Form.Item>
          </Col>
        </Row>
        {itemCards}
        <Card size="small" title={t('等级调整依据', 'Adjustments')} style={{ marginBottom: 16 }}>
          <Space orientation="vertical">
            <Form.Item name={['flags', 'coma']} valuePropName="checked" noStyle>
              <Checkbox>
                {t('处于昏迷状态（直接评定为完全失能）', 'In a coma (complete disability)')}
              </Checkbox>
            </Form.Item>
            <Form.Item name={['flags', 'dementia']} valuePropName="checked" noStyle>
              <Checkbox>{t('确诊为痴呆', 'Diagnosed dementia')}</Checkbox>
            </Form.Item>
            <Form.Item name={['flags', 'mentalDisorder']} valuePropName="checked" noStyle>
              <Checkbox>
                {t('经精神科专科医生诊断的其他精神和行为障碍', 'Other diagnosed mental disorder')}
              </Checkbox>
            </Form.Item>
            <Typography.Text type="secondary">
              {t(
                `近30天记录的照护风险事件（跌倒、噎食、自伤、走失）：${recentEvents} 次${threshold ? `；${threshold} 次及以上时等级上调一级` : ''}${preview.rules?.stackRaises ? '（与痴呆或精神障碍诊断可各上调一级）' : ''}。`,
                `Care-risk events in the last 30 days: ${recentEvents}${threshold ? `; ${threshold} or more raise the level by one` : ''}${preview.rules?.stackRaises ? ' (on top of a diagnosis raise)' : ''}.`,
              )}
            </Typography.Text>
          </Space>
        </Card>
        <Form.Item name="note" label={t('评估备注', 'Note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Col>
      <Col xs={24} lg={7}>
        <Affix offsetTop={16}>
          <Card
            size="small"
            title={t('评估结果（自动计算）', 'Result (calculated)')}
            data-testid="ability-summary"
          >
            <Descriptions column={1} size="small">
              {abilityDimensions.map((d) => (
                <Descriptions.Item key={d} label={abilityDimensionInfo[d].name}>
                  {subtotals[d]} / {abilityDimensionInfo[d].max}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('总分', 'Total')}>
                <Typography.Text strong data-testid="ability-total">
                  {runningTotal} / {abilityMaxTotal}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            {result && category ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>
                  {t('能力等级：', 'Level: ')}
                  <Tag color={abilityLevelColors[result.level].color} data-testid="ability-level">
                    {label(abilityLevelLabels[result.level])}
                  </Tag>
                </div>
                {result.level !== result.baseLevel && (
                  <Typography.Text type="secondary">
                    {t(
                      `按总分为「${abilityLevelLabels[result.baseLevel].zh}」，已调整`,
                      `By total: ${abilityLevelLabels[result.baseLevel].en}; adjusted`,
                    )}
                  </Typography.Text>
                )}
                {result.adjustmentReasons.map((r) => (
                  <Typography.Text key={r} type="warning">
                    {r}
                  </Typography.Text>
                ))}
                <div>
                  {t('护理类别：', 'Care category: ')}
                  <Tag color={careCategoryLabels[category].color} data-testid="ability-category">
                    {label(careCategoryLabels[category])}
                  </Tag>
                </div>
              </Space>
            ) : complete ? (
              <Typography.Text type="secondary">
                {t('正在读取本机构的评估规则…', 'Loading the institution’s rules…')}
              </Typography.Text>
            ) : (
              <Alert
                type="info"
                showIcon
                title={t(
                  `还有 ${abilityItems.length - answered} 项未评分`,
                  `${abilityItems.length - answered} items left`,
                )}
                description={
                  <a
                    onClick={() => {
                      const first = abilityItems.find((i) => scores[i.key] === undefined);
                      if (first)
                        document
                          .getElementById(`ability-item-${first.key}`)
                          ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
                    }}
                  >
                    {t('跳到第一项未评分', 'Go to the first unscored item')}
                  </a>
                }
              />
            )}
          </Card>
        </Affix>
      </Col>
    </Row>
  );
}

// ---------------------------------------------------------------- nine risks (GB 38600)

export interface RiskItemFormValue {
  level?: NineRiskLevel;
  picked?: string[];
  custom?: string[];
  note?: string;
}

export interface RiskFormValues {
  assessedOn: Dayjs;
  assessorIds: number[];
  items: Partial<Record<NineRiskKey, RiskItemFormValue>>;
  informed: boolean;
  guardianName?: string;
  guardianRelation?: string;
  informedOn?: Dayjs;
}

export type RiskDraft = Omit<RiskFormValues, 'assessedOn' | 'informedOn'> & {
  assessedOn: string;
  informedOn?: string;
};

export function riskToDraft(v: RiskFormValues): RiskDraft {
  return { ...v, assessedOn: toDateString(v.assessedOn) ?? '', informedOn: toDateString(v.informedOn) };
}
export function draftToRisk(d: RiskDraft): RiskFormValues {
  const { informedOn: informedText, assessedOn, ...rest } = d;
  const informedOn = fromDateString(informedText);
  return {
    ...rest,
    assessedOn: fromDateString(assessedOn) ?? serverDay(),
    ...(informedOn ? { informedOn } : {}),
  };
}

export function riskInput(
  residentId: number,
  v: RiskFormValues | RiskDraft,
): InputOf<'assessments.recordRisks'> {
  const asDate = (d: Dayjs | string | undefined) => (typeof d === 'string' ? d : (toDateString(d) ?? ''));
  const items = Object.fromEntries(
    nineRiskKeys.map((key) => {
      const item = v.items[key] ?? {};
      const measures = [
        ...new Set([...(item.picked ?? []), ...(item.custom ?? []).map((m) => m.trim()).filter(Boolean)]),
      ];
      return [
        key,
        { level: item.level ?? 'none', measures, ...(item.note?.trim() ? { note: item.note.trim() } : {}) },
      ];
    }),
  ) as InputOf<'assessments.recordRisks'>['items'];
  return {
    residentId,
    assessedOn: asDate(v.assessedOn),
    items,
    guardianInformed: v.informed
      ? { name: v.guardianName ?? '', relation: v.guardianRelation ?? '', informedOn: asDate(v.informedOn) }
      : null,
    assessorIds: v.assessorIds,
  };
}

export function riskDefaults(
  userId: number,
  guardian?: { name: string; relation: string },
): Partial<RiskFormValues> {
  return {
    assessedOn: serverDay(),
    assessorIds: [userId],
    items: {},
    informed: Boolean(guardian),
    ...(guardian
      ? { guardianName: guardian.name, guardianRelation: guardian.relation, informedOn: serverDay() }
      : {}),
  };
}

export function RiskFields({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const label = useLabel();
  const items = Form.useWatch<RiskFormValues['items'] | undefined>('items', form) ?? {};
  const informed = Form.useWatch<boolean | undefined>('informed', form);
  const assessorRules = useAssessorRules();
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <DateField
            name="assessedOn"
            label={t('评估日期', 'Assessed on')}
            message={t('请选择评估日期', 'Choose the date')}
          />
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="assessorIds" label={t('评估人员', 'Assessors')} rules={assessorRules}>
            <AssessorSelect max={5} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        {nineRiskKeys.map((key) => {
          const info = nineRiskItems[key];
          const Icon = riskIcons[key];
          const level = items[key]?.level;
          const needsMeasures = level === 'medium' || level === 'high';
          return (
            <Col xs={24} xl={12} key={key}>
              <Card
                size="small"
                role="group"
                aria-label={info.zh}
                title={
                  <Space>
                    <Icon style={{ color: level ? nineRiskLevelLabels[level].hex : undefined }} />
                    {label(info)}
                  </Space>
                }
                style={{
                  borderColor: level && level !== 'none' ? nineRiskLevelLabels[level].hex : undefined,
                }}
              >
                <Form.Item
                  name={['items', key, 'level']}
                  label={t('风险等级', 'Risk level')}
                  rules={[
                    {
                      required: true,
                      message: t(`请为「${info.zh}」选择风险等级`, `Choose a level for ${info.en}`),
                    },
                  ]}
                  style={{ marginBottom: 8 }}
                >
                  <Radio.Group optionType="button" buttonStyle="solid" className="risk-level-group">
                    {nineRiskLevels.map((l) => (
                      <Radio.Button
                        key={l}
                        value={l}
                        className={`risk-opt-${l}`}
                        style={{ minWidth: 48, textAlign: 'center' }}
                      >
                        {label({ zh: nineRiskLevelLabels[l].zh, en: nineRiskLevelLabels[l].en })}
                      </Radio.Button>
                    ))}
                  </Radio.Group>
                </Form.Item>
                {level && level !== 'none' && (
                  <>
                    <Form.Item
                      name={['items', key, 'picked']}
                      label={t('防护措施', 'Protective measures')}
                      required={needsMeasures}
                      dependencies={[
                        ['items', key, 'level'],
                        ['items', key, 'custom'],
                      ]}
                      rules={[
                        {
                          validator: async (_r, picked: string[] | undefined) => {
                            const custom =
                              (form.getFieldValue(['items', key, 'custom']) as string[] | undefined) ?? [];
                            if (needsMeasures && (picked ?? []).length + custom.length === 0) {
                              throw new Error(
                                t(
                                  `「${info.zh}」为${nineRiskLevelLabels[level].zhLong}，请至少选择一项防护措施`,
                                  'Choose at least one measure',
                                ),
                              );
                            }
                          },
                        },
                      ]}
                      style={{ marginBottom: 8 }}
                    >
                      <Checkbox.Group>
                        <Space orientation="vertical" size={2}>
                          {info.measures.map((m) => (
                            <Checkbox key={m} value={m}>
                              {m}
                            </Checkbox>
                          ))}
                        </Space>
                      </Checkbox.Group>
                    </Form.Item>
                    <Form.Item
                      name={['items', key, 'custom']}
                      label={t('其他措施（输入后按回车）', 'Other measures (Enter to add)')}
                      style={{ marginBottom: 0 }}
                    >
                      <Select mode="tags" open={false} suffixIcon={null} />
                    </Form.Item>
                  </>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small" title={t('告知监护人/家属', 'Guardian informed')} style={{ marginTop: 16 }}>
        <Form.Item
          name="informed"
          valuePropName="checked"
          label={t('已将风险及防护措施告知监护人或家属', 'Guardian has been told')}
        >
          <Switch />
        </Form.Item>
        {informed && (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="guardianName"
                label={t('被告知人姓名', 'Name')}
                rules={[
                  { required: true, whitespace: true, message: t('请填写被告知人姓名', 'Enter a name') },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="guardianRelation"
                label={t('与老人的关系', 'Relation')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('请填写与老人的关系', 'Enter the relation'),
                  },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="informedOn"
                label={t('告知日期', 'Informed on')}
                dependencies={['assessedOn']}
                rules={[
                  { required: true, message: t('请选择告知日期', 'Choose the date') },
                  notBefore('assessedOn', t('告知日期不能早于评估日期', 'Cannot be before the assessment')),
                ]}
              >
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>
    </>
  );
}
