import { readFileSync } from 'node:fs';
import { nineRiskKeys } from '../../src-main/shared/assessment/nine-risks';
import type { AbilityAssessmentRow, ResidentDetail } from '../../src-main/shared/contract/residents';
import { makeIdNumber } from '../../src-main/shared/id-number';
import { ADMIN, expect, test } from './fixtures';
import {
  adminSession,
  call,
  createBeds,
  recordRatioReasonIfAsked,
  ResidentCardPage,
} from './pages/residents';
import { Shell } from './pages/shell';

test.afterEach(async ({ page }) => {
  await page.close();
});

function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Read as a file: Playwright's loader does not take JSON imports. */
const itemBank = JSON.parse(readFileSync('resources/assessment/gbt42195-ability-items.json', 'utf8')) as {
  items: Record<string, { options: Array<{ score: number }> }>;
};
const fullMarks = (key: string) => Math.max(...itemBank.items[key]!.options.map((o) => o.score));
/** 2 points on each self-care item (1–8), full marks elsewhere: 74, 轻度失能 → 半失能. */
const mildScores = Object.fromEntries(
  Object.keys(itemBank.items).map((key) => [key, Number(key) <= 8 ? 2 : fullMarks(key)]),
);

test('the assessment preview uses the institution’s rules, and the card dates each category and grade', async ({
  page,
  server,
}) => {
  // 26 items to click; generous for a loaded machine.
  test.setTimeout(180_000);
  const { cookie, userId } = await adminSession(server);
  await createBeds(server, cookie, '1号楼', 2, 201, 201);
  // The institution's own rules: one care-risk event raises, raises add up, 中度失能 counts as 失能.
  await call(server, cookie, 'residents.updateConfig', {
    careRiskEventThreshold: 1,
    stackRaises: true,
    careCategoryMapping: { moderate: 'dependent' },
  });
  const admittedOn = dayFromToday(-10);
  const r = await call<ResidentDetail>(server, cookie, 'residents.create', {
    name: '钱秀珍',
    idNumber: makeIdNumber('110105', '1938-03-09', 22),
  });
  await call(server, cookie, 'assessments.recordAbility', {
    residentId: r.id,
    assessedOn: admittedOn,
    reason: 'initial',
    scores: mildScores,
    flags: { coma: false, dementia: false, mentalDisorder: false },
    assessorIds: [userId],
  });
  await call(server, cookie, 'assessments.recordRisks', {
    residentId: r.id,
    assessedOn: admittedOn,
    items: Object.fromEntries(nineRiskKeys.map((k) => [k, { level: 'none', measures: [] }])),
    guardianInformed: null,
    assessorIds: [userId],
  });
  const beds = await call<Array<{ id: number; label: string }>>(server, cookie, 'beds.available', {});
  await call(server, cookie, 'residents.admit', { id: r.id, bedId: beds[0]!.id, admittedOn });
  await call(server, cookie, 'incidents.record', {
    residentId: r.id,
    kind: 'fall',
    occurredOn: dayFromToday(-2),
  });

  const shell = new Shell(page);
  const card = new ResidentCardPage(page);
  await page.goto(server.url);
  await shell.login(ADMIN.username, ADMIN.password);
  await shell.open(`/residents?resident=${r.id}&tab=assessments`);
  await card.expectOpen('钱秀珍');
  const history = card.drawer.getByTestId('care-history');
  await expect(history.getByRole('row').nth(1)).toContainText(`半失能二级护理${admittedOn}至今`);

  await card.drawer.getByRole('button', { name: '新增能力评估' }).click();
  const dialog = card.dialog('能力评估（GB/T 42195-2022）：钱秀珍');
  for (const key of Object.keys(itemBank.items)) {
    await dialog
      .locator(`#ability-item-${key}`)
      .getByRole('radio', { name: new RegExp(`^${fullMarks(key)}分`) })
      .check();
  }
  await dialog.getByRole('checkbox', { name: '确诊为痴呆' }).check();
  // The default rules would say 轻度失能 / 半失能 (one raise, the fall alone not enough).
  const summary = dialog.getByTestId('ability-summary');
  await expect(summary.getByTestId('ability-level')).toHaveText('中度失能');
  await expect(summary.getByTestId('ability-category')).toHaveText('失能');
  await expect(dialog.getByText('1 次及以上时等级上调一级')).toBeVisible();
  await recordRatioReasonIfAsked(page);
  await dialog.getByRole('button', { name: '保存评估' }).click();
  // The core's answer names the saved level: the one the preview showed.
  await expect(page.getByText('已保存：中度失能，总分 90')).toBeVisible({ timeout: 30_000 });

  const saved = await call<{ ability: AbilityAssessmentRow[] }>(server, cookie, 'assessments.history', {
    residentId: r.id,
  });
  const latest = saved.ability[0]!;
  expect(latest).toMatchObject({ level: 'moderate', careCategory: 'dependent', careRiskEvents: 1 });

  // Newest first: 失能 一级 from the assessment date, 半失能 二级 up to the day before.
  const rows = history.getByRole('row');
  await expect(rows.nth(1)).toContainText(`失能一级护理${latest.assessedOn}至今`);
  const dayBefore = new Date(Date.parse(`${latest.assessedOn}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  await expect(rows.nth(2)).toContainText(`半失能二级护理${admittedOn}${dayBefore}`);
  await page.screenshot({ path: test.info().outputPath('care-history.png') });
});
