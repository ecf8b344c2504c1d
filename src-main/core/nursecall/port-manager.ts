import { statSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { PortConfig, PortState, PortStatus } from '../../shared/contract/nursecall';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { createDecoder } from './protocols/types';
import type { CallDecoder, CallEvent, DecoderOutput, DecoderStats } from './protocols/types';
import { SlicedFeed } from './sliced-feed';

/**
 * Delays before each reopen attempt of one outage: a few quick tries for a glitch, then a steady
 * 500 ms so a device that comes back is open again well within 2 s, without spinning.
 */
export const DEFAULT_RETRY_DELAYS_MS = [100, 200, 400, 500] as const;
const TICK_MS = 250;
/** Counter-only status updates are coalesced to at most one event per port per interval. */
const STATUS_THROTTLE_MS = 1000;

/** Plain Chinese for what went wrong, saying what to check. */
export function describeSerialError(path: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error ?? '');
  const code = (error as { code?: unknown } | null)?.code;
  const disconnected = (error as { disconnected?: unknown } | null)?.disconnected === true;
  if (/ENOENT|No such file|File not found|cannot find|系统找不到/i.test(message) || code === 'ENOENT') {
    return `找不到串口 ${path}，请检查 USB 转串口线是否插好、串口号是否正确`;
  }
  if (/EACCES|Permission denied/i.test(message)) {
    return `没有权限打开串口 ${path}。Linux 下请把运行 CareDesk 的用户加入 dialout 组后重新登录`;
  }
  if (/Access denied|EBUSY|Resource busy|Cannot lock|lock port/i.test(message)) {
    return `串口 ${path} 正被其他程序占用，请关闭串口调试工具或呼叫主机厂家软件`;
  }
  if (disconnected || /bad file descriptor|EIO|disconnected/i.test(message)) {
    return `串口 ${path} 连接中断（设备被拔出或断电），正在自动重连`;
  }
  if (/baud|Invalid|not supported/i.test(message)) {
    return `串口 ${path} 的参数无效（${message}），请检查波特率、数据位、校验位和停止位`;
  }
  return `串口 ${path} 出错（${message || '未知原因'}），正在自动重连`;
}

export interface PortManagerDeps {
  /** Current saved settings; read on start and on every reconcile. */
  configs(): PortConfig[];
  /**
   * Stores decoded calls, in wire order; true once they (and every call before them) are committed.
   * False means they are kept in memory and retried; the port then answers "busy" instead of ACK.
   */
  onCalls(portId: number, events: CallEvent[]): boolean;
  onStatus(status: PortStatus): void;
  clock: Clock;
  logger: Logger;
  /** Wire timing (decoder timeouts) runs on a monotonic clock, not on the business clock. */
  monotonicMs?: () => number;
  retryDelaysMs?: readonly number[];
}

interface DeviceIdentity {
  dev: number;
  ino: number;
  rdev: number;
}

function deviceIdentity(path: string): DeviceIdentity | null {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino, rdev: s.rdev };
  } catch {
    return null;
  }
}

const signature = (c: PortConfig) =>
  JSON.stringify([c.path, c.baudRate, c.dataBits, c.parity, c.stopBits, c.protocol, c.options, c.enabled]);

class PortRunner {
  state: PortState = 'connecting';
  lastError: string | null = null;
  lastErrorAt: string | null = null;
  connectedSince: string | null = null;
  reconnectAttempts = 0;
  bytes = 0;
  frames = 0;
  rejected = 0;

  private port: SerialPort | null = null;
  private decoder: CallDecoder | null = null;
  private seen: DecoderStats = { bytes: 0, frames: 0, rejected: 0 };
  private tickTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  /** The device node opened, to notice when it vanishes or is replaced (see `deviceGone`). */
  private identity: DeviceIdentity | null = null;
  private loggedError: string | null = null;
  private feedPort: SerialPort | null = null;
  private readonly slices = new SlicedFeed((slice) => this.decode(slice));

