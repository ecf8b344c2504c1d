import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { availablePorts } from '../../../src-main/core/nursecall/available-ports';
import { describeSerialError } from '../../../src-main/core/nursecall/port-manager';

describe('availablePorts', () => {
  const path = process.env.PATH;
  const dirs: string[] = [];
  afterEach(() => {
    process.env.PATH = path;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('does not call SerialPort.list() where udevadm is missing (it would crash the process) and says why', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'caredesk-nopath-'));
    dirs.push(empty);
    process.env.PATH = empty;
    const out = await availablePorts('linux');
    expect(out.error).toBe(
      '无法自动列出串口：系统缺少 udevadm（udev）。请直接填写串口路径，如 /dev/ttyUSB0。',
    );
    expect(Array.isArray(out.ports)).toBe(true);
    expect(out.ports.every((p) => /^\/dev\/tty/.test(p.path))).toBe(true);
  });

  it('lists ports through serialport where the system can', async () => {
    const out = await availablePorts();
    expect(out).toEqual({ ports: expect.any(Array), error: null });
  });
});

describe('describeSerialError', () => {
  it('says in Chinese what to check', () => {
    const e = (message: string, extra: object = {}) => Object.assign(new Error(message), extra);
    expect(
      describeSerialError('/dev/ttyUSB0', e('Error: No such file or directory, cannot open /dev/ttyUSB0')),
    ).toBe('找不到串口 /dev/ttyUSB0，请检查 USB 转串口线是否插好、串口号是否正确');
    expect(describeSerialError('COM3', e('Opening COM3: File not found'))).toContain('找不到串口 COM3');
    expect(describeSerialError('COM3', e('Opening COM3: Access denied'))).toContain('正被其他程序占用');
    expect(
      describeSerialError('/dev/ttyS0', e('Error: Permission denied, cannot open /dev/ttyS0')),
    ).toContain('dialout');
    expect(describeSerialError('/dev/ttyUSB0', e('bad file descriptor', { disconnected: true }))).toBe(
      '串口 /dev/ttyUSB0 连接中断（设备被拔出或断电），正在自动重连',
    );
    expect(describeSerialError('/dev/x', e('something odd'))).toBe(
      '串口 /dev/x 出错（something odd），正在自动重连',
    );
  });
});
