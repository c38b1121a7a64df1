import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  ServiceUnavailableError,
  shouldRetry,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableContentError,
} from '../../src/index.js';

const IDEMPOTENT = ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'get', 'Delete'];
const NOT_IDEMPOTENT = ['POST', 'PATCH', 'CONNECT', 'post', 'PROPFIND'];

/** The backoff for attempt n lies between half and all of min(30 s, 500 ms · 2^(n−1)). */
function expectBackoff(decision: ReturnType<typeof shouldRetry>, attempt: number) {
  const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
  expect(decision.retry).toBe(true);
  const { delay } = decision as { delay: number };
  expect(Number.isInteger(delay)).toBe(true);
  expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
  expect(delay).toBeLessThanOrEqual(ceiling);
}

describe('shouldRetry', () => {
  it.each([
    new NotFoundError(),
    new ForbiddenError(),
    new ForbiddenError({ scope: 'admin' }),
    new UnauthorizedError(),
    new UnprocessableContentError(),
  ])('never retries %s, whatever the method', (err) => {
    for (const method of [...IDEMPOTENT, ...NOT_IDEMPOTENT]) {
      expect(shouldRetry(err, { method, attempt: 1 })).toEqual({ retry: false });
    }
  });

  it("'later' retries any method after Retry-After", () => {
    const err = new TooManyRequestsError({ retryAfter: 2 });
    for (const method of [...IDEMPOTENT, ...NOT_IDEMPOTENT]) {
      expect(shouldRetry(err, { method, attempt: 1 })).toEqual({ retry: true, delay: 2000 });
    }
    const now = Date.UTC(2026, 0, 1);
    const at = new ServiceUnavailableError({ retryAfter: new Date(now + 5000) });
    expect(shouldRetry(at, { method: 'POST', attempt: 2, now })).toEqual({
      retry: true,
      delay: 5000,
    });
    expect(
      shouldRetry(new TooManyRequestsError({ retryAfter: 0 }), { method: 'GET', attempt: 1 }),
    ).toEqual({ retry: true, delay: 0 });
  });

  it("'later' without Retry-After backs off exponentially, with jitter, capped", () => {
    const err = new ServiceUnavailableError();
    for (const attempt of [1, 2, 3, 7, 8, 50, 10_000]) {
      for (let i = 0; i < 20; i++) {
        expectBackoff(shouldRetry(err, { method: 'GET', attempt, maxAttempts: 20_000 }), attempt);
      }
    }
    const delays = new Set<number>();
    for (let i = 0; i < 50; i++) {
      const decision = shouldRetry(err, { method: 'GET', attempt: 2 });
      if (decision.retry) delays.add(decision.delay);
    }
    expect(delays.size).toBeGreaterThan(5);
  });

  it("'later' without Retry-After waits for RateLimit's reset (draft-ietf-httpapi-ratelimit-headers-11 §7)", () => {
    const limited = new TooManyRequestsError({
      rateLimit: [
        { name: 'burst', remaining: 0, reset: 12 },
        { name: 'daily', remaining: 40, reset: 3600 },
      ],
    });
    expect(shouldRetry(limited, { method: 'POST', attempt: 1 })).toEqual({
      retry: true,
      delay: 12_000,
    });
    // An exhausted daily quota is more than a minute away: no automatic retry.
    const daily = new TooManyRequestsError({
      rateLimit: { name: 'daily', remaining: 0, reset: 3600 },
    });
    expect(shouldRetry(daily, { method: 'GET', attempt: 1 })).toEqual({ retry: false });
    // Retry-After takes precedence (§7).
    const both = new TooManyRequestsError({
      retryAfter: 3,
      rateLimit: { name: 'burst', remaining: 0, reset: 12 },
    });
    expect(shouldRetry(both, { method: 'GET', attempt: 1 })).toEqual({ retry: true, delay: 3000 });
  });

  it("'idempotent' retries only idempotent methods (RFC 9110 §9.2.2)", () => {
    for (const err of [
      new InternalServerError(),
      new BadGatewayError(),
      new GatewayTimeoutError(),
    ]) {
      for (const method of IDEMPOTENT) expectBackoff(shouldRetry(err, { method, attempt: 1 }), 1);
      for (const method of NOT_IDEMPOTENT) {
        expect(shouldRetry(err, { method, attempt: 1 })).toEqual({ retry: false });
      }
    }
    const withAfter = new BadGatewayError({ headers: { 'Retry-After': '7' } });
    expect(shouldRetry(withAfter, { method: 'PUT', attempt: 1 })).toEqual({
      retry: true,
      delay: 7000,
    });
  });

  it('treats a network failure as idempotent', async () => {
    const failure = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expectBackoff(shouldRetry(failure, { method: 'GET', attempt: 2 }), 2);
    expect(shouldRetry(failure, { method: 'POST', attempt: 1 })).toEqual({ retry: false });
  });

  it('stops at maxAttempts (default 3)', () => {
    const err = new TooManyRequestsError({ retryAfter: 1 });
    expect(shouldRetry(err, { method: 'GET', attempt: 2 })).toEqual({ retry: true, delay: 1000 });
    expect(shouldRetry(err, { method: 'GET', attempt: 3 })).toEqual({ retry: false });
    expect(shouldRetry(err, { method: 'GET', attempt: 1, maxAttempts: 1 })).toEqual({
      retry: false,
    });
    expect(shouldRetry(err, { method: 'GET', attempt: 9, maxAttempts: 10 })).toEqual({
      retry: true,
      delay: 1000,
    });
  });

  it('does not wait longer than maxDelay (default one minute)', () => {
    const minute = new TooManyRequestsError({ retryAfter: 60 });
    const longer = new TooManyRequestsError({ retryAfter: 61 });
    expect(shouldRetry(minute, { method: 'GET', attempt: 1 })).toEqual({
      retry: true,
      delay: 60_000,
    });
    expect(shouldRetry(longer, { method: 'GET', attempt: 1 })).toEqual({ retry: false });
    expect(shouldRetry(longer, { method: 'GET', attempt: 1, maxDelay: 3_600_000 })).toEqual({
      retry: true,
      delay: 61_000,
    });
    const huge = new TooManyRequestsError({ headers: { 'retry-after': '9'.repeat(30) } });
    expect(
      shouldRetry(huge, { method: 'GET', attempt: 1, maxDelay: Number.MAX_SAFE_INTEGER }),
    ).toEqual({ retry: true, delay: Number.MAX_SAFE_INTEGER });
    expect(
      shouldRetry(new ServiceUnavailableError(), { method: 'GET', attempt: 1, maxDelay: 0 }),
    ).toEqual({ retry: false });
  });

  it('refuses bad options with a TypeError naming them', () => {
    const err = new ServiceUnavailableError();
    expect(() => shouldRetry(err, undefined as never)).toThrow(
      new TypeError('shouldRetry: options must be an object, got undefined'),
    );
    expect(() => shouldRetry(err, { attempt: 1 } as never)).toThrow(
      new TypeError('shouldRetry: options.method must be a string, got undefined'),
    );
    expect(() => shouldRetry(err, { method: 'GET', attempt: 0 })).toThrow(
      new TypeError('shouldRetry: options.attempt must be a whole number, 1 or more, got 0'),
    );
    expect(() => shouldRetry(err, { method: 'GET', attempt: 1.5 })).toThrow(TypeError);
    expect(() => shouldRetry(err, { method: 'GET', attempt: 1, maxAttempts: 0 })).toThrow(
      new TypeError('shouldRetry: options.maxAttempts must be a whole number, 1 or more, got 0'),
    );
    expect(() => shouldRetry(err, { method: 'GET', attempt: 1, maxDelay: -1 })).toThrow(
      new TypeError('shouldRetry: options.maxDelay must be a whole number, 0 or more, got -1'),
    );
    expect(() => shouldRetry(err, { method: 'GET', attempt: 1, now: 'x' as never })).toThrow(
      TypeError,
    );
  });
});
