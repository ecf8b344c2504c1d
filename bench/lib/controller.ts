import type { SerialPort } from 'serialport';
import { ESPA, encodeSelfPollAndSelect } from '../../src-main/core/nursecall/protocols/espa444';

/** An ESPA 4.4.4 controller that notes when the last byte of a call block left for the wire. */
export class TimedController {
  private replies: number[] = [];
  private waiter: (() => void) | null = null;
  constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      for (const b of chunk) if (b === ESPA.ACK || b === ESPA.NAK || b === ESPA.EOT) this.replies.push(b);
      this.waiter?.();
    });
  }

  private async reply(timeoutMs = 5000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (this.replies.length === 0) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('no reply from the app');
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.waiter = () => {
          clearTimeout(timer);
          r();
        };
      });
      this.waiter = null;
    }
    return this.replies.shift()!;
  }

  private write(bytes: Uint8Array): Promise<void> {
    return new Promise((r, j) =>
      this.port.write(Buffer.from(bytes), (e) => (e ? j(e) : this.port.drain(() => r()))),
    );
  }

  /** Runs one ESPA transaction; `onLastByte` gets the time the block's last byte was written. */
  async call(block: Uint8Array, onLastByte: (at: number) => void): Promise<void> {
    this.replies = [];
    await this.write(encodeSelfPollAndSelect('1', '2'));
    if ((await this.reply()) !== ESPA.ACK) throw new Error('selection refused');
    await this.write(block);
    onLastByte(performance.now());
    if ((await this.reply()) !== ESPA.ACK) throw new Error('block refused');
    await this.write(Uint8Array.of(ESPA.EOT));
  }
}
