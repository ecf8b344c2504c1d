import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ageOn,
  checkCharacter,
  identityDocumentRefinement,
  idNumberSchema,
  idTypes,
  makeIdNumber,
  maskIdNumber,
  validateDocumentNumber,
  validateIdNumber,
} from '../../../src-main/shared/id-number';

const today = '2026-11-25';

/** A number with a correct check character around any 8-character date field. */
function withDate(datePart: string, area = '110101', seq = '123'): string {
  const first17 = `${area}${datePart}${seq}`;
  return first17 + checkCharacter(first17);
}

describe('validateIdNumber', () => {
  it('accepts the GB 11643-1999 examples and reads birth date, sex and area', () => {
    expect(validateIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      areaCode: '110105',
    });
    expect(validateIdNumber('440524188001010014', today)).toMatchObject({
      ok: true,
      birthDate: '1880-01-01',
      sex: 'male',
    });
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    const r = validateIdNumber('11010519491231002x', today);
    expect(r).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it('ignores spaces and full-width digits people paste in', () => {
    expect(validateIdNumber(' 110105 19491231 002X ', today)).toMatchObject({ ok: true });
    expect(validateIdNumber('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('refuses a wrong check digit and says which digit to look at', () => {
    const r = validateIdNumber('110105194912310021', today);
    expect(r).toEqual({ ok: false, reason: 'checkDigit', message: expect.stringContaining('校验位不正确') });
    expect(r.ok || r.message).toContain('最后一位');
  });

  it('refuses a transposition of two digits (caught by the weighted checksum)', () => {
    expect(validateIdNumber('11010519491213002X', today)).toMatchObject({ ok: false });
  });

  it.each([
    ['19000229', '1900-02-29'],
    ['20230231', '2023-02-31'],
    ['19901301', '1990-13-01'],
    ['19900431', '1990-04-31'],
    ['19900100', '1990-01-00'],
  ])('refuses the non-existent birth date %s', (part, shown) => {
    const r = validateIdNumber(withDate(part), today);
    expect(r).toEqual({
      ok: false,
      reason: 'birthDate',
      message: `身份证号中的出生日期 ${shown} 不存在，请核对第7–14位`,
    });
  });

  it('accepts 29 February in a leap year, including 2000', () => {
    expect(validateIdNumber(withDate('20000229'), today)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    expect(validateIdNumber(withDate('19480229'), today)).toMatchObject({ ok: true });
  });

  it('refuses implausibly early years', () => {
    expect(validateIdNumber(withDate('18500101'), today)).toMatchObject({ ok: false, reason: 'birthDate' });
  });

  it('refuses a birth date after today but accepts one born today', () => {
    const future = validateIdNumber(withDate('20261126'), today);
    expect(future).toMatchObject({ ok: false, reason: 'futureBirthDate' });
    expect(future.ok || future.message).toContain('晚于今天');
    expect(validateIdNumber(withDate('20261125'), today)).toMatchObject({ ok: true });
  });

  it.each([
    ['11010519491231002', 17],
    ['11010519491231002X1', 19],
    ['', 0],
  ])('refuses %j for its length', (raw, length) => {
    expect(validateIdNumber(raw, today)).toEqual({
      ok: false,
      reason: 'length',
      message: expect.stringContaining(`身份证号应为18位，当前为${length}位`),
    });
  });

  it('points holders of an old 15-digit number to the 18-digit one', () => {
    const r = validateIdNumber('110105491231002', today);
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    expect(r.ok || r.message).toContain('旧版15位');
  });

  it.each(['1101051949123A002X', '11010519491231X021', '11010519491231002Y', '110105-94912310021'])(
    'refuses non-digits in %s',
    (raw) => {
      expect(validateIdNumber(raw, today)).toMatchObject({ ok: false, reason: 'format' });
    },
  );

  it('refuses an unknown province prefix', () => {
    const r = validateIdNumber(withDate('19490101', '990101'), today);
    expect(r).toMatchObject({ ok: false, reason: 'format' });
    expect(r.ok || r.message).toContain('省份代码');
  });
});

describe('makeIdNumber', () => {
  const areaArb = fc
    .constantFrom('11', '31', '32', '37', '44', '51', '65', '81', '82', '83')
    .chain((p) => fc.integer({ min: 0, max: 9999 }).map((n) => p + String(n).padStart(4, '0')));
  const dateArb = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${today}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('round-trips through validateIdNumber for any area, date and sequence', () => {
    fc.assert(
      fc.property(areaArb, dateArb, fc.integer({ min: 0, max: 999 }), (area, birthDate, seq) => {
        const id = makeIdNumber(area, birthDate, seq);
        expect(id).toHaveLength(18);
        const r = validateIdNumber(id, today);
        expect(r).toEqual({
          ok: true,
          normalized: id,
          birthDate,
          sex: seq % 2 === 1 ? 'male' : 'female',
          areaCode: area,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('any single-digit change in the first 17 digits breaks the number', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (birthDate, seq, pos, delta) => {
          const id = makeIdNumber('370102', birthDate, seq);
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
          expect(validateIdNumber(changed, today).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses bad parts instead of producing an invalid number', () => {
    expect(() => makeIdNumber('11010', '1949-12-31', 2)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949-02-30', 2)).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949-12-31', 1000)).toThrow(RangeError);
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });
});

describe('ageOn', () => {
  it('counts completed years, changing on the birthday', () => {
    expect(ageOn('1946-11-25', '2026-11-24')).toBe(79);
    expect(ageOn('1946-11-25', '2026-11-25')).toBe(80);
    expect(ageOn('1946-11-26', '2026-11-25')).toBe(79);
    expect(ageOn('2026-11-25', '2026-11-25')).toBe(0);
  });

  it('has a 29 February birthday count on 1 March in common years', () => {
    expect(ageOn('1948-02-29', '2027-02-28')).toBe(78);
    expect(ageOn('1948-02-29', '2027-03-01')).toBe(79);
    expect(ageOn('1948-02-29', '2028-02-29')).toBe(80);
  });
});

describe('maskIdNumber', () => {
  it('masks a 身份证号 the way lists show it', () => {
    expect(maskIdNumber('110101199001011234')).toBe('110101********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks other documents and keeps their length', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('H1234567801')).toBe('H1*******01');
    expect(maskIdNumber('12345678')).toBe('12****78');
    expect(maskIdNumber('USA310012345678')).toBe('USA310*******78');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });

  it('never reveals a larger share of a number than the 18-digit form does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,30}$/), (value) => {
        const masked = maskIdNumber(value);
        expect(masked).toHaveLength(value.length);
        const shown = [...masked].filter((c) => c !== '*').length;
        expect(shown).toBeLessThanOrEqual(10);
        expect(shown / value.length).toBeLessThanOrEqual(10 / 18);
      }),
    );
  });
});

describe('validateDocumentNumber', () => {
  it('has a label and a check for each document type', () => {
    expect(idTypes).toEqual([
      'resident',
      'hkMacauPermit',
      'taiwanPermit',
      'hkMacauTaiwanResidence',
      'foreignPermanent',
      'passport',
    ]);
  });

  it.each([
    ['resident', '11010519491231002x', '11010519491231002X'],
    ['hkMacauPermit', 'h12345678', 'H12345678'],
    ['hkMacauPermit', 'M1234567801', 'M1234567801'],
    ['taiwanPermit', '12345678', '12345678'],
    ['taiwanPermit', '1234567890(B)', '1234567890B'],
    [
      'hkMacauTaiwanResidence',
      makeIdNumber('810000', '1950-03-04', 15),
      makeIdNumber('810000', '1950-03-04', 15),
    ],
    ['foreignPermanent', 'USA310012345678', 'USA310012345678'],
    ['foreignPermanent', makeIdNumber('911000', '1950-03-04', 21), makeIdNumber('911000', '1950-03-04', 21)],
    ['passport', 'e12345678', 'E12345678'],
  ] as const)('accepts a %s number %s', (type, raw, normalized) => {
    expect(validateDocumentNumber(type, raw, today)).toMatchObject({ ok: true, normalized });
  });

  it('reads birth date and sex only from the 18-character documents', () => {
    expect(
      validateDocumentNumber('hkMacauTaiwanResidence', makeIdNumber('820000', '1950-03-04', 16), today),
    ).toEqual({
      ok: true,
      normalized: makeIdNumber('820000', '1950-03-04', 16),
      birthDate: '1950-03-04',
      sex: 'female',
    });
    expect(validateDocumentNumber('passport', 'E12345678', today)).toMatchObject({
      birthDate: null,
      sex: null,
    });
  });

  it.each([
    ['resident', '110105194912310021', '校验位'],
    ['resident', makeIdNumber('810000', '1950-03-04', 15), '港澳台居民居住证'],
    ['hkMacauTaiwanResidence', '11010519491231002X', '810000'],
    ['hkMacauTaiwanResidence', '810000195003040150', '居住证号码校验位'],
    ['hkMacauPermit', 'X12345678', 'H 或 M'],
    ['taiwanPermit', '1234567', '8位数字'],
    ['foreignPermanent', '911000195003040210', '校验位'],
    ['foreignPermanent', 'US310012345678', '18位'],
    ['passport', 'E12', '5–17位'],
    ['passport', '', '请填写护照号码'],
  ] as const)('refuses a %s number %s', (type, raw, fragment) => {
    const r = validateDocumentNumber(type, raw, today);
    expect(r.ok).toBe(false);
    expect(r.ok || r.message).toContain(fragment);
  });
});

describe('zod helpers', () => {
  it('idNumberSchema yields the normalized number or the Chinese message at idNumber', () => {
    const form = z.object({ name: z.string(), idNumber: idNumberSchema(today) });
    expect(form.parse({ name: '张桂兰', idNumber: '11010519491231002x' }).idNumber).toBe(
      '11010519491231002X',
    );
    const r = form.safeParse({ name: '张桂兰', idNumber: '1101051949123100' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['idNumber'], message: expect.stringContaining('当前为16位') }),
    ]);
  });

  it('identityDocumentRefinement checks by document type and reports at idNumber', () => {
    const form = z
      .object({ idType: z.enum(idTypes), idNumber: z.string() })
      .superRefine(identityDocumentRefinement(today));
    expect(form.safeParse({ idType: 'passport', idNumber: 'E12345678' }).success).toBe(true);
    const r = form.safeParse({ idType: 'resident', idNumber: 'E12345678' });
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ['idNumber'], message: expect.stringContaining('身份证号应为18位') }),
    ]);
  });
});
