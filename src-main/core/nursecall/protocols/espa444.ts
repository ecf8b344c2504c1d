import { z } from 'zod';
import { ChunkedDecoder } from './chunked-decoder';
import type { CallEvent, CallPriority, DecoderReply, ProtocolDefinition } from './types';
import type { TextEncoding } from './text';
import { TEXT_ENCODINGS, decodeText, encodeText } from './text';

/** ESPA 4.4.4 control characters. */
export const ESPA = {
  SOH: 0x01,
  STX: 0x02,
  ETX: 0x03,
  EOT: 0x04,
  ENQ: 0x05,
  ACK: 0x06,
  NAK: 0x15,
  RS: 0x1e,
  US: 0x1f,
} as const;
const { SOH, STX, ETX, EOT, ENQ, ACK, NAK, RS, US } = ESPA;

/** NAK prefixes: '1' transmission error (bad BCC), '2' busy, '3' invalid message. */
export type NakReason = '1' | '2' | '3';

export const espa444OptionsSchema = z.object({
  /** Our station address on the ESPA link (the paging-system side is '2' by convention). */
  ownAddress: z
    .string()
    .regex(/^[\x21-\x7e]$/, '站地址应为一个可见字符，通常是数字 2')
    .default('2'),
  /** A block whose next byte does not arrive within this time is discarded. */
  blockTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
  encoding: z.enum(TEXT_ENCODINGS).default('ascii'),
  maxBlockBytes: z.number().int().min(64).max(65_536).default(4096),
});
export type Espa444Options = z.input<typeof espa444OptionsSchema>;

const CALL_TYPES: Readonly<Record<string, string>> = { '1': 'reset', '2': 'speech', '3': 'standard' };
const CALL_TYPE_CODES = { reset: '1', speech: '2', standard: '3' } as const;
const PRIORITIES: Readonly<Record<string, CallPriority>> = { '1': 'alarm', '2': 'high', '3': 'normal' };
const PRIORITY_CODES: Readonly<Record<CallPriority, string>> = { alarm: '1', high: '2', normal: '3' };
const HEADERS: Readonly<Record<string, string>> = {
  '1': 'call to pager',
  '2': 'status information',
  '3': 'status request',
  '4': 'call to subscriber line',
  '5': 'other',
};
const MAX_RECORD_ID = 4;

const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');

interface ParsedBlock {
  header: string;
  records: Record<string, string>;
}

/**
 * The paging-system (slave) side of an ESPA 4.4.4 link. Reads a byte stream in arbitrary chunks
 * and answers polls, selections and blocks exactly as a pager would.
 */
export class Espa444Decoder extends ChunkedDecoder {
  readonly protocol = 'espa444';

  private readonly own: number;
  private readonly timeoutMs: number;
  private readonly encoding: TextEncoding;
  private readonly body: Uint8Array;

  private state: 'hunt' | 'block' | 'bcc' = 'hunt';
  private len = 0;
  private xor = 0;
  /** A printable byte seen in hunt state that becomes a station address if ENQ follows. */
  private candidate = -1;
  private afterEot = false;
  private link: 'none' | 'us' | 'other' = 'none';
  /** The current block belongs to a transaction selected for another station. */
  private foreign = false;
  private noise = 0;

  constructor(options: Espa444Options = {}) {
    super();
    const o = espa444OptionsSchema.parse(options);
    this.own = o.ownAddress.charCodeAt(0);
    this.timeoutMs = o.blockTimeoutMs;
    this.encoding = o.encoding;
    this.body = new Uint8Array(o.maxBlockBytes);
  }

  protected consume(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.step(chunk[i]!);
  }

  private reply(bytes: Uint8Array) {
    const reply: DecoderReply = { bytes };
    this.out.replies.push(reply);
  }

  protected expire(): void {
    if (this.now - this.lastByteMs < this.timeoutMs) return;
    if (this.state !== 'hunt') {
      this.reject(
        'timeout',
        `no byte for ${this.now - this.lastByteMs} ms inside a block; partial block discarded`,
      );
      this.state = 'hunt';
    }
    // A transaction that went silent is dead: forget its selection so later blocks are not ignored.
    this.link = 'none';
    this.afterEot = false;
    if (this.candidate >= 0) {
      this.noise++;
      this.candidate = -1;
    }
    this.flushNoise();
  }

  private step(b: number) {
    switch (this.state) {
      case 'hunt':
        this.hunt(b);
        return;
      case 'block':
        this.inBlock(b);
        return;
      case 'bcc':
        // Whatever byte follows ETX is the BCC, even if it looks like SOH, ETX or EOT.
        this.state = 'hunt';
        this.endBlock(b);
        return;
    }
  }

