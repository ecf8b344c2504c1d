import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const OK_OPEN = Buffer.from('{"ok":true,"value":');
const OK_CLOSE = Buffer.from('}');

/**
 * An answer that is already JSON: a report built in another process arrives as text, and decoding
 * it into objects only for the HTTP shell to encode it again held the app's thread for ~200 ms on
 * a quarter's analytics (3 MB) and the 93-day export (13 MB of base64). The HTTP shell writes these
 * bytes as they are; every other caller gets the decoded value (see the dispatcher).
 */
export class JsonText {
  /** The whole HTTP body, `{"ok":true,"value":…}`, laid out once so each answer copies nothing. */
  readonly body: Buffer;

  constructor(value: Uint8Array) {
    this.body = Buffer.concat([OK_OPEN, value, OK_CLOSE]);
  }

  /** The value's own bytes, a view into `body`. */
  get bytes(): Buffer {
    return this.body.subarray(OK_OPEN.length, this.body.length - OK_CLOSE.length);
  }

  /** The decoded value, for callers that need objects (the desktop window, tests, other modules). */
  parse(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  /** Typed as the procedure's answer: handlers return it where the contract names the decoded shape. */
  static answer<T>(bytes: Uint8Array): T {
    return new JsonText(bytes) as unknown as T;
  }
}

/**
 * A value encoded once, to be kept and answered many times: a screen that polls a remembered read
 * (the 1,000-bed board, 450 KB; a whole home's MAR, 3.8 MB) otherwise has it encoded again, and its
 * garbage collected, on every visit.
 */
export function encodedOnce<T>(value: T): T {
  return JsonText.answer<T>(Buffer.from(JSON.stringify(value)));
}

/**
 * An answer that is already JSON in a file of its own (alone in a private temporary folder): the
 * 93-day export is ~14 MB once in base64, and holding it in the app's process meant receiving,
 * copying and writing it out in one piece. The HTTP shell streams the file; other callers read and
 * decode it. Either way the folder is removed afterwards.
 */
export class JsonFile {
  private removed = false;

  constructor(readonly path: string) {}

  /** The HTTP body, `{"ok":true,"value":…}`, read from the file in chunks; removes it when done. */
  stream(): Readable {
    const stream = Readable.from(this.chunks(), { objectMode: false });
    // Also when the stream is dropped before it started (the client went away): no file is left.
    stream.once('close', () => this.remove());
    return stream;
  }

  private async *chunks(): AsyncGenerator<Buffer> {
    try {
      yield OK_OPEN;
      for await (const chunk of createReadStream(this.path, { highWaterMark: 256 * 1024 }))
        yield chunk as Buffer;
      yield OK_CLOSE;
    } finally {
      this.remove();
    }
  }

  parse(): unknown {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8'));
    } finally {
      this.remove();
    }
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    rmSync(dirname(this.path), { recursive: true, force: true });
  }

  static answer<T>(path: string): T {
    return new JsonFile(path) as unknown as T;
  }
}

/** Below this an answer is sent as it is: compressing it would cost more than sending it. */
export const GZIP_FROM_BYTES = 32 * 1024;

const gzipAsync = promisify(gzip);
const gzipped = new WeakMap<JsonText, Promise<Buffer>>();

/**
 * The body gzipped once, in the thread pool, for clients that accept it: a PC on the home's network
 * fetching a whole home's MAR (3.8 MB) or the bed board (450 KB) waits for the bytes, not the
 * server. Kept with the answer, so a remembered one is compressed once however often it is polled.
 */
export function gzippedBody(text: JsonText): Promise<Buffer> {
  let body = gzipped.get(text);
  if (!body) {
    body = gzipAsync(text.body, { level: 6 });
    gzipped.set(text, body);
    body.catch(() => gzipped.delete(text));
  }
  return body;
}

/** `Accept-Encoding` accepts gzip: named with a weight above 0, or `*` when gzip is not named. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(name.trim(), q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = weights.get('gzip') ?? weights.get('*') ?? 0;
  return weight > 0;
}
