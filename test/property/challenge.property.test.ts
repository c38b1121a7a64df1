// formatChallenges and parseChallenges agree on every valid challenge list, and parsing is
// total: any string, any value, never a throw, and what it returns formats again.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasChallenge } from '../../src/auth/parse-challenges.js';
import { type Challenge, formatChallenges, parseChallenges } from '../../src/index.js';
import { anyText, anyValue, challenges, huge, RUNS } from './arbitraries.js';

/** What parsing a formatted challenge gives back: param names lower-cased, empty params gone. */
function normalized(c: Challenge): Challenge {
  const out: Challenge = { scheme: c.scheme };
  if (c.token68 !== undefined) out.token68 = c.token68;
  const params = Object.entries(c.params ?? {});
  if (params.length > 0) {
    out.params = Object.fromEntries(params.map(([name, value]) => [name.toLowerCase(), value]));
  }
  return out;
}

/** Strings made of the characters that matter to the grammar, so that parsing goes deep. */
const headerish = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('Basic', 'Bearer', 'realm', 'a', 'B', 'x_y', 'Zm9v') },
    {
      weight: 6,
      arbitrary: fc.constantFrom(' ', '\t', ',', '=', '==', '"', '\\', '\\"', '/', '+', '@', ';'),
    },
    { weight: 1, arbitrary: anyText },
  ),
  maxLength: 40,
});

describe('challenges', () => {
  it('formatChallenges → parseChallenges round-trips every valid challenge list', () => {
    fc.assert(
      fc.property(challenges, (list) => {
        expect(parseChallenges(formatChallenges(list))).toEqual(list.map(normalized));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a single challenge formats as the one-element list does', () => {
    fc.assert(
      fc.property(challenges, (list) => {
        const [first] = list as [Challenge];
        expect(formatChallenges(first)).toBe(formatChallenges([first]));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseChallenges never throws, and what it returns formats and parses to itself', () => {
    fc.assert(
      fc.property(fc.oneof(headerish, anyText, fc.string({ unit: 'binary-ascii' })), (header) => {
        const parsed = parseChallenges(header);
        expect(Array.isArray(parsed)).toBe(true);
        if (parsed.length > 0) {
          // Everything returned is accepted by formatChallenges (its documented contract).
          const again = parseChallenges(formatChallenges(parsed));
          expect(again).toEqual(parsed.map(normalized));
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('parseChallenges gives [] for anything that is not a string', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        fc.pre(typeof value !== 'string');
        expect(parseChallenges(value as string)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('parseChallenges survives huge and pathological values', () => {
    const headers = [
      'Basic realm="x", '.repeat(huge(50_000)),
      `Bearer realm="${'\\"'.repeat(huge(100_000))}`,
      `${'"'.repeat(huge(100_000))}`,
      `A ${'='.repeat(huge(100_000))}`,
      `A ${'b=c, '.repeat(huge(50_000))}`,
      ','.repeat(huge(200_000)),
      `A b="${'x'.repeat(huge(500_000))}`,
    ];
    for (const header of headers) expect(Array.isArray(parseChallenges(header))).toBe(true);
    expect(parseChallenges(headers[0] as string)).toHaveLength(huge(50_000));
  });

  // The renderer asks only whether a validated value (no CR or LF) holds a challenge.
  it("the renderer's hasChallenge answers parseChallenges(value).length > 0", () => {
    const agrees = (value: string) =>
      expect([value, hasChallenge(value)]).toEqual([value, parseChallenges(value).length > 0]);
    fc.assert(
      fc.property(headerish, (value) => {
        if (!/[\r\n]/.test(value)) agrees(value);
      }),
      { numRuns: RUNS * 4 },
    );
    // Every value of up to five characters that matter to the grammar.
    const alphabet = ['a', ' ', '\t', ',', '=', '"', '\\', '@'];
    let values = [''];
    for (let length = 1; length <= 5; length++) {
      values = values.flatMap((v) => alphabet.map((c) => v + c));
      for (const value of values) agrees(value);
    }
  });
});
