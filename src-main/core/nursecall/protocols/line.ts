import { RE2JS } from 're2js';
import { z } from 'zod';
import { ChunkedDecoder } from './chunked-decoder';
import { ProtocolOptionError } from './option-error';
import type { CallEvent, CallKind, CallPriority, ProtocolDefinition } from './types';
import type { TextEncoding } from './text';
import { TEXT_ENCODINGS, decodeText, encodeText } from './text';

const CR = 0x0d;
const LF = 0x0a;
const STX = 0x02;
const ETX = 0x03;
const EOT = 0x04;
const TAB = 0x09;
const DEL = 0x7f;

const PRESETS = {
  /** `CALL <address> [P1|P2|P3] [message]` / `CANCEL <address>` */
  plain: {
    pattern: String.raw`^(?<kind>CALL|CANCEL)\s+(?<address>\S+)(?:\s+(?<priority>P[1-3]))?(?:\s+(?<message>.*))?$`,
    flags: 'i',
  },
} as const;
export type LinePreset = keyof typeof PRESETS;

// Words seen on Chinese and imported panels; compared case-insensitively.
const DEFAULT_KINDS = {
  raise: ['CALL', 'RAISE', 'ON', 'ALARM', '呼叫'],
  cancel: ['CANCEL', 'RESET', 'OFF', 'CLEAR', '取消', '复位'],
};
const DEFAULT_PRIORITIES: Record<string, CallPriority> = {
  P1: 'alarm',
  P2: 'high',
  P3: 'normal',
  '1': 'alarm',
  '2': 'high',
  '3': 'normal',
  ALARM: 'alarm',
  HIGH: 'high',
  NORMAL: 'normal',
  紧急: 'alarm',
};

const priority = z.enum(['alarm', 'high', 'normal']);

const MAX_PATTERN_LENGTH = 300;

/** Longest line the decoder ever holds, and so the most one pattern match ever reads. */
export const MAX_LINE_BYTES = 1024;

export const lineOptionsSchema = z.object({
  /** Used when no `pattern` is given. */
  preset: z.enum(['plain']).default('plain'),
  /** Regular expression with named groups: `address` (required), `kind`, `priority`, `message`. */
  pattern: z.string().min(1).max(MAX_PATTERN_LENGTH, '呼叫行格式最多 300 个字符').optional(),
  /** Flags for `pattern` as in JavaScript: i, s and m apply; g, y, u and v change nothing here. */
  flags: z
    .string()
    .regex(/^[gimsuyv]*$/, '只能包含 g i m s u v y')
    .optional(),
  /** Strings of the `kind` group meaning raise / cancel (case-insensitive). */
  kinds: z
    .object({ raise: z.array(z.string().min(1)).default([]), cancel: z.array(z.string().min(1)).default([]) })
    .optional(),
  /** Values of the `priority` group (case-insensitive), added to the built-in P1/P2/P3, 1/2/3 map. */
  priorities: z.record(z.string().min(1), priority).optional(),
  encoding: z.enum(TEXT_ENCODINGS).default('ascii'),
  /** A line longer than this with no line end is dropped; capped so a pattern never sees more. */
  maxLineBytes: z
    .number()
    .int()
    .min(16)
    .max(MAX_LINE_BYTES, `一行最长 ${MAX_LINE_BYTES} 字节`)
    .default(MAX_LINE_BYTES),
  /** An unterminated line is read as a line once no byte has come for this long. */
  lineTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
});
export type LineOptions = z.input<typeof lineOptionsSchema>;

/**
 * A compiled pattern's size bounds its cost: RE2 matches in time proportional to program size ×
 * line length, never worse. 200 keeps a full 1,024-byte line under about 10 ms on a slow PC, so a
 * noisy port cannot hold up another port's call; the plain preset is 35, typical custom ones < 80.
 */
export const MAX_PROGRAM_SIZE = 200;

/** A custom line pattern compiled for RE2 (linear time), with JavaScript's flag letters. */
export interface LinePattern {
  exec(text: string): Record<string, string | undefined> | null;
  readonly programSize: number;
}

