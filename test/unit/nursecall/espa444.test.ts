import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ESPA,
  Espa444Decoder,
  bcc,
  encodeBlock,
  encodeCall,
  encodeNak,
  encodePoll,
  encodeReset,
  encodeSelect,
  encodeSelfPollAndSelect,
} from '../../../src-main/core/nursecall/protocols/espa444';
import type { TextEncoding } from '../../../src-main/core/nursecall/protocols/text';
import type {
  CallDecoder,
  CallEvent,
  CallPriority,
  DecoderOutput,
} from '../../../src-main/core/nursecall/protocols/types';
import { createDecoder, protocols } from '../../../src-main/core/nursecall/protocols/types';

const { SOH, STX, ETX, EOT, ENQ, ACK, NAK, RS, US } = ESPA;
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const bytes = (...parts: Array<number | string | Uint8Array>) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'number' ? [p] : typeof p === 'string' ? ascii(p) : [...p])),
  );

/** A block from raw body bytes (header..last record, without ETX); BCC computed unless given. */
function rawBlock(body: Uint8Array, bccOverride?: number): Uint8Array {
  const withEtx = bytes(body, ETX);
  return bytes(SOH, withEtx, bccOverride ?? bcc(withEtx));
}

function collect(decoder: CallDecoder, chunks: Uint8Array[], nowMs = 0): DecoderOutput {
  const all: DecoderOutput = { events: [], replies: [], log: [] };
  for (const chunk of chunks) {
    const out = decoder.feed(chunk, nowMs);
    const base = all.events.length;
    all.events.push(...out.events);
    all.replies.push(...out.replies.map((r) => (r.confirms ? { ...r, confirms: r.confirms + base } : r)));
    all.log.push(...out.log);
  }
  return all;
}

