import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  bearerChallenge,
  ForbiddenError,
  formatChallenges,
  HttpError,
  InternalServerError,
  NotFoundError,
  ProxyAuthenticationRequiredError,
  retryAdvice,
  ServiceUnavailableError,
  statusInfo,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/index.js';

describe('retryAdvice', () => {
  it('agrees with the status table for every code, and treats an unregistered code as x00', () => {
    for (let code = 100; code <= 599; code++) {
      const x00 = code - (code % 100);
      const expected = statusInfo(code)?.retry ?? (code >= 400 ? statusInfo(x00)?.retry : 'no');
      expect(retryAdvice({ status: code }), String(code)).toBe(expected);
    }
    expect(retryAdvice({ status: 520 })).toBe('idempotent');
    expect(retryAdvice({ status: 499 })).toBe('no');
  });

  it.each([
    [new NotFoundError(), 'no'],
    [new ForbiddenError('You do not have permission to delete user data.'), 'no'],
    [new UnauthorizedError(), 'authenticate'],
    [new ProxyAuthenticationRequiredError({ challenge: { scheme: 'Basic' } }), 'authenticate'],
    [new TooManyRequestsError({ retryAfter: 5 }), 'later'],
    [new ServiceUnavailableError(), 'later'],
    [new InternalServerError(), 'idempotent'],
    [new BadGatewayError(), 'idempotent'],
  ] as const)('%s → %s', (err, advice) => {
    expect(retryAdvice(err)).toBe(advice);
  });

  it('a 403 with insufficient_scope says authenticate: a token with that scope (RFC 6750 §3.1)', () => {
    expect(retryAdvice(new ForbiddenError({ scope: ['user:delete', 'admin'] }))).toBe(
      'authenticate',
    );
    const value = formatChallenges([
      { scheme: 'Basic', params: { realm: 'x' } },
      bearerChallenge({ error: 'insufficient_scope', scope: 'a' }),
    ]);
    const res = new Response(null, { status: 403, headers: { 'WWW-Authenticate': value } });
    expect(retryAdvice(res)).toBe('authenticate');
    expect(retryAdvice({ name: 'HTTPError', response: res })).toBe('authenticate');
  });

  it.each([
    'Bearer error="invalid_token"',
    'Bearer realm="x", error_description="error=insufficient_scope"',
    'Basic error="insufficient_scope"',
    'Bearer',
    'not a challenge ===',
  ])('a 403 with %j says no', (challenge) => {
    const err = new HttpError(403, { headers: { 'WWW-Authenticate': challenge } });
    expect(retryAdvice(err)).toBe('no');
  });

  it('a network failure (the TypeError fetch rejects with) or a timeout is idempotent', async () => {
    const failure = await fetch('http://127.0.0.1:1/').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect(retryAdvice(failure)).toBe('idempotent');
    expect(retryAdvice(new DOMException('timed out', 'TimeoutError'))).toBe('idempotent');
    // ofetch wraps it: a FetchError without a response, the TypeError as cause.
    const wrapped = Object.assign(new Error('[GET] "/": <no response> fetch failed'), {
      name: 'FetchError',
      cause: failure,
    });
    expect(retryAdvice(wrapped)).toBe('idempotent');
  });

  it('anything else without a status says no; never throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    for (const x of [
      undefined,
      null,
      'x',
      new Error('x'),
      new DOMException('aborted', 'AbortError'),
      { status: '503' },
      { status: 600 },
      hostile,
    ]) {
      expect(retryAdvice(x)).toBe('no');
    }
  });
});
