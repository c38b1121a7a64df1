import { describe, expect, it } from 'vitest';
import { fromResponse } from '../../src/adapters/fetch/index.js';
import {
  BadRequestError,
  HttpError,
  parseRateLimit,
  retryDelay,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../../src/index.js';

// RFC 9110 §5.6.7's example instant, in each of the three forms.
const NOW = Date.UTC(1994, 10, 6, 8, 49, 37);
const IMF = 'Sun, 06 Nov 1994 08:49:37 GMT';

const delayFor = (value: string, now: number | Date = NOW) =>
  retryDelay(new ServiceUnavailableError({ headers: { 'Retry-After': value } }), { now });

describe('retryDelay: delay-seconds', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    ['007', 7000],
    [' 30 ', 30_000],
    ['1.5', 2000],
    ['0.001', 1000],
    ['9007199254740993', Number.MAX_SAFE_INTEGER],
    ['9'.repeat(400), Number.MAX_SAFE_INTEGER],
  ])('%j → %d ms', (value, ms) => {
    expect(delayFor(value)).toBe(ms);
  });

  it('reads what the error classes write', () => {
    expect(retryDelay(new TooManyRequestsError({ retryAfter: 30 }))).toBe(30_000);
    const at = new Date(NOW + 90_000);
    expect(retryDelay(new ServiceUnavailableError({ retryAfter: at }), { now: NOW })).toBe(90_000);
  });
});

describe('retryDelay: HTTP-dates (RFC 9110 §5.6.7)', () => {
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:50:37 GMT', 60_000],
    ['RFC 850', 'Sunday, 06-Nov-94 08:50:37 GMT', 60_000],
    ['asctime', 'Sun Nov  6 08:50:37 1994', 60_000],
    ['asctime, two-digit day', 'Sun Nov 06 08:50:37 1994', 60_000],
    ['IMF-fixdate, a day later', 'Mon, 07 Nov 1994 08:49:37 GMT', 86_400_000],
    ['the same instant', IMF, 0],
    ['a past date', 'Sat, 05 Nov 1994 08:49:37 GMT', 0],
    ['RFC 850, a past date', 'Saturday, 05-Nov-94 08:49:37 GMT', 0],
  ])('%s: %j', (_, value, ms) => {
    expect(delayFor(value)).toBe(ms);
  });

  it('is relative to options.now, a number or a Date', () => {
    expect(delayFor('Sun, 06 Nov 1994 08:50:37 GMT', new Date(NOW + 59_500))).toBe(500);
    expect(delayFor('Sun, 06 Nov 1994 08:50:37 GMT', NOW + 0.25)).toBe(60_000);
  });

  it('defaults now to the current time', () => {
    const future = new Date(Date.now() + 3_600_000);
    const ms = retryDelay(new ServiceUnavailableError({ retryAfter: future })) as number;
    expect(ms).toBeGreaterThan(3_590_000);
    expect(ms).toBeLessThanOrEqual(3_600_000);
    expect(delayFor('Thu, 01 Jan 1970 00:00:00 GMT', Date.now())).toBe(0);
  });

  it('RFC 850: a two-digit year more than 50 years ahead is in the past century', () => {
    const now = Date.UTC(2026, 0, 1);
    // 2076 is 50 years ahead: kept; 2077 is more: 1977, which is in the past.
    expect(delayFor('Wednesday, 01-Jan-76 00:00:00 GMT', now)).toBe(Date.UTC(2076, 0, 1) - now);
    expect(delayFor('Saturday, 01-Jan-77 00:00:00 GMT', now)).toBe(0);
    expect(delayFor('Friday, 01-Jan-27 00:00:00 GMT', now)).toBe(Date.UTC(2027, 0, 1) - now);
    // Late in a century, a small year is early in the next one.
    const late = Date.UTC(2099, 0, 1);
    expect(delayFor('Saturday, 01-Jan-01 00:00:00 GMT', late)).toBe(Date.UTC(2101, 0, 1) - late);
  });

  it.each([
    '',
    'soon',
    '-1',
    '+1',
    '1e3',
    '0x10',
    '1.',
    '.5',
    'Infinity',
    'NaN',
    '1 2',
    'Mon, 06 Nov 1994 08:49:37 GMT', // wrong weekday
    'Sun, 31 Nov 1994 08:49:37 GMT', // no 31 November
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'sun, 06 Nov 1994 08:49:37 GMT', // names are case-sensitive
    'Sun, 06 nov 1994 08:49:37 GMT',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 94 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 06 Nov 1994 08:49:37 +0000',
    'Sun, 06 Nov 1994 08:49:37',
    '1994-11-06T08:49:37Z',
    '1994-11-06',
    'Sun Nov 06 1994 08:49:37 GMT+0000 (Coordinated Universal Time)',
    'Sunday, 06-Nov-1994 08:49:37 GMT',
    'Sun, 06-Nov-94 08:49:37 GMT', // RFC 850 has the long day name
    'Sundae, 06-Nov-94 08:49:37 GMT',
    'Monday, 06-Nov-94 08:49:37 GMT', // wrong weekday
    'Sunday, 06-Nov-94 8:49:37 GMT',
    'Sun Nov 6 08:49:37 1994', // asctime pads the day with a space
    'Mon Nov  6 08:49:37 1994',
    'Sun Nov  6 08:49:37 94',
    'Sun Nov  6 08:49:37 1994 GMT',
  ])('%j is not valid: undefined', (value) => {
    expect(delayFor(value)).toBeUndefined();
  });
});

