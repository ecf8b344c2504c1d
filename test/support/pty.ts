import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { SerialPort } from 'serialport';

/** Real serial I/O needs socat (CI installs it); suites skip, saying so, where it is missing. */
export const hasSocat = spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * A pseudo-terminal pair from socat: `a` and `b` are symlinks to two real tty devices wired to
 * each other, like a null-modem cable. Killing it is what pulling a USB adapter looks like to the
 * app; starting it again at the same links is plugging it back in.
 */
export class PtyPair {
  private child: ChildProcess | null = null;
  constructor(
    readonly a: string,
    readonly b: string,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  start(): Promise<void> {
    if (this.child) return Promise.resolve();
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    this.child = child;
    return new Promise((resolve, reject) => {
      let stderr = '';
      const onData = (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('starting data transfer loop')) {
          child.stderr!.off('data', onData);
          // Keep draining socat's log so a full pipe can never stall it.
          child.stderr!.resume();
          resolve();
        }
      };
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        if (this.child === child) this.child = null;
        reject(new Error(`socat exited (${code}): ${stderr}`));
      });
      child.once('error', reject);
    });
  }

  /** Ends socat and waits until it is gone, so its links are removed. */
  stop(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.child = null;
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

export async function openPort(path: string, baudRate = 9600): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  port.on('error', () => {});
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

export function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
  everyMs = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Like waitFor, for conditions that need an async look (a procedure call). */
export async function waitForAsync(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
