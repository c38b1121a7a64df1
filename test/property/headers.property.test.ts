// Every way a header value gets into an error refuses the characters RFC 9110 forbids in a
// field value (CR, LF, NUL, the other controls except HTAB, DEL, anything above U+00FF) with
// a TypeError that names the argument, and accepts every allowed value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bearerChallenge,
  ContentTooLargeError,
  createHttpError,
  ForbiddenError,
  formatChallenges,
  HttpError,
  MethodNotAllowedError,
  ProxyAuthenticationRequiredError,
  RangeNotSatisfiableError,
  renderError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UpgradeRequiredError,
} from '../../src/index.js';
import {
  badFieldValue,
  ERROR_STATUSES,
  fieldName,
  fieldValue,
  forbiddenChar,
  notToken,
  RUNS,
  token,
} from './arbitraries.js';

const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Runs `make` and expects a TypeError whose message matches `names`. */
function refused(make: () => unknown, names: RegExp): void {
  let caught: unknown;
  try {
    make();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(TypeError);
  expect((caught as Error).message).toMatch(names);
}

const REQUIRED: Partial<Record<number, object>> = {
  405: { allow: ['GET'] },
  407: { challenge: { scheme: 'Basic' } },
  426: { upgrade: 'h2c' },
};

describe('header inputs refuse what RFC 9110 forbids in a field value', () => {
  it('error headers of every status: values as strings and in lists', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ERROR_STATUSES),
        token,
        badFieldValue,
        fc.array(fieldValue, { maxLength: 2 }),
        fc.boolean(),
        (status, name, bad, others, asList) => {
          const value = asList ? [...others, bad] : bad;
          const options = { ...REQUIRED[status], headers: { [name]: value } };
          refused(() => createHttpError(status as 400, options), /header/);
          refused(() => new HttpError(status, 'detail', { headers: { [name]: value } }), /header/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('error header names that are not tokens', () => {
    fc.assert(
      fc.property(notToken, fieldValue, (name, value) => {
        refused(() => new HttpError(400, { headers: { [name]: value } }), /header name/);
      }),
      { numRuns: RUNS },
    );
  });

  it('challenge params, schemes and token68 (formatChallenges, 401, 407)', () => {
    fc.assert(
      fc.property(token, token, badFieldValue, notToken, (scheme, param, bad, badToken) => {
        const params = { [param]: bad };
        refused(() => formatChallenges({ scheme, params }), /params/);
        refused(() => formatChallenges([{ scheme }, { scheme, params }]), /challenges\[1\]/);
        refused(() => formatChallenges({ scheme: badToken }), /scheme/);
        refused(() => formatChallenges({ scheme, params: { [badToken]: 'x' } }), /params/);
        refused(() => formatChallenges({ scheme, token68: `a${bad}` }), /token68/);
        refused(() => new UnauthorizedError({ challenge: { scheme, params } }), /params/);
        refused(
          () => new ProxyAuthenticationRequiredError({ challenge: { scheme, params } }),
          /params/,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('Bearer attributes and ForbiddenError scopes', () => {
    fc.assert(
      fc.property(badFieldValue, forbiddenChar, (bad, c) => {
        refused(() => bearerChallenge({ realm: bad }), /realm/);
        refused(() => bearerChallenge({ errorDescription: bad }), /errorDescription/);
        refused(() => bearerChallenge({ errorUri: `https://x/${c}` }), /errorUri/);
        refused(() => bearerChallenge({ scope: `read${c}` }), /scope/);
        refused(() => bearerChallenge({ scope: ['read', `write${c}`] }), /scope\[1\]/);
        refused(() => new ForbiddenError({ scope: `admin${c}` }), /scope/);
      }),
      { numRuns: RUNS },
    );
  });

  it('Allow, Upgrade, Retry-After and Content-Range inputs', () => {
    fc.assert(
      fc.property(badFieldValue, notToken, (bad, badToken) => {
        refused(() => new MethodNotAllowedError({ allow: ['GET', bad] }), /allow\[1\]/);
        refused(() => new MethodNotAllowedError({ allow: [badToken] }), /allow\[0\]/);
        refused(() => new UpgradeRequiredError({ upgrade: bad }), /upgrade/);
        refused(() => new UpgradeRequiredError({ upgrade: ['h2c', `${badToken}/1`] }), /upgrade/);
        for (const Class of [TooManyRequestsError, ServiceUnavailableError, ContentTooLargeError]) {
          refused(() => new Class({ retryAfter: bad as unknown as number }), /retryAfter/);
        }
        refused(() => new RangeNotSatisfiableError({ size: bad as unknown as number }), /size/);
      }),
      { numRuns: RUNS },
    );
  });

  it('numbers that are not whole seconds or byte counts', () => {
    const notWhole = fc.oneof(
      fc.double().filter((n) => !Number.isSafeInteger(n) || n < 0),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 2 ** 53),
    );
    fc.assert(
      fc.property(notWhole, (n) => {
        refused(() => new TooManyRequestsError({ retryAfter: n }), /retryAfter/);
        refused(() => new RangeNotSatisfiableError({ size: n }), /size/);
        refused(() => new TooManyRequestsError({ retryAfter: new Date(Number.NaN) }), /retryAfter/);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it('accepts every allowed value, trimmed of optional whitespace', () => {
    fc.assert(
      fc.property(fieldName, fieldValue, (name, value) => {
        const err = new HttpError(400, { headers: { [name]: value } });
        expect(err.headers[name.toLowerCase()]).toBe(value.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
      { numRuns: RUNS },
    );
  });

  it('a header made invalid after construction is dropped by the renderer, never sent', () => {
    fc.assert(
      fc.property(token, badFieldValue, fc.boolean(), (name, bad, invalidName) => {
        const err = new HttpError(400);
        (err.headers as Record<string, string>)[invalidName ? `${name}${bad}` : name] = bad;
        const r = renderError(err);
        for (const value of Object.values(r.headers)) expect(value).toMatch(FIELD_VALUE);
      }),
      { numRuns: RUNS },
    );
  });

  it('a Set-Cookie or challenge list made invalid after construction is dropped, never sent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('set-cookie', 'www-authenticate', 'proxy-authenticate'),
        fc.array(fc.oneof(fieldValue, badFieldValue), { minLength: 1, maxLength: 4 }),
        (name, lines) => {
          const err = new HttpError(400);
          (err.headers as Record<string, string[]>)[name] = lines;
          const r = renderError(err);
          const valid = lines.every((line) => FIELD_VALUE.test(line));
          const trimmed = lines.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''));
          const sent = trimmed.length > 1 ? trimmed : trimmed[0];
          // The whole field goes, not some of its lines: it is the field that is invalid.
          expect(r.headers[name]).toStrictEqual(valid ? sent : undefined);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a list with an invalid line, under any name, is dropped whole by the renderer', () => {
    fc.assert(
      fc.property(token, badFieldValue, (name, bad) => {
        const err = new HttpError(400);
        (err.headers as Record<string, string[]>)[name] = ['ok', bad];
        const r = renderError(err);
        for (const value of Object.values(r.headers)) expect(value).toMatch(FIELD_VALUE);
      }),
      { numRuns: RUNS },
    );
  });

  it('an invalid challenge render option falls back to Bearer', () => {
    fc.assert(
      fc.property(token, badFieldValue, (scheme, bad) => {
        const r = renderError(new UnauthorizedError(), {
          challenge: { scheme, params: { realm: bad } },
        });
        expect(r.headers['www-authenticate']).toBe('Bearer');
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
