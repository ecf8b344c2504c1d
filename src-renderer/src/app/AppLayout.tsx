import {
  DownOutlined,
  FontSizeOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import {
  Button,
  ConfigProvider,
  Dropdown,
  Layout,
  Menu,
  Result,
  Space,
  Typography,
  type MenuProps,
} from 'antd';
import { useMemo } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { call } from '../api/client';
import { useProcedure } from '../api/hooks';
import { NurseCallAlarmHost } from '../features/nursecall/AlarmHost';
import { ChangePasswordPage } from '../features/system/ChangePasswordPage';
import { useI18n, useLabel } from '../i18n';
import { IdleWatcher, LockOverlay } from './IdleLock';
import { pageAllowed } from './module';
import { navGroups, pages, type NavGroup, type PageEntry } from './modules';
import { fontSizes, usePreferences, type FontScale } from './preferences';
import { useSession, useSignedInSession } from './session';

export function AppLayout() {
  const { t, language, setLanguage } = useI18n();
  const label = useLabel();
  const session = useSignedInSession();
  const { signedIn, signedOut } = useSession();
  const permissions = session.user.permissions;
  const { fontScale, setFontScale } = usePreferences();
  const navigate = useNavigate();
  const location = useLocation();
  const institution = useProcedure('institution.get', {});

  const menuItems = useMemo<MenuProps['items']>(() => {
    // `data-path` lets the permission walk in the e2e tests read the menu without clicking through it.
    const menuLabel = (p: PageEntry) => <span data-path={p.path}>{label(p.label)}</span>;
    const visible = pages
      .filter((p) => pageAllowed(p, permissions))
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.order ?? 100) - (b.p.order ?? 100) || a.i - b.i)
      .map(({ p }) => p);
    const groups = new Map<NavGroup, typeof visible>();
    for (const page of visible) groups.set(page.group, [...(groups.get(page.group) ?? []), page]);
    return [...groups.entries()]
      .sort(([a], [b]) => navGroups[a].order - navGroups[b].order)
      .map(([group, entries]) =>
        group === 'dashboard'
          ? { key: entries[0]!.path, icon: entries[0]!.icon, label: menuLabel(entries[0]!) }
          : {
              key: `group:${group}`,
              label: label(navGroups[group]),
              type: 'group' as const,
              children: entries.map((e) => ({ key: e.path, icon: e.icon, label: menuLabel(e) })),
            },
      );
  }, [permissions, label]);

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('修改密码', 'Change password') },
    { key: 'lock', icon: <LockOutlined />, label: t('锁定屏幕', 'Lock screen') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Log out'), danger: true },
  ];

  async function onUserMenu(key: string) {
    if (key === 'password') navigate('/account/password');
    if (key === 'lock') {
      const result = await call('auth.lock', {});
      if (result.ok) signedIn(result.value);
    }
    if (key === 'logout') {
      await call('auth.logout', {});
      signedOut(t('您已退出登录。', 'You have logged out.'));
      navigate('/');
    }
  }

  const fontMenu: MenuProps['items'] = (
    [
      ['standard', t('标准字号', 'Standard text')],
      ['large', t('大字号', 'Large text')],
      ['extraLarge', t('特大字号', 'Extra-large text')],
    ] as Array<[FontScale, string]>
  ).map(([key, text]) => ({ key, label: `${text}（${fontSizes[key]}）` }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The menu stays put while the page scrolls, and scrolls on its own when it is taller than
          the window; it widens with the text size so no label is cut off. */}
      <Layout.Sider width={siderWidths[fontScale]} theme="light" className="app-sider">
        <div className="brand">
          <Typography.Text strong style={{ fontSize: '1.25em' }}>
            CareDesk
          </Typography.Text>
        </div>
        <ConfigProvider theme={{ components: { Menu: compactMenu(fontSizes[fontScale]) } }}>
          <Menu
            mode="inline"
            selectedKeys={[location.pathname]}
            items={menuItems}
            onClick={(info) => navigate(info.key)}
            style={{ borderInlineEnd: 'none' }}
            data-testid="side-menu"
          />
        </ConfigProvider>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text strong style={{ fontSize: '1.1em' }}>
            {institution.data?.name ?? ''}
          </Typography.Text>
          <Space size="middle">
            <Dropdown
              menu={{
                items: fontMenu,
                selectedKeys: [fontScale],
                onClick: (i) => setFontScale(i.key as FontScale),
              }}
            >
              <Button icon={<FontSizeOutlined />} aria-label={t('字号', 'Text size')} />
            </Dropdown>
            <Button
              icon={<GlobalOutlined />}
              onClick={() => setLanguage(language === 'zh-CN' ? 'en-US' : 'zh-CN')}
            >
              {language === 'zh-CN' ? 'English' : '中文'}
            </Button>
            <Dropdown menu={{ items: userMenu, onClick: (i) => void onUserMenu(i.key) }}>
              <Button data-testid="user-menu">
                {session.user.displayName} <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Routes>
            {pages.map((p) => (
              <Route
                key={p.path}
                path={p.path}
                // Opened by its address, a page the user may not use says so instead of offering
                // buttons the core would refuse.
                element={pageAllowed(p, permissions) ? p.element : <NoPermission page={p} />}
              />
            ))}
            <Route path="/account/password" element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout.Content>
      </Layout>
      <IdleWatcher />
      <LockOverlay />
      <NurseCallAlarmHost />
    </Layout>
  );
}

const siderWidths: Record<FontScale, number> = { standard: 232, large: 258, extraLarge: 300 };

/** Denser than antd's default so every entry fits a 768 px tall screen at the standard size. */
function compactMenu(fontSize: number) {
  return {
    itemHeight: Math.round(fontSize * 2.4),
    itemMarginBlock: 2,
    groupTitleLineHeight: 1.3,
    groupTitleFontSize: Math.round(fontSize * 0.9),
  };
}

function NoPermission({ page }: { page: PageEntry }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      data-testid="page-forbidden"
      title={t(`您没有使用「${label(page.label)}」的权限`, `You may not use ${label(page.label)}`)}
      subTitle={t(
        '这个页面不在您的菜单里。如工作需要，请联系院长或管理员为您开通。',
        'This page is not in your menu. Ask an administrator if your work needs it.',
      )}
      extra={
        <Button type="primary" size="large" onClick={() => navigate('/')}>
          {t('返回工作台', 'Back to dashboard')}
        </Button>
      }
    />
  );
}

function NotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Typography.Title level={3}>{t('没有这个页面', 'Page not found')}</Typography.Title>
      <Button type="primary" size="large" onClick={() => navigate('/')}>
        {t('返回工作台', 'Back to dashboard')}
      </Button>
    </div>
  );
}
