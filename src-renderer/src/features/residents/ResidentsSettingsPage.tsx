import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tooltip,
  Typography,
  type FormInstance,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  abilityLevelLabels,
  abilityLevels,
  careCategories,
  careCategoryLabels,
  defaultCareCategoryMapping,
  type AbilityLevel,
  type CareCategory,
  type CareCategoryMapping,
} from '../../../../src-main/shared/assessment/ability';
import type { ResidentsConfig } from '../../../../src-main/shared/contract/residents';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { CareCategoryTag, validateOrScroll } from './common';
import { residentQueries } from './LifecycleDialogs';
import './residents.css';

/** A grade row on screen: `saved` grades keep their short name, which residents and prices refer to. */
interface GradeRow {
  key: string;
  name: string;
  saved: boolean;
}

interface RoomClassRow {
  name: string;
  inUse: boolean;
}

interface SettingsValues {
  careGrades: GradeRow[];
  categoryGrade: Record<CareCategory, string>;
  careCategoryMapping: CareCategoryMapping;
  roomClasses: RoomClassRow[];
  admissionAssessmentMaxAgeDays: number | null;
  reassessmentMonths: number | null;
  archiveRetentionYears: number | null;
  careRiskEventThreshold?: number | null;
  stackRaises?: boolean;
  minAssessors?: 1 | 2;
}

const MAX_GRADES = 12;
const MAX_ROOM_CLASSES = 20;

/** 系统 → 护理等级与评估规则: the residents module's settings (`residents.getConfig` / `updateConfig`). */
export function ResidentsSettingsPage() {
  const { t } = useI18n();
  const config = useProcedure('residents.getConfig', {});
  // Room classes that rooms use cannot be renamed or removed; the board says which ones.
  const board = useProcedure('beds.board', {});
  const inUse = useMemo(() => {
    const set = new Set<string>();
    for (const b of board.data?.buildings ?? [])
      for (const f of b.floors) for (const r of f.rooms) set.add(r.roomClass);
    return set;
  }, [board.data]);
  return (
    <div>
      <Typography.Title level={3}>
        {t('护理等级与评估规则', 'Care grades and assessment rules')}
      </Typography.Title>
      <QueryView query={config}>
        {(c) => (
          // Re-mount when the stored config or the rooms change, so the form starts from what is saved.
          <SettingsForm
            key={`${JSON.stringify(c)}|${[...inUse].join()}`}
            config={c}
            roomClassesInUse={inUse}
          />
        )}
      </QueryView>
    </div>
  );
}

function toValues(c: ResidentsConfig, roomClassesInUse: Set<string>): SettingsValues {
  return {
    careGrades: c.careGrades.map((g) => ({ ...g, saved: true })),
    categoryGrade: { ...c.categoryGrade },
    careCategoryMapping: { ...c.careCategoryMapping },
    roomClasses: c.roomClasses.map((name) => ({ name, inUse: roomClassesInUse.has(name) })),
    admissionAssessmentMaxAgeDays: c.admissionAssessmentMaxAgeDays,
    reassessmentMonths: c.reassessmentMonths,
    archiveRetentionYears: c.archiveRetentionYears,
    ...(c.careRiskEventThreshold !== undefined ? { careRiskEventThreshold: c.careRiskEventThreshold } : {}),
    ...(c.stackRaises !== undefined ? { stackRaises: c.stackRaises } : {}),
    ...(c.minAssessors !== undefined ? { minAssessors: c.minAssessors } : {}),
  };
}

/** A whole number within [min, max], checked as the user types, with the range in the message. */
function wholeNumber(min: number, max: number, message: string): Rule[] {
  return [
    { required: true, message },
    {
      validator: async (_r, v: unknown) => {
        if (v === null || v === undefined || v === '') return;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Error(message);
      },
    },
  ];
}

