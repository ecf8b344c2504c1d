import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/hooks';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    const result = await call('auth.changePassword', {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    setBusy(false);
    if (result.ok) {
      form.resetFields();
      signedIn(result.value);
      onDone?.();
    } else if (!applyFieldErrors(form, new ApiError(result.error))) setError(result.error.message);
  }

  return (
    <Form form={form} layout="vertical" size="large" onFinish={submit} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="currentPassword"
        label={t('当前密码', 'Current password')}
        rules={[{ required: true, message: t('请输入当前密码', 'Enter your current password') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('新密码', 'New password')}
        rules={[
          { required: true, message: t('请设置新密码', 'Choose a new password') },
          { min: 8, message: t('密码至少 8 位', 'At least 8 characters') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('再次输入新密码', 'Repeat new password')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
          ({ getFieldValue }) => ({
            validator: (_r, value) =>
              !value || getFieldValue('newPassword') === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords do not match'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('修改密码', 'Change password')}
      </Button>
    </Form>
  );
}
