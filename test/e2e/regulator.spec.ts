import type { Page } from '@playwright/test';
import { startMockPlatform, type MockPlatform } from '../support/mock-platform';
import { ADMIN, expect, screenshot, test } from './fixtures';
import { adminSession, createBeds } from './pages/residents';
import { Shell } from './pages/shell';

const SECRET = 'e2e-platform-secret-91';
let platform: MockPlatform | undefined;
test.afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

const outboxRows = (page: Page) =>
  page.locator('.ant-card', { hasText: '发件箱' }).locator('.ant-table-tbody tr');

// Beds are made on 20 November, so last month's (November's) summary counts them.
test.use({ serverArgs: ['--test-clock', '2026-11-20T09:00:00+08:00'] });

test('sets up the platform, previews, is rejected with the platform’s words, sends, and sends a correction', async ({
  page,
  server,
}) => {
  // Three round trips to the platform, each followed by the outbox's 3-second refresh.
  test.slow();
  platform = await startMockPlatform({ secret: SECRET });
  const { cookie } = await adminSession(server);
  await createBeds(server, cookie, '1号楼', 3, 301, 305);
  // The beds stood in November; the page opens in December, so "last month" is November.
  const moved = await server.api('testing.clock.set', { at: '2026-12-01T09:00:00+08:00' }, cookie);
  expect(moved.body.ok).toBe(true);

  const shell = new Shell(page);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('监管上报').click();
  await expect(page.getByText('还没有设置平台接口')).toBeVisible({ timeout: 30_000 });

  await page.getByLabel('平台接口地址').fill(platform.url);
  await page.getByLabel('机构编码').fill('JG330106-0042');
  await page.getByLabel('密钥编号（Key ID）').fill('caredesk-key-1');
  await page.getByLabel('密钥', { exact: true }).fill(SECRET);
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('上报设置已保存')).toBeVisible();
  await expect(page.getByLabel('密钥', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('密钥', { exact: true })).toHaveAttribute(
    'placeholder',
    '已设置（留空不修改）',
  );
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.getByText('连接正常：平台认可了签名')).toBeVisible();

  await page.getByRole('button', { name: /预览/ }).click();
  const beds = page.locator('[data-section="beds"]');
  await expect(beds).toContainText('合计');
  await expect(beds.locator('tr', { hasText: '合计' })).toContainText('10');
  await expect(page.locator('[data-section="staff"]')).not.toContainText('本机构未启用该模块');

  // The platform refuses the next submission, as a province does when figures disagree with its records.
  platform.setMode('reject', 1);
  await page.getByRole('button', { name: /立即上报/ }).click();
  await expect(outboxRows(page).first()).toContainText('被退回', { timeout: 15_000 });
  await expect(outboxRows(page).first()).toContainText('床位总数与备案信息不一致（备案 120 张）');
  await screenshot(page, 'regulator-rejected');

  await page.getByRole('button', { name: /立即上报/ }).click();
  await expect(outboxRows(page).first()).toContainText('已接收', { timeout: 15_000 });
  await expect(outboxRows(page).first()).toContainText(platform.accepted[0]!.receiptNo);

  await page.getByRole('button', { name: /立即上报/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('请填写更正原因');
  await dialog.getByLabel('更正原因').fill('10 月退住人数漏记一人');
  await dialog.getByRole('button', { name: '作为更正版本上报' }).click();
  await expect(outboxRows(page).first()).toContainText('第 2 版（更正）');
  await expect(outboxRows(page).first()).toContainText('已接收', { timeout: 15_000 });
  expect(platform.accepted.map((a) => a.revision)).toEqual([1, 2]);
  await screenshot(page, 'regulator-page');
});
