import { describe, expect, it } from 'vitest';
import { pinyinFull, pinyinInitials } from '../../../src-main/core/residents/pinyin';

describe('pinyin search keys', () => {
  it('gives initials and full pinyin without tones', () => {
    expect(pinyinInitials('张桂兰')).toBe('zgl');
    expect(pinyinFull('张桂兰')).toBe('zhangguilan');
  });

  it('reads surnames with their surname pronunciation', () => {
    expect(pinyinFull('单秀英')).toBe('shanxiuying');
    expect(pinyinFull('曾国庆')).toBe('zengguoqing');
    expect(pinyinInitials('解放军')).toBe('xfj');
    expect(pinyinFull('欧阳秀兰')).toBe('ouyangxiulan');
  });

  it('writes ü as v, the way it is typed', () => {
    expect(pinyinFull('吕淑珍')).toBe('lvshuzhen');
    expect(pinyinInitials('吕淑珍')).toBe('lsz');
  });

  it('drops separators and spaces, keeps Latin letters lower-cased', () => {
    expect(pinyinInitials('阿卜杜·热合曼')).toBe('abdrhm');
    expect(pinyinFull(' 王 Mary ')).toBe('wangmary');
    expect(pinyinInitials('')).toBe('');
  });
});
