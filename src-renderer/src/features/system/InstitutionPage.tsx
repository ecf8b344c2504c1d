import { App, Button, Card, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { institutionNatureLabels, institutionNatures } from '../../../../src-main/shared/enums';
import type { InstitutionProfile } from '../../../../src-main/shared/contract/system';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';

/** The zones a Chinese institution uses first, by the names people say; then every other zone. */
const commonZones: Array<[string, string, string]> = [
  ['Asia/Shanghai', '北京时间', 'Beijing time'],
  ['Asia/Urumqi', '乌鲁木齐时间', 'Urumqi time'],
  ['Asia/Hong_Kong', '香港时间', 'Hong Kong time'],
  ['Asia/Macau', '澳门时间', 'Macau time'],
  ['Asia/Taipei', '台北时间', 'Taipei time'],
];

function timeZoneOptions(language: 'zh-CN' | 'en-US') {
  const common = commonZones.map(([value, zh, en]) => ({
    value,
    label: `${language === 'en-US' ? en : zh}（${value}）`,
  }));
  const known = new Set(commonZones.map(([z]) => z));
  const others = Intl.supportedValuesOf('timeZone')
    .filter((z) => !known.has(z))
    .map((z) => ({ value: z, label: z }));
  return [
    { label: language === 'en-US' ? 'Common' : '常用', options: common },
    { label: language === 'en-US' ? 'All time zones' : '全部时区', options: others },
  ];
}

export function InstitutionPage() {
  const { t } = useI18n();
  const query = useProcedure('institution.get', {});
  return (
    <Card title={t('机构信息', 'Institution profile')}>
      <QueryView query={query}>{(profile) => <InstitutionForm profile={profile} />}</QueryView>
    </Card>
  );
}

function InstitutionForm({ profile }: { profile: InstitutionProfile }) {
  const { t, language } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<InstitutionProfile>();
  const save = useMutate('institution.update', ['institution.get']);
  const editable = can('institution.manage');
  useEffect(() => form.setFieldsValue(profile), [form, profile]);

  async function submit(values: InstitutionProfile) {
    try {
      await save.mutateAsync({
        name: values.name,
        licenseNo: values.licenseNo,
        address: values.address,
        nature: values.nature,
        timeZone: values.timeZone,
      });
      void message.success(t('机构信息已保存', 'Institution profile saved'));
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      onFinish={submit}
      disabled={!editable}
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        name="name"
        label={t('机构名称', 'Name')}
        rules={[{ required: true, whitespace: true, message: t('请填写机构名称', 'Enter the name') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="licenseNo" label={t('许可证/备案号', 'Licence / filing number')}>
        <Input />
      </Form.Item>
      <Form.Item name="address" label={t('地址', 'Address')}>
        <Input />
      </Form.Item>
      <Form.Item name="nature" label={t('机构性质', 'Nature')}>
        <Select
          options={institutionNatures.map((n) => ({ value: n, label: label(institutionNatureLabels[n]) }))}
        />
      </Form.Item>
      <Form.Item
        name="timeZone"
        label={t('时区', 'Time zone')}
        extra={t('一般保持「北京时间」；新疆按乌鲁木齐时间作息的机构可选它。', 'Usually Beijing time.')}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={timeZoneOptions(language)} />
      </Form.Item>
      {editable ? (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('保存', 'Save')}
        </Button>
      ) : (
        <div style={{ color: 'rgba(0,0,0,0.55)' }}>
          {t('只有管理员可以修改机构信息。', 'Only administrators can edit this.')}
        </div>
      )}
    </Form>
  );
}
