import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalTime } from './change-log.js';

/**
 * The change log reads a change's time digit by digit; it must keep in its columns exactly the
 * times that `Date.parse` reads and `toISOString` writes back the same, as a number equal to
 * `Date.parse`'s.
 */

/** Repeatable runs; set FC_SEED to explore other sequences. */
const runs = { seed: Number(process.env.FC_SEED ?? 20261202), numRuns: 2000 };

/** The reference: a time kept in the columns is one `toISOString` writes back exactly. */
function byDate(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length !== 24 || !value.endsWith('Z')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) || new Date(ms).toISOString() !== value ? undefined : ms;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Times in the form `toISOString` writes, each part anywhere in its digits (impossible days, hour 24…). */
const isoShaped = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 1, 99, 100, 1600, 1900, 1970, 2000, 2100)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 61 }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([y, mo, d, h, mi, s, ms]) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`,
  );
/** One character of a well-formed time changed into another (a letter, a sign, a space, a digit). */
const altered = fc
  .tuple(isoShaped, fc.nat(23), fc.constantFrom('+', '-', ' ', 'T', 'Z', ':', '.', '1', 'a', '٣', 'z'))
  .map(([time, at, c]) => time.slice(0, at) + c + time.slice(at + 1));
/** Any time `Date` can write in four-digit years. */
const written = fc
  .integer({
    min: Date.UTC(0, 0, 1) - 1900 * 365.2425 * 86_400_000,
    max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  })
  .map((ms) => new Date(ms).toISOString());

describe('canonicalTime', () => {
  it('keeps exactly the times Date.parse reads and toISOString writes back, as the same number', () => {
    fc.assert(
      fc.property(
        fc.oneof(isoShaped, altered, written, fc.string({ minLength: 20, maxLength: 28 })),
        (value) => {
          expect(canonicalTime(value)).toBe(byDate(value));
        },
      ),
      runs,
    );
  });

  it('reads the edges of the four-digit years and of leap years', () => {
    for (const value of [
      '0000-01-01T00:00:00.000Z',
      '0000-02-29T12:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59.999Z',
      '2024-01-01T24:00:00.000Z',
      '+02024-01-01T00:00:00.000Z',
    ]) {
      expect(canonicalTime(value)).toBe(byDate(value));
    }
    expect(canonicalTime('2000-02-29T23:59:59.999Z')).toBe(Date.parse('2000-02-29T23:59:59.999Z'));
  });
});
