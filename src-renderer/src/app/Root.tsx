import { Button, Result } from 'antd';
import { Route, Routes, useLocation } from 'react-router';
import { ForcedPasswordChange } from '../features/system/ChangePasswordPage';
import { LoginPage } from '../features/system/LoginPage';
import { SetupPage } from '../features/system/SetupPage';
import { useI18n } from '../i18n';
import { AppLayout } from './AppLayout';
import { LoadingState } from './feedback';
import { wallPages } from './modules';
import { useSession } from './session';

/** Decides what the person at the desk sees first: setup, login, a password change, or the app. */
export function Root() {
  const { t } = useI18n();
  const { state, reload } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <LoadingState label={t('正在启动 CareDesk…', 'Starting CareDesk…')} />;
    case 'unavailable':
      return (
        <Result
          status="warning"
          title={t('暂时连接不上 CareDesk 服务', 'CareDesk service is not reachable')}
          subTitle={`${state.message} ${t('如果一直如此，请联系本院的信息管理员或软件供应商。', 'If this persists, contact your IT person or supplier.')}`}
          extra={
            <Button type="primary" size="large" onClick={() => void reload()}>
              {t('重试', 'Retry')}
            </Button>
          }
        />
      );
    case 'setup':
      return <SetupPage setupCodeRequired={state.setupCodeRequired} />;
    case 'anonymous':
      return <LoginPage institutionName={state.institutionName} notice={state.notice} />;
    case 'signedIn':
      if (state.session.user.mustChangePassword) return <ForcedPasswordChange />;
      // A wall monitor shows one page alone, without the menu and header.
      if (location.pathname.startsWith('/wall/')) {
        return (
          <Routes>
            {wallPages.map((p) => (
              <Route key={p.path} path={p.path} element={p.element} />
            ))}
          </Routes>
        );
      }
      return <AppLayout />;
  }
}
