import { describe, expect, it } from 'vitest';
import {
  ContentTooLargeError,
  createHttpError,
  parseRateLimit,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../../src/index.js';

// The `rateLimit` option of 429 and 503 (draft-ietf-httpapi-ratelimit-headers-11 §3, §4, §5.2).

describe('rateLimit on TooManyRequestsError and ServiceUnavailableError', () => {
  it('writes RateLimit-Policy and RateLimit next to Retry-After (§3, §4, §6)', () => {
    const err = new TooManyRequestsError('Slow down.', {
      retryAfter: 30,
      rateLimit: { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 30 },
    });
    expect(err.headers).toStrictEqual({
      'retry-after': '30',
      'ratelimit-policy': '"per-minute";q=100;w=60',
      ratelimit: '"per-minute";r=0;t=30',
    });
    expect(parseRateLimit(err.headers)).toStrictEqual([
      { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 30 },
    ]);
  });

  it('announces a temporarily lower quota on a 503 (§5.2)', () => {
    const err = new ServiceUnavailableError({
      rateLimit: [
        { name: 'hourly', quota: 10, window: 3600 },
        { name: 'burst', quota: 1, window: 1 },
      ],
    });
    expect(err.headers).toStrictEqual({
      'ratelimit-policy': '"hourly";q=10;w=3600, "burst";q=1;w=1',
    });
  });

  it('writes only RateLimit for state without a policy (Appendix B.1)', () => {
    expect(
      new TooManyRequestsError({ rateLimit: { name: 'default', remaining: 0, reset: 5 } }).headers,
    ).toStrictEqual({ ratelimit: '"default";r=0;t=5' });
  });

  it('goes through createHttpError too, typed by status', () => {
    const err = createHttpError(429, { rateLimit: { name: 'x', remaining: 0 } });
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect(err.headers.ratelimit).toBe('"x";r=0');
  });

  it('lets rateLimit win over a RateLimit in headers, as every class-derived field does', () => {
    const err = new TooManyRequestsError({
      headers: { RateLimit: '"hand";r=1' },
      rateLimit: { name: 'derived', remaining: 0 },
    });
    expect(err.headers.ratelimit).toBe('"derived";r=0');
  });

  it.each([
    [
      'an empty list',
      [],
      'TooManyRequestsError: options.rateLimit[0] must contain at least one policy',
    ],
    [
      'a negative remaining (§4.1.1)',
      { name: 'a', remaining: -1 },
      'TooManyRequestsError: options.rateLimit.remaining must be a whole number, 0 or more and at most 15 digits (§4.1.1), got -1',
    ],
    [
      'a window of 0 in a list (§3.1.3)',
      [
        { name: 'a', quota: 1 },
        { name: 'b', quota: 1, window: 0 },
      ],
      'TooManyRequestsError: options.rateLimit[1].window must be a whole number, 1 or more and at most 15 digits (§3.1.3), got 0',
    ],
    [
      'a name with a line break, which would split the response',
      { name: 'a\r\nSet-Cookie: x=1', remaining: 0 },
      'TooManyRequestsError: options.rateLimit.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got "a\\r\\nSet-Cookie: x=1"',
    ],
  ])('refuses %s with a TypeError naming the option', (_name, rateLimit, message) => {
    expect(() => new TooManyRequestsError({ rateLimit: rateLimit as never })).toThrow(
      new TypeError(message),
    );
  });

  it('names the 503 class in its refusals', () => {
    expect(() => new ServiceUnavailableError({ rateLimit: { name: '' } as never })).toThrow(
      /^ServiceUnavailableError: options\.rateLimit\.name must be/,
    );
  });

  it('is not an option of 413, which only says when to retry', () => {
    const err = new ContentTooLargeError({ rateLimit: { name: 'a', remaining: 0 } } as never);
    expect(err.headers).toStrictEqual({});
  });
});
