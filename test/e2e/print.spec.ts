import type { Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortStatus } from '../../src-main/shared/contract/nursecall';
import { PanelSimulator } from '../support/nursecall-panel';
import { expect, test, type Server } from './fixtures';
import { Shell } from './pages/shell';

const hasPoppler = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
const SCREENS = join('test-results', 'screens');
const PDFS = join('test-results', 'print-pdf');

test.use({ serverArgs: ['--seed', 'demo'], viewport: { width: 1366, height: 768 } });
test.skip(
  !hasPoppler,
  'poppler-utils is not installed (apt-get install poppler-utils); PDFs cannot be checked',
);

test.afterEach(async ({ page }) => {
  await page.close();
});

async function call<T>(server: Server, cookie: string, name: string, input: unknown): Promise<T> {
  const r = await server.api(name, input, cookie);
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value as T;
}

/** Demo accounts must change their random password first; returns a session cookie. */
async function demoAdmin(server: Server, password: string): Promise<string> {
  const line = server.output.find((l) => l.startsWith('demo account: admin '));
  expect(line, server.output.join('\n')).toBeTruthy();
  const initial = line!.split(' ').pop()!;
  const login = await server.api('auth.login', { username: 'admin', password: initial });
  await call(server, login.cookie!, 'auth.changePassword', {
    currentPassword: initial,
    newPassword: password,
  });
  return login.cookie!;
}

async function signIn(page: Page, server: Server, password: string) {
  await page.goto(server.url);
  await new Shell(page).login('admin', password);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

function run(command: string, args: string[]): string {
  const out = spawnSync(command, args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${out.stderr}`);
  return out.stdout;
}

interface PrintedPdf {
  pages: number;
  /** Text of each page, from pdftotext. */
  text: string[];
  /** Page size in points, e.g. [595.92, 842.88] for A4 portrait. */
  size: [number, number];
}

/**
 * Waits for the preview to finish laying out, keeps a screenshot of it, prints the page the way
 * Chromium prints for the user (print CSS, the preview's @page size), and renders every PDF page
 * to PNG under test-results/screens/.
 */
async function printPreviewToPdf(page: Page, name: string): Promise<PrintedPdf> {
  const preview = page.getByTestId('print-preview');
  await expect(preview).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const shownPages = Number(await preview.getAttribute('data-pages'));
  await page.screenshot({ path: join(SCREENS, `print-${name}-preview.png`) });
  mkdirSync(PDFS, { recursive: true });
  const pdf = join(PDFS, `${name}.pdf`);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = run('pdfinfo', [pdf]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
  for (const old of readdirSync(SCREENS).filter((f) => f.startsWith(`print-${name}-page`))) {
    rmSync(join(SCREENS, old));
  }
  // The first pages are enough to look at; long lists would fill the folder.
  run('pdftoppm', ['-png', '-r', '60', '-l', '4', pdf, join(SCREENS, `print-${name}-page`)]);
  const text = run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, pages);
  // Every sheet on screen is exactly one printed page.
  expect(pages, `${name}: printed pages vs. sheets in the preview`).toBe(shownPages);
  return { pages, text, size: [Number(size[1]), Number(size[2])] };
}

/** 第 n 页 / 共 N 页 on every page, in order (pdftotext drops the spaces between CJK and digits). */
function expectPageNumbers(pdf: PrintedPdf) {
  pdf.text.forEach((t, i) => {
    expect(t.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pdf.pages}页`);
  });
}

/** A page's text without the layout's spacing, for phrases pdftotext splits. */
const squeeze = (t: string) => t.replace(/\s+/g, '');

/** A4 in points is 595.28 × 841.89; Chromium rounds to whole CSS pixels. */
const A4_PORTRAIT: [number, number] = [595.3, 841.9];
const A4_LANDSCAPE: [number, number] = [841.9, 595.3];
function expectSize(pdf: PrintedPdf, size: [number, number]) {
  expect(Math.abs(pdf.size[0] - size[0])).toBeLessThan(2);
  expect(Math.abs(pdf.size[1] - size[1])).toBeLessThan(2);
}

