import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SerialPort } from 'serialport';

export interface AvailablePorts {
  ports: Array<{ path: string; manufacturer: string | null }>;
  error: string | null;
}

const LIST_TIMEOUT_MS = 5000;

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // Not in this folder.
    }
  }
  return false;
}

/** Serial device nodes, for Linux machines where udev cannot be asked. */
function linuxDeviceNodes(): AvailablePorts['ports'] {
  const found: AvailablePorts['ports'] = [];
  try {
    for (const name of readdirSync('/dev').sort()) {
      if (/^tty(USB|ACM|AMA|XRUSB|WCH)\d+$/.test(name))
        found.push({ path: `/dev/${name}`, manufacturer: null });
    }
  } catch {
    // No /dev to read: nothing to offer.
  }
  return found;
}

/**
 * The machine's serial ports. `SerialPort.list()` spawns `udevadm` on Linux and can take the whole
 * process down where it is missing, so it is only called when udevadm is there, and never trusted
 * to return in time.
 */
export async function availablePorts(platform: NodeJS.Platform = process.platform): Promise<AvailablePorts> {
  if (platform === 'linux' && !onPath('udevadm')) {
    return {
      ports: linuxDeviceNodes(),
      error: '无法自动列出串口：系统缺少 udevadm（udev）。请直接填写串口路径，如 /dev/ttyUSB0。',
    };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const listed = await Promise.race([
      SerialPort.list(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), LIST_TIMEOUT_MS);
      }),
    ]);
    return {
      ports: listed.map((p) => ({ path: p.path, manufacturer: p.manufacturer ?? null })),
      error: null,
    };
  } catch (error) {
    const reason =
      error instanceof Error && error.message === 'timeout' ? '系统响应超时' : '系统没有返回串口列表';
    return {
      ports: platform === 'linux' ? linuxDeviceNodes() : [],
      error: `无法自动列出串口（${reason}）。请直接填写串口路径，如 COM3 或 /dev/ttyUSB0。`,
    };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
