import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger';
import { createFileLogger } from '../../../src-main/electron/file-log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desktop log file', () => {
  it('appends lines with secrets redacted, creating the folder', () => {
    const file = join(dir, 'logs', 'desktop.log');
    const log = createFileLogger(silentLogger, file);
    log.error('uncaught error in the main process', { error: 'TypeError: x', password: 'hunter2' });
    log.warn('window renderer gone', { reason: 'crashed' });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT.+Z ERROR uncaught error in the main process \{"error":"TypeError: x","password":"\[redacted\]"\}$/,
    );
    expect(lines[1]).toContain('WARN window renderer gone {"reason":"crashed"}');
  });

  it('keeps one previous file when the log grows past its limit', () => {
    const file = join(dir, 'desktop.log');
    const log = createFileLogger(silentLogger, file, 200);
    for (let i = 0; i < 6; i += 1) log.info(`line ${i} ${'x'.repeat(40)}`);
    const current = readFileSync(file, 'utf8');
    const previous = readFileSync(`${file}.1`, 'utf8');
    expect(current.length).toBeLessThanOrEqual(200);
    expect(current).toContain('line 5');
    expect(previous).toContain('line');
    expect(current + previous).not.toContain('line 0');
  });

  it('never throws when the file cannot be written', () => {
    const log = createFileLogger(silentLogger, join(dir, 'missing\0name', 'x.log'));
    expect(() => log.info('still fine')).not.toThrow();
  });
});
