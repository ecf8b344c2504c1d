import type { Page, Response } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import {
  call,
  contractAccess,
  mayCallWith,
  DEMO_USERS,
  demoLogin,
  settled,
  signIn,
  visibleProcedures,
} from './pages/front-desk';
import { Shell } from './pages/shell';

test.use({ serverArgs: ['--seed', 'demo'], viewport: { width: 1366, height: 768 } });

const mayCall = mayCallWith(contractAccess());

test.afterEach(async ({ page }) => {
  await page.close();
});

interface ListedResident {
  id: number;
  name: string;
  status: string;
}

/** Procedures the core refused while the page was open: each is a button or a load the user should not have had. */
function watchRefusals(page: Page): {
  refused: string[];
  stop(): Promise<void>;
  soFar(): Promise<string[]>;
} {
  const refused: string[] = [];
  const pending: Array<Promise<void>> = [];
  const onResponse = (response: Response) => {
    const match = /\/api\/call\/([\w.]+)/.exec(response.url());
    if (!match) return;
    pending.push(
      response
        .json()
        .then((body: { ok: boolean; error?: { code: string } }) => {
          if (!body.ok && body.error?.code === 'FORBIDDEN') refused.push(match[1]!);
        })
        .catch(() => undefined),
    );
  };
  page.on('response', onResponse);
  return {
    refused,
    // Bodies are read after the response event: wait for them, or a late refusal goes unseen.
    async stop() {
      page.off('response', onResponse);
      await Promise.all(pending);
    },
    async soFar() {
      await Promise.all(pending);
      return [...refused];
    },
  };
}

test('the workbench is each role’s own to-do list', async ({ page, server }) => {
  test.setTimeout(180_000);
  const admin = await demoLogin(server, 'admin');
  // Somebody leaves for hospital today, so the day's list has something in it.
  const { rows } = await call<{ rows: ListedResident[] }>(server, admin.cookie, 'residents.list', {
    statuses: ['admitted'],
    limit: 1,
  });
  const today = await call<{ date: string }>(server, admin.cookie, 'residents.today', {});
  await call(server, admin.cookie, 'residents.startLeave', {
    id: rows[0]!.id,
    kind: 'hospital',
    startOn: today.date,
    destination: '市第一人民医院',
  });
  const shell = new Shell(page);

  for (const user of DEMO_USERS) {
    await signIn(page, server, user);
    const { permissions } = await demoLogin(server, user);
    const workbench = page.getByTestId('workbench');
    await expect(workbench).toBeVisible();
    await settled(page);

    if (mayCall(permissions, 'beds.kpis')) {
      await expect(page.getByTestId('kpi-occupancy')).toContainText('入住率');
      await expect(page.getByTestId('kpi-occupancy')).toContainText('目标 ≥70%');
      await expect(page.getByTestId('kpi-nursing-beds')).toContainText('护理型床位占比');
      await expect(page.getByTestId('kpi-nursing-beds')).toContainText('目标 ≥55%');
      await expect(page.getByTestId('kpi-vacant')).toContainText('双人间');
    } else {
      // Other modules may give this role figures of its own (patrols, doses); not the bed figures.
      await expect(page.getByTestId('kpi-occupancy')).toHaveCount(0);
      await expect(page.getByTestId('kpi-nursing-beds')).toHaveCount(0);
    }
    if (permissions.includes('*') || permissions.includes('nursecall.read')) {
      const calls = page.getByTestId('nursecall-tile');
      await expect(calls).toContainText('最长等待');
      await expect(calls).toContainText('今日响应时间中位数');
    } else {
      await expect(page.getByTestId('nursecall-tile')).toHaveCount(0);
    }
    if (mayCall(permissions, 'residents.today')) {
      await expect(page.getByTestId('today-leaveStarts')).toContainText(rows[0]!.name);
    }

    // Alerts come grouped by kind with a count; 去评估 only for those who may assess.
    const due = page.locator('[data-testid="alert-group"][data-kind="assessments.due"]');
    if (mayCall(permissions, 'assessments.due')) {
      await expect(due.getByTestId('alert-group-count')).toHaveText(/\d+ 条/);
      const assess = due.getByRole('button', { name: '去评估' });
      if (mayCall(permissions, 'assessments.recordAbility')) await expect(assess.first()).toBeVisible();
      else {
        await expect(assess).toHaveCount(0);
        await expect(due.getByRole('button', { name: /^查\s?看$/ }).first()).toBeVisible();
      }
    }
    await screenshot(page, `workbench-${user}`);
    await shell.logout();
  }
});

