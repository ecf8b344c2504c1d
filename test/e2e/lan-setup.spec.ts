import { networkInterfaces } from 'node:os';
import { ADMIN, expect, test } from './fixtures';

/** This machine's LAN address: a browser using it arrives over a non-loopback socket, as another PC would. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

test.describe('first-run setup from another PC', () => {
  test.skip(
    !lanAddress,
    'this computer has no network address besides 127.0.0.1, so no other PC could reach it; runs on any machine with a network card',
  );
  test.use({ serverArgs: ['--host', '0.0.0.0', '--allow-host', lanAddress ?? 'none'] });

  test('asks for the setup code printed on the server console, and refuses a wrong one', async ({
    page,
    server,
  }) => {
    const codeLine = server.output.find((l) => l.includes('setup code:'));
    const code = /(\d{4}-\d{4}-\d{4})/.exec(codeLine ?? '')?.[1];
    expect(code, server.output.join('\n')).toBeTruthy();
    expect(server.output.join('\n')).toContain('局域网模式');

    await page.goto(server.url.replace('0.0.0.0', lanAddress!));
    await expect(page.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    await expect(page.getByText('请填写那台电脑的服务窗口里显示的 12 位安装码')).toBeVisible();
    await page.getByLabel('机构名称').fill('幸福里颐养中心');
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('登录用户名').fill(ADMIN.username);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置并进入系统' }).click();
    await expect(page.getByText('请填写 12 位安装码')).toBeVisible();

    await page.getByLabel('安装码').fill('0000-0000-0000');
    await page.getByRole('button', { name: '完成设置并进入系统' }).click();
    await expect(page.getByText('安装码不正确').first()).toBeVisible();

    await page.getByLabel('安装码').fill(code!);
    await page.getByRole('button', { name: '完成设置并进入系统' }).click();
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  });
});