function split(data: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = 0;
  let i = 0;
  while (at < data.length) {
    const size = Math.max(1, sizes.length ? sizes[i++ % sizes.length]! : data.length);
    chunks.push(data.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const replyBytes = (out: DecoderOutput) => bytes(...out.replies.map((r) => r.bytes));

/** Deterministic PRNG so failures reproduce. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ESPA 4.4.4 encoder', () => {
  it('computes the reference BCC: 01 31 02 31 1F 41 03 → 5F', () => {
    const block = encodeBlock('1', [['1', 'A']]);
    expect([...block]).toEqual([0x01, 0x31, 0x02, 0x31, 0x1f, 0x41, 0x03, 0x5f]);
    expect(bcc(Uint8Array.of(0x31, 0x02, 0x31, 0x1f, 0x41, 0x03))).toBe(0x5f);
  });

  it('builds poll, selection and NAK bytes', () => {
    expect([...encodePoll('2')]).toEqual([EOT, 0x32, ENQ]);
    expect([...encodeSelect('2')]).toEqual([0x32, ENQ]);
    expect([...encodeSelfPollAndSelect()]).toEqual([EOT, 0x31, ENQ, 0x32, ENQ]);
    expect([...encodeNak('1')]).toEqual([0x31, NAK]);
    expect([...encodeNak()]).toEqual([NAK]);
  });

  it('refuses data that would break the framing', () => {
    expect(() => encodeBlock('1', [['1', 'a\x03b']])).toThrow(RangeError);
    expect(() => encodeBlock('12', [['1', 'a']])).toThrow(RangeError);
    expect(() => encodeCall({ address: '201', message: '中' })).toThrow(RangeError);
    expect(() => encodePoll('')).toThrow(RangeError);
  });
});

describe('ESPA 4.4.4 decoder', () => {
  it('decodes the reference block and ACKs it', () => {
    const d = new Espa444Decoder();
    const out = d.feed(Uint8Array.of(0x01, 0x31, 0x02, 0x31, 0x1f, 0x41, 0x03, 0x5f), 0);
    expect(out.events).toEqual([{ kind: 'raise', address: 'A', priority: 'normal', raw: { '1': 'A' } }]);
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK));
    expect(d.stats).toEqual({ bytes: 8, frames: 1, rejected: 0 });
  });

  it('round-trips arbitrary calls split into arbitrary chunks', () => {
    const printable = fc
      .array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 40 })
      .map((cs) => String.fromCharCode(...cs));
    const hanzi = fc
      .array(fc.constantFrom(...'你好护理呼叫床位紧急王李张三四五六七八九十ABC 123、。'), { maxLength: 20 })
      .map((cs) => cs.join(''));
    const anyText = fc
      .string({ unit: 'grapheme', maxLength: 20 })
      .map((s) => [...s].filter((c) => c >= ' ' && c !== '\x7f').join(''));
    const messages: Record<TextEncoding, fc.Arbitrary<string>> = {
      ascii: printable,
      gbk: hanzi,
      utf8: anyText,
    };
    const callArb = fc.constantFrom<TextEncoding>('ascii', 'gbk', 'utf8').chain((encoding) =>
      fc.record({
        encoding: fc.constant(encoding),
        calls: fc.array(
          fc.record({
            address: fc.stringMatching(/^[0-9A-Z][0-9A-Z-]{0,7}$/),
            priority: fc.option(fc.constantFrom<CallPriority>('alarm', 'high', 'normal'), { nil: undefined }),
            message: messages[encoding],
            callType: fc.constantFrom('standard', 'speech', 'reset'),
            header: fc.constantFrom<'1' | '4'>('1', '4'),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        sizes: fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }),
      }),
    );
    fc.assert(
      fc.property(callArb, ({ encoding, calls, sizes }) => {
        const stream: Uint8Array[] = [];
        const expected: CallEvent[] = [];
        for (const c of calls) {
          stream.push(encodeSelfPollAndSelect());
          if (c.callType === 'reset') {
            stream.push(encodeReset(c.address, { encoding, header: c.header }));
            expected.push({ kind: 'cancel', address: c.address, priority: 'normal', callType: 'reset' });
          } else {
            const call = { address: c.address, message: c.message, callType: c.callType, header: c.header };
            stream.push(encodeCall(c.priority ? { ...call, priority: c.priority } : call, { encoding }));
            const e: CallEvent = {
              kind: 'raise',
              address: c.address,
              priority: c.priority ?? 'normal',
              callType: c.callType,
            };
            if (c.message) e.message = c.message;
            expected.push(e);
          }
          stream.push(Uint8Array.of(EOT));
        }
        const d = new Espa444Decoder({ encoding });
        const out = collect(d, split(bytes(...stream), sizes));
        expect(out.events.map(({ raw: _raw, ...e }) => e)).toEqual(expected);
        expect(out.replies.map((r) => [...r.bytes])).toEqual(calls.flatMap(() => [[ACK], [ACK]]));
        expect(d.stats.frames).toBe(calls.length);
        expect(d.stats.rejected).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a BCC equal to any control byte as the single byte after ETX', () => {
    const targets = [0x00, SOH, STX, ETX, EOT, ENQ, ACK, NAK, RS, US];
    for (const target of targets) {
      // Pick a two-character message that makes the block's BCC hit the target byte.
      let block: Uint8Array | undefined;
      for (let a = 0x41; a <= 0x5a && !block; a++) {
        for (let b = 0x41; b <= 0x7a && !block; b++) {
          const candidate = encodeCall({ address: '201', message: String.fromCharCode(a, b) });
          if (candidate[candidate.length - 1] === target) block = candidate;
        }
      }
      expect(block, `no block with BCC ${target}`).toBeDefined();
      const next = encodeCall({ address: '202', priority: 'alarm' });
      const d = new Espa444Decoder();
      const whole = collect(d, [bytes(block!, next)]);
      expect(whole.events.map((e) => e.address)).toEqual(['201', '202']);
      expect(replyBytes(whole)).toEqual(Uint8Array.of(ACK, ACK));
      // The same with the BCC arriving alone in its own read.
      const d2 = new Espa444Decoder();
      const parts = collect(d2, [block!.subarray(0, -1), block!.subarray(-1), next]);
      expect(parts.events.map((e) => e.address)).toEqual(['201', '202']);
      expect(d2.stats.rejected).toBe(0);
    }
  });

  it('tolerates a trailing RS before ETX', () => {
    const d = new Espa444Decoder();
    const out = d.feed(rawBlock(bytes('1', STX, '1', US, '201', RS, '6', US, '2', RS)), 0);
    expect(out.events).toEqual([
      { kind: 'raise', address: '201', priority: 'high', raw: { '1': '201', '6': '2' } },
    ]);
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK));
  });

  it('skips empty records and keeps unknown record ids', () => {
    const d = new Espa444Decoder();
    const body = bytes('1', STX, RS, '1', US, '305', RS, RS, '9', US, 'x', RS, '7', US, '', RS, '6', US, '1');
    const out = d.feed(rawBlock(body), 0);
    expect(out.events).toEqual([
      { kind: 'raise', address: '305', priority: 'alarm', raw: { '1': '305', '9': 'x', '7': '', '6': '1' } },
    ]);
  });

  it('decodes a transaction delivered one byte per read', () => {
    const d = new Espa444Decoder();
    const stream = bytes(encodeSelfPollAndSelect(), encodeCall({ address: '118', message: 'Bed 2' }), EOT);
    const out = collect(d, split(stream, [1]));
    expect(out.events).toHaveLength(1);
    expect(out.events[0]).toMatchObject({ address: '118', message: 'Bed 2' });
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK, ACK));
  });

  it('resynchronises after garbage between transactions', () => {
    const d = new Espa444Decoder();
    const garbage = Uint8Array.of(0xff, 0x00, 0x7a, 0x7a, 0x06, 0x15, 0x80, 0x41);
    const out = collect(d, [
      encodeSelfPollAndSelect(),
      encodeCall({ address: '201' }),
      Uint8Array.of(EOT),
      garbage,
      encodeSelfPollAndSelect(),
      encodeCall({ address: '202' }),
      Uint8Array.of(EOT),
    ]);
    expect(out.events.map((e) => e.address)).toEqual(['201', '202']);
    expect(out.log.filter((l) => l.code === 'resync')).toHaveLength(1);
  });

  it('recovers from arbitrary garbage before each transaction', () => {
    // Noise without ETX cannot complete a block, so every following transaction must decode.
    const noise = fc.uint8Array({ maxLength: 60 }).map((g) => g.filter((b) => b !== ETX));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, fc.stringMatching(/^[0-9]{1,4}$/)), { minLength: 1, maxLength: 6 }),
        (txs) => {
          const d = new Espa444Decoder();
          const stream = txs.flatMap(([g, address]) => [
            g,
            encodeSelfPollAndSelect(),
            encodeCall({ address }),
            Uint8Array.of(EOT),
          ]);
          const out = collect(d, stream);
          expect(out.events.map((e) => e.address)).toEqual(txs.map(([, address]) => address));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives 1,000,000 random bytes in random chunks with sane stats, then decodes again', () => {
    const rnd = mulberry32(0x5eed);
    const data = new Uint8Array(1_000_000);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(rnd() * 256);
    // Bias towards framing bytes so the state machine is exercised, not just the hunt loop.
    for (let i = 0; i < 50_000; i++)
      data[Math.floor(rnd() * data.length)] = [SOH, STX, ETX, EOT, ENQ, RS, US][i % 7]!;
    const d = new Espa444Decoder();
    let now = 0;
    let at = 0;
    let events = 0;
    while (at < data.length) {
      const size = 1 + Math.floor(rnd() * 300);
      const out = d.feed(data.subarray(at, at + size), (now += 1));
      events += out.events.length;
      for (const r of out.replies) expect(r.bytes.length).toBeLessThanOrEqual(2);
      at += size;
    }
    const sohCount = data.reduce((n, b) => n + (b === SOH ? 1 : 0), 0);
    expect(d.stats.bytes).toBe(1_000_000);
    expect(d.stats.frames + d.stats.rejected).toBeLessThanOrEqual(sohCount);
    expect(events).toBeLessThanOrEqual(d.stats.frames);
    const out = d.feed(
      bytes(EOT, encodeSelfPollAndSelect(), encodeCall({ address: '999' }), EOT),
      (now += 1),
    );
    expect(out.events.map((e) => e.address)).toEqual(['999']);
  });

  it('answers polls and selections with the exact bytes', () => {
    const d = new Espa444Decoder();
    expect(replyBytes(d.feed(bytes(EOT, '2', ENQ), 0))).toEqual(Uint8Array.of(EOT));
    expect(replyBytes(d.feed(bytes(EOT, '1', ENQ), 0))).toEqual(new Uint8Array());
    expect(replyBytes(d.feed(bytes('2', ENQ), 0))).toEqual(Uint8Array.of(ACK));
    expect(replyBytes(d.feed(bytes(EOT, '1', ENQ, '2', ENQ), 0))).toEqual(Uint8Array.of(ACK));
    expect(replyBytes(d.feed(bytes(EOT), 0))).toEqual(new Uint8Array());

    const other = new Espa444Decoder({ ownAddress: '5' });
    expect(replyBytes(other.feed(bytes(EOT, '5', ENQ), 0))).toEqual(Uint8Array.of(EOT));
    expect(replyBytes(other.feed(bytes(EOT, '2', ENQ), 0))).toEqual(new Uint8Array());
    expect(replyBytes(other.feed(bytes(EOT, '1', ENQ, '5', ENQ), 0))).toEqual(Uint8Array.of(ACK));
  });

  it('processes a block that arrives without any poll or selection', () => {
    const d = new Espa444Decoder();
    const out = d.feed(encodeCall({ address: '7' }), 0);
    expect(out.events.map((e) => e.address)).toEqual(['7']);
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK));
  });

  it('ignores blocks of a transaction selected for another station until EOT', () => {
    const d = new Espa444Decoder();
    const out = d.feed(bytes(EOT, '1', ENQ, '3', ENQ, encodeCall({ address: '201' })), 0);
    expect(out.events).toEqual([]);
    expect(out.replies).toEqual([]);
    expect(out.log.map((l) => l.code)).toEqual(['selected-other']);
    const after = d.feed(bytes(EOT, encodeCall({ address: '202' })), 1);
    expect(after.events.map((e) => e.address)).toEqual(['202']);
  });

  it('NAKs a bad BCC with "1" NAK, emits nothing, and accepts the retransmission', () => {
    const d = new Espa444Decoder();
    d.feed(encodeSelfPollAndSelect(), 0);
    const good = encodeCall({ address: '201' });
    const bad = good.slice();
    bad[bad.length - 1]! ^= 0x01;
    const out = d.feed(bad, 0);
    expect(out.events).toEqual([]);
    expect(replyBytes(out)).toEqual(Uint8Array.of(0x31, NAK));
    expect(out.log.map((l) => l.code)).toEqual(['nak-bcc']);
    expect(d.stats.rejected).toBe(1);
    const retry = d.feed(good, 1);
    expect(retry.events.map((e) => e.address)).toEqual(['201']);
    expect(replyBytes(retry)).toEqual(Uint8Array.of(ACK));
  });

  it('NAKs invalid blocks with "3" NAK and emits nothing', () => {
    const invalid: Array<[string, Uint8Array]> = [
      ['no STX', rawBlock(bytes('1', '1', US, '201'))],
      ['no header', rawBlock(bytes(STX, '1', US, '201'))],
      ['long header', rawBlock(bytes('12', STX, '1', US, '201'))],
      ['unknown header', rawBlock(bytes('9', STX, '1', US, '201'))],
      ['record without US', rawBlock(bytes('1', STX, '1', US, '201', RS, '6'))],
      ['control byte in data', rawBlock(bytes('1', STX, '1', US, '2', ENQ, '1'))],
      ['call without address', rawBlock(bytes('1', STX, '2', US, 'hello'))],
      ['blank address', rawBlock(bytes('4', STX, '1', US, '  '))],
    ];
    for (const [why, block] of invalid) {
      const d = new Espa444Decoder();
      const out = d.feed(block, 0);
      expect(out.events, why).toEqual([]);
      expect(replyBytes(out), why).toEqual(Uint8Array.of(0x33, NAK));
      expect(
        out.log.map((l) => l.code),
        why,
      ).toEqual(['nak-invalid']);
      expect(d.stats, why).toMatchObject({ frames: 0, rejected: 1 });
    }
  });

  it('times out a half-received block via tick and decodes the next one', () => {
    const d = new Espa444Decoder({ blockTimeoutMs: 500 });
    const block = encodeCall({ address: '201' });
    // Stop just before the BCC: without the timeout the next SOH would be taken as the BCC.
    expect(d.feed(block.subarray(0, -1), 1000).log).toEqual([]);
    expect(d.tick(1499).log).toEqual([]);
    const timedOut = d.tick(1500);
    expect(timedOut.log.map((l) => l.code)).toEqual(['timeout']);
    expect(timedOut.events).toEqual([]);
    expect(d.stats.rejected).toBe(1);
    const out = d.feed(encodeCall({ address: '202' }), 1600);
    expect(out.events.map((e) => e.address)).toEqual(['202']);
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK));
  });

  it('applies the timeout on the next feed when tick was not called', () => {
    const d = new Espa444Decoder();
    d.feed(encodeCall({ address: '201' }).subarray(0, 5), 0);
    const out = d.feed(encodeCall({ address: '202' }), 2000);
    expect(out.log.map((l) => l.code)).toEqual(['timeout']);
    expect(out.events.map((e) => e.address)).toEqual(['202']);
  });

  it('discards a block aborted by SOH or EOT and decodes what follows', () => {
    const d = new Espa444Decoder();
    const half = encodeCall({ address: '201' }).subarray(0, 6);
    const out = d.feed(
      bytes(half, encodeCall({ address: '202' }), half, EOT, encodeCall({ address: '203' })),
      0,
    );
    expect(out.events.map((e) => e.address)).toEqual(['202', '203']);
    expect(out.log.map((l) => l.code)).toEqual(['aborted', 'aborted']);
    expect(d.stats).toMatchObject({ frames: 2, rejected: 2 });
  });

  it('drops an over-long block and decodes the next one', () => {
    const d = new Espa444Decoder({ maxBlockBytes: 64 });
    const long = bytes(SOH, '1', STX, '2', US, 'x'.repeat(100), ETX, 0x00);
    const out = d.feed(bytes(long, EOT, encodeCall({ address: '202' })), 0);
    expect(out.log.map((l) => l.code)).toContain('overflow');
    expect(out.events.map((e) => e.address)).toEqual(['202']);
  });

  it('holds each call ACK until its calls are stored, with a "2" busy NAK as the alternative', () => {
    const d = new Espa444Decoder();
    const out = d.feed(
      bytes(
        encodeSelfPollAndSelect('1', '2'),
        encodeCall({ address: '201' }),
        encodeCall({ address: '202' }),
      ),
      0,
    );
    expect(out.events.map((e) => e.address)).toEqual(['201', '202']);
    // The selection ACK confirms nothing; each block ACK confirms the calls decoded up to it.
    expect(out.replies).toEqual([
      { bytes: Uint8Array.of(ACK) },
      { bytes: Uint8Array.of(ACK), confirms: 1, ifNotStored: Uint8Array.of(0x32, NAK) },
      { bytes: Uint8Array.of(ACK), confirms: 2, ifNotStored: Uint8Array.of(0x32, NAK) },
    ]);
    const status = d.feed(encodeBlock('2', [['7', '1']]), 0);
    expect(status.replies).toEqual([{ bytes: Uint8Array.of(ACK) }]);
  });

  it('ACKs and logs a status block without raising a call', () => {
    const d = new Espa444Decoder();
    const out = d.feed(
      encodeBlock('2', [
        ['7', '1'],
        ['8', 'OK'],
      ]),
      0,
    );
    expect(out.events).toEqual([]);
    expect(replyBytes(out)).toEqual(Uint8Array.of(ACK));
    expect(out.log).toHaveLength(1);
    expect(out.log[0]).toMatchObject({ code: 'status', level: 'info' });
    expect(out.log[0]!.message).toContain('8="OK"');
    expect(d.stats).toMatchObject({ frames: 1, rejected: 0 });
  });

  it('turns call type reset into a cancel event', () => {
    const d = new Espa444Decoder();
    const out = d.feed(encodeReset('201'), 0);
    expect(out.events).toEqual([
      {
        kind: 'cancel',
        address: '201',
        priority: 'normal',
        callType: 'reset',
        raw: { '1': '201', '4': '1' },
      },
    ]);
  });

  it('maps priorities and call types, defaulting to normal', () => {
    const d = new Espa444Decoder();
    const out = collect(d, [
      encodeBlock('4', [
        ['1', '301'],
        ['6', '1'],
        ['4', '2'],
      ]),
      encodeBlock('1', [
        ['1', '302'],
        ['6', '9'],
        ['4', '8'],
      ]),
      encodeBlock('1', [['1', ' 303 ']]),
    ]);
    expect(
      out.events.map(({ address, priority, callType, kind }) => ({ address, priority, callType, kind })),
    ).toEqual([
      { address: '301', priority: 'alarm', callType: 'speech', kind: 'raise' },
      { address: '302', priority: 'normal', callType: '8', kind: 'raise' },
      { address: '303', priority: 'normal', callType: undefined, kind: 'raise' },
    ]);
  });

  it('decodes messages as latin1 by default and as GBK or UTF-8 when configured', () => {
    const gbkBlock = encodeCall({ address: '201', message: '王奶奶 3床' }, { encoding: 'gbk' });
    expect(new Espa444Decoder({ encoding: 'gbk' }).feed(gbkBlock, 0).events[0]?.message).toBe('王奶奶 3床');
    const asLatin1 = new Espa444Decoder().feed(gbkBlock, 0).events[0]?.message;
    expect(asLatin1).toHaveLength('王奶奶 3床'.length * 2 - 2);
    const utf8Block = encodeCall({ address: '201', message: '呼叫 ✓' }, { encoding: 'utf8' });
    expect(new Espa444Decoder({ encoding: 'utf8' }).feed(utf8Block, 0).events[0]?.message).toBe('呼叫 ✓');
  });
});

describe('protocol registry', () => {
  it('builds decoders by id with validated options', () => {
    expect(Object.keys(protocols).sort()).toEqual(['espa444', 'line']);
    const d = createDecoder('espa444', { ownAddress: '4', blockTimeoutMs: 1000 });
    expect(d.protocol).toBe('espa444');
    expect(replyBytes(d.feed(bytes(EOT, '4', ENQ), 0))).toEqual(Uint8Array.of(EOT));
    expect(createDecoder('line', undefined).protocol).toBe('line');
  });

  it('explains bad protocol ids and options in Chinese', () => {
    expect(() => createDecoder('vendorX', {})).toThrow(/未知的呼叫协议/);
    expect(() => createDecoder('espa444', { ownAddress: '22' })).toThrow(/参数无效[\s\S]*ownAddress/);
    expect(() => createDecoder('espa444', { encoding: 'big5' })).toThrow(/参数无效/);
  });
});
