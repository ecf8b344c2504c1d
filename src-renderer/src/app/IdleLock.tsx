import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n';
import { useSession, useSignedInSession } from './session';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the session after the configured idle time; the page underneath stays as it was. */
export function IdleWatcher() {
  const session = useSignedInSession();
  const { signedIn } = useSession();
  const last = useRef(Date.now());
  const minutes = session.idleLockMinutes;
  const locked = session.locked;

  useEffect(() => {
    if (locked) return;
    last.current = Date.now();
    const mark = () => {
      last.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(async () => {
      if (Date.now() - last.current < minutes * 60_000) return;
      const result = await call('auth.lock', {});
      if (result.ok) signedIn(result.value);
    }, 1000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [locked, minutes, signedIn]);
  return null;
}

export function LockOverlay() {
  const { t } = useI18n();
  const session = useSignedInSession();
  const { signedIn, signedOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  if (!session.locked) return null;

  async function unlock(values: { password: string }) {
    setBusy(true);
    const result = await call('auth.unlock', values);
    setBusy(false);
    if (result.ok) {
      setError(null);
      form.resetFields();
      signedIn(result.value);
    } else if (result.error.code === 'ACCOUNT_LOCKED') {
      // Too many wrong passwords: the core has ended the session, so go back to the login screen.
      signedOut(result.error.message);
    } else setError(result.error.message);
  }

  async function logout() {
    await call('auth.logout', {});
    signedOut();
  }

  return (
    <div
      className="lock-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={t('屏幕已锁定', 'Screen locked')}
    >
      <div className="lock-card">
        <LockOutlined style={{ fontSize: 48, color: '#1677ff' }} />
        <Typography.Title level={3}>{t('屏幕已锁定', 'Screen locked')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t(
            `${session.user.displayName}，长时间未操作，已自动锁定。输入密码继续，刚才的内容都还在。`,
            `${session.user.displayName}, the screen locked after inactivity. Enter your password to continue; your work is kept.`,
          )}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" size="large" onFinish={unlock}>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('解锁', 'Unlock')}
          </Button>
        </Form>
        <Button type="link" onClick={() => void logout()} style={{ marginTop: 8 }}>
          {t('换一个人登录（未保存的内容会丢失）', 'Log in as someone else (unsaved work is lost)')}
        </Button>
      </div>
    </div>
  );
}