function SettingsForm({
  config,
  roomClassesInUse,
}: {
  config: ResidentsConfig;
  roomClassesInUse: Set<string>;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const save = useMutate('residents.updateConfig', ['residents.getConfig', ...residentQueries]);
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  // The save button is at the foot of a long page; bring the reason into view.
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [problem]);
  const initial = useMemo(() => toValues(config, roomClassesInUse), [config, roomClassesInUse]);
  const hasAdjustmentRules = config.careRiskEventThreshold !== undefined;
  const hasStackRaises = config.stackRaises !== undefined;
  const hasMinAssessors = config.minAssessors !== undefined;

  async function run(values: SettingsValues, mappingChanged: boolean) {
    setProblem(null);
    try {
      await save.mutateAsync({
        careGrades: values.careGrades.map((g) => ({ key: g.key.trim(), name: g.name.trim() })),
        categoryGrade: values.categoryGrade,
        careCategoryMapping: values.careCategoryMapping,
        roomClasses: values.roomClasses.map((r) => r.name.trim()),
        admissionAssessmentMaxAgeDays: values.admissionAssessmentMaxAgeDays!,
        reassessmentMonths: values.reassessmentMonths!,
        archiveRetentionYears: values.archiveRetentionYears!,
        ...(hasAdjustmentRules && values.careRiskEventThreshold != null
          ? { careRiskEventThreshold: values.careRiskEventThreshold }
          : {}),
        ...(hasStackRaises ? { stackRaises: Boolean(values.stackRaises) } : {}),
        ...(hasMinAssessors && values.minAssessors ? { minAssessors: values.minAssessors } : {}),
      });
      void message.success(
        mappingChanged
          ? t(
              '设置已保存。已按新的对应关系重新确定每一位已评估老人的护理类别和护理等级。',
              'Saved. Every assessed resident’s care category was derived again.',
            )
          : t('设置已保存，立即生效。', 'Saved; applies at once.'),
        6,
      );
    } catch (error) {
      applyFieldErrors(form, error);
      setProblem((error as Error).message);
    }
  }

  async function submit() {
    const values = await validateOrScroll(form);
    if (!values) {
      void message.error(
        t('有填写不正确的地方（已标红），请按提示修改后再保存。', 'Fix the fields marked in red.'),
      );
      return;
    }
    const mappingChanged = abilityLevels.some(
      (l) => values.careCategoryMapping[l] !== config.careCategoryMapping[l],
    );
    if (!mappingChanged) return run(values, false);
    modal.confirm({
      title: t('确认修改能力等级与护理类别的对应关系？', 'Change the level → category mapping?'),
      content: t(
        '保存后，系统会按新的对应关系重新确定每一位已评估老人的护理类别，他们的护理等级（和收费、排班）随之变化；单独调整过护理等级的老人保持原等级。',
        'Every assessed resident’s category is derived again; grades (and billing, staffing) follow.',
      ),
      okText: t('确认保存', 'Save'),
      cancelText: t('返回修改', 'Go back'),
      onOk: () => run(values, true),
    });
  }

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={() => void submit()}
      className="residents-settings"
    >
      <div ref={problemRef} />
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setProblem(null) }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <GradesCard form={form} />
            <CategoryGradeCard form={form} />
            <RoomClassesCard />
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <MappingCard form={form} />
            <Card title={t('能力评估规则', 'Assessment rules')}>
              <Form.Item
                name="admissionAssessmentMaxAgeDays"
                label={t('入住前评估的有效期', 'Assessments valid for admission')}
                extra={t(
                  '办理入住时，能力评估和九防评估须在这么多天内完成，否则须重新评估。',
                  'Admission needs both assessments done within this many days.',
                )}
                rules={wholeNumber(
                  1,
                  365,
                  t('请填写 1–365 之间的整数天数', 'Enter whole days between 1 and 365'),
                )}
              >
                <InputNumber size="large" suffix={t('天', 'days')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item
                name="reassessmentMonths"
                label={t('常规复评间隔', 'Routine reassessment every')}
                extra={t(
                  '距上次能力评估满这么多个月，老人出现在「待评估」名单里。',
                  'Residents show up as due after this many months.',
                )}
                rules={wholeNumber(1, 36, t('请填写 1–36 之间的整数月数', 'Enter whole months, 1–36'))}
              >
                <InputNumber size="large" suffix={t('个月', 'months')} style={{ width: 200 }} />
              </Form.Item>
              {hasAdjustmentRules && (
                <Form.Item
                  name="careRiskEventThreshold"
                  label={t('照护风险事件达到几次上调能力等级', 'Care-risk events that raise the level')}
                  extra={t(
                    '近 30 天内跌倒、噎食、自伤/自杀、走失累计达到这个次数，下次能力评估时能力等级上调一级（GB/T 42195-2022 为 2 次）。',
                    'Falls, choking, self-harm or wandering in 30 days; the standard says 2.',
                  )}
                  rules={wholeNumber(1, 10, t('请填写 1–10 之间的整数次数', 'Enter a whole number, 1–10'))}
                >
                  <InputNumber size="large" suffix={t('次', 'times')} style={{ width: 200 }} />
                </Form.Item>
              )}
              {hasStackRaises && (
                <Form.Item
                  name="stackRaises"
                  valuePropName="checked"
                  label={t('诊断和风险事件同时存在时上调两级', 'Diagnosis and events each raise a level')}
                  extra={t(
                    '关闭（默认）：痴呆/精神障碍和照护风险事件同时存在时只上调一级；打开：各上调一级，共两级。最高到完全失能。',
                    'Off (default): at most one level in total. On: one level each, two at most.',
                  )}
                >
                  <Switch checkedChildren={t('两级', 'Two')} unCheckedChildren={t('一级', 'One')} />
                </Form.Item>
              )}
              {hasMinAssessors && (
                <Form.Item
                  name="minAssessors"
                  label={t('每次评估的评估人员', 'Assessors per assessment')}
                  extra={t(
                    'GB/T 42195-2022 要求由 2 名经培训的评估人员共同评估。评估人员须是有“录入评估”权限的在用账号，录入人须是其中之一。',
                    'The standard asks for two trained assessors. Each must be an active user allowed to assess; whoever records must be one of them.',
                  )}
                >
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 1, label: t('至少 1 名', 'At least 1') },
                      { value: 2, label: t('2 名（按国标）', '2 (as the standard)') },
                    ]}
                  />
                </Form.Item>
              )}
            </Card>
            <Card title={t('档案保存', 'Records')}>
              <Form.Item
                name="archiveRetentionYears"
                label={t('退住后档案保存年限', 'Keep records after discharge for')}
                extra={t(
                  '满期后管理员才能销毁档案（须确认并留有审计记录）。不能少于 5 年。',
                  'Only then can an administrator purge a record. At least 5 years.',
                )}
                rules={wholeNumber(
                  5,
                  50,
                  t('档案至少保存 5 年，请填写 5–50 之间的整数年数', 'At least 5 years (5–50)'),
                )}
              >
                <InputNumber size="large" suffix={t('年', 'years')} style={{ width: 200 }} />
              </Form.Item>
            </Card>
          </Space>
        </Col>
      </Row>
      <Form.Item shouldUpdate noStyle>
        {() => (
          // Only unsaved changes keep the bar on screen; otherwise it waits at the end of the page
          // and covers nothing.
          <div
            className={
              form.isFieldsTouched() ? 'residents-settings-footer is-dirty' : 'residents-settings-footer'
            }
            data-testid="settings-save-bar"
          >
            <Space>
              <Button type="primary" size="large" htmlType="submit" loading={save.isPending}>
                {t('保存设置', 'Save settings')}
              </Button>
              <Button
                size="large"
                disabled={!form.isFieldsTouched()}
                onClick={() => {
                  form.resetFields();
                  setProblem(null);
                }}
              >
                {t('撤销未保存的修改', 'Discard changes')}
              </Button>
              {form.isFieldsTouched() && (
                <Typography.Text type="warning">{t('有未保存的修改', 'Unsaved changes')}</Typography.Text>
              )}
            </Space>
          </div>
        )}
      </Form.Item>
    </Form>
  );
}

