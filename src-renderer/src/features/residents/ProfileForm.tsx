import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  maritalStatuses,
  maritalStatusLabels,
  type ResidentDetail,
  type ResidentProfileInput,
} from '../../../../src-main/shared/contract/residents';
import {
  idTypeLabels,
  idTypes,
  sexLabels,
  validateDocumentNumber,
  type IdType,
  type Sex,
} from '../../../../src-main/shared/id-number';
import {
  supportTypeLabels,
  supportTypes,
  type SupportType,
} from '../../../../src-main/shared/residents/lifecycle';
import { useI18n, useLabel } from '../../i18n';
import { fromDateString, todayLocal, toDateString } from '../../lib/dates';

export interface ContactFormValue {
  name: string;
  relation: string;
  phone1: string;
  phone2?: string;
  isGuardian?: boolean;
  isEmergency?: boolean;
}

/** What the profile form holds; dates as dayjs for the pickers, phones as two plain boxes. */
export interface ProfileFormValues {
  name: string;
  idType: IdType;
  idNumber: string;
  birthDate?: Dayjs;
  sex?: Sex;
  phone?: string;
  nativePlace?: string;
  ethnicity?: string;
  maritalStatus?: (typeof maritalStatuses)[number];
  education?: string;
  formerOccupation?: string;
  insuranceType?: string;
  insuranceNumber?: string;
  supportType: SupportType;
  diagnoses?: string[];
  allergies?: string[];
  dietRestrictions?: string[];
  contacts?: ContactFormValue[];
  notes?: string;
}

/** JSON-safe form of the values, for drafts. */
export type ProfileDraft = Omit<ProfileFormValues, 'birthDate'> & { birthDate?: string };

const emptyToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function profileToInput(v: ProfileFormValues | ProfileDraft): ResidentProfileInput {
  const birthDate = typeof v.birthDate === 'string' ? v.birthDate : toDateString(v.birthDate);
  const needsBirth = v.idType !== 'resident' && v.idType !== 'hkMacauTaiwanResidence';
  return {
    name: v.name.trim(),
    idType: v.idType,
    idNumber: v.idNumber.trim(),
    ...(needsBirth && birthDate ? { birthDate } : {}),
    ...(needsBirth && v.sex ? { sex: v.sex } : {}),
    phone: emptyToUndefined(v.phone),
    nativePlace: emptyToUndefined(v.nativePlace),
    ethnicity: emptyToUndefined(v.ethnicity),
    ...(v.maritalStatus ? { maritalStatus: v.maritalStatus } : {}),
    education: emptyToUndefined(v.education),
    formerOccupation: emptyToUndefined(v.formerOccupation),
    insuranceType: emptyToUndefined(v.insuranceType),
    insuranceNumber: emptyToUndefined(v.insuranceNumber),
    supportType: v.supportType,
    diagnoses: v.diagnoses ?? [],
    allergies: v.allergies ?? [],
    dietRestrictions: v.dietRestrictions ?? [],
    contacts: (v.contacts ?? []).map((c) => ({
      name: c.name.trim(),
      relation: c.relation.trim(),
      phones: [c.phone1, c.phone2].map((p) => (p ?? '').trim()).filter((p) => p.length > 0),
      isGuardian: Boolean(c.isGuardian),
      isEmergency: c.isEmergency ?? true,
    })),
    notes: emptyToUndefined(v.notes),
  };
}

export function profileToDraft(v: ProfileFormValues): ProfileDraft {
  return { ...v, birthDate: toDateString(v.birthDate) };
}

export function draftToProfile(d: ProfileDraft): ProfileFormValues {
  const { birthDate, ...rest } = d;
  const date = fromDateString(birthDate);
  return { ...rest, ...(date ? { birthDate: date } : {}) };
}

