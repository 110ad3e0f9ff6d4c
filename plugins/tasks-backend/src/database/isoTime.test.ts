import fc from 'fast-check';
import { epochMsToIso } from './isoTime';

describe('epochMsToIso', () => {
  it('equals Date#toISOString', () => {
    for (const ms of [
      0,
      1,
      999,
      1000,
      86_399_999,
      86_400_000,
      951_782_400_000, // 2000-02-29
      1_764_000_000_123,
      253_402_300_799_999,
      253_402_300_800_000,
      -1,
      -86_400_001,
    ]) {
      expect(epochMsToIso(ms)).toBe(new Date(ms).toISOString());
    }
    fc.assert(
      fc.property(
        fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
        ms => epochMsToIso(ms) === new Date(ms).toISOString(),
      ),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        ms => epochMsToIso(ms) === new Date(ms).toISOString(),
      ),
      { numRuns: 20_000 },
    );
  });
});
