import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineDecoder, encodePlainLine } from '../../../src-main/core/nursecall/protocols/line';
import { encodeText } from '../../../src-main/core/nursecall/protocols/text';
import type {
  CallDecoder,
  CallPriority,
  DecoderOutput,
} from '../../../src-main/core/nursecall/protocols/types';
import { createDecoder } from '../../../src-main/core/nursecall/protocols/types';

const enc = (s: string) => new TextEncoder().encode(s);

function collect(decoder: CallDecoder, chunks: Array<Uint8Array | string>, nowMs = 0): DecoderOutput {
  const all: DecoderOutput = { events: [], replies: [], log: [] };
  for (const chunk of chunks) {
    const out = decoder.feed(typeof chunk === 'string' ? enc(chunk) : chunk, nowMs);
    all.events.push(...out.events);
    all.replies.push(...out.replies);
    all.log.push(...out.log);
  }
  return all;
}

describe('line protocol, plain preset', () => {
  it('decodes CALL and CANCEL with optional priority and message', () => {
    const d = new LineDecoder();
    const out = collect(d, ['CALL 201\r\nCALL 202 P1 Bed 3 fell\r\ncancel 201\r\nCALL 203 need water\r\n']);
    expect(out.events).toEqual([
      { kind: 'raise', address: '201', priority: 'normal', raw: { kind: 'CALL', address: '201' } },
      {
        kind: 'raise',
        address: '202',
        priority: 'alarm',
        message: 'Bed 3 fell',
        raw: { kind: 'CALL', address: '202', priority: 'P1', message: 'Bed 3 fell' },
      },
      { kind: 'cancel', address: '201', priority: 'normal', raw: { kind: 'cancel', address: '201' } },
      {
        kind: 'raise',
        address: '203',
        priority: 'normal',
        message: 'need water',
        raw: { kind: 'CALL', address: '203', message: 'need water' },
      },
    ]);
    expect(out.replies).toEqual([]);
    expect(d.stats).toMatchObject({ frames: 4, rejected: 0 });
  });

  it('decodes UTF-8 and GBK messages when configured', () => {
    const utf8 = new LineDecoder({ encoding: 'utf8' });
    expect(utf8.feed(enc('CALL 202 P2 王奶奶 摔倒\n'), 0).events[0]).toMatchObject({
      address: '202',
      priority: 'high',
      message: '王奶奶 摔倒',
    });
    const gbk = new LineDecoder({ encoding: 'gbk' });
    expect(gbk.feed(encodeText('CALL 202 P1 三床呼叫\r\n', 'gbk'), 0).events[0]?.message).toBe('三床呼叫');
  });

  it('accepts CR, LF and CRLF, and lines split across reads', () => {
    const d = new LineDecoder();
    const out = collect(d, ['CALL 1\rCALL 2\nCAL', 'L 3\r', '\nCALL 4', '\r\n\r\n\n']);
    expect(out.events.map((e) => e.address)).toEqual(['1', '2', '3', '4']);
    expect(d.stats.rejected).toBe(0);
  });

  it('gives the same events for any split of the byte stream', () => {
    const call = fc.record({
      kind: fc.constantFrom<'raise' | 'cancel'>('raise', 'cancel'),
      address: fc.stringMatching(/^[0-9A-Za-z-]{1,8}$/),
      priority: fc.option(fc.constantFrom<CallPriority>('alarm', 'high', 'normal'), { nil: undefined }),
      message: fc.option(fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(call, { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 })),
        (calls, sizes) => {
          const stream = new Uint8Array(calls.flatMap((c) => [...encodePlainLine(c)]));
          const chunks: Uint8Array[] = [];
          for (let at = 0, i = 0; at < stream.length; i++) {
            const size = sizes.length ? sizes[i % sizes.length]! : stream.length;
            chunks.push(stream.subarray(at, at + size));
            at += size;
          }
          const out = collect(new LineDecoder(), chunks);
          expect(out.events.map(({ raw: _raw, ...e }) => e)).toEqual(
            calls.map((c) => ({
              kind: c.kind,
              address: c.address,
              priority: c.kind === 'cancel' ? 'normal' : (c.priority ?? 'normal'),
              ...(c.kind === 'raise' && c.message ? { message: c.message } : {}),
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores control bytes wrapped around a line, such as STX…ETX', () => {
    const d = new LineDecoder();
    expect(d.feed(enc('\x02CALL 201 P2\x03\r\n\x04CANCEL 201\n'), 0).events).toMatchObject([
      { kind: 'raise', address: '201', priority: 'high' },
      { kind: 'cancel', address: '201' },
    ]);
  });

  it('counts and logs lines that do not match, ignoring blank ones', () => {
    const d = new LineDecoder();
    const out = collect(d, ['HELLO\r\n   \r\nCALL\r\nPING 201\r\nCALL 201\r\n']);
    expect(out.events.map((e) => e.address)).toEqual(['201']);
    expect(d.stats).toMatchObject({ frames: 1, rejected: 3 });
    expect(out.log.map((l) => l.code)).toEqual(['bad-line', 'bad-line', 'bad-line']);
    expect(out.log[0]!.message).toContain('"HELLO"');
  });

  it('drops a line with no newline for more than 1 KB, including its tail', () => {
    const d = new LineDecoder();
    const out = collect(d, ['CALL ' + '9'.repeat(700), '9'.repeat(700), '999 P1\r\nCALL 202\r\n']);
    expect(out.events.map((e) => e.address)).toEqual(['202']);
    expect(out.log.map((l) => l.code)).toEqual(['overflow']);
    expect(d.stats.rejected).toBe(1);
    expect(d.stats.bytes).toBe(5 + 700 + 700 + 18);
  });

  it('reads STX…ETX and STX…EOT frames without CR/LF as lines, one frame each', () => {
    const d = new LineDecoder();
    const out = collect(d, ['\x02CALL 201\x03', '\x02CALL 202\x03\x02CANCEL 201\x04']);
    expect(out.events.map((e) => [e.kind, e.address])).toEqual([
      ['raise', '201'],
      ['raise', '202'],
      ['cancel', '201'],
    ]);
    // A frame whose ETX was lost still counts: the next STX ends it.
    expect(d.feed(enc('\x02CALL 203\x02CALL 204\x03'), 0).events.map((e) => e.address)).toEqual([
      '203',
      '204',
    ]);
  });

  it('reads an unterminated line once the line goes quiet', () => {
    const d = new LineDecoder({ lineTimeoutMs: 300 });
    d.feed(enc('CALL 201'), 1000);
    expect(d.tick(1299).events).toEqual([]);
    const out = d.tick(1300);
    expect(out.log.map((l) => l.code)).toEqual(['timeout']);
    expect(out.events.map((e) => e.address)).toEqual(['201']);
    expect(d.tick(2000).events).toEqual([]);
    expect(d.feed(enc('CALL 202\n'), 2100).events.map((e) => e.address)).toEqual(['202']);
  });
});

describe('line protocol, custom pattern', () => {
  it('extracts named groups and maps kinds and priorities', () => {
    const d = new LineDecoder({
      pattern: String.raw`^#(?<address>\d+),(?<kind>[A-Z]+)(?:,(?<priority>\w+))?(?:,(?<message>.*))?$`,
      kinds: { raise: ['ON'], cancel: ['OFF'] },
      priorities: { RED: 'alarm' },
    });
    const out = collect(d, ['#305,ON,RED,Bathroom\n#305,OFF\n#306,ON,3\n#307,BLINK\n#308,ON,PURPLE\n']);
    expect(out.events).toEqual([
      {
        kind: 'raise',
        address: '305',
        priority: 'alarm',
        message: 'Bathroom',
        raw: { address: '305', kind: 'ON', priority: 'RED', message: 'Bathroom' },
      },
      { kind: 'cancel', address: '305', priority: 'normal', raw: { address: '305', kind: 'OFF' } },
      {
        kind: 'raise',
        address: '306',
        priority: 'normal',
        raw: { address: '306', kind: 'ON', priority: '3' },
      },
      {
        kind: 'raise',
        address: '308',
        priority: 'normal',
        raw: { address: '308', kind: 'ON', priority: 'PURPLE' },
      },
    ]);
    expect(out.log.map((l) => l.code)).toEqual(['bad-line', 'unknown-priority']);
    expect(d.stats).toMatchObject({ frames: 4, rejected: 1 });
  });

  it('treats every matching line as a raise when the pattern has no kind group', () => {
    const d = new LineDecoder({ pattern: String.raw`^ROOM\s*(?<address>\d+)` });
    expect(d.feed(enc('ROOM 12 bell\nROOM7\n'), 0).events.map((e) => [e.kind, e.address])).toEqual([
      ['raise', '12'],
      ['raise', '7'],
    ]);
  });

  it('understands the default Chinese kind words', () => {
    const d = new LineDecoder({ pattern: String.raw`^(?<kind>\S+)\s+(?<address>\d+)$`, encoding: 'utf8' });
    expect(d.feed(enc('呼叫 201\n复位 201\n'), 0).events.map((e) => e.kind)).toEqual(['raise', 'cancel']);
  });

  it('ignores stateful flags so matching does not depend on the previous line', () => {
    const d = new LineDecoder({ pattern: String.raw`^CALL (?<address>\d+)$`, flags: 'g' });
    expect(d.feed(enc('CALL 1\nCALL 2\nCALL 3\n'), 0).events).toHaveLength(3);
  });

  it('rejects an invalid pattern with a Chinese explanation', () => {
    expect(() => new LineDecoder({ pattern: '^CALL (?<address>\\d+' })).toThrow(/正则表达式.*无效.*请检查/);
    expect(() => createDecoder('line', { pattern: '(?<address>[' })).toThrow(/正则表达式/);
  });

  it('rejects a pattern without an address group, saying how to add it', () => {
    expect(() => new LineDecoder({ pattern: String.raw`^CALL (?<room>\d+)$` })).toThrow(
      /缺少命名分组 address.*\(\?<address>/,
    );
  });

  it('accepts nested repeats (matching is linear), refuses over-large programs and over-long lines', () => {
    for (const pattern of [
      String.raw`^CALL\s+(?<address>(\d+)+)$`,
      String.raw`^(?<address>(\w+\s?)*)$`,
      String.raw`^(?<address>(?:a{2,})*)$`,
    ]) {
      expect(() => createDecoder('line', { pattern })).not.toThrow();
    }
    expect(() => createDecoder('line', { pattern: String.raw`^(?<address>.{0,400})$` })).toThrow(
      /太复杂.*上限 200/,
    );
    expect(() => createDecoder('line', { pattern: String.raw`^(?<address>\d+)\1$` })).toThrow(
      /不支持反向引用/,
    );
    expect(() => createDecoder('line', {})).not.toThrow();
    expect(() => createDecoder('line', { maxLineBytes: 1025 })).toThrow(/一行最长 1024 字节/);
  });

  it('rejects options of the wrong shape', () => {
    expect(() => createDecoder('line', { maxLineBytes: 'big' })).toThrow(/参数无效/);
    expect(() => createDecoder('line', { priorities: { P9: 'urgent' } })).toThrow(/参数无效/);
  });
});