/**
 * Compiles with RE2 rather than JavaScript's backtracking engine: a pattern like `(?:a|a)*` or
 * `.*.*.*.*` on one 100-byte noisy line would otherwise freeze the whole app, every call with it.
 * RE2 has no backreferences or lookaround, which call-line formats do not need.
 */
export function compileLinePattern(pattern: string, flags: string): LinePattern {
  let re: RE2JS;
  try {
    let bits = 0;
    if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('s')) bits |= RE2JS.DOTALL;
    if (flags.includes('m')) bits |= RE2JS.MULTILINE;
    // `g`/`y` would make matching depend on the previous line; `u`/`v`: RE2 always reads code points.
    re = RE2JS.compile(RE2JS.translateRegExp(pattern), bits);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ProtocolOptionError(
      'pattern',
      `呼叫行格式（正则表达式）无效：${reason}。请检查括号、转义和命名分组 (?<名称>…) 的写法；` +
        '不支持反向引用（\\1）和前后断言（(?=…)、(?!…)、(?<=…)）。',
    );
  }
  if (!('address' in re.namedGroups())) {
    throw new ProtocolOptionError(
      'pattern',
      '呼叫行格式缺少命名分组 address：请用 (?<address>…) 标出呼叫地址，例如 ^CALL\\s+(?<address>\\d+)$；' +
        '可选分组为 kind（呼叫/取消）、priority（优先级）、message（显示内容）。',
    );
  }
  const programSize = re.programSize();
  if (programSize > MAX_PROGRAM_SIZE) {
    throw new ProtocolOptionError(
      'pattern',
      `呼叫行格式太复杂（规模 ${programSize}，上限 ${MAX_PROGRAM_SIZE}），遇到杂乱数据时会拖慢其他串口的呼叫。` +
        '请简化，例如把 .{0,500} 这样的大计数改为 .*，或去掉用不到的分支。',
    );
  }
  return {
    programSize,
    exec(text) {
      const match = re.exec(text) as { groups?: Record<string, string | null | undefined> } | null;
      if (!match) return null;
      const out: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) out[name] = value ?? undefined;
      return out;
    },
  };
}

const upper = (s: string) => s.trim().toUpperCase();

/**
 * One call per line (ended by CR, LF, ETX or EOT, or by going quiet; STX starts a line), fields
 * extracted by a configurable pattern.
 */
export class LineDecoder extends ChunkedDecoder {
  readonly protocol = 'line';

  private readonly re: LinePattern;
  private readonly kinds = new Map<string, CallKind>();
  private readonly priorities = new Map<string, CallPriority>();
  private readonly encoding: TextEncoding;
  private readonly timeoutMs: number;
  private readonly buf: Uint8Array;
  private len = 0;
  /** Inside an over-long line: drop bytes until its end. */
  private discarding = false;

  constructor(options: LineOptions = {}) {
    super();
    const o = lineOptionsSchema.parse(options);
    const preset = PRESETS[o.preset];
    this.re = o.pattern
      ? compileLinePattern(o.pattern, o.flags ?? '')
      : compileLinePattern(preset.pattern, o.flags ?? preset.flags);
    const kinds = o.kinds ?? DEFAULT_KINDS;
    for (const k of kinds.raise) this.kinds.set(upper(k), 'raise');
    for (const k of kinds.cancel) this.kinds.set(upper(k), 'cancel');
    for (const [k, v] of Object.entries({ ...DEFAULT_PRIORITIES, ...o.priorities }))
      this.priorities.set(upper(k), v);
    this.encoding = o.encoding;
    this.timeoutMs = o.lineTimeoutMs;
    this.buf = new Uint8Array(o.maxLineBytes);
  }