function GradesCard({ form }: { form: FormInstance<SettingsValues> }) {
  const { t } = useI18n();
  return (
    <Card title={t('护理等级', 'Care grades')}>
      <Typography.Paragraph type="secondary">
        {t(
          '机构自己定价的护理等级，按这里的顺序显示。「简称」出现在老人名单、卡片和账单上，已保存的简称不能再改（老人和收费标准按简称对应）；要改名请改「全称」。',
          'Grades in display order. Saved short names cannot change; rename the full name instead.',
        )}
      </Typography.Paragraph>
      <Form.List
        name="careGrades"
        rules={[
          {
            validator: async (_r, rows: GradeRow[] | undefined) => {
              if (!rows || rows.length === 0)
                throw new Error(t('至少保留一个护理等级', 'Keep at least one grade'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <div role="list" aria-label={t('护理等级列表', 'Care grades')}>
            {fields.map((field, i) => {
              const saved = Boolean(form.getFieldValue(['careGrades', field.name, 'saved']));
              return (
                <div key={field.key} role="listitem" className="settings-row">
                  <span className="settings-row-no">{i + 1}</span>
                  <Form.Item
                    name={[field.name, 'key']}
                    style={{ width: 150, marginBottom: 8 }}
                    rules={[
                      { required: true, whitespace: true, message: t('请填写简称', 'Enter a short name') },
                      { max: 20, message: t('简称最多 20 个字', 'At most 20 characters') },
                      ({ getFieldValue }) => ({
                        validator: async (_r, v: string | undefined) => {
                          // A locked row cannot be changed, so the clash is reported on the new one.
                          if (getFieldValue(['careGrades', field.name, 'saved'])) return;
                          const all = (getFieldValue('careGrades') as GradeRow[]).map((g) =>
                            (g?.key ?? '').trim(),
                          );
                          const mine = (v ?? '').trim();
                          if (mine && all.filter((k) => k === mine).length > 1)
                            throw new Error(t(`简称「${mine}」重复了，请换一个`, `"${mine}" is used twice`));
                        },
                      }),
                    ]}
                    dependencies={fields
                      .filter((f) => f.key !== field.key)
                      .map((f) => ['careGrades', f.name, 'key'])}
                  >
                    <Input
                      size="large"
                      maxLength={20}
                      disabled={saved}
                      placeholder={t('如：专护', 'e.g. Special')}
                      aria-label={t(`第 ${i + 1} 个护理等级简称`, `Grade ${i + 1} short name`)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    style={{ flex: 1, marginBottom: 8 }}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('请填写护理等级全称', 'Enter the name'),
                      },
                      { max: 20, message: t('全称最多 20 个字', 'At most 20 characters') },
                    ]}
                  >
                    <Input
                      size="large"
                      maxLength={20}
                      placeholder={t('如：专级护理', 'e.g. Special care')}
                      aria-label={t(`第 ${i + 1} 个护理等级全称`, `Grade ${i + 1} name`)}
                    />
                  </Form.Item>
                  <Space size={4} style={{ marginBottom: 8 }}>
                    <Tooltip title={t('上移', 'Move up')}>
                      <Button
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                        aria-label={t(`第 ${i + 1} 个护理等级上移`, `Move grade ${i + 1} up`)}
                      />
                    </Tooltip>
                    <Tooltip title={t('下移', 'Move down')}>
                      <Button
                        icon={<ArrowDownOutlined />}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                        aria-label={t(`第 ${i + 1} 个护理等级下移`, `Move grade ${i + 1} down`)}
                      />
                    </Tooltip>
                    <Tooltip title={t('删除', 'Remove')}>
                      <Button
                        danger
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => {
                          remove(field.name);
                          // The category defaults may have pointed at it; show that at once.
                          void form
                            .validateFields([
                              ['categoryGrade', 'selfCare'],
                              ['categoryGrade', 'partlyDependent'],
                              ['categoryGrade', 'dependent'],
                            ])
                            .catch(() => undefined);
                        }}
                        aria-label={t(`删除第 ${i + 1} 个护理等级`, `Remove grade ${i + 1}`)}
                      />
                    </Tooltip>
                  </Space>
                </div>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= MAX_GRADES}
              onClick={() => add({ key: '', name: '', saved: false })}
              style={{ marginTop: 4 }}
            >
              {fields.length >= MAX_GRADES
                ? t(`最多 ${MAX_GRADES} 个护理等级`, `At most ${MAX_GRADES} grades`)
                : t('添加护理等级', 'Add a grade')}
            </Button>
          </div>
        )}
      </Form.List>
    </Card>
  );
}

function CategoryGradeCard({ form }: { form: FormInstance<SettingsValues> }) {
  const { t } = useI18n();
  const label = useLabel();
  const grades = (Form.useWatch('careGrades', form) ?? []) as GradeRow[];
  const options = grades
    .filter((g) => g && g.key?.trim())
    .map((g) => ({
      value: g.key.trim(),
      label: g.name?.trim() ? `${g.name.trim()}（${g.key.trim()}）` : g.key,
    }));
  return (
    <Card title={t('护理类别对应的默认护理等级', 'Default grade per care category')}>
      <Typography.Paragraph type="secondary">
        {t(
          '老人按护理类别自动得到这里的护理等级；个别老人可在老人卡片「更多 → 调整护理等级」里单独调整（须填写原因）。',
          'Residents get this grade from their category unless set individually on their card.',
        )}
      </Typography.Paragraph>
      {careCategories.map((c) => (
        <Form.Item
          key={c}
          name={['categoryGrade', c]}
          layout="horizontal"
          labelCol={{ flex: '150px' }}
          colon={false}
          label={
            <Space size={4}>
              <CareCategoryTag category={c} />
              {t('的老人默认为', 'residents get')}
            </Space>
          }
          dependencies={['careGrades']}
          rules={[
            { required: true, message: t('请选择护理等级', 'Choose a grade') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (!v) return;
                const keys = ((getFieldValue('careGrades') as GradeRow[]) ?? []).map((g) => g?.key?.trim());
                if (!keys.includes(v))
                  throw new Error(
                    t(
                      `「${v}」已不在护理等级列表中，请为${label(careCategoryLabels[c])}重新选择`,
                      `"${v}" is no longer a grade; choose again`,
                    ),
                  );
              },
            }),
          ]}
        >
          <Select
            size="large"
            options={options}
            style={{ maxWidth: 320 }}
            aria-label={t(
              `${careCategoryLabels[c].zh}默认护理等级`,
              `${careCategoryLabels[c].en} default grade`,
            )}
          />
        </Form.Item>
      ))}
    </Card>
  );
}

function MappingCard({ form }: { form: FormInstance<SettingsValues> }) {
  const { t } = useI18n();
  const label = useLabel();
  const levelName = (l: AbilityLevel) => label(abilityLevelLabels[l]);
  return (
    <Card
      title={t('能力等级对应的护理类别', 'Ability level → care category')}
      extra={
        <Button
          onClick={() => {
            form.setFieldsValue({ careCategoryMapping: { ...defaultCareCategoryMapping } });
            void form.validateFields(abilityLevels.map((l) => ['careCategoryMapping', l]));
          }}
        >
          {t('恢复国家标准默认', 'Restore the default')}
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('默认对应关系（GB/T 42195-2022 能力等级）', 'Default (GB/T 42195-2022 levels)')}
        description={t(
          '能力完好 → 自理；轻度失能、中度失能 → 半失能；重度失能、完全失能 → 失能。',
          'Intact → self-care; mild, moderate → partly dependent; severe, complete → dependent.',
        )}
      />
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 24 }}
        title={t(
          '修改对应关系后，每一位已评估老人的护理类别都会按新的对应关系重新确定，护理等级随之变化（单独调整过护理等级的老人除外）。',
          'Changing this derives every assessed resident’s category again; grades follow.',
        )}
      />
      {abilityLevels.map((level, i) => (
        <Form.Item
          key={level}
          name={['careCategoryMapping', level]}
          label={levelName(level)}
          layout="horizontal"
          labelCol={{ flex: '96px' }}
          colon={false}
          dependencies={abilityLevels.filter((l) => l !== level).map((l) => ['careCategoryMapping', l])}
          rules={[
            { required: true, message: t('请选择护理类别', 'Choose a category') },
            ({ getFieldValue }) => ({
              // Less able never means lighter care: a mapping that says so is a slip of the mouse.
              validator: async (_r, v: CareCategory | undefined) => {
                if (!v || i === 0) return;
                const above = abilityLevels[i - 1]!;
                const prev = getFieldValue(['careCategoryMapping', above]) as CareCategory | undefined;
                if (prev && careCategories.indexOf(v) < careCategories.indexOf(prev))
                  throw new Error(
                    t(
                      `${levelName(level)}的护理类别不能比${levelName(above)}（${label(careCategoryLabels[prev])}）更轻`,
                      `Cannot be lighter than ${levelName(above)}`,
                    ),
                  );
              },
            }),
          ]}
        >
          <Select
            size="large"
            style={{ maxWidth: 320 }}
            aria-label={t(`${abilityLevelLabels[level].zh}对应的护理类别`, `${abilityLevelLabels[level].en}`)}
            options={careCategories.map((c) => ({
              value: c,
              label: <CareCategoryTag category={c} />,
              title: label(careCategoryLabels[c]),
            }))}
          />
        </Form.Item>
      ))}
    </Card>
  );
}