test('every page, as every role, offers only buttons the role may use', async ({ page, server }) => {
  test.setTimeout(600_000);
  const admin = await demoLogin(server, 'admin');
  const { rows } = await call<{ rows: ListedResident[] }>(server, admin.cookie, 'residents.list', {
    statuses: ['admitted'],
    limit: 1,
  });
  const shell = new Shell(page);

  // The administrator's menu lists every page there is; a new page joins the walk by itself.
  await signIn(page, server, 'admin');
  const menu = page.getByTestId('side-menu').getByRole('menuitem');
  const paths: string[] = [];
  for (let i = 0; i < (await menu.count()); i += 1) {
    await menu.nth(i).click();
    paths.push(new URL(page.url()).hash.slice(1) || '/');
  }
  expect(paths.length).toBeGreaterThanOrEqual(15);
  // The resident card holds most of the lifecycle buttons.
  paths.push(`/residents?resident=${rows[0]!.id}`, `/residents?resident=${rows[0]!.id}&tab=assessments`);
  await shell.logout();

  let checked = 0;
  const seen = new Set<string>();
  for (const user of DEMO_USERS) {
    const { permissions } = await demoLogin(server, user);
    await signIn(page, server, user);
    const menuPaths = await page
      .getByTestId('side-menu')
      .locator('[data-path]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-path') ?? ''));
    expect(menuPaths.length).toBeGreaterThan(3);
    for (const path of paths) {
      const watch = watchRefusals(page);
      await shell.open(path);
      await settled(page);
      const inMenu = menuPaths.includes(path.split('?')[0]!);
      if (!inMenu) {
        // Opened by its address, a page the role may not use says so and offers nothing.
        await expect(page.getByTestId('page-forbidden'), `${user} ${path}`).toBeVisible();
      }
      const offered = await visibleProcedures(page);
      const notAllowed = offered.filter((p) => !mayCall(permissions, p));
      expect(notAllowed, `${user} is offered on ${path}`).toEqual([]);
      offered.forEach((p) => seen.add(p));
      checked += offered.length;
      await watch.stop();
      expect(watch.refused, `${user} was refused on ${path}`).toEqual([]);
      if (user === 'caregiver' && path === '/residents/facilities') {
        await expect(page.getByRole('button', { name: '新建楼栋' })).toHaveCount(0);
        await expect(page.getByRole('button', { name: /^删\s?除$/ })).toHaveCount(0);
        await screenshot(page, 'beds-management-caregiver');
      }
    }
    await shell.open('/');
    await shell.logout();
  }
  // The walk looked at real buttons: the helper marks them, and roles see different sets.
  expect(checked).toBeGreaterThan(100);
  expect([...seen]).toEqual(
    expect.arrayContaining([
      'facilities.saveBuilding',
      'beds.delete',
      'assessments.recordAbility',
      'residents.admit',
    ]),
  );
});

test('settings a role cannot change are not in its menu, and 去评估 goes only to assessors', async ({
  page,
  server,
}) => {
  test.setTimeout(120_000);
  const shell = new Shell(page);
  await signIn(page, server, 'caregiver');
  for (const name of ['机构信息', '设置', '床位管理', '审计日志'])
    await expect(shell.menu(name)).toHaveCount(0);
  await shell.menu('待评估').click();
  await expect(page.getByText('待评估').first()).toBeVisible();
  await settled(page);
  await expect(page.getByRole('button', { name: '去评估' })).toHaveCount(0);
  await shell.logout();

  await signIn(page, server, 'nurse');
  await shell.menu('待评估').click();
  await settled(page);
  await expect(page.getByRole('button', { name: '去评估' }).first()).toBeVisible();
  await shell.logout();

  await signIn(page, server, 'headnurse');
  await shell.menu('床位管理').click();
  await expect(page.getByRole('button', { name: '新建楼栋' })).toBeVisible();
  await expect(page.getByTestId('bed-actions-help')).toContainText('撤床');
  await expect(page.getByTestId('bed-actions-help')).toContainText('从未住过人');
  await screenshot(page, 'beds-management-headnurse');
});

test('the head nurse reads the audit log: names, plain words, her own filter', async ({ page, server }) => {
  test.setTimeout(120_000);
  const admin = await demoLogin(server, 'admin');
  const { rows } = await call<{ rows: ListedResident[] }>(server, admin.cookie, 'residents.list', {
    statuses: ['admitted'],
    limit: 1,
  });
  const today = await call<{ date: string }>(server, admin.cookie, 'residents.today', {});
  await call(server, admin.cookie, 'residents.startLeave', {
    id: rows[0]!.id,
    kind: 'outing',
    startOn: today.date,
  });
  const shell = new Shell(page);
  const watch = watchRefusals(page);
  await signIn(page, server, 'headnurse');
  await shell.menu('审计日志').click();
  await settled(page);
  // The page and its filters load without a single refusal (the user filter once asked users.list).
  expect(await watch.soFar()).toEqual([]);

  // Every subject by name: no "resident #76" left for her to decode.
  await expect(page.getByTestId('audit-subject').first()).toBeVisible();
  for (const subject of await page.getByTestId('audit-subject').allTextContents()) {
    expect(subject).not.toMatch(/#\d+|resident|session/);
  }
  await expect(page.getByTestId('audit-user').first()).toContainText('李秀梅');

  // Filter by person, from a list of names she may read without managing users.
  await page.locator('.ant-select').filter({ hasText: '全部用户' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '王建国（admin）' }).click();
  await settled(page);
  const first = page.locator('.ant-table-row').first();
  await expect(first.getByTestId('audit-user')).toContainText('王建国');
  await expect(first.getByTestId('audit-action')).toHaveText('老人档案·请假');
  await expect(first.getByTestId('audit-subject')).toHaveText(`老人 ${rows[0]!.name}`);
  expect(await page.getByTestId('audit-user').allTextContents()).toEqual(
    expect.not.arrayContaining([expect.stringContaining('李秀梅')]),
  );
  await first.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId('audit-changes')).toContainText('residents.startLeave');
  await screenshot(page, 'audit-log-headnurse');
  await watch.stop();
  expect(watch.refused).toEqual([]);
});
