import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TONE_COLORS, trayIconPng, trayIconPixels } from '../../../src-main/electron/tray-icon';

/** Reads back what encodePng writes: 8-bit RGBA, one IDAT, filter 0 on every row. */
function decode(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      expect(data[8]).toBe(8);
      expect(data[9]).toBe(6);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(idat));
  const pixel = (x: number, y: number) => {
    const i = y * (width * 4 + 1) + 1 + x * 4;
    return [...raw.subarray(i, i + 4)];
  };
  return { width, pixel };
}

describe('tray icon', () => {
  it.each([16, 24, 32, 48])('is a valid %i px PNG with transparent corners', (size) => {
    const { width, pixel } = decode(trayIconPng({ tone: 'idle', badge: null }, size));
    expect(width).toBe(size);
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(size - 1, size - 1)[3]).toBe(0);
    expect(pixel(1, Math.floor(size / 2))).toEqual([...TONE_COLORS.idle, 255]);
  });

  it('is red while calls ring and blue when calm', () => {
    const red = decode(trayIconPng({ tone: 'ringing', badge: '3' }, 16));
    const blue = decode(trayIconPng({ tone: 'idle', badge: null }, 16));
    expect(red.pixel(1, 8)).toEqual([245, 34, 45, 255]);
    expect(blue.pixel(1, 8)).toEqual([22, 119, 255, 255]);
  });

  it('draws the count in white, and different counts differently', () => {
    const lit = (badge: string, size: number) => {
      const px = trayIconPixels({ tone: 'ringing', badge }, size);
      let white = 0;
      for (let i = 0; i < px.length; i += 4)
        if (px[i] === 255 && px[i + 1] === 255 && px[i + 2] === 255) white += 1;
      return { white, px };
    };
    const one = lit('1', 16);
    const eight = lit('8', 16);
    const many = lit('9+', 16);
    expect(one.white).toBeGreaterThan(10);
    expect(eight.white).toBeGreaterThan(one.white);
    expect(Buffer.from(many.px).equals(Buffer.from(eight.px))).toBe(false);
    // The digit stays inside the icon at every size, even two characters at 16 px.
    for (const size of [16, 32]) {
      const { px } = lit('9+', size);
      for (let x = 0; x < size; x += 1) {
        expect(px[x * 4]).not.toBe(255); // top row
        expect(px[((size - 1) * size + x) * 4]).not.toBe(255); // bottom row
      }
    }
  });

  it('marks a disconnected port with an orange "!"', () => {
    const px = trayIconPixels({ tone: 'warning', badge: null }, 32);
    expect([...px.subarray((16 * 32 + 2) * 4, (16 * 32 + 2) * 4 + 3)]).toEqual([...TONE_COLORS.warning]);
    expect(px.some((v, i) => i % 4 === 0 && v === 255)).toBe(true);
  });
});
