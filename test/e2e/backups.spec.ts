import type { Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeIdNumber } from '../../src-main/shared/id-number';
import { ADMIN, expect, test } from './fixtures';
import { adminSession, call } from './pages/residents';
import { Shell } from './pages/shell';

/** Saves to test-results/screens and keeps a copy in this test's own output folder. */
async function shot(page: Page, name: string) {
  const path = join('test-results', 'screens', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  const copy = test.info().outputPath('screens', `${name}.png`);
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(path, copy);
}

test('backs up, restores by typing 恢复, and shows the data from before', async ({ page, server }) => {
  const { cookie } = await adminSession(server);
  await call(server, cookie, 'residents.create', {
    name: '张桂兰',
    idNumber: makeIdNumber('110101', '1940-05-12', 11),
  });

  const shell = new Shell(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.menu('数据备份').click();
  await expect(page.getByText('还没有备份。点“立即备份”做第一份')).toBeVisible();

  await page.getByRole('button', { name: /立即备份/ }).click();
  await expect(page.getByText(/备份完成并已校验/)).toBeVisible({ timeout: 30_000 });
  const rows = page.locator('.ant-table-tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('手动备份');
  await expect(rows.first()).toContainText('已校验');
  await expect(rows.first()).toContainText('每日');
  await expect(rows.first()).toContainText('未设置');

  // Written after the backup: the restore must take it away.
  await call(server, cookie, 'residents.create', {
    name: '李秀英',
    idNumber: makeIdNumber('110101', '1938-02-03', 22),
  });
  await page.getByLabel('第二个备份位置（U 盘或网络共享）').fill('backups2');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('请填写完整路径')).toBeVisible();
  await page.getByLabel('第二个备份位置（U 盘或网络共享）').fill('');
  await shot(page, 'backups-list');

  await rows.first().getByRole('button', { name: /恢复/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('另存为一份“恢复前安全副本”');
  await expect(dialog).toContainText('所有人（包括您）都要重新登录');
  const confirm = dialog.getByRole('button', { name: '恢复数据' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('输入“恢复”以确认').fill('确定');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('输入“恢复”以确认').fill('恢复');
  await expect(confirm).toBeEnabled();
  await shot(page, 'backups-restore-dialog');
  await confirm.click();

  // Everyone signs in again, with word of what happened.
  await expect(page.getByText(/数据已恢复到 .* 的备份/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^登\s?录$/ })).toBeVisible();
  await shell.login(ADMIN.username, ADMIN.password);
  // Both were entered as waiting (轮候) residents.
  await shell.open('/residents/waiting');
  await expect(page.getByText('张桂兰').first()).toBeVisible();
  await expect(page.getByText('李秀英')).toHaveCount(0);

  await shell.open('/system/backups');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('恢复前安全副本');
  await shot(page, 'backups-after-restore');
});
