import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/index.js';
import {
  createHttpError,
  type ErrorStatus,
  HttpError,
  isHttpError,
  reasonPhrase,
} from '../../src/index.js';

// Every registered 4xx/5xx code and the class it must have: the expected names are written
// out, so renaming a class (a breaking change) fails here.
const CLASSES: [ErrorStatus, string][] = [
  [400, 'BadRequestError'],
  [401, 'UnauthorizedError'],
  [402, 'PaymentRequiredError'],
  [403, 'ForbiddenError'],
  [404, 'NotFoundError'],
  [405, 'MethodNotAllowedError'],
  [406, 'NotAcceptableError'],
  [407, 'ProxyAuthenticationRequiredError'],
  [408, 'RequestTimeoutError'],
  [409, 'ConflictError'],
  [410, 'GoneError'],
  [411, 'LengthRequiredError'],
  [412, 'PreconditionFailedError'],
  [413, 'ContentTooLargeError'],
  [414, 'UriTooLongError'],
  [415, 'UnsupportedMediaTypeError'],
  [416, 'RangeNotSatisfiableError'],
  [417, 'ExpectationFailedError'],
  [421, 'MisdirectedRequestError'],
  [422, 'UnprocessableContentError'],
  [423, 'LockedError'],
  [424, 'FailedDependencyError'],
  [425, 'TooEarlyError'],
  [426, 'UpgradeRequiredError'],
  [428, 'PreconditionRequiredError'],
  [429, 'TooManyRequestsError'],
  [431, 'RequestHeaderFieldsTooLargeError'],
  [451, 'UnavailableForLegalReasonsError'],
  [500, 'InternalServerError'],
  [501, 'NotImplementedError'],
  [502, 'BadGatewayError'],
  [503, 'ServiceUnavailableError'],
  [504, 'GatewayTimeoutError'],
  [505, 'HttpVersionNotSupportedError'],
  [506, 'VariantAlsoNegotiatesError'],
  [507, 'InsufficientStorageError'],
  [508, 'LoopDetectedError'],
  [510, 'NotExtendedError'],
  [511, 'NetworkAuthenticationRequiredError'],
];

type Ctor = new (a?: unknown, b?: unknown) => HttpError;
const classOf = (name: string) => (kit as unknown as Record<string, Ctor>)[name] as Ctor;
// The classes whose spec-required field is a required option get it here.
const REQUIRED: Partial<Record<ErrorStatus, object>> = {
  405: { allow: ['GET'] },
  407: { challenge: { scheme: 'Basic' } },
  426: { upgrade: 'HTTP/2.0' },
};

describe.each(CLASSES)('%i %s', (status, name) => {
  const Class = classOf(name);
  const phrase = reasonPhrase(status);
  const options = REQUIRED[status] ?? {};

  it('has the status, name, phrase and defaults', () => {
    const err = new Class(options);
    expect(err).toBeInstanceOf(Class);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toBeInstanceOf(Error);
    expect(types.isNativeError(err)).toBe(true);
    expect(isHttpError(err)).toBe(true);
    expect(err.status).toBe(status);
    expect(err.statusCode).toBe(status);
    expect(err.name).toBe(name);
    expect(err.title).toBe(phrase);
    expect(err.message).toBe(phrase);
    expect(err.type).toBe('about:blank');
    expect(err.detail).toBeUndefined();
    expect(err.instance).toBeUndefined();
    expect(err.expose).toBe(status < 500);
    expect(err.extensions).toEqual({});
    expect(err.stack?.split('\n')[0]).toBe(`${name}: ${phrase}`);
    expect(String(err)).toBe(`${name}: ${phrase}`);
  });

  it('takes (detail, options) and (options)', () => {
    const a = new Class('Something specific.', { ...options, instance: '/x/1' });
    const b = new Class({ ...options, detail: 'Something specific.', instance: '/x/1' });
    for (const err of [a, b]) {
      expect(err.detail).toBe('Something specific.');
      expect(err.message).toBe('Something specific.');
      expect(err.instance).toBe('/x/1');
    }
  });

  it('is what createHttpError returns for the status', () => {
    const err = (createHttpError as (s: number, d?: string, o?: object) => HttpError)(
      status,
      'why',
      options,
    );
    expect(err).toBeInstanceOf(Class);
    expect(err.detail).toBe('why');
  });
});

describe('createHttpError', () => {
  it('returns a plain HttpError for 418, which has no class of its own', () => {
    const err = createHttpError(418);
    expect(err.constructor).toBe(HttpError);
    expect(err.name).toBe('HttpError');
    expect(err.title).toBe('(Unused)');
  });

  it.each([
    [200, '200'],
    [499, '499'],
    [600, '600'],
    [Number.NaN, 'NaN'],
    ['404', '"404"'],
    [null, 'null'],
  ])('refuses %s with a TypeError naming status', (status, shown) => {
    expect(() => createHttpError(status as number)).toThrow(
      new TypeError(`createHttpError: status must be a registered 4xx or 5xx code, got ${shown}`),
    );
  });
});

describe('deprecated aliases', () => {
  it.each([
    ['PayloadTooLargeError', 'ContentTooLargeError'],
    ['RequestEntityTooLargeError', 'ContentTooLargeError'],
    ['UnprocessableEntityError', 'UnprocessableContentError'],
    ['RequestedRangeNotSatisfiableError', 'RangeNotSatisfiableError'],
  ])('%s is %s', (alias, current) => {
    expect(classOf(alias)).toBe(classOf(current));
    expect(new (classOf(alias))().name).toBe(current);
  });
});
