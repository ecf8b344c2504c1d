/**
 * An answer that is already JSON: a report built in another process arrives as text, and decoding
 * it into objects only for the HTTP shell to encode it again held the app's thread for ~200 ms on
 * a quarter's analytics (3 MB) and the 93-day export (13 MB of base64). The HTTP shell writes these
 * bytes as they are; every other caller gets the decoded value (see the dispatcher).
 */
export class JsonText {
  constructor(readonly bytes: Buffer) {}

  /** The decoded value, for callers that need objects (the desktop window, tests, other modules). */
  parse(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }

  /** Typed as the procedure's answer: handlers return it where the contract names the decoded shape. */
  static answer<T>(bytes: Uint8Array): T {
    return new JsonText(
      Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ) as unknown as T;
  }
}

/**
 * A value encoded once, to be kept and answered many times: a screen that polls a remembered read
 * (the 1,000-bed board, 450 KB) otherwise has it encoded again on every visit.
 */
export function encodedOnce<T>(value: T): T {
  return JsonText.answer<T>(Buffer.from(JSON.stringify(value)));
}

/** `{"ok":true,"value":…}` around already-encoded bytes: the same body the shell sends for any answer. */
export function okBody(text: JsonText): Buffer {
  return Buffer.concat([OK_OPEN, text.bytes, OK_CLOSE]);
}

const OK_OPEN = Buffer.from('{"ok":true,"value":');
const OK_CLOSE = Buffer.from('}');
