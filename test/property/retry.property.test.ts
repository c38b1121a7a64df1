// retryDelay reads `RateLimit` with its own small reader (src/rate-limit/reset.ts, for
// shouldRetry's size budget): on generated fields, valid and not, it gives exactly what
// parseRateLimit's policies say — the longest `t` among those with `r` = 0 — and never NaN.

import fc from 'fast-check';
import { serializeList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { parseRateLimit, retryDelay } from '../../src/index.js';
import { anyText, RUNS } from './arbitraries.js';

/** What parseRateLimit's policies say about when to come back, in ms. */
function fromParse(value: string): number | undefined {
  const resets = parseRateLimit({ ratelimit: value })
    .filter((l) => l.remaining === 0 && l.reset !== undefined)
    .map((l) => l.reset as number);
  return resets.length === 0 ? undefined : Math.max(0, ...resets) * 1000;
}

const delayOf = (value: string) => retryDelay({ status: 429, headers: { ratelimit: value } });

/** Members of the pieces that matter to RFC 9651 and to the draft, now and then broken. */
const member = fc
  .tuple(
    fc.constantFrom(
      '"a"',
      'b',
      '*c',
      '"x;r=0"',
      '"%\\""',
      '7',
      ':AQI=:',
      '?1',
      '("a" "b";r=0)',
      '("a""b")',
      '( a  *b )',
      '(a;r=0;t=1)',
      '()',
    ),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(';r=0', ';r=1', ';t=5', ';t=30') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            ';r=-0',
            ';r=00',
            ';r',
            ';t=5',
            ';t=30',
            ';t=0',
            ';t=-1',
            ';t=-0',
            ';t=1.5',
            ';t="5"',
            ';pk=:AQI=:',
            ';pk=:AQ:',
            ';pk="k"',
            ';pk',
            '; x=%"%c3%a9"',
            ';x=%"\\"',
            ';x=%"%ff"',
            ';x=%"%ed%a0%80"',
            ';x=@-1',
            ';x=?0',
            ';x=1.255',
            ';x=1234567890123.5',
            ';x=1000000000000000',
          ),
        },
      ),
      { maxLength: 4 },
    ),
  )
  .map(([name, params]) => name + params.join(''));
const junk = fc.oneof(
  fc.constantFrom(' ', '\t', ';', '=', '"', '\\', ':', '(', ')', '%"', '-', '.', ',', 'R'),
  anyText,
);
const fieldish = fc
  .tuple(
    fc.array(member, { maxLength: 4 }),
    fc.constantFrom(', ', ',', ' ,\t', ' , '),
    fc.constantFrom('', ' ', '  '),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(40), junk) },
    ),
  )
  .map(([members, comma, around, broken]) => {
    const value = around + members.join(comma) + around;
    if (broken === undefined) return value;
    const [at, text] = broken;
    const i = at % (value.length + 1);
    return value.slice(0, i) + text + value.slice(i);
  });

const item = fc.oneof(
  fc.constantFrom('default', 'burst', 'x;y', 'a "q" \\'),
  fc.integer({ min: 0, max: 99 }),
);
const param = fc.oneof(
  fc.tuple(fc.constantFrom('r', 't'), fc.integer({ min: -2, max: 100 })),
  fc.tuple(fc.constantFrom('r', 't', 'pk', 'acme-x'), fc.constantFrom('0', '7', true, 1.5)),
  fc.tuple(fc.constant('pk'), fc.uint8Array({ maxLength: 6 })),
);
const serialized = fc
  .array(
    fc.tuple(
      item,
      fc.array(param, { maxLength: 4 }).map((params) => new Map<string, unknown>(params)),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((list) => serializeList(list as never));

describe('retryDelay reads RateLimit as parseRateLimit does', () => {
  it('on fields made of RFC 9651 pieces, valid or not', () => {
    fc.assert(
      fc.property(fieldish, (value) => {
        expect(delayOf(value)).toBe(fromParse(value));
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('on Lists an independent serializer writes', () => {
    fc.assert(
      fc.property(serialized, (value) => {
        expect(delayOf(value)).toBe(fromParse(value));
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