export function detailToProfile(r: ResidentDetail): ProfileFormValues {
  const date = fromDateString(r.birthDate);
  return {
    name: r.name,
    idType: r.idType,
    // The full number never comes with the record; the core keeps it when this is left unchanged.
    idNumber: '',
    ...(date ? { birthDate: date } : {}),
    ...(r.sex ? { sex: r.sex } : {}),
    phone: r.phone,
    nativePlace: r.nativePlace,
    ethnicity: r.ethnicity,
    ...(r.maritalStatus ? { maritalStatus: r.maritalStatus } : {}),
    education: r.education,
    formerOccupation: r.formerOccupation,
    insuranceType: r.insuranceType,
    insuranceNumber: r.insuranceNumber,
    supportType: r.supportType,
    diagnoses: r.diagnoses,
    allergies: r.allergies,
    dietRestrictions: r.dietRestrictions,
    contacts: r.contacts.map((c) => ({
      name: c.name,
      relation: c.relation,
      phone1: c.phones[0] ?? '',
      ...(c.phones[1] ? { phone2: c.phones[1] } : {}),
      isGuardian: c.isGuardian,
      isEmergency: c.isEmergency,
    })),
    notes: r.notes,
  };
}

const phonePattern = /^[0-9+\-() ]{5,20}$/;

/**
 * The resident's profile fields, inside a caller's `Form`. `idOptional` is for editing, where an
 * empty number means "keep the one on file".
 */
