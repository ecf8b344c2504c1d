import { ADMIN, expect, screenshot, setUpInstitution, test } from './fixtures';
import { Shell } from './pages/shell';

test('first-run setup, users and roles, and a caregiver who meets "no permission"', async ({
  page,
  server,
}) => {
  const shell = new Shell(page);
  await page.goto(server.url);

  await expect(page.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
  await screenshot(page, 'setup');
  await page.getByRole('button', { name: '完成设置并进入系统' }).click();
  await expect(page.getByText('请填写机构名称')).toBeVisible();
  await page.getByLabel('机构名称').fill('幸福里颐养中心');
  await page.getByLabel('许可证/备案号').fill('民养备字 320105001');
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('登录用户名').fill(ADMIN.username);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('再次输入密码').fill('something-else');
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await page.getByLabel('再次输入密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '完成设置并进入系统' }).click();

  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await screenshot(page, 'dashboard-admin');
  await shell.menu('机构信息').click();
  await expect(page.getByLabel('许可证/备案号')).toHaveValue('民养备字 320105001');
  await shell.logout();
  await screenshot(page, 'login');

  await shell.login(ADMIN.username, 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确，还可以再试 4 次');
  await shell.login(ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();

  await shell.menu('用户与角色').click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('姓名').fill('刘桂芳');
  await dialog.getByLabel('登录用户名').fill('liuguifang');
  await dialog.getByLabel('初始密码').fill('temp-pass-88');
  await screenshot(page, 'users-create');
  await dialog.getByRole('button', { name: /创\s?建/ }).click();
  await expect(page.getByRole('cell', { name: 'liuguifang' })).toBeVisible();
  await expect(page.getByText('待改初始密码')).toBeVisible();
  await screenshot(page, 'users');
  await shell.logout();

  await shell.login('liuguifang', 'temp-pass-88');
  await expect(page.getByText('请先修改初始密码')).toBeVisible();
  await page.getByLabel('当前密码').fill('temp-pass-88');
  await page.getByLabel('新密码', { exact: true }).fill('guifang-own-pass');
  await page.getByLabel('再次输入新密码').fill('guifang-own-pass');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('护理员')).toBeVisible();
  await expect(shell.menu('用户与角色')).toHaveCount(0);
  await expect(shell.menu('审计日志')).toHaveCount(0);

  // Opened by its address, the page offers the caregiver nothing to do.
  await shell.open('/system/users');
  await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
  await screenshot(page, 'no-permission');
  await shell.open('/');
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
});

test('the idle lock keeps what was typed and unlocks with the password', async ({ page, server }) => {
  await setUpInstitution(server);
  await page.clock.install();
  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('机构信息').click();
  const address = page.getByLabel('地址');
  await address.fill('南京市秦淮区幸福里 88 号（还没保存）');

  await page.clock.fastForward('11:00');
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
  await screenshot(page, 'idle-lock');
  const locked = await server.api('auth.me', {});
  expect(locked.body.ok).toBe(false);

  await page.getByRole('dialog').getByLabel('密码').fill('not-my-password');
  await page.getByRole('button', { name: /解\s?锁/ }).click();
  await expect(page.getByText('密码不正确，还可以再试 4 次。').first()).toBeVisible();
  await page.getByRole('dialog').getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: /解\s?锁/ }).click();
  await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toHaveCount(0);
  await expect(address).toHaveValue('南京市秦淮区幸福里 88 号（还没保存）');
  await page.getByRole('button', { name: /保\s?存/ }).click();
  await expect(page.getByText('机构信息已保存')).toBeVisible();
});

test('the audit log lists what happened and verifies its chain', async ({ page, server }) => {
  await setUpInstitution(server);
  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('审计日志').click();
  await expect(page.getByText('登录与账号·首次设置').first()).toBeVisible();
  await page.getByRole('button', { name: '校验日志完整性' }).click();
  await expect(page.getByText(/日志完整：共 \d+ 条记录/)).toBeVisible();
  await screenshot(page, 'audit');
  await shell.menu('设置').click();
  await expect(page.getByLabel('密码连续输错几次后锁定账号')).toHaveValue('5');
  await screenshot(page, 'settings');
});

test('first run with demo data: the accounts are shown once and work', async ({ page, server }) => {
  const shell = new Shell(page);
  await page.goto(server.url);
  await page.getByRole('button', { name: '填充演示数据体验' }).click();
  await page.getByRole('button', { name: '填充演示数据', exact: true }).click();
  const accounts = page.getByRole('dialog', { name: /演示账号/ });
  await expect(accounts).toBeVisible({ timeout: 20_000 });
  const adminRow = accounts.getByRole('row', { name: /^admin\b/ });
  const password = (await adminRow.locator('code').textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(8);
  await screenshot(page, 'setup-demo-accounts');
  await accounts.getByRole('button', { name: '已记下，去登录' }).click();
  await expect(accounts).toBeHidden();
  await shell.login('admin', password);
  await expect(page.getByText('请先修改初始密码')).toBeVisible();
  await page.getByLabel('当前密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill('demo-admin-pass');
  await page.getByLabel('再次输入新密码').fill('demo-admin-pass');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  await expect(page.getByText('幸福里颐养中心（演示）').first()).toBeVisible();
});
