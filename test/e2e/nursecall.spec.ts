import type { Browser, Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortStatus } from '../../src-main/shared/contract/nursecall';
import type { BedBoard } from '../../src-main/shared/contract/residents';
import { PanelSimulator } from '../support/nursecall-panel';
import { expect, screenshot, test, type Server } from './fixtures';
import { AlarmBoardPage, dialogSettled, LoginCallsPanel } from './pages/nursecall';
import { Shell } from './pages/shell';

const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

type ApiValue<T> = { body: { ok: boolean; value?: T; error?: { message: string } } };

async function call<T>(server: Server, cookie: string, name: string, input: unknown): Promise<T> {
  const r = (await server.api(name, input, cookie)) as ApiValue<T>;
  if (!r.body.ok) throw new Error(`${name}: ${r.body.error?.message}`);
  return r.body.value as T;
}

/** Demo accounts must change their random password first; returns a usable session cookie. */
async function demoAccount(server: Server, username: string, newPassword: string): Promise<string> {
  const line = server.output.find((l) => l.startsWith(`demo account: ${username} `));
  expect(line, server.output.join('\n')).toBeTruthy();
  const login = await server.api('auth.login', { username, password: line!.split(' ').pop()! });
  expect(login.body.ok, JSON.stringify(login.body)).toBe(true);
  await call(server, login.cookie!, 'auth.changePassword', {
    currentPassword: line!.split(' ').pop()!,
    newPassword,
  });
  return login.cookie!;
}

async function signIn(page: Page, server: Server, username: string, password: string) {
  await page.goto(server.url);
  await new Shell(page).login(username, password);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
}

function startSocat(dir: string): Promise<ChildProcess> {
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${dir}/ttyA`, `pty,raw,echo=0,link=${dir}/ttyB`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('starting data transfer loop')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr}`)));
  });
}

async function openPanelPort(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

/** An occupied bed whose resident has risk badges, so the card shows everything a nurse needs. */
function pickBed(board: BedBoard) {
  const beds = board.buildings.flatMap((b) =>
    b.floors.flatMap((f) => f.rooms.flatMap((r) => r.beds.map((bed) => ({ ...bed, buildingName: b.name })))),
  );
  const withRisks = beds.find(
    (b) => b.status === 'occupied' && b.resident?.careCategory && (b.resident.riskBadges.length ?? 0) > 0,
  );
  const bed = withRisks ?? beds.find((b) => b.status === 'occupied' && b.resident);
  expect(bed, 'the demo institution has an occupied bed').toBeTruthy();
  return bed!;
}

async function secondClient(browser: Browser, server: Server, username: string, password: string) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await signIn(page, server, username, password);
  return { context, page };
}

