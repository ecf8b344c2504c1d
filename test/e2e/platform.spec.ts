import { expect, screenshot, test } from './fixtures';
import { Shell } from './pages/shell';

test.describe('alerts on the test clock', () => {
  test.use({ serverArgs: ['--seed', 'demo', '--test-clock', '2026-12-01T20:00:00+08:00'] });

  test('an overdue assessment shows as an alert, is snoozed, and comes back when the time is up', async ({
    page,
    server,
  }) => {
    expect(server.output).toContain('test clock: 2026-12-01T12:00:00.000Z');
    const password = server.output
      .find((l) => l.startsWith('demo account: admin '))!
      .split(' ')
      .pop()!;
    const shell = new Shell(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await shell.login('admin', password);
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill('demo-admin-2026');
    await page.getByLabel('再次输入新密码').fill('demo-admin-2026');
    await page.getByRole('button', { name: '修改密码' }).click();

    const panel = page.getByTestId('alerts-panel');
    const overdue = panel.locator('[data-testid="alert-item"][data-kind="assessments.due"]', {
      hasText: '评估已逾期',
    });
    await expect(overdue.first()).toBeVisible({ timeout: 20_000 });
    // The page's "today" is the server's (test) clock, not this computer's.
    await expect(page.getByTestId('workbench')).toContainText('2026-12-01 星期二');
    const title = await overdue.first().getByTestId('alert-title').innerText();
    await screenshot(page, 'platform-alerts-workbench');

    await overdue.first().getByRole('button', { name: '稍后提醒' }).click();
    await page.getByRole('menuitem', { name: '1 小时后' }).click();
    await expect(panel.getByText(title, { exact: true })).toHaveCount(0);

    // Half an hour later it is still snoozed; past the hour it is back, without reloading the page.
    const advance = (minutes: number) =>
      page.request.post(`${server.url}/api/call/testing.clock.advance`, { data: { minutes } });
    expect((await (await advance(30)).json()) as { ok: boolean }).toMatchObject({ ok: true });
    await page.waitForTimeout(300);
    await expect(panel.getByText(title, { exact: true })).toHaveCount(0);
    const moved = (await (await advance(31)).json()) as { ok: boolean; value: { now: string } };
    expect(moved.value.now >= '2026-12-01T13:01:00.000Z').toBe(true);
    await expect(panel.getByText(title, { exact: true })).toBeVisible();

    // The button leads to the resident's assessments.
    await panel
      .locator('[data-testid="alert-item"]', { hasText: title })
      .getByRole('button', { name: '去评估' })
      .click();
    await expect(page.getByRole('tab', { name: '评估', selected: true })).toBeVisible({ timeout: 20_000 });
  });

  test('a jump of the test clock past 02:00 runs the daily backup, shown with its times on the settings page', async ({
    page,
    server,
  }) => {
    const password = server.output
      .find((l) => l.startsWith('demo account: admin '))!
      .split(' ')
      .pop()!;
    const shell = new Shell(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await shell.login('admin', password);
    await page.getByLabel('当前密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill('demo-admin-2026');
    await page.getByLabel('再次输入新密码').fill('demo-admin-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await shell.menu('设置').click();
    const jobs = page.getByTestId('jobs-card');
    const backupRow = jobs.getByRole('row', { name: /每日自动备份/ });
    await expect(backupRow).toContainText('还没有运行过');
    // 20:00 → 02:30 the next night.
    const moved = await page.request.post(`${server.url}/api/call/testing.clock.advance`, {
      data: { minutes: 390 },
    });
    expect(((await moved.json()) as { ok: boolean }).ok).toBe(true);
    await expect(backupRow).toContainText('成功');
    await expect(backupRow).toContainText('2026-12-03 02:00');
    await screenshot(page, 'platform-settings-jobs');
  });

  test('without --test-clock the clock procedures do not exist', async ({ server }) => {
    const { body } = await server.api('testing.clock.advance', { minutes: 5 });
    // This server has the flag; the next describe block checks one without it.
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('UNAUTHENTICATED');
  });
});

test.describe('a server without --test-clock', () => {
  test('answers NOT_FOUND for testing.clock.*', async ({ server }) => {
    const { body } = await server.api('testing.clock.set', { at: '2027-01-01T00:00:00+08:00' });
    expect(body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
