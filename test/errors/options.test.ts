import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  bearerChallenge,
  ContentTooLargeError,
  ForbiddenError,
  formatChallenges,
  MethodNotAllowedError,
  ProxyAuthenticationRequiredError,
  RangeNotSatisfiableError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableContentError,
  UpgradeRequiredError,
} from '../../src/index.js';

describe('UnauthorizedError', () => {
  it('has no challenge of its own until one is given (renderers add the default)', () => {
    expect(new UnauthorizedError().headers).toEqual({});
  });

  it.each([
    [{ scheme: 'Bearer' }, 'Bearer'],
    [
      { scheme: 'Basic', params: { realm: 'admin', charset: 'UTF-8' } },
      'Basic realm="admin", charset="UTF-8"',
    ],
    [
      [
        { scheme: 'Bearer', params: { realm: 'api' } },
        { scheme: 'Basic', params: { realm: 'api' } },
      ],
      // One field line per challenge (RFC 9110 §11.6.1 allows either; browsers need this).
      ['Bearer realm="api"', 'Basic realm="api"'],
    ],
    [[{ scheme: 'Negotiate' }], 'Negotiate'],
    [
      bearerChallenge({
        realm: 'example',
        error: 'invalid_token',
        errorDescription: 'The access token expired',
      }),
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    ],
  ])('sends challenge %j as WWW-Authenticate', (challenge, header) => {
    const err = new UnauthorizedError('Sign in first.', { challenge });
    expect(err.headers).toStrictEqual({ 'www-authenticate': header });
    expect(err.detail).toBe('Sign in first.');
  });

  it('refuses an invalid challenge with a TypeError', () => {
    expect(() => new UnauthorizedError({ challenge: { scheme: 'Bea rer' } })).toThrow(TypeError);
  });
});

describe('ProxyAuthenticationRequiredError', () => {
  it('sends its challenge as Proxy-Authenticate', () => {
    const err = new ProxyAuthenticationRequiredError({
      challenge: { scheme: 'Basic', params: { realm: 'proxy' } },
    });
    expect(err.headers).toEqual({ 'proxy-authenticate': 'Basic realm="proxy"' });
  });

  it('sends several challenges as separate Proxy-Authenticate lines', () => {
    const err = new ProxyAuthenticationRequiredError({
      challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'proxy' } }],
    });
    expect(err.headers).toStrictEqual({
      'proxy-authenticate': ['Negotiate', 'Basic realm="proxy"'],
    });
  });
});

describe('ForbiddenError', () => {
  it('is not concealed and has no headers by default', () => {
    const err = new ForbiddenError('You do not have permission to delete user data.');
    expect(err.conceal).toBe(false);
    expect(err.headers).toEqual({});
  });

  it.each([
    ['admin:read', 'Bearer error="insufficient_scope", scope="admin:read"'],
    [
      ['users:read', 'users:delete'],
      'Bearer error="insufficient_scope", scope="users:read users:delete"',
    ],
  ])('turns scope %j into an insufficient_scope challenge (RFC 6750 §3.1)', (scope, header) => {
    expect(new ForbiddenError({ scope }).headers).toEqual({ 'www-authenticate': header });
  });

  it('refuses a scope RFC 6750 forbids', () => {
    expect(() => new ForbiddenError({ scope: 'a"b' })).toThrow(TypeError);
  });

  // ForbiddenError writes the challenge itself (so that it does not bundle bearerChallenge and
  // formatChallenges): the same field value, and the same refusals, as those two would give.
  it.each([['a'], ["!#$%&'()*+,-./:;<=>?@[]^_`{|}~"], [['users:read', 'users:delete', 'x']]])(
    'writes what formatChallenges(bearerChallenge(…)) writes for scope %j',
    (scope) => {
      const expected = formatChallenges(bearerChallenge({ error: 'insufficient_scope', scope }));
      expect(new ForbiddenError({ scope }).headers['www-authenticate']).toBe(expected);
    },
  );

  it.each([['a\\b'], ['a b '], [' a'], [''], [[]], [['a b']], [['é']], [5]])(
    'refuses scope %j as bearerChallenge does',
    (scope) => {
      let expected: unknown;
      try {
        bearerChallenge({ error: 'insufficient_scope', scope: scope as never });
      } catch (err) {
        expected = err;
      }
      expect(expected).toBeInstanceOf(TypeError);
      expect(() => new ForbiddenError({ scope: scope as never })).toThrow(expected as TypeError);
    },
  );

  it('remembers conceal, and stays a 403 for logs', () => {
    const err = new ForbiddenError('Not yours.', { conceal: true });
    expect(err.conceal).toBe(true);
    expect(err.status).toBe(403);
    expect(err.detail).toBe('Not yours.');
  });
});