test.describe('nurse call from a real pty to every open board', () => {
  test.skip(
    !hasSocat,
    'socat is not installed (apt-get install socat; .ci/run installs it): the nurse-call e2e needs a real pty pair',
  );
  test.use({ serverArgs: ['--seed', 'demo'] });
  test.setTimeout(150_000);

  let dir: string;
  let socat: ChildProcess | undefined;
  let panelPort: SerialPort | undefined;
  let panel: PanelSimulator | undefined;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-e2e-pty-'));
    socat = await startSocat(dir);
    panelPort = await openPanelPort(join(dir, 'ttyB'));
    // Chinese panels send their display text in GBK.
    panel = new PanelSimulator(panelPort, { encoding: 'gbk' });
  });

  test.afterEach(async () => {
    panel?.close();
    if (panelPort?.isOpen) await new Promise((r) => panelPort!.close(r));
    socat?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a call rings, is answered, clears from the panel, escalates when nobody answers', async ({
    page,
    server,
    browser,
  }) => {
    const adminPassword = 'demo-admin-2026';
    const admin = await demoAccount(server, 'admin', adminPassword);
    await demoAccount(server, 'headnurse', 'demo-head-2026');

    await call(server, admin, 'nursecall.ports.save', {
      name: '一楼护士站呼叫主机',
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
      .poll(async () => (await call<PortStatus[]>(server, admin, 'nursecall.ports.status', {}))[0]?.state, {
        timeout: 10_000,
      })
      .toBe('connected');
    const bed = pickBed(await call<BedBoard>(server, admin, 'beds.board', {}));
    await call(server, admin, 'nursecall.addresses.save', { address: '201', bedId: bed.id, area: '' });

    await signIn(page, server, 'admin', adminPassword);
    const board = new AlarmBoardPage(page);
    await board.open();
    await expect(board.empty()).toBeVisible();
    const other = await secondClient(browser, server, 'headnurse', 'demo-head-2026');
    const otherBoard = new AlarmBoardPage(other.page);
    await otherBoard.open();
    await expect(otherBoard.empty()).toBeVisible();

    // The frame goes out on the pty; the card must be up within a second on both clients.
    const started = Date.now();
    const sent = await panel!.sendCall({ address: '201', priority: 'high', message: '卫生间呼叫' });
    expect(sent.ok).toBe(true);
    const written = Date.now();
    await expect(board.card('201')).toBeVisible({ timeout: 1000 });
    test.info().annotations.push({
      type: 'latency',
      description: `ESPA transaction ${written - started} ms; card on the board ${Date.now() - written} ms after it`,
    });
    await expect(otherBoard.card('201')).toBeVisible({ timeout: 1000 });
    await expect(other.page.getByTestId('sound-state')).toHaveAttribute('data-mode', 'normal');
    const card = board.card('201');
    await expect(card).toContainText(`${bed.buildingName} ${bed.label}床`);
    await expect(card).toContainText(bed.resident!.name);
    await expect(card).toContainText('卫生间呼叫');
    await expect(card).toContainText('优先');
    await expect(card.locator('[data-category]')).toHaveCount(1);
    // The wait counts up on its own.
    const firstWait = await card.getByTestId('call-wait').innerText();
    await expect.poll(() => card.getByTestId('call-wait').innerText(), { timeout: 3000 }).not.toBe(firstWait);
    await expect(page.getByTestId('count-waiting')).toHaveText('未响应 1');
    const sound = page.getByTestId('sound-state');
    await expect(sound).toHaveAttribute('data-mode', 'normal');
    // The chime really played (the WAV loaded under the CSP and the browser accepted it).
    await expect.poll(async () => Number(await sound.getAttribute('data-played'))).toBeGreaterThan(0);
    await screenshot(page, 'nursecall-board');

    // Mute is for a while only, and a new call ends it.
    await board.mute(1);
    await expect(board.muteCountdown()).toContainText(/还剩 (1分00秒|\d+秒)/);
    await expect(sound).toHaveAttribute('data-muted', 'true');

    await board.acknowledge('201');
    await expect(card).toHaveAttribute('data-status', 'acknowledged');
    await expect(sound).toHaveAttribute('data-mode', 'off');
    await expect(card.getByTestId('call-responder')).toHaveText('王建国');
    await expect(otherBoard.card('201').getByTestId('call-responder')).toHaveText('王建国', {
      timeout: 2000,
    });
    await screenshot(page, 'nursecall-board-acknowledged');

    // The panel's reset clears it everywhere.
    expect((await panel!.sendCall({ address: '201', kind: 'cancel' })).ok).toBe(true);
    await expect(board.card('201')).toHaveCount(0, { timeout: 1000 });
    await expect(otherBoard.card('201')).toHaveCount(0, { timeout: 1000 });
    await expect(board.empty()).toBeVisible();

    // (The demo seed maps 201–220 and 301; 290 is nobody's.)
    // Nobody answers an unmapped call point within the (short) escalation time: it turns red.
    await call(server, admin, 'nursecall.updateConfig', { escalateAfterSeconds: 5 });
    await panel!.sendCall({ address: '290', priority: 'normal' });
    await expect(board.card('290')).toBeVisible({ timeout: 1000 });
    await expect(board.muteCountdown()).toHaveCount(0);
    await expect(sound).toHaveAttribute('data-muted', 'false');
    await expect(board.card('290')).toContainText('未登记的呼叫地址 290');
    await panel!.sendCall({ address: '201', priority: 'alarm', message: '跌倒报警' });
    await expect(otherBoard.card('201')).toBeVisible({ timeout: 1000 });
    await otherBoard.acknowledgeAs('201', '张丽');
    await expect(board.card('201').getByTestId('call-responder')).toHaveText('张丽', { timeout: 2000 });

    const late = board.card('290');
    await expect(late).toHaveAttribute('data-escalated', 'true', { timeout: 10_000 });
    await expect(late).toHaveClass(/nc-escalated/);
    await expect(late).toContainText('超时未响应');
    await expect(late).toHaveCSS('border-top-color', 'rgb(245, 34, 45)');
    await expect(otherBoard.card('290')).toHaveAttribute('data-escalated', 'true', { timeout: 2000 });
    await expect(sound).toHaveAttribute('data-mode', 'urgent');
    // Board order: the unanswered call past its time first, then the one somebody is on the way to.
    await expect(board.cards().first()).toHaveAttribute('data-address', '290');
    await expect(board.cards().nth(1)).toHaveAttribute('data-address', '201');
    await screenshot(page, 'nursecall-board-escalated');
    await screenshot(other.page, 'nursecall-board-second-client');

    // Away from the board the waiting call still shows, above the page.
    await page.getByRole('menuitem', { name: /工作台$/ }).click();
    await expect(page.getByTestId('call-float')).toContainText('1 个呼叫未响应');
    await screenshot(page, 'nursecall-float-on-dashboard');
    await page.getByTestId('call-float').getByRole('button', { name: '打开呼叫' }).click();
    await expect(page.getByTestId('call-float')).toHaveCount(0);

    const wall = await board.openWall();
    await expect(wall.getByRole('menuitem')).toHaveCount(0);
    await expect(wall.locator('[data-testid="call-card"][data-address="290"]')).toHaveAttribute(
      'data-escalated',
      'true',
    );
    await screenshot(wall, 'nursecall-wall');

    await board.clear('290', '已到场，老人想喝水');
    await expect(board.card('290')).toHaveCount(0);
    await expect(wall.locator('[data-testid="call-card"][data-address="290"]')).toHaveCount(0, {
      timeout: 2000,
    });
    await expect(otherBoard.card('290')).toHaveCount(0, { timeout: 2000 });
    await wall.close();
    await other.context.close();

    await page.getByRole('menuitem', { name: '呼叫记录' }).click();
    await expect(page.getByTestId('response-chart').locator('canvas')).toBeVisible();
    await expect(page.getByText('呼叫总数')).toBeVisible();
    await screenshot(page, 'nursecall-history');
    await page.getByRole('tab', { name: '呼叫明细' }).click();
    await expect(page.getByText('已到场，老人想喝水')).toBeVisible();
    await expect(page.getByText('床头复位').first()).toBeVisible();
    await screenshot(page, 'nursecall-history-calls');

    await page.getByRole('menuitem', { name: '呼叫设置' }).click();
    const portCard = page.getByTestId('port-card');
    await expect(portCard).toContainText('已连接');
    await expect(portCard).toContainText('一楼护士站呼叫主机');
    await screenshot(page, 'nursecall-ports');
    await portCard.getByRole('button', { name: /修\s?改/ }).click();
    const editor = await dialogSettled(page);
    await expect(editor.getByLabel('本机站地址')).toHaveValue('2');
    await screenshot(page, 'nursecall-port-editor');
    await editor.getByRole('button', { name: /取\s?消/ }).click();
    await page.getByRole('tab', { name: '呼叫地址登记' }).click();
    await expect(page.getByRole('cell', { name: `${bed.buildingName} ${bed.label}床` })).toBeVisible();
    await page.getByRole('button', { name: '登记呼叫地址' }).click();
    await (await dialogSettled(page)).getByLabel('呼叫地址（呼叫器编号）').fill('290');
    await screenshot(page, 'nursecall-addresses');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s?消/ })
      .click();
    await page.getByRole('tab', { name: '超时与班次' }).click();
    await expect(page.getByLabel('超过多久没人响应就升级报警')).toHaveValue('5');
    await screenshot(page, 'nursecall-rules');
    await page.getByRole('tab', { name: '呼叫串口' }).click();

    // Pull the cable: the port's status turns red here and on the board, pushed live.
    panel!.close();
    panel = undefined;
    await new Promise((r) => panelPort!.close(r));
    socat!.kill();
    socat = undefined;
    await expect(portCard).toContainText('未连接，正在重试', { timeout: 10_000 });
    await expect(portCard.getByTestId('port-error')).toBeVisible();
    await screenshot(page, 'nursecall-ports-down');
    await board.open();
    await expect(page.getByTestId('port-down')).toBeVisible();
    await screenshot(page, 'nursecall-board-port-down');

    await page.getByRole('menuitem', { name: '工作台' }).click();
    await expect(page.getByTestId('nursecall-tile')).toContainText('当前呼叫');
    await screenshot(page, 'nursecall-dashboard');
  });

  test('with nobody signed in, a call rings on the login screen (locations only)', async ({
    page,
    server,
  }) => {
    const admin = await demoAccount(server, 'admin', 'demo-admin-2026');
    await call(server, admin, 'nursecall.ports.save', {
      name: '一楼护士站呼叫主机',
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
      .poll(async () => (await call<PortStatus[]>(server, admin, 'nursecall.ports.status', {}))[0]?.state, {
        timeout: 10_000,
      })
      .toBe('connected');
    const bed = pickBed(await call<BedBoard>(server, admin, 'beds.board', {}));
    await call(server, admin, 'nursecall.addresses.save', { address: '201', bedId: bed.id, area: '' });
    await call(server, admin, 'nursecall.updateConfig', { escalateAfterSeconds: 5 });
    const location = `${bed.buildingName} ${bed.label}床`;

    // As after a restart at 3 a.m.: the app is on the login screen and nobody has clicked anything.
    await page.goto(server.url);
    await expect(page.getByRole('button', { name: /登\s?录/ })).toBeVisible();
    const calls = new LoginCallsPanel(page);
    await expect(calls.panel()).toHaveCount(0);

    expect((await panel!.sendCall({ address: '201', priority: 'high', message: '卫生间呼叫' })).ok).toBe(
      true,
    );
    const written = Date.now();
    await expect(calls.call(location)).toBeVisible({ timeout: 3000 });
    test.info().annotations.push({
      type: 'latency',
      description: `location on the login screen ${Date.now() - written} ms after the frame`,
    });
    await expect(calls.panel()).toContainText('有 1 个呼叫正在等待');
    await expect(calls.panel()).toContainText('请登录后响应');
    // Whoever stands at the desk sees where, not who, nor the panel's text.
    await expect(calls.panel()).not.toContainText(bed.resident!.name);
    await expect(calls.panel()).not.toContainText('卫生间呼叫');
    const firstWait = await calls.wait(location).innerText();
    await expect.poll(() => calls.wait(location).innerText(), { timeout: 3000 }).not.toBe(firstWait);
    await expect(calls.panel()).toHaveAttribute('data-sound-mode', 'normal');

    // Nobody has clicked yet: the browser may refuse to play, and then the screen says how to fix it.
    await expect
      .poll(async () =>
        (await calls.soundBlocked().isVisible())
          ? 'blocked'
          : await calls.panel().getAttribute('data-played'),
      )
      .not.toBe('0');
    await page.mouse.click(8, 8);
    await expect(calls.soundBlocked()).toHaveCount(0);
    await expect.poll(async () => Number(await calls.panel().getAttribute('data-played'))).toBeGreaterThan(0);

    // Nobody answers in time: it turns red and the sound gets urgent; a second call lists below it.
    await expect(calls.call(location)).toHaveAttribute('data-escalated', 'true', { timeout: 10_000 });
    await expect(calls.call(location).locator('.nc-login-label')).toHaveCSS('color', 'rgb(207, 19, 34)');
    await expect(calls.panel()).toHaveAttribute('data-sound-mode', 'urgent');
    await panel!.sendCall({ address: '290', priority: 'normal' });
    await expect(calls.call('未登记的呼叫地址 290')).toBeVisible({ timeout: 3000 });
    await expect(calls.panel()).toContainText('有 2 个呼叫正在等待');
    await screenshot(page, 'nursecall-login-ringing');

    // The panel's reset takes it off the login screen too.
    expect((await panel!.sendCall({ address: '290', kind: 'cancel' })).ok).toBe(true);
    await expect(calls.call('未登记的呼叫地址 290')).toHaveCount(0, { timeout: 3000 });
    await expect(calls.panel()).toContainText('有 1 个呼叫正在等待');

    // A user who must first change a temporary password still hears it.
    const line = server.output.find((l) => l.startsWith('demo account: headnurse '))!;
    await new Shell(page).login('headnurse', line.split(' ').pop()!);
    await expect(page.getByText('请先修改初始密码')).toBeVisible();
    await expect(calls.call(location)).toBeVisible();
    await expect(calls.panel()).toHaveAttribute('data-sound-mode', 'urgent');

    // Signed in properly, the app's own alarm takes over from the login list.
    await page.context().clearCookies();
    await page.goto(server.url);
    await new Shell(page).login('admin', 'demo-admin-2026');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(calls.panel()).toHaveCount(0);
    await expect(page.getByTestId('call-float')).toContainText('1 个呼叫未响应');
  });
});
