import { Alert, App, Button, Card, Divider, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { institutionNatureLabels, institutionNatures } from '../../../../src-main/shared/enums';
import { call } from '../../api/client';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';

interface SetupForm {
  institutionName: string;
  licenseNo?: string;
  address?: string;
  nature: 'public' | 'private' | 'publicPrivate';
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  setupCode?: string;
}

const setupCodeRules = (message: string) => [
  { required: true, message },
  { pattern: /^\s*\d{4}-?\d{4}-?\d{4}\s*$/, message },
];

export function SetupPage({ setupCodeRequired = false }: { setupCodeRequired?: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const { signedIn, reload } = useSession();
  const { modal } = App.useApp();
  const [form] = Form.useForm<SetupForm>();
  const [demoBusy, setDemoBusy] = useState(false);

  async function fillDemo() {
    let setupCode: string | undefined;
    if (setupCodeRequired) {
      try {
        setupCode = (await form.validateFields(['setupCode'])).setupCode;
      } catch {
        return;
      }
    }
    modal.confirm({
      title: t('填充演示数据？', 'Fill in demo data?'),
      content: t(
        '将创建一家演示机构（约 120 张床位、90 位老人）和每个角色各一个账号，适合先熟悉系统。正式使用请另装一份，或用自己的数据完成首次设置。',
        'Creates a demo institution (about 120 beds, 90 residents) and one account per role, for getting to know the app. For real use, set up with your own data instead.',
      ),
      okText: t('填充演示数据', 'Fill in demo data'),
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setDemoBusy(true);
        const result = await call('demo.seed', setupCode ? { setupCode } : {});
        setDemoBusy(false);
        if (!result.ok) {
          setError(result.error.message);
          return;
        }
        modal.info({
          width: 560,
          title: t('演示账号（只显示这一次，请记下）', 'Demo accounts (shown only once — note them down)'),
          content: (
            <>
              <Typography.Paragraph>
                {t(
                  '每个账号第一次登录时都要改成自己的密码。',
                  'Each account must choose its own password at first login.',
                )}
              </Typography.Paragraph>
              <Table
                size="small"
                pagination={false}
                rowKey="username"
                dataSource={result.value.accounts}
                columns={[
                  { title: t('用户名', 'Username'), dataIndex: 'username' },
                  {
                    title: t('初始密码', 'Initial password'),
                    dataIndex: 'password',
                    render: (v: string) => (
                      <Typography.Text code copyable>
                        {v}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </>
          ),
          okText: t('已记下，去登录', 'Noted — go to login'),
          onOk: () => void reload(),
        });
      },
    });
  }
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: SetupForm) {
    setBusy(true);
    setError(null);
    const result = await call('auth.setup', {
      institution: {
        name: values.institutionName,
        licenseNo: values.licenseNo,
        address: values.address,
        nature: values.nature,
      },
      admin: { username: values.username, displayName: values.displayName, password: values.password },
      ...(values.setupCode ? { setupCode: values.setupCode } : {}),
    });
    setBusy(false);
    if (result.ok) return signedIn(result.value);
    const mapped = {
      ...result.error,
      details: {
        fieldErrors: (result.error.details?.fieldErrors ?? []).map((fe) => ({
          ...fe,
          path: fe.path
            .replace('institution.name', 'institutionName')
            .replace(/^institution\./, '')
            .replace(/^admin\./, ''),
        })),
      },
    };
    if (!applyFieldErrors(form, new ApiError(mapped))) setError(result.error.message);
  }

  return (
    <div className="centered-page">
      <Card
        style={{ width: 560 }}
        title={
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('欢迎使用 CareDesk — 首次设置', 'Welcome to CareDesk — first-run setup')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          {t(
            '请填写本机构的基本信息，并创建院长/管理员账号。之后可以在“系统”中修改。',
            'Enter your institution and create the administrator account. You can change these later under System.',
          )}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {setupCodeRequired && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '您不是在运行 CareDesk 服务的电脑上打开的。为安全起见，请填写那台电脑的服务窗口里显示的 12 位安装码。',
              'You are not on the computer that runs the CareDesk server. For safety, enter the 12-digit setup code shown in its server window.',
            )}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          size="large"
          onFinish={submit}
          initialValues={{ nature: 'private' }}
          requiredMark
        >
          {setupCodeRequired && (
            <Form.Item
              name="setupCode"
              label={t('安装码', 'Setup code')}
              rules={setupCodeRules(
                t('请填写 12 位安装码，如 1234-5678-9012', 'Enter the 12-digit code, e.g. 1234-5678-9012'),
              )}
            >
              <Input placeholder="1234-5678-9012" autoComplete="off" inputMode="numeric" autoFocus />
            </Form.Item>
          )}
          <Typography.Title level={5}>{t('机构信息', 'Institution')}</Typography.Title>
          <Form.Item
            name="institutionName"
            label={t('机构名称', 'Institution name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('请填写机构名称', 'Enter the institution name'),
              },
            ]}
          >
            <Input
              placeholder={t('例如：幸福里颐养中心', 'e.g. Sunshine Care Home')}
              autoFocus={!setupCodeRequired}
            />
          </Form.Item>
          <Form.Item name="licenseNo" label={t('许可证/备案号', 'Licence / filing number')}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('地址', 'Address')}>
            <Input />
          </Form.Item>
          <Form.Item name="nature" label={t('机构性质', 'Nature')}>
            <Select
              options={institutionNatures.map((n) => ({
                value: n,
                label: label(institutionNatureLabels[n]),
              }))}
            />
          </Form.Item>
          <Typography.Title level={5}>{t('管理员账号', 'Administrator account')}</Typography.Title>
          <Form.Item
            name="displayName"
            label={t('姓名', 'Full name')}
            rules={[{ required: true, whitespace: true, message: t('请填写姓名', 'Enter a name') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('登录用户名', 'Username')}
            rules={[
              { required: true, message: t('请填写用户名', 'Enter a username') },
              {
                pattern: /^[A-Za-z0-9_.-]{2,32}$/,
                message: t('用户名用 2–32 位英文字母、数字、下划线、点或横线', '2–32 letters, digits, _ . -'),
              },
            ]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[
              { required: true, message: t('请设置密码', 'Choose a password') },
              { min: 8, message: t('密码至少 8 位', 'At least 8 characters') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('再次输入密码', 'Repeat password')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('请再次输入密码', 'Repeat the password') },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  !value || getFieldValue('password') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords do not match'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('完成设置并进入系统', 'Finish setup')}
          </Button>
        </Form>
        <Divider plain>{t('只是想先看看？', 'Just looking around?')}</Divider>
        <Button block size="large" onClick={() => void fillDemo()} loading={demoBusy}>
          {t('填充演示数据体验', 'Try it with demo data')}
        </Button>
      </Card>
    </div>
  );
}
