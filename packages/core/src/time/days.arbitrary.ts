import fc from 'fast-check';

/**
 * Test code only (no entry imports it).
 *
 * Plain days (`YYYY-MM-DD`) of the years `from`–`to`: days 1–28 of every month, so that each one
 * exists in every month of every year (property tests of what holds for any real day).
 */
export function dayIn(from: number, to: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: from, max: to }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}