  protected consume(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      // Many panels frame each line as STX…ETX (or …EOT) with no CR/LF: those end a line too, and
      // STX starts one, so a frame whose end was lost is still read before the next begins.
      if (b === CR || b === LF || b === ETX || b === EOT || b === STX) {
        if (!this.discarding && this.len > 0) this.line();
        this.discarding = false;
        this.len = 0;
      } else if (this.discarding || (b < 0x20 && b !== TAB) || b === DEL) {
        // Other control bytes are not text. (Safe for GBK and UTF-8 too: their multi-byte
        // sequences never contain bytes below 0x30.)
        continue;
      } else if (this.len === this.buf.length) {
        this.reject('overflow', `line longer than ${this.buf.length} bytes without CR/LF; dropped`);
        this.discarding = true;
        this.len = 0;
      } else {
        this.buf[this.len++] = b;
      }
    }
  }

  protected expire(): void {
    if (this.now - this.lastByteMs < this.timeoutMs) return;
    // A panel that never ends its lines still sent a whole call: read what came, once it goes quiet.
    if (this.len > 0 && !this.discarding) {
      this.out.log.push({
        atMs: this.now,
        level: 'info',
        code: 'timeout',
        message: `no line end after ${this.now - this.lastByteMs} ms; reading ${this.preview()} as a line`,
      });
      this.line();
    }
    this.len = 0;
    this.discarding = false;
  }

  private reject(code: string, message: string) {
    this.stats.rejected++;
    this.out.log.push({ atMs: this.now, level: 'warn', code, message });
  }

  private preview(): string {
    const text = decodeText(this.buf.subarray(0, this.len), this.encoding).trim();
    return JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text);
  }

  private line() {
    const text = decodeText(this.buf.subarray(0, this.len), this.encoding).trim();
    if (text === '') return;
    const shown = JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text);
    const groups = this.re.exec(text);
    if (!groups) {
      this.reject('bad-line', `line does not match the pattern: ${shown}`);
      return;
    }
    const address = groups['address']?.trim();
    if (!address) {
      this.reject('bad-line', `empty address: ${shown}`);
      return;
    }
    let kind: CallKind = 'raise';
    if (groups['kind'] !== undefined) {
      const mapped = this.kinds.get(upper(groups['kind']));
      if (!mapped) {
        this.reject('bad-line', `unknown kind ${JSON.stringify(groups['kind'])}: ${shown}`);
        return;
      }
      kind = mapped;
    }
    let priority: CallPriority = 'normal';
    if (groups['priority'] !== undefined) {
      const mapped = this.priorities.get(upper(groups['priority']));
      if (mapped) priority = mapped;
      else
        this.out.log.push({
          atMs: this.now,
          level: 'warn',
          code: 'unknown-priority',
          message: `unknown priority ${JSON.stringify(groups['priority'])}, using normal: ${shown}`,
        });
    }
    const raw: Record<string, string> = {};
    for (const [name, value] of Object.entries(groups)) if (value !== undefined) raw[name] = value;
    const event: CallEvent = { kind, address, priority, raw };
    const message = groups['message']?.trim();
    if (message) event.message = message;
    this.stats.frames++;
    this.out.events.push(event);
  }
}

export function createLineDecoder(options: LineOptions = {}): LineDecoder {
  return new LineDecoder(options);
}

export const lineProtocol = {
  id: 'line',
  label: { zh: '文本行协议', en: 'Text lines' },
  optionsSchema: lineOptionsSchema,
  create: (options: unknown) => new LineDecoder(lineOptionsSchema.parse(options ?? {})),
} as const satisfies ProtocolDefinition;

const PRIORITY_TOKENS: Record<CallPriority, string> = { alarm: 'P1', high: 'P2', normal: 'P3' };

/** A line in the `plain` preset's format, CRLF-terminated: what a simple panel would send. */
export function encodePlainLine(
  call: { kind?: CallKind; address: string; priority?: CallPriority; message?: string },
  options: { encoding?: TextEncoding } = {},
): Uint8Array {
  if (/\s/.test(call.address) || call.address === '') throw new RangeError('address must be one word');
  if (call.message !== undefined && /[\r\n]/.test(call.message))
    throw new RangeError('message must be one line');
  const parts = [call.kind === 'cancel' ? 'CANCEL' : 'CALL', call.address];
  if (call.kind !== 'cancel') {
    // With a message the priority is always written, so a message starting "P1 " stays a message.
    if (call.priority || call.message) parts.push(PRIORITY_TOKENS[call.priority ?? 'normal']);
    if (call.message) parts.push(call.message);
  }
  return encodeText(parts.join(' ') + '\r\n', options.encoding ?? 'ascii');
}
