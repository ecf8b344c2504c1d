// `npm start`: builds and starts the desktop app. Electron fetches its binary from the internet the
// first time it runs; where that cannot happen this says so in plain words and points to browser
// mode instead of ending in a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

function say(lines) {
  console.error(['', ...lines, ''].join('\n'));
}

/** Where Electron's own launcher (node_modules/electron/index.js) would look for the binary. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return join(override, name || 'electron');
  return name ? join(electronDir, 'dist', name) : null;
}

if (!existsSync(join(electronDir, 'package.json'))) {
  say([
    'CareDesk：还没有安装依赖。请先运行 npm ci，再运行 npm start。',
    'CareDesk: dependencies are not installed. Run `npm ci` first, then `npm start`.',
  ]);
  process.exit(1);
}

let binary = electronBinary();
let downloadError = '';
// With ELECTRON_OVERRIDE_DIST_PATH the user supplies Electron; never download over it.
if ((!binary || !existsSync(binary)) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('CareDesk：第一次启动，正在下载 Electron… / First start: downloading Electron…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status !== 0) {
    downloadError = (result.stderr || String(result.error ?? '')).trim().split('\n')[0] ?? '';
  }
  binary = electronBinary();
}

if (!binary || !existsSync(binary)) {
  say([
    'CareDesk 桌面程序需要 Electron，但本机没有 Electron 程序文件，也没能下载（下载需要联网）。',
    '可以改用浏览器模式，功能相同：',
    '    npm run serve',
    '然后在浏览器中打开它显示的地址（例如 http://127.0.0.1:4810）。',
    '',
    'The CareDesk desktop app needs Electron, which is not on this machine and could not be',
    'downloaded (that needs internet access). Browser mode runs the same app:',
    '    npm run serve',
    'then open the address it prints (for example http://127.0.0.1:4810).',
    ...(downloadError ? ['', `(${downloadError})`] : []),
  ]);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'preview',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