function RoomClassesCard() {
  const { t } = useI18n();
  return (
    <Card title={t('房型', 'Room classes')}>
      <Typography.Paragraph type="secondary">
        {t(
          '批量创建床位和收费标准里可选的房型。已有房间在用的房型不能改名或删除。',
          'Room classes for rooms and prices. Ones in use cannot be renamed or removed.',
        )}
      </Typography.Paragraph>
      <Form.List
        name="roomClasses"
        rules={[
          {
            validator: async (_r, rows: RoomClassRow[] | undefined) => {
              if (!rows || rows.length === 0) throw new Error(t('至少保留一种房型', 'Keep at least one'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div role="list" aria-label={t('房型列表', 'Room classes')}>
            {fields.map((field, i) => (
              <Form.Item key={field.key} noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const inUse = Boolean(getFieldValue(['roomClasses', field.name, 'inUse']));
                  return (
                    <div role="listitem" className="settings-row">
                      <span className="settings-row-no">{i + 1}</span>
                      <Form.Item
                        name={[field.name, 'name']}
                        style={{ flex: 1, marginBottom: 8 }}
                        dependencies={fields
                          .filter((f) => f.key !== field.key)
                          .map((f) => ['roomClasses', f.name, 'name'])}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('请填写房型名称，如：双人间', 'Enter a room class'),
                          },
                          { max: 20, message: t('房型名称最多 20 个字', 'At most 20 characters') },
                          ({ getFieldValue: get }) => ({
                            validator: async (_r, v: string | undefined) => {
                              if (inUse) return;
                              const mine = (v ?? '').trim();
                              const all = ((get('roomClasses') as RoomClassRow[]) ?? []).map((r) =>
                                (r?.name ?? '').trim(),
                              );
                              if (mine && all.filter((n) => n === mine).length > 1)
                                throw new Error(t(`房型「${mine}」重复了`, `"${mine}" is listed twice`));
                            },
                          }),
                        ]}
                      >
                        <Input
                          size="large"
                          maxLength={20}
                          disabled={inUse}
                          aria-label={t(`第 ${i + 1} 种房型`, `Room class ${i + 1}`)}
                        />
                      </Form.Item>
                      <Tooltip
                        title={
                          inUse ? t('有房间在使用这种房型，不能删除', 'In use by rooms') : t('删除', 'Remove')
                        }
                      >
                        <Button
                          danger
                          icon={<DeleteOutlined />}
                          disabled={inUse || fields.length <= 1}
                          onClick={() => remove(field.name)}
                          style={{ marginBottom: 8 }}
                          aria-label={t(`删除第 ${i + 1} 种房型`, `Remove room class ${i + 1}`)}
                        />
                      </Tooltip>
                    </div>
                  );
                }}
              </Form.Item>
            ))}
            <Form.ErrorList errors={errors} />
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= MAX_ROOM_CLASSES}
              onClick={() => add({ name: '', inUse: false })}
              style={{ marginTop: 4 }}
            >
              {t('添加房型', 'Add a room class')}
            </Button>
          </div>
        )}
      </Form.List>
    </Card>
  );
}
