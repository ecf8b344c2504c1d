import { describe, expect, it } from 'vitest';
import { createZoneClock, localParts } from '../../../src-main/core/nursecall/stats';
import { intlStamp } from '../../support/zone';

describe('createZoneClock', () => {
  // Across a spring-forward and a fall-back night in New York, and an ordinary Shanghai year.
  it.each([
    ['America/New_York', Date.parse('2026-03-07T00:00:00Z'), Date.parse('2026-03-10T00:00:00Z')],
    ['America/New_York', Date.parse('2026-10-31T00:00:00Z'), Date.parse('2026-11-03T00:00:00Z')],
    ['Asia/Shanghai', Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-03T00:00:00Z')],
  ])('agrees with Intl in %s every 7 minutes 13 seconds', (timeZone, from, to) => {
    const zone = createZoneClock(timeZone);
    for (let ms = from; ms < to; ms += 433_000) {
      expect(zone.stamp(ms)).toBe(intlStamp(ms, timeZone));
      expect(zone.parts(ms)).toEqual(localParts(new Date(ms), timeZone));
    }
  });
});