export function ProfileFields({ form, idOptional = false }: { form: FormInstance; idOptional?: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const idType = Form.useWatch<IdType | undefined>('idType', form) ?? 'resident';
  const idNumber = Form.useWatch<string | undefined>('idNumber', form) ?? '';
  const derived = idNumber.trim() ? validateDocumentNumber(idType, idNumber, todayLocal()) : null;
  const carriesBirth = idType === 'resident' || idType === 'hkMacauTaiwanResidence';

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="name"
            label={t('姓名', 'Name')}
            rules={[
              { required: true, whitespace: true, message: t('请填写老人姓名', "Enter the resident's name") },
              { max: 40, message: t('姓名最多 40 个字', 'At most 40 characters') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="idType" label={t('证件类型', 'ID type')} rules={[{ required: true }]}>
            <Select options={idTypes.map((k) => ({ value: k, label: label(idTypeLabels[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="idNumber"
            label={t('证件号码', 'ID number')}
            // The rule is a validator, so antd would not mark the field required by itself.
            required={!idOptional}
            dependencies={['idType']}
            validateFirst
            extra={
              derived?.ok && derived.birthDate
                ? t(
                    `出生日期 ${derived.birthDate}，${derived.sex ? sexLabels[derived.sex].zh : ''}`,
                    `Born ${derived.birthDate}, ${derived.sex ? sexLabels[derived.sex].en : ''}`,
                  )
                : idOptional
                  ? t('不修改请留空', 'Leave empty to keep the number on file')
                  : t(`例如 ${idTypeLabels[idType].example}`, `e.g. ${idTypeLabels[idType].example}`)
            }
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value || !value.trim()) {
                    if (idOptional) return;
                    throw new Error(t('请填写证件号码', 'Enter the ID number'));
                  }
                  const r = validateDocumentNumber(
                    form.getFieldValue('idType') as IdType,
                    value,
                    todayLocal(),
                  );
                  if (!r.ok) throw new Error(r.message);
                },
              },
            ]}
          >
            <Input autoComplete="off" style={{ fontFamily: 'monospace' }} maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      {!carriesBirth && (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="birthDate"
              label={t('出生日期', 'Date of birth')}
              rules={[
                { required: true, message: t('此证件不含出生日期，请填写', 'Enter the date of birth') },
              ]}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="sex"
              label={t('性别', 'Sex')}
              rules={[{ required: true, message: t('此证件不含性别，请选择', 'Choose the sex') }]}
            >
              <Select
                options={(['male', 'female'] as const).map((s) => ({ value: s, label: label(sexLabels[s]) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="phone"
            label={t('本人电话', 'Phone')}
            rules={[
              {
                pattern: phonePattern,
                message: t('电话号码格式不对，请只填数字（可含区号和横线）', 'Digits only'),
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="supportType" label={t('供养类型', 'Support type')} rules={[{ required: true }]}>
            <Select options={supportTypes.map((k) => ({ value: k, label: label(supportTypeLabels[k]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="maritalStatus" label={t('婚姻状况', 'Marital status')}>
            <Select
              allowClear
              options={maritalStatuses.map((k) => ({ value: k, label: label(maritalStatusLabels[k]) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="nativePlace" label={t('籍贯', 'Native place')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="ethnicity" label={t('民族', 'Ethnicity')}>
            <Input placeholder={t('如：汉族', 'e.g. Han')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="education" label={t('文化程度', 'Education')}>
            <Select
              allowClear
              options={['文盲', '小学', '初中', '高中/中专', '大专', '本科及以上'].map((v) => ({
                value: v,
                label: v,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="formerOccupation" label={t('原职业', 'Former occupation')}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="insuranceType" label={t('医保类型', 'Medical insurance')}>
            <Select
              allowClear
              options={['城镇职工医保', '城乡居民医保', '公费医疗', '商业保险', '无'].map((v) => ({
                value: v,
                label: v,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="insuranceNumber" label={t('医保号', 'Insurance number')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        {(
          [
            [
              'diagnoses',
              t('疾病诊断', 'Diagnoses'),
              t('如：高血压、糖尿病，输入后按回车', 'Type and press Enter'),
            ],
            ['allergies', t('过敏', 'Allergies'), t('如：青霉素，没有可不填', 'e.g. penicillin')],
            [
              'dietRestrictions',
              t('饮食禁忌', 'Diet restrictions'),
              t('如：低盐、糖尿病饮食', 'e.g. low salt'),
            ],
          ] as const
        ).map(([name, text, hint]) => (
          <Col xs={24} md={8} key={name}>
            <Form.Item name={name} label={text}>
              <Select
                mode="tags"
                tokenSeparators={['，', ',', '、']}
                placeholder={hint}
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <ContactsFields />
      <Form.Item name="notes" label={t('备注', 'Notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function ContactsFields() {
  const { t } = useI18n();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>
            {t('监护人和紧急联系人', 'Guardian and emergency contacts')}
          </Typography.Text>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t(`联系人 ${index + 1}`, `Contact ${index + 1}`)}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('删除联系人', 'Remove contact')}
                  />
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('姓名', 'Name')}
                      rules={[
                        { required: true, whitespace: true, message: t('请填写联系人姓名', 'Enter a name') },
                      ]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item
                      name={[field.name, 'relation']}
                      label={t('关系', 'Relation')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('请填写与老人的关系，如：儿子、女儿', 'Enter the relation'),
                        },
                      ]}
                    >
                      <Input placeholder={t('儿子、女儿…', 'Son, daughter…')} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item
                      name={[field.name, 'phone1']}
                      label={t('电话', 'Phone')}
                      rules={[
                        { required: true, message: t('请至少填写一个电话', 'Enter a phone number') },
                        {
                          pattern: phonePattern,
                          message: t('电话号码格式不对，请只填数字（可含区号和横线）', 'Digits only'),
                        },
                      ]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item
                      name={[field.name, 'phone2']}
                      label={t('备用电话', 'Second phone')}
                      rules={[{ pattern: phonePattern, message: t('电话号码格式不对', 'Digits only') }]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item label=" " colon={false}>
                      <Space orientation="vertical" size={0}>
                        <Form.Item name={[field.name, 'isGuardian']} valuePropName="checked" noStyle>
                          <Checkbox>{t('监护人', 'Guardian')}</Checkbox>
                        </Form.Item>
                        <Form.Item name={[field.name, 'isEmergency']} valuePropName="checked" noStyle>
                          <Checkbox>{t('紧急联系人', 'Emergency contact')}</Checkbox>
                        </Form.Item>
                      </Space>
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ isEmergency: true, isGuardian: fields.length === 0 })}
            >
              {t('添加联系人', 'Add contact')}
            </Button>
          </Space>
        </div>
      )}
    </Form.List>
  );
}