  constructor(
    /** Replaced in place when only the display name changes. */
    public config: PortConfig,
    readonly signature: string,
    private readonly deps: Required<Pick<PortManagerDeps, 'monotonicMs' | 'retryDelaysMs'>> & PortManagerDeps,
  ) {}

  status(): PortStatus {
    return {
      id: this.config.id,
      path: this.config.path,
      state: this.state,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      connectedSince: this.connectedSince,
      reconnectAttempts: this.reconnectAttempts,
      bytesReceived: this.bytes,
      framesReceived: this.frames,
      framesRejected: this.rejected,
    };
  }

  start() {
    this.open();
  }

  private emitStatus() {
    if (this.statusTimer) {
      clearTimeout(this.statusTimer);
      this.statusTimer = null;
    }
    try {
      this.deps.onStatus(this.status());
    } catch (error) {
      this.deps.logger.error('nurse-call port status listener failed', { error: String(error) });
    }
  }

  private emitCountersSoon() {
    if (this.statusTimer || this.stopped) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      if (!this.stopped) this.emitStatus();
    }, STATUS_THROTTLE_MS);
    this.statusTimer.unref();
  }

  private open() {
    if (this.stopped) return;
    const { path } = this.config;
    try {
      this.decoder = createDecoder(this.config.protocol, this.config.options);
      this.seen = { bytes: 0, frames: 0, rejected: 0 };
    } catch (error) {
      this.fail(`串口 ${path} 的协议设置无效：${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    let port: SerialPort;
    try {
      port = new SerialPort({
        path,
        baudRate: this.config.baudRate,
        dataBits: this.config.dataBits,
        parity: this.config.parity,
        stopBits: this.config.stopBits,
        autoOpen: false,
      });
    } catch (error) {
      this.fail(describeSerialError(path, error));
      return;
    }
    this.port = port;
    // Without an 'error' listener a stray write error would be thrown as an uncaught exception.
    port.on('error', (error) => this.onPortError(port, error));
    port.on('close', (error?: Error | null) => this.onPortClose(port, error));
    port.on('data', (chunk: Buffer) => this.onData(port, chunk));
    // A read stream that ends will never deliver another byte: treat it like a lost device.
    port.on('end', () =>
      this.onPortClose(port, Object.assign(new Error('stream ended'), { disconnected: true })),
    );
    port.open((error) => {
      // Stopped or given up while opening: a handle that opened late must not stay open (it would
      // hold the device's lock against the next attempt).
      if (this.port !== port || this.stopped) {
        if (!error) this.release(port);
        return;
      }
      if (error) {
        this.fail(describeSerialError(path, error));
        return;
      }
      this.connected();
    });
  }

  private connected() {
    this.identity = deviceIdentity(this.config.path);
    this.state = 'connected';
    this.connectedSince = this.deps.clock.now().toISOString();
    this.failures = 0;
    this.reconnectAttempts = 0;
    if (this.loggedError) this.deps.logger.info('nurse-call port reconnected', { path: this.config.path });
    else
      this.deps.logger.info('nurse-call port open', {
        path: this.config.path,
        protocol: this.config.protocol,
      });
    this.loggedError = null;
    this.tickTimer = setInterval(() => this.onTick(), TICK_MS);
    this.tickTimer.unref();
    this.emitStatus();
  }

  private onData(port: SerialPort, chunk: Buffer) {
    if (this.port !== port || !this.decoder) return;
    if (this.feedPort !== port) {
      this.slices.clear();
      this.feedPort = port;
    }
    this.slices.push(chunk);
  }

  private decode(slice: Uint8Array) {
    const port = this.feedPort;
    if (!port || this.port !== port || !this.decoder) return;
    try {
      this.handle(port, this.decoder.feed(slice, this.deps.monotonicMs()));
    } catch (error) {
      this.deps.logger.error('nurse-call decoder failed', { path: this.config.path, error: String(error) });
    }
  }

  private onTick() {
    const port = this.port;
    if (!port || !this.decoder) return;
    if (this.deviceGone()) {
      this.fail(
        describeSerialError(
          this.config.path,
          Object.assign(new Error('device removed'), { disconnected: true }),
        ),
      );
      return;
    }
    try {
      this.handle(port, this.decoder.tick(this.deps.monotonicMs()));
    } catch (error) {
      this.deps.logger.error('nurse-call decoder tick failed', {
        path: this.config.path,
        error: String(error),
      });
    }
  }

  private store(events: CallEvent[]): boolean {
    if (events.length === 0) return true;
    try {
      return this.deps.onCalls(this.config.id, events);
    } catch (error) {
      this.deps.logger.error('nurse-call store failed', { path: this.config.path, error: String(error) });
      return false;
    }
  }

  private handle(port: SerialPort, out: DecoderOutput) {
    // Store, commit, then ACK: an ACK tells the controller it may forget the call.
    let stored = 0;
    let ok = true;
    for (const reply of out.replies) {
      const confirms = Math.min(reply.confirms ?? 0, out.events.length);
      if (confirms > stored) {
        ok = this.store(out.events.slice(stored, confirms));
        stored = confirms;
      }
      const bytes = reply.confirms && !ok ? (reply.ifNotStored ?? reply.bytes) : reply.bytes;
      if (port.isOpen) port.write(Buffer.from(bytes));
    }
    if (stored < out.events.length) this.store(out.events.slice(stored));
    const stats = this.decoder!.stats;
    const changed =
      stats.bytes !== this.seen.bytes ||
      stats.frames !== this.seen.frames ||
      stats.rejected !== this.seen.rejected;
    this.bytes += stats.bytes - this.seen.bytes;
    this.frames += stats.frames - this.seen.frames;
    this.rejected += stats.rejected - this.seen.rejected;
    this.seen = { ...stats };
    for (const entry of out.log) {
      const fields = { path: this.config.path, code: entry.code, detail: entry.message };
      if (entry.level === 'warn') this.deps.logger.warn('nurse-call line problem', fields);
      else this.deps.logger.info('nurse-call line', fields);
    }
    if (changed) this.emitCountersSoon();
  }

  /**
   * serialport does not always report a lost device: when a tty hangs up, reads return 0 bytes
   * and its Linux binding retries them forever without an error (seen with ptys under load). So
   * the device node itself is watched: gone, or replaced by a new one at the same path (a USB
   * adapter plugged back in), means the open handle is dead. Paths that are not files (COM3 on
   * Windows) have no identity and rely on serialport's own errors.
   */
  private deviceGone(): boolean {
    if (!this.identity) return false;
    const now = deviceIdentity(this.config.path);
    return (
      !now ||
      now.dev !== this.identity.dev ||
      now.ino !== this.identity.ino ||
      now.rdev !== this.identity.rdev
    );
  }

  private onPortError(port: SerialPort, error: Error) {
    if (this.port !== port) return;
    // Errors on an open port (a failed write) are reported; a lost device also closes the port,
    // and the 'close' handler reconnects.
    if (port.isOpen) {
      this.deps.logger.warn('nurse-call port error', { path: this.config.path, error: error.message });
      return;
    }
    if (this.state === 'connected') this.fail(describeSerialError(this.config.path, error));
  }

  private onPortClose(port: SerialPort, error?: Error | null) {
    if (this.port !== port || this.stopped) return;
    this.fail(
      describeSerialError(
        this.config.path,
        error ?? Object.assign(new Error('port closed'), { disconnected: true }),
      ),
    );
  }

  private release(port: SerialPort) {
    for (const event of ['data', 'close', 'end', 'error']) port.removeAllListeners(event);
    port.on('error', () => {});
    if (port.isOpen) {
      try {
        port.close(() => {});
      } catch {
        // Already closing.
      }
    }
  }

  private fail(message: string) {
    if (this.stopped) return;
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
    if (this.port) this.release(this.port);
    this.port = null;
    this.decoder = null;
    this.slices.clear();
    this.identity = null;
    this.state = 'reconnecting';
    this.connectedSince = null;
    this.lastError = message;
    this.lastErrorAt = this.deps.clock.now().toISOString();
    this.reconnectAttempts += 1;
    if (this.loggedError !== message) {
      this.deps.logger.warn('nurse-call port unavailable; retrying', {
        path: this.config.path,
        error: message,
      });
      this.loggedError = message;
    }
    const delays = this.deps.retryDelaysMs;
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 500;
    this.failures += 1;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
    this.retryTimer.unref();
    this.emitStatus();
  }

  stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.retryTimer, this.statusTimer]) if (timer) clearTimeout(timer);
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.retryTimer = this.statusTimer = this.tickTimer = null;
    this.slices.clear();
    const port = this.port;
    this.port = null;
    if (!port) return Promise.resolve();
    return new Promise((resolve) => {
      for (const event of ['data', 'close', 'end', 'error']) port.removeAllListeners(event);
      port.on('error', () => {});
      if (!port.isOpen) {
        // Still opening: the open callback sees `stopped` and releases it.
        resolve();
        return;
      }
      try {
        port.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

/**
 * Keeps every enabled port open: opens it with its settings, feeds the bytes to its decoder,
 * writes the replies back, and reopens it after any error until it is removed or disabled.
 * Nothing here throws into the caller or blocks the event loop.
 */
export function createPortManager(input: PortManagerDeps) {
  const deps = {
    ...input,
    monotonicMs: input.monotonicMs ?? (() => performance.now()),
    retryDelaysMs: input.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
  };
  const runners = new Map<number, PortRunner>();
  let running = false;

  function disabledStatus(c: PortConfig): PortStatus {
    return {
      id: c.id,
      path: c.path,
      state: 'disabled',
      lastError: null,
      lastErrorAt: null,
      connectedSince: null,
      reconnectAttempts: 0,
      bytesReceived: 0,
      framesReceived: 0,
      framesRejected: 0,
    };
  }

  function reconcile(): void {
    if (!running) return;
    let configs: PortConfig[];
    try {
      configs = deps.configs();
    } catch (error) {
      deps.logger.error('nurse-call port settings could not be read', { error: String(error) });
      return;
    }
    const wanted = new Map(configs.map((c) => [c.id, c]));
    for (const [id, runner] of runners) {
      const c = wanted.get(id);
      if (!c || !c.enabled || signature(c) !== runner.signature) {
        runners.delete(id);
        void runner.stop();
        if (!c) continue;
        if (!c.enabled) deps.onStatus(disabledStatus(c));
      } else {
        runner.config = c;
      }
    }
    for (const c of configs) {
      if (!c.enabled || runners.has(c.id)) continue;
      const runner = new PortRunner(c, signature(c), deps);
      runners.set(c.id, runner);
      runner.start();
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      reconcile();
    },
    /** Re-reads the settings and opens, reopens or closes ports to match. */
    reconcile,
    get running() {
      return running;
    },
    async stop(): Promise<void> {
      running = false;
      const all = [...runners.values()];
      runners.clear();
      await Promise.all(all.map((r) => r.stop()));
    },
    status(): PortStatus[] {
      return deps.configs().map((c) => {
        if (!c.enabled) return disabledStatus(c);
        const runner = runners.get(c.id);
        if (runner) return runner.status();
        return {
          ...disabledStatus(c),
          state: 'connecting',
          lastError: running ? null : '呼叫串口服务没有启动（仅在桌面程序或服务器模式下运行）',
        };
      });
    },
  };
}

export type PortManager = ReturnType<typeof createPortManager>;
