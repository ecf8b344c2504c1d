import { ADMIN, expect, screenshot, setUpInstitution, test } from './fixtures';
import { Shell } from './pages/shell';

/**
 * The start-at-login choice belongs to the desktop app only. The renderer knows it is in the desktop
 * app by the preload's `window.caredesk` bridge; here a bridge that forwards to the same HTTP API
 * stands in for the preload (the real one is exercised by electron.spec.ts where Electron runs).
 */
test('start at login shows only in the desktop app and saves through the settings', async ({
  page,
  server,
}) => {
  await setUpInstitution(server);
  const shell = new Shell(page);

  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.open('/system/settings');
  await expect(page.getByText('本电脑的显示')).toBeVisible();
  await expect(page.getByText('开机自动启动')).toHaveCount(0);

  await page.addInitScript(() => {
    (window as unknown as { caredesk: unknown }).caredesk = {
      call: (name: string, input: unknown) =>
        fetch(`/api/call/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        }).then((r) => r.json()),
      on: () => () => {},
    };
  });
  await page.reload();
  const card = page.locator('.ant-card').filter({ hasText: '本电脑的桌面程序' });
  await expect(card.getByText('开机自动启动')).toBeVisible();
  await expect(card.getByRole('radio', { name: '启用了呼叫串口时开机启动' })).toBeChecked();
  await screenshot(page, 'desktop-settings-start-at-login');

  await card.getByText('不开机启动').click();
  await expect(page.getByText('开机启动设置已保存')).toBeVisible();
  await expect(card.getByRole('radio', { name: '不开机启动' })).toBeChecked();
  const { cookie } = await server.api('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const { body } = await server.api('settings.get', {}, cookie!);
  expect((body.value as Record<string, unknown>)['desktop.startAtLogin']).toBe('off');
});