  private hunt(b: number) {
    if (b === SOH) {
      this.sync();
      this.startBlock();
    } else if (b === EOT) {
      this.sync();
      this.afterEot = true;
      this.link = 'none';
    } else if (b === ENQ && this.candidate >= 0) {
      const station = this.candidate;
      const poll = this.afterEot;
      this.candidate = -1;
      this.sync();
      this.addressed(station, poll);
    } else if (b > 0x20 && b < 0x7f) {
      if (this.candidate >= 0) {
        // `EOT a b ENQ` is a selection of b after noise, not a poll.
        this.noise++;
        this.afterEot = false;
      }
      this.candidate = b;
    } else {
      this.noise++;
      if (this.candidate >= 0) {
        this.noise++;
        this.candidate = -1;
      }
      this.afterEot = false;
    }
  }

  private sync() {
    if (this.candidate >= 0) {
      this.noise++;
      this.candidate = -1;
    }
    this.afterEot = false;
    this.flushNoise();
  }

  private flushNoise() {
    if (this.noise === 0) return;
    this.log('warn', 'resync', `skipped ${this.noise} byte(s) of line noise`);
    this.noise = 0;
  }

  private addressed(station: number, poll: boolean) {
    const name = String.fromCharCode(station);
    if (station === this.own) {
      if (poll) {
        // We are a pure receiver: never anything to send.
        this.reply(Uint8Array.of(EOT));
      } else {
        this.link = 'us';
        this.reply(Uint8Array.of(ACK));
      }
    } else if (!poll) {
      this.link = 'other';
      this.log('info', 'selected-other', `station '${name}' selected; its blocks will be ignored until EOT`);
    }
  }

  private startBlock() {
    this.state = 'block';
    this.len = 0;
    this.xor = 0;
    this.foreign = this.link === 'other';
  }

  private inBlock(b: number) {
    if (b === ETX) {
      this.xor ^= b;
      this.state = 'bcc';
    } else if (b === SOH) {
      this.reject('aborted', 'SOH before ETX; partial block discarded');
      this.startBlock();
    } else if (b === EOT) {
      this.reject('aborted', 'EOT before ETX; partial block discarded');
      this.state = 'hunt';
      this.hunt(b);
    } else if (this.len === this.body.length) {
      this.reject('overflow', `block longer than ${this.body.length} bytes; discarded`);
      this.state = 'hunt';
    } else {
      this.body[this.len++] = b;
      this.xor ^= b;
    }
  }

  private reject(code: string, message: string) {
    if (this.foreign) return;
    this.stats.rejected++;
    this.log('warn', code, message);
  }

  private endBlock(bcc: number) {
    if (this.foreign) return;
    if (bcc !== this.xor) {
      this.stats.rejected++;
      this.reply(encodeNak('1'));
      this.log('warn', 'nak-bcc', `BCC ${hex(bcc)} but computed ${hex(this.xor)}; sent '1' NAK`);
      return;
    }
    const parsed = this.parse();
    if (typeof parsed === 'string') {
      this.stats.rejected++;
      this.reply(encodeNak('3'));
      this.log('warn', 'nak-invalid', `${parsed}; sent '3' NAK`);
      return;
    }
    this.stats.frames++;
    const { header, records } = parsed;
    if (header === '1' || header === '4') {
      this.out.events.push(toEvent(records));
      // The ACK waits for the store; if storing fails the controller gets "busy" and sends again.
      this.out.replies.push({
        bytes: Uint8Array.of(ACK),
        confirms: this.out.events.length,
        ifNotStored: encodeNak('2'),
      });
    } else {
      this.reply(Uint8Array.of(ACK));
      const fields = Object.entries(records)
        .map(([id, data]) => `${id}=${JSON.stringify(data)}`)
        .join(' ');
      this.log('info', header === '2' ? 'status' : 'ignored-header', `${HEADERS[header]} block: ${fields}`);
    }
  }

  /** Returns the block's content, or why it is invalid. */
  private parse(): ParsedBlock | string {
    const body = this.body.subarray(0, this.len);
    const stx = body.indexOf(STX);
    if (stx < 0) return 'block without STX';
    if (stx !== 1) return stx === 0 ? 'block without header' : `header of ${stx} bytes`;
    const header = String.fromCharCode(body[0]!);
    if (HEADERS[header] === undefined) return `unknown header ${hex(body[0]!)}`;
    const records: Record<string, string> = {};
    let start = stx + 1;
    while (start <= body.length) {
      let end = body.indexOf(RS, start);
      if (end < 0) end = body.length;
      // Empty records (and the trailing RS some controllers send before ETX) are allowed.
      if (end > start) {
        const record = body.subarray(start, end);
        const us = record.indexOf(US);
        if (us < 0) return 'record without US';
        if (us === 0 || us > MAX_RECORD_ID) return `record id of ${us} bytes`;
        for (let i = 0; i < record.length; i++) {
          const c = record[i]!;
          if (i !== us && (c < 0x20 || c === 0x7f)) return `control byte ${hex(c)} inside a record`;
        }
        const id = decodeText(record.subarray(0, us), 'ascii');
        records[id] = decodeText(record.subarray(us + 1), this.encoding);
      }
      start = end + 1;
    }
    if ((header === '1' || header === '4') && !records['1']?.trim())
      return 'call block without call address (record 1)';
    return { header, records };
  }
}

