import { z } from 'zod';

/** Sex as encoded in the sequence code of a 身份证号 (odd = male, even = female). */
export type Sex = 'male' | 'female';

export const sexLabels: Record<Sex, { zh: string; en: string }> = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
};

export type IdNumberFailure = 'length' | 'format' | 'birthDate' | 'futureBirthDate' | 'checkDigit';

export type IdNumberCheck =
  | { ok: true; normalized: string; birthDate: string; sex: Sex; areaCode: string }
  | { ok: false; reason: IdNumberFailure; message: string };

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

/**
 * Province-level prefixes in use (GB/T 2260), plus 71 台湾, 81 香港, 82 澳门 and 83, which the
 * 港澳台居民居住证 uses for Taiwan residents. A number outside these is a typing error, not a
 * place we have not heard of.
 */
// prettier-ignore
const provincePrefixes = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
  '83',
]);

/** Earliest birth year we accept; anything earlier is a typo, not a 125-year-old resident. */
const earliestBirthYear = 1880;

/** The check character for the first 17 digits (which must all be digits). */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? '';
}

/** True when `date` is a real calendar day written as `YYYY-MM-DD`. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Removes what people paste around a number (spaces, full-width digits) and upper-cases x. */
function normalizeInput(raw: string): string {
  return raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘＸ]/g, 'X')
    .toUpperCase();
}

/**
 * Checks a 中国居民身份证号 (GB 11643-1999) and reads the birth date, sex and area code from it.
 * `today` is the institution's local date (`YYYY-MM-DD`), so a birth date after it is refused.
 */
export function validateIdNumber(raw: string, today: string): IdNumberCheck {
  const value = normalizeInput(raw);
  if (value.length !== 18) {
    const hint = value.length === 15 ? '（旧版15位号码请按现用身份证填写18位）' : '，请核对后重新输入';
    return {
      ok: false,
      reason: 'length',
      message: `身份证号应为18位，当前为${value.length}位${hint}`,
    };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return {
      ok: false,
      reason: 'format',
      message: '身份证号只能由数字组成，最后一位可以是X，请检查是否混入了字母或符号',
    };
  }
  if (!provincePrefixes.has(value.slice(0, 2))) {
    return {
      ok: false,
      reason: 'format',
      message: `身份证号前两位「${value.slice(0, 2)}」不是有效的省份代码，请核对前6位`,
    };
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birthDate)) {
    return {
      ok: false,
      reason: 'birthDate',
      message: `身份证号中的出生日期 ${birthDate} 不存在，请核对第7–14位`,
    };
  }
  if (Number(value.slice(6, 10)) < earliestBirthYear) {
    return {
      ok: false,
      reason: 'birthDate',
      message: `身份证号中的出生日期 ${birthDate} 不合理，请核对第7–14位`,
    };
  }
  if (birthDate > today) {
    return {
      ok: false,
      reason: 'futureBirthDate',
      message: `身份证号中的出生日期 ${birthDate} 晚于今天，请核对第7–14位`,
    };
  }
  if (checkCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: 'checkDigit', message: '身份证号校验位不正确，请核对最后一位及其他各位' };
  }
  return {
    ok: true,
    normalized: value,
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    areaCode: value.slice(0, 6),
  };
}

/**
 * Builds a valid 身份证号. `sequence` is the 3-digit order code (1–999): odd for men, even for
 * women. Used by the demo data generator and tests.
 */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`areaCode must be 6 digits: ${areaCode}`);
  if (!isCalendarDate(birthDate)) throw new RangeError(`birthDate is not a calendar date: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0–999: ${sequence}`);
  }
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Completed years of age on `today` (both `YYYY-MM-DD`); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, today: string): number {
  const by = Number(birthDate.slice(0, 4));
  const ty = Number(today.slice(0, 4));
  const hadBirthday = today.slice(5) >= birthDate.slice(5);
  return ty - by - (hadBirthday ? 0 : 1);
}

/**
 * Masks an identity document number for lists (个人信息保护法): `110101********1234` for the
 * 18-character forms. Shorter documents keep proportionally less, so no type ever reveals more
 * than the 18-character form does (6 + 4 of 18).
 */
export function maskIdNumber(raw: string): string {
  const value = raw.trim();
  const n = value.length;
  if (n === 0) return '';
  let head: number;
  let tail: number;
  if (n === 18) {
    head = 6;
    tail = 4;
  } else if (n === 15) {
    head = 6;
    tail = 2;
  } else {
    head = Math.min(3, Math.floor(n / 4));
    tail = Math.min(2, Math.floor(n / 4));
  }
  return value.slice(0, head) + '*'.repeat(n - head - tail) + value.slice(n - tail);
}

export const idTypes = [
  'resident',
  'hkMacauPermit',
  'taiwanPermit',
  'hkMacauTaiwanResidence',
  'foreignPermanent',
  'passport',
] as const;
export type IdType = (typeof idTypes)[number];

