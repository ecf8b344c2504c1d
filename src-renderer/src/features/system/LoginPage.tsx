import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { LoginCallBoard } from '../nursecall/LoginCallBoard';

export function LoginPage({
  institutionName,
  notice,
}: {
  institutionName: string | null;
  notice?: string | undefined;
}) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    const result = await call('auth.login', values);
    setBusy(false);
    if (result.ok) signedIn(result.value);
    else setError(result.error.message);
  }

  return (
    <div className="centered-page">
      <div className="nc-login-stack">
        {/* Above the form: a call must ring at the desk before anyone has signed in. */}
        <LoginCallBoard />
        <Card style={{ width: 420, maxWidth: '100%' }}>
          <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
            CareDesk
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 16 }}>
            {institutionName ?? t('养老机构管理系统', 'Care home management')}
          </Typography.Paragraph>
          {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
          <Form layout="vertical" size="large" onFinish={submit}>
            <Form.Item
              name="username"
              label={t('用户名', 'Username')}
              rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('密码', 'Password')}
              rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('登录', 'Log in')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('忘记密码请联系管理员重置。', 'Forgot your password? Ask an administrator to reset it.')}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
