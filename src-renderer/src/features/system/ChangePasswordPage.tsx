import { Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';
import { LoginCallBoard } from '../nursecall/LoginCallBoard';
import { ChangePasswordForm } from './ChangePasswordForm';
import { App } from 'antd';

export function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Card title={t('修改密码', 'Change password')}>
      <Typography.Paragraph type="secondary">
        {t('修改后，您在其他电脑上的登录会被退出。', 'Changing it signs you out on other computers.')}
      </Typography.Paragraph>
      <ChangePasswordForm
        onDone={() => {
          void message.success(t('密码已修改', 'Password changed'));
          navigate('/');
        }}
      />
    </Card>
  );
}

/** Shown instead of the app until a user with a temporary password chooses their own. */
export function ForcedPasswordChange() {
  const { t } = useI18n();
  return (
    <div className="centered-page">
      <div className="nc-login-stack">
        {/* The main screens, and their alarm, are not shown until the password is changed. */}
        <LoginCallBoard />
        <Card
          style={{ width: 480, maxWidth: '100%' }}
          title={t('请先修改初始密码', 'Choose your own password')}
        >
          <Typography.Paragraph>
            {t(
              '您正在使用管理员设置的初始密码。为了账号安全，请设置一个只有您自己知道的新密码。',
              'You are using a temporary password set by an administrator. Choose a new one that only you know.',
            )}
          </Typography.Paragraph>
          <ChangePasswordForm />
        </Card>
      </div>
    </div>
  );
}
