/**
 * Bytes decoded per event-loop turn. A pty or USB adapter can hand over 64 KB at once; decoding it
 * in one go (each line matched against the port's pattern) would hold up every other port's call
 * and every request until done. One slice plus at most one completed line bounds a turn's work.
 */
export const SLICE_BYTES = 256;

/**
 * Feeds a byte stream to `sink` in slices of at most SLICE_BYTES, one slice per turn of the event
 * loop, in order. Small chunks with nothing queued go straight through.
 */
export class SlicedFeed {
  private backlog: Uint8Array[] = [];
  private scheduled = false;
  private generation = 0;

  constructor(
    private readonly sink: (slice: Uint8Array) => void,
    private readonly schedule: (fn: () => void) => void = (fn) => void setImmediate(fn),
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.backlog.push(chunk);
    if (!this.scheduled) this.step();
  }

  /** Drops what is queued (the port closed or was reconfigured). */
  clear(): void {
    this.backlog = [];
    this.generation++;
    this.scheduled = false;
  }

  get pendingBytes(): number {
    return this.backlog.reduce((n, c) => n + c.length, 0);
  }

  private step(): void {
    const head = this.backlog[0];
    if (!head) {
      this.scheduled = false;
      return;
    }
    const slice = head.subarray(0, SLICE_BYTES);
    if (head.length > SLICE_BYTES) this.backlog[0] = head.subarray(SLICE_BYTES);
    else this.backlog.shift();
    this.scheduled = this.backlog.length > 0;
    if (this.scheduled) {
      const generation = this.generation;
      this.schedule(() => {
        if (generation === this.generation) this.step();
      });
    }
    // Last, so a sink that throws still leaves the rest queued for the next turn.
    this.sink(slice);
  }
}
