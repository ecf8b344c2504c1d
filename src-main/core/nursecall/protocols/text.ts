/**
 * Text codecs shared by the nurse-call protocols. Panels send ASCII, or GB2312/GBK when they
 * display Chinese; UTF-8 shows up on newer IP-to-serial gateways.
 */
export type TextEncoding = 'ascii' | 'gbk' | 'utf8';
export const TEXT_ENCODINGS = ['ascii', 'gbk', 'utf8'] as const;

const utf8Decoder = new TextDecoder('utf-8');
let gbkDecoder: InstanceType<typeof TextDecoder> | undefined;
let gbkTable: Map<string, number> | undefined;

// 'ascii' is read as latin1 (one char per byte) on purpose: WHATWG's 'latin1' label is really
// windows-1252 and would remap 0x80–0x9F, so a stray high byte could not be traced back to its value.
function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'ascii':
      return decodeLatin1(bytes);
    case 'utf8':
      return utf8Decoder.decode(bytes);
    case 'gbk':
      gbkDecoder ??= new TextDecoder('gbk');
      return gbkDecoder.decode(bytes);
  }
}

// TextEncoder only writes UTF-8, so the GBK encoder (used by the simulator and tests, never on the
// receive path) is the inverse of the platform decoder, built once on first use.
function gbkEncodeTable(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
    } else if (encoding === 'ascii') {
      if (code > 0xff) throw new RangeError(`character ${JSON.stringify(ch)} does not fit one byte`);
      out.push(code);
    } else {
      const gbk = gbkEncodeTable().get(ch);
      if (gbk === undefined) throw new RangeError(`character ${JSON.stringify(ch)} has no GBK code`);
      out.push(gbk >> 8, gbk & 0xff);
    }
  }
  return Uint8Array.from(out);
}