async function closePreview(page: Page) {
  await page
    .getByTestId('print-preview')
    .getByRole('button', { name: /关\s?闭/ })
    .click();
  await expect(page.getByTestId('print-preview')).toHaveCount(0);
}

test('resident documents: registration form, ability report, bed card and the resident list print as A4 PDFs', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const password = 'demo-admin-print';
  const cookie = await demoAdmin(server, password);
  await signIn(page, server, password);
  const institution = '幸福里颐养中心';
  const me = await call<{ name: string }>(server, cookie, 'institution.get', {});

  // 在住 list: all residents, several landscape pages.
  await new Shell(page).open('/residents');
  await page.getByRole('button', { name: '打印名单' }).click();
  const list = await printPreviewToPdf(page, 'resident-list');
  expectSize(list, A4_LANDSCAPE);
  expect(list.pages).toBeGreaterThan(1);
  expectPageNumbers(list);
  expect(list.text[0]).toContain('在住老人名单');
  expect(list.text[0]).toContain(me.name);
  expect(list.text.at(-1)).toMatch(/经办人：/);
  await closePreview(page);

  // A resident with an assessment: open the card from the list.
  const residents = await call<{ rows: Array<{ id: number; name: string; bed: unknown }> }>(
    server,
    cookie,
    'residents.list',
    { statuses: ['admitted'], limit: 5 },
  );
  const resident = residents.rows.find((r) => r.bed)!;
  await new Shell(page).open(`/residents?resident=${resident.id}`);
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByRole('heading', { name: resident.name })).toBeVisible();

  await drawer.getByRole('button', { name: '打印入住登记表' }).click();
  const form = await printPreviewToPdf(page, 'admission-form');
  expectSize(form, A4_PORTRAIT);
  expectPageNumbers(form);
  const formText = form.text.join('\n');
  expect(formText).toContain('老年人入住登记表');
  expect(formText).toContain(resident.name);
  expect(formText).toMatch(/入住老人（签名）/);
  // The administrator may see full ID numbers: 18 characters, no asterisks.
  expect(squeeze(formText)).toMatch(/证件号码\d{17}[\dX]/);
  await closePreview(page);

  await drawer.getByRole('button', { name: '打印床头卡' }).click();
  const card = await printPreviewToPdf(page, 'bed-card');
  expect(card.pages).toBe(1);
  expect(card.text[0]).toContain(resident.name);
  expect(card.text[0]).toContain('风险提示');
  expect(card.text[0]).toContain(institution === me.name ? institution : me.name);
  await closePreview(page);

  await drawer.getByRole('tab', { name: '评估' }).click();
  await drawer.getByRole('button', { name: '打印报告' }).first().click();
  const report = await printPreviewToPdf(page, 'ability-report');
  expectSize(report, A4_PORTRAIT);
  expectPageNumbers(report);
  const reportText = report.text.join('\n');
  expect(reportText).toContain('老年人能力评估报告');
  expect(reportText).toContain('GB/T 42195-2022');
  for (const item of ['进食', '上下楼梯', '意识水平', '社会交往能力']) expect(reportText).toContain(item);
  expect(squeeze(reportText)).toMatch(/总分\d+\/90分/);
  expect(squeeze(reportText)).toMatch(/能力等级(能力完好|轻度失能|中度失能|重度失能|完全失能)/);
  expect(reportText.match(/评估员（签名）/g)).toHaveLength(2);
  await closePreview(page);
});

