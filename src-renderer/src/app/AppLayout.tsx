import {
  DownOutlined,
  FontSizeOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { call } from '../api/client';
import { useProcedure } from '../api/hooks';
import { NurseCallAlarmHost } from '../features/nursecall/AlarmHost';
import { ChangePasswordPage } from '../features/system/ChangePasswordPage';
import { useI18n, useLabel } from '../i18n';
import { IdleWatcher, LockOverlay } from './IdleLock';
import { navGroups, pages, type NavGroup } from './modules';
import { fontSizes, usePreferences, type FontScale } from './preferences';
import { useSession, useSignedInSession } from './session';

export function AppLayout() {
  const { t, language, setLanguage } = useI18n();
  const label = useLabel();
  const session = useSignedInSession();
  const { can, signedIn, signedOut } = useSession();
  const { fontScale, setFontScale } = usePreferences();
  const navigate = useNavigate();
  const location = useLocation();
  const institution = useProcedure('institution.get', {});

  const menuItems = useMemo<MenuProps['items']>(() => {
    const visible = pages
      .filter((p) => !p.permission || can(p.permission))
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.order ?? 100) - (b.p.order ?? 100) || a.i - b.i)
      .map(({ p }) => p);
    const groups = new Map<NavGroup, typeof visible>();
    for (const page of visible) groups.set(page.group, [...(groups.get(page.group) ?? []), page]);
    return [...groups.entries()]
      .sort(([a], [b]) => navGroups[a].order - navGroups[b].order)
      .map(([group, entries]) =>
        group === 'dashboard'
          ? { key: entries[0]!.path, icon: entries[0]!.icon, label: label(entries[0]!.label) }
          : {
              key: `group:${group}`,
              label: label(navGroups[group]),
              type: 'group' as const,
              children: entries.map((e) => ({ key: e.path, icon: e.icon, label: label(e.label) })),
            },
      );
  }, [can, label]);

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
      <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div className="brand">
          <Typography.Text strong style={{ fontSize: '1.25em' }}>
            CareDesk
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          items={menuItems}
          onClick={(info) => navigate(info.key)}
          style={{ borderInlineEnd: 'none' }}
        />
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
                // Pages load through permission-checked procedures, so the core's "no permission"
                // answer is what a user without access sees; the menu merely hides the entry.
                element={p.element}
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
