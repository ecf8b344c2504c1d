import { pinyin } from 'pinyin-pro';

/*
 * Search keys stored beside a resident's name so staff can type "zgl" or "zhangguilan" for 张桂兰.
 * Surname mode reads the first character as a surname (单 shan, 曾 zeng, 解 xie, 仇 qiu), and ü is
 * written v as on a pinyin keyboard (吕 → lv).
 */

function syllables(name: string, pattern: 'first' | 'pinyin'): string[] {
  const clean = name.replace(/\s+/g, '');
  if (clean === '') return [];
  return pinyin(clean, { pattern, toneType: 'none', type: 'array', surname: 'head', v: true });
}

function keep(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `pinyinInitials('张桂兰')` → `'zgl'`. Latin letters and digits pass through lower-cased. */
export function pinyinInitials(name: string): string {
  return syllables(name, 'first')
    .map((s) => keep(s))
    .join('');
}

/** `pinyinFull('张桂兰')` → `'zhangguilan'`. */
export function pinyinFull(name: string): string {
  return syllables(name, 'pinyin')
    .map((s) => keep(s))
    .join('');
}