test('the bed board prints on landscape pages with every floor, and 床头卡 for the whole board', async ({
  page,
  server,
}) => {
  test.setTimeout(180_000);
  const password = 'demo-admin-print';
  await demoAdmin(server, password);
  await signIn(page, server, password);
  await new Shell(page).open('/residents/beds');
  await expect(page.getByTestId('bed-board')).toBeVisible();

  await page.getByRole('button', { name: '打印房态图' }).click();
  const board = await printPreviewToPdf(page, 'bed-board');
  expectSize(board, A4_LANDSCAPE);
  expectPageNumbers(board);
  const text = board.text.join('\n');
  expect(text).toContain('房态图');
  for (const floor of ['1号楼1楼', '1号楼3楼', '2号楼2楼']) expect(squeeze(text)).toContain(floor);
  await closePreview(page);

  await page.getByRole('button', { name: '打印床头卡' }).click();
  const cards = await printPreviewToPdf(page, 'bed-cards');
  // Three cards to a sheet.
  const occupied = Number(
    /共 (\d+) 张/.exec((await page.getByTestId('print-preview').innerText()) ?? '')?.[1],
  );
  expect(cards.pages).toBe(Math.ceil(occupied / 3));
  await closePreview(page);
});

test.describe('nurse-call history', () => {
  test.skip(
    !hasSocat,
    'socat is not installed (apt-get install socat; .ci/run installs it): calls come from a real pty pair, never a fake port',
  );
  let dir: string;
  let socat: ChildProcess | undefined;
  let port: SerialPort | undefined;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-print-pty-'));
    socat = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${dir}/ttyA`, `pty,raw,echo=0,link=${dir}/ttyB`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let err = '';
      socat!.stderr!.on('data', (c: Buffer) => {
        err += c.toString();
        if (err.includes('starting data transfer loop')) resolve();
      });
      socat!.once('exit', (code) => reject(new Error(`socat exited ${code}: ${err}`)));
    });
    port = new SerialPort({ path: join(dir, 'ttyB'), baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port!.open((e) => (e ? reject(e) : resolve())));
  });

  test.afterEach(async () => {
    if (port?.isOpen) await new Promise((r) => port!.close(r));
    socat?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the call ledger prints every call of the period with who answered', async ({ page, server }) => {
    test.setTimeout(120_000);
    const password = 'demo-admin-print';
    const cookie = await demoAdmin(server, password);
    await call(server, cookie, 'nursecall.ports.save', {
      name: '护士站呼叫主机',
      path: join(dir, 'ttyA'),
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      protocol: 'espa444',
      options: { encoding: 'gbk' },
      enabled: true,
    });
    await expect
      .poll(async () => (await call<PortStatus[]>(server, cookie, 'nursecall.ports.status', {}))[0]?.state)
      .toBe('connected');
    const panel = new PanelSimulator(port!, { encoding: 'gbk' });
    for (const address of ['201', '202', '301']) {
      expect((await panel.sendCall({ address, priority: 'normal', message: '呼叫' })).ok).toBe(true);
    }
    await expect
      .poll(async () => (await call<unknown[]>(server, cookie, 'nursecall.calls.active', {})).length)
      .toBe(3);
    const active = await call<Array<{ id: number; address: string }>>(
      server,
      cookie,
      'nursecall.calls.active',
      {},
    );
    await call(server, cookie, 'nursecall.calls.acknowledge', {
      callId: active.find((c) => c.address === '201')!.id,
    });
    expect((await panel.sendCall({ address: '201', kind: 'cancel' })).ok).toBe(true);
    panel.close();

    await signIn(page, server, password);
    await new Shell(page).open('/nursecall/history?tab=calls');
    await page.getByRole('button', { name: '打印台账' }).click();
    const ledger = await printPreviewToPdf(page, 'call-history');
    expectSize(ledger, A4_LANDSCAPE);
    expectPageNumbers(ledger);
    const text = ledger.text.join('\n');
    expect(text).toContain('呼叫记录台账');
    expect(squeeze(text)).toContain('共3次，已响应1次');
    expect(squeeze(text)).toContain('床头复位');
    const me = await call<{ user: { displayName: string } }>(server, cookie, 'auth.me', {});
    expect(text).toContain(me.user.displayName);
  });
});
