import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start without an Electron binary', () => {
  it('says so in Chinese and English, points to npm run serve, and prints no stack trace', () => {
    // Electron's own launcher honours ELECTRON_OVERRIDE_DIST_PATH; an empty folder is a machine without
    // the binary, on any machine, and the script must not try to download over it.
    const empty = mkdtempSync(join(tmpdir(), 'caredesk-no-electron-'));
    try {
      const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        timeout: 15_000,
      });
      const output = result.stdout + result.stderr;
      expect(result.status).toBe(1);
      expect(output).toContain('CareDesk 桌面程序需要 Electron');
      expect(output).toContain('The CareDesk desktop app needs Electron');
      expect(output.match(/npm run serve/g)).toHaveLength(2);
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('Downloading');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('npm ci on the machine’s older Node', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    engines: { node: string };
    devEngines?: { runtime?: { name: string; version: string; onFail: string } };
    devDependencies: Record<string, string>;
  };
  const semver = createRequire(import.meta.url)('semver') as {
    satisfies(version: string, range: string): boolean;
    minVersion(range: string): { version: string } | null;
  };

  it('does not warn about the project itself: devEngines says what installing needs', () => {
    // npm skips the root package's `engines` check when `devEngines` is present (arborist
    // build-ideal-tree); without it every `npm ci` on Node 20 starts with EBADENGINE caredesk@….
    const runtime = pkg.devEngines?.runtime;
    expect(runtime).toMatchObject({ name: 'node', onFail: 'warn' });
    for (const installNode of ['20.17.0', '20.20.2', '22.12.0', '24.21.0']) {
      expect(semver.satisfies(installNode, runtime!.version)).toBe(true);
    }
  });

  it('still runs every script on Node 24 from the node devDependency', () => {
    expect(pkg.engines.node).toBe('>=24');
    const bundled = semver.minVersion(pkg.devDependencies.node!)!.version;
    expect(semver.satisfies(bundled, pkg.engines.node)).toBe(true);
  });
});
