import type { CallDecoder, DecoderOutput, DecoderStats } from './types';

/**
 * The bookkeeping every byte-stream decoder shares: one fresh output per call, byte counts, the
 * time of the last byte, and expiry of half-received input on `feed` and `tick` alike. A protocol
 * supplies only how to read bytes (`consume`) and what to do when the line goes quiet (`expire`).
 */
export abstract class ChunkedDecoder implements CallDecoder {
  abstract readonly protocol: string;
  readonly stats: DecoderStats = { bytes: 0, frames: 0, rejected: 0 };

  protected out: DecoderOutput = { events: [], replies: [], log: [] };
  protected now = 0;
  protected lastByteMs = 0;

  feed(chunk: Uint8Array, nowMs: number): DecoderOutput {
    this.begin(nowMs);
    this.expire();
    this.consume(chunk);
    this.stats.bytes += chunk.length;
    if (chunk.length > 0) this.lastByteMs = nowMs;
    return this.out;
  }

  tick(nowMs: number): DecoderOutput {
    this.begin(nowMs);
    this.expire();
    return this.out;
  }

  protected abstract consume(chunk: Uint8Array): void;
  protected abstract expire(): void;

  protected log(level: 'info' | 'warn', code: string, message: string): void {
    this.out.log.push({ atMs: this.now, level, code, message });
  }

  private begin(nowMs: number): void {
    this.now = nowMs;
    this.out = { events: [], replies: [], log: [] };
  }
}