describe('retryDelay: where the field is read', () => {
  it('an error without Retry-After, or not an error at all: undefined', () => {
    expect(retryDelay(new BadRequestError())).toBeUndefined();
    expect(retryDelay(new HttpError(503))).toBeUndefined();
    for (const x of [
      undefined,
      null,
      1,
      'x',
      {},
      { headers: null },
      { headers: { 'retry-after': 5 } },
    ]) {
      expect(retryDelay(x)).toBeUndefined();
    }
  });

  it('a Fetch Response and errors that carry one (ky, ofetch, axios shapes)', () => {
    const res = new Response(null, { status: 429, headers: { 'Retry-After': '3' } });
    expect(retryDelay(res)).toBe(3000);
    expect(retryDelay({ name: 'HTTPError', response: res })).toBe(3000);
    expect(retryDelay({ response: { status: 503, headers: { 'retry-after': '4' } } })).toBe(4000);
  });

  it('a hostile object reads as absent, never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(retryDelay(hostile)).toBeUndefined();
    expect(
      retryDelay({
        headers: {
          get: () => {
            throw new Error('no');
          },
        },
      }),
    ).toBeUndefined();
  });

  it('a bad options.now throws TypeError', () => {
    const err = new TooManyRequestsError({ retryAfter: 1 });
    expect(() => retryDelay(err, { now: Number.NaN })).toThrow(
      new TypeError(
        'retryDelay: options.now must be a finite number of ms or a valid Date, got NaN',
      ),
    );
    expect(() => retryDelay(err, { now: new Date('x') })).toThrow(TypeError);
    expect(() => retryDelay(err, { now: '0' as never })).toThrow(TypeError);
  });
});