function toEvent(records: Record<string, string>): CallEvent {
  const typeCode = records['4']?.trim();
  const event: CallEvent = {
    kind: typeCode === '1' ? 'cancel' : 'raise',
    address: records['1']!.trim(),
    priority: PRIORITIES[records['6']?.trim() ?? ''] ?? 'normal',
    raw: records,
  };
  const message = records['2'];
  if (message) event.message = message;
  if (typeCode) event.callType = CALL_TYPES[typeCode] ?? typeCode;
  return event;
}

export function createEspa444Decoder(options: Espa444Options = {}): Espa444Decoder {
  return new Espa444Decoder(options);
}

export const espa444Protocol = {
  id: 'espa444',
  label: { zh: 'ESPA 4.4.4', en: 'ESPA 4.4.4' },
  optionsSchema: espa444OptionsSchema,
  create: (options: unknown) => new Espa444Decoder(espa444OptionsSchema.parse(options ?? {})),
} as const satisfies ProtocolDefinition;

export interface EncodeOptions {
  encoding?: TextEncoding;
}

/** XOR of the given bytes; for a block pass everything after SOH up to and including ETX. */
export function bcc(bytes: Uint8Array): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i]!;
  return x;
}

function asField(text: string, what: string, encoding: TextEncoding): Uint8Array {
  const bytes = encodeText(text, encoding);
  for (const b of bytes) {
    if (b < 0x20 || b === 0x7f) throw new RangeError(`${what} contains control byte ${hex(b)}`);
  }
  return bytes;
}

/** `SOH <header> STX <id> US <data> {RS <id> US <data>} ETX <BCC>` */
export function encodeBlock(
  header: string,
  records: ReadonlyArray<readonly [string, string]>,
  options: EncodeOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? 'ascii';
  const parts: number[] = [SOH];
  const h = asField(header, 'header', 'ascii');
  if (h.length !== 1) throw new RangeError('header must be one character');
  parts.push(h[0]!, STX);
  records.forEach(([id, data], i) => {
    const idBytes = asField(id, 'record id', 'ascii');
    if (idBytes.length === 0 || idBytes.length > MAX_RECORD_ID)
      throw new RangeError(`bad record id ${JSON.stringify(id)}`);
    if (i > 0) parts.push(RS);
    parts.push(...idBytes, US, ...asField(data, `record ${id}`, encoding));
  });
  parts.push(ETX);
  parts.push(bcc(Uint8Array.from(parts.slice(1))));
  return Uint8Array.from(parts);
}

export interface EspaCall {
  address: string;
  priority?: CallPriority;
  message?: string;
  callType?: 'standard' | 'speech';
  /** '1' call to pager (default) or '4' call to subscriber line. */
  header?: '1' | '4';
}

export function encodeCall(call: EspaCall, options: EncodeOptions = {}): Uint8Array {
  const records: Array<[string, string]> = [['1', call.address]];
  if (call.message) records.push(['2', call.message]);
  records.push(['4', CALL_TYPE_CODES[call.callType ?? 'standard']]);
  records.push(['6', PRIORITY_CODES[call.priority ?? 'normal']]);
  return encodeBlock(call.header ?? '1', records, options);
}

export function encodeReset(
  address: string,
  options: EncodeOptions & { header?: '1' | '4' } = {},
): Uint8Array {
  return encodeBlock(
    options.header ?? '1',
    [
      ['1', address],
      ['4', CALL_TYPE_CODES.reset],
    ],
    options,
  );
}

function stationByte(station: string): number {
  if (!/^[\x21-\x7e]$/.test(station)) throw new RangeError(`bad station address ${JSON.stringify(station)}`);
  return station.charCodeAt(0);
}

/** `EOT <station> ENQ`: the control station asks `station` whether it has something to send. */
export function encodePoll(station: string): Uint8Array {
  return Uint8Array.of(EOT, stationByte(station), ENQ);
}

/** `<station> ENQ`: the sender selects `station` as the receiver of its next blocks. */
export function encodeSelect(station: string): Uint8Array {
  return Uint8Array.of(stationByte(station), ENQ);
}

/** `EOT <control> ENQ <dest> ENQ`: a control station polling itself and selecting `dest`. */
export function encodeSelfPollAndSelect(control = '1', dest = '2'): Uint8Array {
  return Uint8Array.of(EOT, stationByte(control), ENQ, stationByte(dest), ENQ);
}

export function encodeNak(reason?: NakReason): Uint8Array {
  return reason ? Uint8Array.of(reason.charCodeAt(0), NAK) : Uint8Array.of(NAK);
}
