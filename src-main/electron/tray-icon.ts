import { crc32, deflateSync } from 'node:zlib';
import type { TrayState, TrayTone } from './tray-state';

/**
 * Tray icons are drawn, not shipped: the count changes with every call, and a PNG per count and
 * size would be a folder of files that drift apart. The shapes are pixel-aligned so digits stay
 * sharp at 16 px (Windows at 100 %); only the rounded corners are antialiased. PNG rather than a raw
 * bitmap because Electron's raw bitmaps use the platform's byte order (BGRA on most), which would
 * paint the red icon blue somewhere.
 */

type Rgb = readonly [number, number, number];

/** antd's primary blue, error red and warning orange, so the tray matches the app. */
export const TONE_COLORS: Record<TrayTone, Rgb> = {
  idle: [22, 119, 255],
  ringing: [245, 34, 45],
  warning: [250, 140, 22],
};

// 3×5 cell glyphs: enough for a count, "9+", the care cross and the warning mark.
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
  '!': ['010', '010', '010', '000', '010'],
};

/** Which glyph cells are lit for `text`, as a grid of rows (glyphs 3 wide, 1 cell apart). */
function textCells(text: string): boolean[][] {
  const glyphs = [...text].map((ch) => GLYPHS[ch] ?? GLYPHS['!']!);
  const rows: boolean[][] = [];
  for (let y = 0; y < 5; y += 1) {
    const row: boolean[] = [];
    glyphs.forEach((g, i) => {
      if (i > 0) row.push(false);
      for (const bit of g[y]!) row.push(bit === '1');
    });
    rows.push(row);
  }
  return rows;
}

/** Fraction of the pixel at (px, py) inside a rounded square of side `size`, by 4×4 supersampling. */
function roundedSquareCoverage(px: number, py: number, size: number): number {
  const r = size * 0.22;
  let inside = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const x = px + (sx + 0.5) / 4;
      const y = py + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(x, r), size - r);
      const cy = Math.min(Math.max(y, r), size - r);
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) inside += 1;
    }
  }
  return inside / 16;
}

/** RGBA pixels of the icon: a rounded square in the tone's colour with white text centred on it. */
export function trayIconPixels(state: Pick<TrayState, 'tone' | 'badge'>, size: number): Uint8Array {
  const text = state.badge ?? (state.tone === 'warning' ? '!' : '+');
  const cells = textCells(text);
  const cols = cells[0]!.length;
  const cell = Math.max(1, Math.floor(Math.min((size * 0.8) / cols, (size * 0.7) / 5)));
  const left = Math.round((size - cols * cell) / 2);
  const top = Math.round((size - 5 * cell) / 2);
  const [r, g, b] = TONE_COLORS[state.tone];
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (y * size + x) * 4;
      const cx = Math.floor((x - left) / cell);
      const cy = Math.floor((y - top) / cell);
      const lit = x >= left && y >= top && cells[cy]?.[cx] === true;
      pixels[i] = lit ? 255 : r;
      pixels[i + 1] = lit ? 255 : g;
      pixels[i + 2] = lit ? 255 : b;
      pixels[i + 3] = Math.round(255 * roundedSquareCoverage(x, y, size));
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes square RGBA pixels as a PNG (8-bit RGBA, no filtering: the images are tiny). */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function trayIconPng(state: Pick<TrayState, 'tone' | 'badge'>, size: number): Buffer {
  return encodePng(trayIconPixels(state, size), size);
}
