import type { CallKind, CallPriority } from '../../src-main/core/nursecall/protocols/types';
import type { TextEncoding } from '../../src-main/core/nursecall/protocols/text';
import {
  ESPA,
  encodeCall,
  encodeReset,
  encodeSelfPollAndSelect,
} from '../../src-main/core/nursecall/protocols/espa444';
import { encodePlainLine } from '../../src-main/core/nursecall/protocols/line';

/** The part of a SerialPort (or any Duplex) the simulator needs. */
export interface PanelPort {
  write(data: Uint8Array): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
}

export interface PanelCall {
  address: string;
  kind?: CallKind;
  priority?: CallPriority;
  message?: string;
}

export interface PanelOptions {
  protocol?: 'espa444' | 'line';
  /** Our own (control station) address. */
  controlAddress?: string;
  /** The paging side we select, i.e. the app. */
  pagerAddress?: string;
  replyTimeoutMs?: number;
  /** Retries after the first attempt, for the selection and for each block. */
  retries?: number;
  encoding?: TextEncoding;
  /** Inject 1–32 random bytes before each transaction. */
  garbage?: boolean;
  random?: () => number;
  /** After garbage, how long to let the receiver answer it before its replies are discarded. */
  settleMs?: number;
}

export type NakReason = '1' | '2' | '3' | '';

export interface TransactionResult {
  ok: boolean;
  /** Block transmissions (not counting selection attempts). */
  attempts: number;
  naks: NakReason[];
  timeouts: number;
}

export interface PanelSummary {
  sent: number;
  acked: number;
  /** NAKs received, for selections and blocks. */
  naked: number;
  timeouts: number;
  /** Calls given up after all retries. */
  failed: number;
  garbageBytes: number;
}

type Reply = { type: 'ack' } | { type: 'nak'; reason: NakReason } | { type: 'eot' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The controller side of a nurse-call link, for tests, the bench and `npm run sim:nursecall`.
 * For ESPA it is the control station: `EOT 1 ENQ 2 ENQ` → ACK → block → ACK/NAK (retry) → EOT.
 * Calls are serialised: concurrent sendCall()s run one transaction after another.
 */
export class PanelSimulator {
  readonly summary: PanelSummary = { sent: 0, acked: 0, naked: 0, timeouts: 0, failed: 0, garbageBytes: 0 };
  /** Every byte the receiver wrote back, for assertions on the wire. */
  readonly received: number[] = [];

  private readonly protocol: 'espa444' | 'line';
  private readonly control: string;
  private readonly pager: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly encoding: TextEncoding;
  private readonly garbage: boolean;
  private readonly random: () => number;
  private readonly settleMs: number;
  private readonly replies: Reply[] = [];
  private waiter: ((reply: Reply | undefined) => void) | undefined;
  private prev = -1;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly onData = (chunk: Uint8Array) => this.receive(chunk);

  constructor(
    private readonly port: PanelPort,
    options: PanelOptions = {},
  ) {
    this.protocol = options.protocol ?? 'espa444';
    this.control = options.controlAddress ?? '1';
    this.pager = options.pagerAddress ?? '2';
    this.timeoutMs = options.replyTimeoutMs ?? 1000;
    this.retries = options.retries ?? 3;
    this.encoding = options.encoding ?? 'ascii';
    this.garbage = options.garbage ?? false;
    this.random = options.random ?? Math.random;
    this.settleMs = options.settleMs ?? 20;
    port.on('data', this.onData);
  }

  close(): void {
    this.port.off('data', this.onData);
    this.waiter?.(undefined);
  }

  sendCall(call: PanelCall): Promise<TransactionResult> {
    const block =
      this.protocol === 'line'
        ? encodePlainLine(call, { encoding: this.encoding })
        : call.kind === 'cancel'
          ? encodeReset(call.address, { encoding: this.encoding })
          : encodeCall(
              { address: call.address, priority: call.priority, message: call.message },
              { encoding: this.encoding },
            );
    return this.sendBlock(block);
  }

  /** Runs one transaction with arbitrary block bytes, e.g. a deliberately corrupted block. */
  sendBlock(block: Uint8Array): Promise<TransactionResult> {
    const run = this.chain.then(() => this.transact(block));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Sends `count` calls back to back, addresses `firstAddress`, `firstAddress + 1`, … */
  async burst(
    count: number,
    firstAddress = 201,
    call: Omit<PanelCall, 'address'> = {},
  ): Promise<PanelSummary> {
    for (let i = 0; i < count; i++) await this.sendCall({ ...call, address: String(firstAddress + i) });
    return { ...this.summary };
  }

  /** Writes bytes outside any transaction (noise, a bare block, a stray poll). */
  sendRaw(bytes: Uint8Array): Promise<void> {
    const run = this.chain.then(() => {
      this.port.write(bytes);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async transact(block: Uint8Array): Promise<TransactionResult> {
    this.summary.sent++;
    const result: TransactionResult = { ok: false, attempts: 0, naks: [], timeouts: 0 };
    if (this.garbage) await this.injectGarbage();
    if (this.protocol === 'line') {
      this.port.write(block);
      result.ok = true;
      result.attempts = 1;
      return result;
    }
    if (!(await this.exchange(encodeSelfPollAndSelect(this.control, this.pager), result, false))) {
      this.summary.failed++;
      this.port.write(Uint8Array.of(ESPA.EOT));
      return result;
    }
    result.ok = await this.exchange(block, result, true);
    if (result.ok) this.summary.acked++;
    else this.summary.failed++;
    this.port.write(Uint8Array.of(ESPA.EOT));
    return result;
  }

  /** Writes `bytes` until ACKed, at most 1 + retries times. */
  private async exchange(bytes: Uint8Array, result: TransactionResult, isBlock: boolean): Promise<boolean> {
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      // A reply that arrives after we gave up on it must not answer the next attempt.
      this.replies.length = 0;
      this.port.write(bytes);
      if (isBlock) result.attempts++;
      const reply = await this.nextReply();
      if (reply?.type === 'ack') return true;
      if (reply?.type === 'nak') {
        this.summary.naked++;
        result.naks.push(reply.reason);
      } else if (reply === undefined) {
        this.summary.timeouts++;
        result.timeouts++;
      }
    }
    return false;
  }

  private async injectGarbage() {
    const n = 1 + Math.floor(this.random() * 32);
    const noise = new Uint8Array(n);
    for (let i = 0; i < n; i++) noise[i] = Math.floor(this.random() * 256);
    this.port.write(noise);
    this.summary.garbageBytes += n;
    await sleep(this.settleMs);
  }

  private nextReply(): Promise<Reply | undefined> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, this.timeoutMs);
      this.waiter = (reply) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(reply);
      };
    });
  }

  private receive(chunk: Uint8Array) {
    for (const b of chunk) {
      this.received.push(b);
      let reply: Reply | undefined;
      if (b === ESPA.ACK) reply = { type: 'ack' };
      else if (b === ESPA.EOT) reply = { type: 'eot' };
      else if (b === ESPA.NAK) {
        const p = String.fromCharCode(this.prev);
        reply = { type: 'nak', reason: p === '1' || p === '2' || p === '3' ? p : '' };
      }
      this.prev = b;
      if (!reply) continue;
      if (this.waiter) this.waiter(reply);
      else this.replies.push(reply);
    }
  }
}