// draft-ietf-httpapi-ratelimit-headers-11: without a usable Retry-After, the effective window
// `t` of an exhausted policy (`r` = 0) says when a request may be sent again (§4.1.2, §7).
describe('retryDelay: the RateLimit field (draft-ietf-httpapi-ratelimit-headers-11)', () => {
  const limited = (headers: Record<string, string>) =>
    retryDelay({ status: 429, headers: Object.fromEntries(Object.entries(headers)) }, { now: NOW });

  it('§4.2, B.1.1: the effective window of an exhausted policy, in ms', () => {
    expect(limited({ ratelimit: '"default";r=0;t=50' })).toBe(50_000);
    expect(limited({ ratelimit: '"default";r=0;t=0' })).toBe(0);
    // Earlier revisions named policies with Tokens; parseRateLimit reads them, and so does this.
    expect(limited({ ratelimit: 'default;r=0;t=7' })).toBe(7000);
  });

  it('§7: several exhausted policies — the longest window, since none may be exceeded', () => {
    expect(
      limited({ ratelimit: '"burst";r=0;t=10, "daily";r=0;t=36000, "hourly";r=5;t=3600' }),
    ).toBe(36_000_000);
    // A policy with quota left does not hold the client back.
    expect(limited({ ratelimit: '"burst";r=0;t=10, "hourly";r=5;t=3600' })).toBe(10_000);
  });

  it('§4.1.1, §4.1.2: quota left, or no window, says nothing about when', () => {
    expect(limited({ ratelimit: '"default";r=50;t=30' })).toBeUndefined();
    expect(limited({ ratelimit: '"default";r=0' })).toBeUndefined();
    expect(limited({ ratelimit: '"default";r=0;pk=:dHJpYWwxMjEzMjM=:' })).toBeUndefined();
  });

  it('§7: Retry-After takes precedence; an invalid one is not usable', () => {
    const ratelimit = '"default";r=0;t=5';
    expect(limited({ 'retry-after': '20', ratelimit })).toBe(20_000);
    expect(limited({ 'retry-after': IMF, ratelimit })).toBe(0);
    expect(limited({ 'retry-after': 'soon', ratelimit })).toBe(5000);
    expect(limited({ 'retry-after': '', ratelimit })).toBe(5000);
  });

  it('§7.3: RateLimit fields of a response from a cache (Age above 0) are ignored', () => {
    const ratelimit = '"default";r=0;t=5';
    expect(limited({ age: '3', ratelimit })).toBeUndefined();
    expect(limited({ age: '0', ratelimit })).toBe(5000);
    expect(limited({ age: '3', 'retry-after': '2', ratelimit })).toBe(2000);
  });

  it.each([
    ['a trailing comma (RFC 9651 §4.2.1)', '"default";r=0;t=5,'],
    ['an upper-case key (RFC 9651 §4.2.3.3)', '"default";R=0;T=5'],
    ['an unterminated String', '"default;r=0;t=5'],
    ['a Display String that is not UTF-8 (RFC 9651 §4.2.10)', '"default";r=0;t=5;x=%"%ff"'],
    ['a 16-digit Integer (RFC 9651 §4.2.4)', '"default";r=0;t=1000000000000000'],
    ['items without a separator', '"a";r=0;t=5 "b";r=0;t=9'],
  ])('§7: a malformed field is ignored whole — %s', (_, ratelimit) => {
    expect(limited({ ratelimit })).toBeUndefined();
    expect(parseRateLimit({ ratelimit })).toStrictEqual([]);
  });

  it.each([
    ['a negative t (§4.1.2)', '"a";r=0;t=-1'],
    ['a Decimal t (§4.1.2: an Integer)', '"a";r=0;t=1.5'],
    ['a String t', '"a";r=0;t="5"'],
    ['a String partition key (§4.1.3: a Byte Sequence)', '"a";r=0;t=5;pk="k"'],
    ['a Boolean r (§4.1.1: an Integer)', '"a";r;t=5'],
    ['an Integer for the policy name (§4.1)', '1;r=0;t=5'],
    ['an Inner List for the policy (§4.1)', '("a");r=0;t=5'],
  ])('drops an item that is no service limit — %s — and reads the others', (_, bad) => {
    expect(limited({ ratelimit: `${bad}, "b";r=0;t=2` })).toBe(2000);
  });

  it('RFC 9651: the last of a repeated parameter counts; SP and HTAB where allowed', () => {
    expect(limited({ ratelimit: '"a";t=90;r=0;t=9' })).toBe(9000);
    expect(limited({ ratelimit: '  "a";r=1;r=0;t=3 ,\t"b";r=0;t=4  ' })).toBe(4000);
  });

  // The field comes from a peer: runs of spaces where the grammar allows them (before the
  // first member, inside an Inner List) are read in one pass. A reader that backtracks over
  // them takes minutes on these fields, and the test runner's timeout fails it.
  it.each([
    [`${' '.repeat(300_000)}"a";r=0;t=5`, 5000],
    [`${' '.repeat(300_000)}!`, undefined],
    [`(${' '.repeat(300_000)}), "b";r=0;t=2`, 2000],
    [`(${' '.repeat(300_000)}!`, undefined],
    [`"a";r=0;t=5${' '.repeat(300_000)}`, 5000],
    [`"a";r=0;t=5,${' \t'.repeat(150_000)}`, undefined],
  ])('reads a long run of spaces in one pass (%#)', (ratelimit, ms) => {
    expect(limited({ ratelimit })).toBe(ms);
    expect(parseRateLimit({ ratelimit }).length > 0).toBe(ms !== undefined);
  });

  it('reads a Fetch Response, an error from fromResponse, and TooManyRequestsError', async () => {
    const res = new Response(null, { status: 429, headers: { RateLimit: '"hourly";r=0;t=42' } });
    expect(retryDelay(res)).toBe(42_000);
    const err = await fromResponse(
      new Response(null, { status: 429, headers: { RateLimit: '"hourly";r=0;t=42' } }),
    );
    expect(retryDelay(err)).toBe(42_000);
    const own = new TooManyRequestsError({
      rateLimit: { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 17 },
    });
    expect(retryDelay(own)).toBe(17_000);
  });
});