describe('MethodNotAllowedError', () => {
  it('sends Allow', () => {
    const err = new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });
    expect(err.allow).toEqual(['GET', 'HEAD']);
    expect(err.headers).toEqual({ allow: 'GET, HEAD' });
    expect(new MethodNotAllowedError('Read only.', { allow: [] }).headers).toEqual({ allow: '' });
  });

  it('without allow (plain JavaScript) has an empty list and no header of its own', () => {
    const err = new (MethodNotAllowedError as unknown as new () => MethodNotAllowedError)();
    expect(err.allow).toEqual([]);
    expect(err.headers).toEqual({});
  });

  it.each([
    [
      ['GET', 'B AD'],
      'MethodNotAllowedError: options.allow[1] must be a method name (a token), got "B AD"',
    ],
    [
      ['GET\r\n'],
      'MethodNotAllowedError: options.allow[0] must be a method name (a token), got "GET\\r\\n"',
    ],
    [[1], 'MethodNotAllowedError: options.allow[0] must be a method name (a token), got 1'],
    ['GET', 'MethodNotAllowedError: options.allow must be an array of method names'],
  ])('refuses allow %j', (allow, message) => {
    expect(() => new MethodNotAllowedError({ allow: allow as string[] })).toThrow(
      new TypeError(message),
    );
  });
});

describe('Retry-After', () => {
  const date = new Date(Date.UTC(2026, 10, 28, 21, 0, 0));
  it.each([
    [TooManyRequestsError, 30, '30'],
    [TooManyRequestsError, 0, '0'],
    [ServiceUnavailableError, date, 'Sat, 28 Nov 2026 21:00:00 GMT'],
    [ContentTooLargeError, 3600, '3600'],
  ])('%o sends retryAfter %s as %s', (Class, retryAfter, header) => {
    expect(new Class({ retryAfter }).headers).toEqual({ 'retry-after': header });
  });

  it('is absent without retryAfter', () => {
    expect(new TooManyRequestsError().headers).toEqual({});
  });

  it.each([
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['30', '"30"'],
    [new Date(Number.NaN), 'an object'],
  ])('refuses retryAfter %s', (retryAfter, shown) => {
    expect(() => new TooManyRequestsError({ retryAfter: retryAfter as number })).toThrow(
      new TypeError(
        `TooManyRequestsError: options.retryAfter must be a whole number of seconds (0 or more) or a valid Date, got ${shown}`,
      ),
    );
  });
});

describe('RangeNotSatisfiableError', () => {
  it('sends Content-Range: bytes */size', () => {
    expect(new RangeNotSatisfiableError({ size: 1024 }).headers).toEqual({
      'content-range': 'bytes */1024',
    });
    expect(new RangeNotSatisfiableError().headers).toEqual({});
  });
  it.each([[-1], [1.5], ['10']])('refuses size %j', (size) => {
    expect(() => new RangeNotSatisfiableError({ size: size as number })).toThrow(
      /^RangeNotSatisfiableError: options.size must be a whole number of bytes/,
    );
  });
});

describe('UpgradeRequiredError', () => {
  it('sends Upgrade', () => {
    expect(new UpgradeRequiredError({ upgrade: 'HTTP/2.0' }).headers).toEqual({
      upgrade: 'HTTP/2.0',
    });
    expect(new UpgradeRequiredError({ upgrade: ['TLS/1.3', 'HTTP/2.0'] }).headers).toEqual({
      upgrade: 'TLS/1.3, HTTP/2.0',
    });
  });
  it.each([['a b'], ['HTTP/'], ['/2'], [''], ['h2\r\nx: y'], [[1]]])(
    'refuses upgrade %j',
    (upgrade) => {
      expect(() => new UpgradeRequiredError({ upgrade: upgrade as string })).toThrow(
        /^UpgradeRequiredError: options.upgrade must list protocols/,
      );
    },
  );
});

