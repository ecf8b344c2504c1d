// Builds what browser mode needs when the sources are newer than the last build, then starts the
// headless server on the Node that runs this script (Node 24 from the `node` devDependency).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'out/main/server.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(join(root, 'src-main')),
  newest(join(root, 'src-renderer')),
  newest(join(root, 'resources')),
  statSync(join(root, 'package-lock.json')).mtimeMs,
);
const built =
  existsSync(output) && existsSync(join(root, 'out/renderer/index.html')) ? statSync(output).mtimeMs : 0;
if (built < sources) {
  console.log('CareDesk: building the app for browser mode…');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) {
    console.error('CareDesk: build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

// Same process, same arguments: signals reach the server directly.
await import(pathToFileURL(output).href);