export const idTypeLabels: Record<IdType, { zh: string; en: string; example: string }> = {
  resident: { zh: '居民身份证', en: 'Resident identity card', example: '110101199001011234' },
  hkMacauPermit: {
    zh: '港澳居民来往内地通行证',
    en: 'Mainland travel permit for Hong Kong and Macao residents',
    example: 'H12345678',
  },
  taiwanPermit: {
    zh: '台湾居民来往大陆通行证',
    en: 'Mainland travel permit for Taiwan residents',
    example: '12345678',
  },
  hkMacauTaiwanResidence: {
    zh: '港澳台居民居住证',
    en: 'Residence permit for Hong Kong, Macao and Taiwan residents',
    example: '810000199001011234',
  },
  foreignPermanent: {
    zh: '外国人永久居留身份证',
    en: "Foreigner's permanent residence ID card",
    example: '911000199001011234',
  },
  passport: { zh: '护照', en: 'Passport', example: 'E12345678' },
};

export type DocumentCheck =
  | { ok: true; normalized: string; birthDate: string | null; sex: Sex | null }
  | { ok: false; message: string };

const residencePermitAreas = new Set(['810000', '820000', '830000']);

/**
 * Checks any supported identity document. Only the 18-character forms carry a checksum, a birth
 * date and a sex; the other documents get a light shape check, since their numbering changes
 * between issues and a strict rule would turn away genuine cards.
 */
export function validateDocumentNumber(idType: IdType, raw: string, today: string): DocumentCheck {
  const value = normalizeInput(raw);
  if (value.length === 0) return { ok: false, message: `请填写${idTypeLabels[idType].zh}号码` };
  switch (idType) {
    case 'resident': {
      const r = validateIdNumber(value, today);
      if (!r.ok) return { ok: false, message: r.message };
      if (residencePermitAreas.has(r.areaCode)) {
        return { ok: false, message: '这是港澳台居民居住证号码，请将证件类型改为「港澳台居民居住证」' };
      }
      return { ok: true, normalized: r.normalized, birthDate: r.birthDate, sex: r.sex };
    }
    case 'hkMacauTaiwanResidence': {
      const r = validateIdNumber(value, today);
      if (!r.ok) return { ok: false, message: r.message.replace('身份证号', '居住证号码') };
      if (!residencePermitAreas.has(r.areaCode)) {
        return {
          ok: false,
          message: '港澳台居民居住证号码应以 810000、820000 或 830000 开头；内地居民请选择「居民身份证」',
        };
      }
      return { ok: true, normalized: r.normalized, birthDate: r.birthDate, sex: r.sex };
    }
    case 'hkMacauPermit':
      return /^[HM]\d{8}(\d{2})?$/.test(value)
        ? { ok: true, normalized: value, birthDate: null, sex: null }
        : { ok: false, message: '港澳居民来往内地通行证号码应为 H 或 M 开头加8位数字，请核对' };
    case 'taiwanPermit':
      return /^(\d{8}|\d{10}[A-Z]?)$/.test(value.replace(/[()（）]/g, ''))
        ? { ok: true, normalized: value.replace(/[()（）]/g, ''), birthDate: null, sex: null }
        : { ok: false, message: '台湾居民来往大陆通行证号码应为8位数字（旧证为10位），请核对' };
    case 'foreignPermanent': {
      if (/^[A-Z]{3}\d{12}$/.test(value)) return { ok: true, normalized: value, birthDate: null, sex: null };
      // The 2023 card uses the 身份证 layout with a leading 9 and the same check character.
      if (/^9\d{16}[\dX]$/.test(value)) {
        return checkCharacter(value.slice(0, 17)) === value[17]
          ? { ok: true, normalized: value, birthDate: null, sex: null }
          : { ok: false, message: '外国人永久居留身份证号码校验位不正确，请核对最后一位' };
      }
      return {
        ok: false,
        message: '外国人永久居留身份证号码应为18位（9开头）或旧版15位（3个字母加12位数字），请核对',
      };
    }
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(value)
        ? { ok: true, normalized: value, birthDate: null, sex: null }
        : { ok: false, message: '护照号码应为5–17位字母或数字，请核对' };
  }
}

/**
 * A form field for a 居民身份证号: trims, upper-cases x and yields the normalized number; an
 * invalid one gets the Chinese reason at the field's own path (so `idNumber` inside an object).
 */
export function idNumberSchema(today: string) {
  return z.string().transform((raw, ctx) => {
    const r = validateIdNumber(raw, today);
    if (!r.ok) {
      ctx.issues.push({ code: 'custom', message: r.message, input: raw });
      return z.NEVER;
    }
    return r.normalized;
  });
}

/**
 * For forms with a document-type selector: `schema.superRefine(identityDocumentRefinement(today))`
 * on an object holding `idType` and `idNumber` reports the problem at path `idNumber`.
 */
export function identityDocumentRefinement(today: string) {
  return (value: { idType: IdType; idNumber: string }, ctx: z.RefinementCtx): void => {
    const r = validateDocumentNumber(value.idType, value.idNumber, today);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.message });
  };
}