describe('errors[] of BadRequestError and UnprocessableContentError', () => {
  it('becomes the errors extension member (RFC 9457 §3)', () => {
    const err = new UnprocessableContentError('Your request is not valid.', {
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '/profile/color' },
        { detail: 'is required', parameter: 'limit' },
        { detail: 'is malformed', header: 'If-Match' },
      ],
    });
    expect(err.extensions).toEqual({
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: "must be 'green', 'red' or 'blue'", pointer: '/profile/color' },
        { detail: 'is required', parameter: 'limit' },
        { detail: 'is malformed', header: 'If-Match' },
      ],
    });
  });

  it('keeps only the known members of each entry', () => {
    const err = new BadRequestError({
      errors: [{ detail: 'x', pointer: '', secret: 'y' } as never],
    });
    expect(err.extensions.errors).toEqual([{ detail: 'x', pointer: '' }]);
  });

  it.each([
    [{ errors: 'x' }, 'BadRequestError: options.errors must be an array'],
    [{ errors: [null] }, 'BadRequestError: options.errors[0] must be an object'],
    [{ errors: [{}] }, 'BadRequestError: options.errors[0].detail must be a string'],
    [
      { errors: [{ detail: 'x', pointer: 'age' }] },
      'BadRequestError: options.errors[0].pointer must be a JSON Pointer such as "/name", got "age"',
    ],
    [
      { errors: [{ detail: 'x', pointer: '/a~2' }] },
      'BadRequestError: options.errors[0].pointer must be a JSON Pointer such as "/name", got "/a~2"',
    ],
    [
      { errors: [{ detail: 'x', pointer: '/a~' }] },
      'BadRequestError: options.errors[0].pointer must be a JSON Pointer such as "/name", got "/a~"',
    ],
    [
      { errors: [{ detail: 'x', parameter: 1 }] },
      'BadRequestError: options.errors[0].parameter must be a string',
    ],
    [
      { errors: [{ detail: 'x', header: [] }] },
      'BadRequestError: options.errors[0].header must be a string',
    ],
  ])('refuses %j', (options, message) => {
    expect(() => new BadRequestError(options as never)).toThrow(new TypeError(message));
  });

  it('accepts escaped pointers', () => {
    const err = new BadRequestError({ errors: [{ detail: 'x', pointer: '/a~0b/c~1d/0' }] });
    expect(err.extensions.errors).toEqual([{ detail: 'x', pointer: '/a~0b/c~1d/0' }]);
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('class options: edges found by mutation testing', () => {
  it('sends Content-Range for an empty representation (size 0)', () => {
    expect(new RangeNotSatisfiableError({ size: 0 }).headers['content-range']).toBe('bytes */0');
  });

  it('accepts a one-character protocol name in Upgrade', () => {
    expect(new UpgradeRequiredError({ upgrade: 'a' }).headers.upgrade).toBe('a');
    expect(new UpgradeRequiredError({ upgrade: ['a', 'b/2'] }).headers.upgrade).toBe('a, b/2');
  });

  it('builds a 407 and a 426 without options from plain JavaScript, with no field of their own', () => {
    const Proxy407 = ProxyAuthenticationRequiredError as unknown as new () => { headers: object };
    const Upgrade426 = UpgradeRequiredError as unknown as new () => { headers: object };
    expect(new Proxy407().headers).toEqual({});
    expect(new Upgrade426().headers).toEqual({});
  });

  it('names what is wrong in errors[]', () => {
    expect(() => new BadRequestError({ errors: [5 as never] })).toThrow(
      'BadRequestError: options.errors[0] must be an object',
    );
    expect(() => new BadRequestError({ errors: [{ detail: 'd', pointer: 5 as never }] })).toThrow(
      'BadRequestError: options.errors[0].pointer must be a JSON Pointer such as "/name", got 5',
    );
  });
});
