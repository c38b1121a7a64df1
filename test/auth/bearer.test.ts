import { describe, expect, it } from 'vitest';
import {
  type BearerChallengeOptions,
  type BearerError,
  bearerChallenge,
} from '../../src/auth/bearer.js';
import { type Challenge, formatChallenges } from '../../src/auth/format-challenges.js';
import { parseChallenges } from '../../src/auth/parse-challenges.js';

describe('bearerChallenge', () => {
  const cases: [string, BearerChallengeOptions | undefined, Challenge, string][] = [
    ['no options', undefined, { scheme: 'Bearer' }, 'Bearer'],
    ['empty options', {}, { scheme: 'Bearer' }, 'Bearer'],
    [
      'RFC 6750 §3 realm',
      { realm: 'example' },
      { scheme: 'Bearer', params: { realm: 'example' } },
      'Bearer realm="example"',
    ],
    [
      'RFC 6750 §3 expired token',
      { realm: 'example', error: 'invalid_token', errorDescription: 'The access token expired' },
      {
        scheme: 'Bearer',
        params: {
          realm: 'example',
          error: 'invalid_token',
          error_description: 'The access token expired',
        },
      },
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    ],
    [
      'all options, fixed order',
      {
        scope: ['read', 'write'],
        errorUri: 'https://example.com/errors#scope',
        errorDescription: 'Needs write!',
        error: 'insufficient_scope',
        realm: 'api',
      },
      {
        scheme: 'Bearer',
        params: {
          realm: 'api',
          error: 'insufficient_scope',
          error_description: 'Needs write!',
          error_uri: 'https://example.com/errors#scope',
          scope: 'read write',
        },
      },
      'Bearer realm="api", error="insufficient_scope", error_description="Needs write!", error_uri="https://example.com/errors#scope", scope="read write"',
    ],
    [
      'scope as a string',
      { scope: 'openid profile email' },
      { scheme: 'Bearer', params: { scope: 'openid profile email' } },
      'Bearer scope="openid profile email"',
    ],
    [
      'scope with every allowed char',
      { scope: ["!#[]~:/'", 'urn:x:y'] },
      { scheme: 'Bearer', params: { scope: "!#[]~:/' urn:x:y" } },
      'Bearer scope="!#[]~:/\' urn:x:y"',
    ],
    [
      'invalid_request',
      { error: 'invalid_request' },
      { scheme: 'Bearer', params: { error: 'invalid_request' } },
      'Bearer error="invalid_request"',
    ],
    [
      'realm with quotes and obs-text (escaped by formatChallenges)',
      { realm: 'the "caf\u00e9" realm\\' },
      { scheme: 'Bearer', params: { realm: 'the "caf\u00e9" realm\\' } },
      'Bearer realm="the \\"caf\u00e9\\" realm\\\\"',
    ],
    [
      'empty description and uri',
      { errorDescription: '', errorUri: '' },
      { scheme: 'Bearer', params: { error_description: '', error_uri: '' } },
      'Bearer error_description="", error_uri=""',
    ],
    [
      'undefined options are omitted',
      { realm: 'r' },
      { scheme: 'Bearer', params: { realm: 'r' } },
      'Bearer realm="r"',
    ],
  ];
  it.each(cases)('%s', (_name, options, expected, header) => {
    const challenge = bearerChallenge(options);
    expect(challenge).toStrictEqual(expected);
    expect(formatChallenges(challenge)).toBe(header);
    expect(parseChallenges(header)).toStrictEqual([expected]);
  });

  it('leaves out options set to undefined', () => {
    const loose = { realm: undefined, scope: undefined, error: undefined } as unknown;
    expect(bearerChallenge(loose as BearerChallengeOptions)).toStrictEqual({ scheme: 'Bearer' });
  });

  it('accepts each BearerError code', () => {
    const codes: BearerError[] = [
      'invalid_request',
      'invalid_token',
      'insufficient_scope',
      'insufficient_user_authentication',
    ];
    for (const error of codes) {
      expect(bearerChallenge({ error }).params).toStrictEqual({ error });
    }
  });

  const SCOPE_TOKEN = '(printable ASCII except space, " and \\)';
  const errors: [string, unknown, string][] = [
    ['null options', null, 'options must be an object, got null'],
    ['string options', 'example', 'options must be an object, got "example"'],
    ['array options', [], 'options must be an object, got an array'],
    ['realm number', { realm: 1 }, 'options.realm must be a string, got 1'],
    [
      'realm with CR LF',
      { realm: 'a\r\nb' },
      'options.realm contains a character not allowed in a quoted-string',
    ],
    [
      'realm above U+00FF',
      { realm: '\u20ac' },
      'options.realm contains a character not allowed in a quoted-string',
    ],
    [
      'unknown error',
      { error: 'expired' },
      'options.error must be "invalid_request", "invalid_token", "insufficient_scope" or "insufficient_user_authentication", got "expired"',
    ],
    [
      'error with other case',
      { error: 'INVALID_TOKEN' },
      'options.error must be "invalid_request", "invalid_token", "insufficient_scope" or "insufficient_user_authentication", got "INVALID_TOKEN"',
    ],
    [
      'error not string',
      { error: 401 },
      'options.error must be "invalid_request", "invalid_token", "insufficient_scope" or "insufficient_user_authentication", got 401',
    ],
    [
      'errorDescription number',
      { errorDescription: 5 },
      'options.errorDescription must be a string, got 5',
    ],
    [
      'errorDescription with "',
      { errorDescription: 'say "hi"' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    [
      'errorDescription with \\',
      { errorDescription: 'C:\\' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    [
      'errorDescription with tab',
      { errorDescription: 'a\tb' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    [
      'errorDescription non-ASCII',
      { errorDescription: 'caf\u00e9' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    [
      'errorDescription DEL',
      { errorDescription: '\u007f' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    ['errorUri object', { errorUri: {} }, 'options.errorUri must be a string, got an object'],
    [
      'errorUri with space',
      { errorUri: 'https://e.com/a b' },
      'options.errorUri may contain only printable ASCII except space, " and \\ (RFC 6750 §3)',
    ],
    [
      'errorUri with "',
      { errorUri: 'https://e.com/"' },
      'options.errorUri may contain only printable ASCII except space, " and \\ (RFC 6750 §3)',
    ],
    [
      'errorUri with newline',
      { errorUri: 'https://e.com/\n' },
      'options.errorUri may contain only printable ASCII except space, " and \\ (RFC 6750 §3)',
    ],
    ['scope number', { scope: 3 }, 'options.scope must be a string or an array of strings, got 3'],
    [
      'scope null',
      { scope: null },
      'options.scope must be a string or an array of strings, got null',
    ],
    [
      'scope empty string',
      { scope: '' },
      'options.scope must be scope tokens separated by single spaces, got ""',
    ],
    [
      'scope double space',
      { scope: 'a  b' },
      'options.scope must be scope tokens separated by single spaces, got "a  b"',
    ],
    [
      'scope leading space',
      { scope: ' a' },
      'options.scope must be scope tokens separated by single spaces, got " a"',
    ],
    [
      'scope trailing space',
      { scope: 'a ' },
      'options.scope must be scope tokens separated by single spaces, got "a "',
    ],
    [
      'scope with tab',
      { scope: 'a\tb' },
      'options.scope must be scope tokens separated by single spaces, got "a\\tb"',
    ],
    [
      'scope with "',
      { scope: 'a "b"' },
      'options.scope must be scope tokens separated by single spaces, got "a \\"b\\""',
    ],
    ['scope empty array', { scope: [] }, 'options.scope must contain at least one scope token'],
    [
      'scope array element with space',
      { scope: ['read', 'a b'] },
      `options.scope[1] must be a scope token ${SCOPE_TOKEN}, got "a b"`,
    ],
    [
      'scope array empty element',
      { scope: [''] },
      `options.scope[0] must be a scope token ${SCOPE_TOKEN}, got ""`,
    ],
    [
      'scope array non-string element',
      { scope: ['a', 'b', 7] },
      `options.scope[2] must be a scope token ${SCOPE_TOKEN}, got 7`,
    ],
    [
      'scope array element with \\',
      { scope: ['a\\b'] },
      `options.scope[0] must be a scope token ${SCOPE_TOKEN}, got "a\\\\b"`,
    ],
    [
      'scope array element non-ASCII',
      { scope: ['\u00e9'] },
      `options.scope[0] must be a scope token ${SCOPE_TOKEN}, got "\u00e9"`,
    ],
  ];
  it.each(errors)('refuses %s', (_name, options, message) => {
    expect(() => bearerChallenge(options as BearerChallengeOptions)).toThrow(
      new TypeError(`bearerChallenge: ${message}`),
    );
    expect(() => bearerChallenge(options as BearerChallengeOptions)).toThrow(TypeError);
  });
});

describe('bearerChallenge: protected resource metadata (RFC 9728)', () => {
  const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

  it('adds resource_metadata last (RFC 9728 §5.1)', () => {
    const challenge = bearerChallenge({ realm: 'api', scope: 'read', resourceMetadata: METADATA });
    expect(challenge).toStrictEqual({
      scheme: 'Bearer',
      params: { realm: 'api', scope: 'read', resource_metadata: METADATA },
    });
    expect(formatChallenges(challenge)).toBe(
      `Bearer realm="api", scope="read", resource_metadata="${METADATA}"`,
    );
  });

  it.each([
    'https://api.example.com',
    'HTTPS://API.EXAMPLE.COM/.well-known/oauth-protected-resource/tenant%2F1',
    'https://[2001:db8::1]:8443/.well-known/oauth-protected-resource?x=1',
  ])('accepts the absolute https URL %s (RFC 9728 §3)', (url) => {
    expect(bearerChallenge({ resourceMetadata: url }).params).toStrictEqual({
      resource_metadata: url,
    });
  });

  const MESSAGE =
    'bearerChallenge: options.resourceMetadata must be an absolute https URL without a fragment (RFC 9728 §3, §5.1)';
  it.each([
    ['http, not https', 'http://api.example.com/.well-known/oauth-protected-resource'],
    ['a relative reference', '/.well-known/oauth-protected-resource'],
    ['a fragment', `${METADATA}#x`],
    ['no host', 'https:///path'],
    ['a port without host', 'https://:443/'],
    ['userinfo', 'https://user@api.example.com/'],
    ['a space', 'https://api.example.com/a b'],
    ['a quote', 'https://api.example.com/"'],
    ['a backslash', 'https://api.example.com\\x'],
    ['a broken percent-encoding', 'https://api.example.com/%zz'],
    ['a truncated percent-encoding', 'https://api.example.com/%4'],
    ['non-ASCII', 'https://caf\u00e9.example/'],
    ['CR LF', 'https://api.example.com/\r\nSet-Cookie: x=1'],
  ])('refuses a URL with %s', (_name, url) => {
    expect(() => bearerChallenge({ resourceMetadata: url })).toThrow(
      new TypeError(
        `${MESSAGE}, got ${JSON.stringify(url.length > 40 ? `${url.slice(0, 40)}…` : url)}`,
      ),
    );
  });

  it('refuses a resourceMetadata that is not a string', () => {
    expect(() => bearerChallenge({ resourceMetadata: 42 as unknown as string })).toThrow(
      new TypeError(`${MESSAGE}, got 42`),
    );
  });
});

describe('bearerChallenge: step-up authentication (RFC 9470)', () => {
  it('writes acr_values and max_age after scope, before resource_metadata (RFC 9470 §3)', () => {
    const challenge = bearerChallenge({
      error: 'insufficient_user_authentication',
      errorDescription: 'A different authentication level is required',
      acrValues: ['urn:example:mfa', 'phr'],
      maxAge: 5,
      resourceMetadata: 'https://rs.example/.well-known/oauth-protected-resource',
    });
    expect(formatChallenges(challenge)).toBe(
      'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="urn:example:mfa phr", max_age="5", resource_metadata="https://rs.example/.well-known/oauth-protected-resource"',
    );
    expect(parseChallenges(formatChallenges(challenge))).toStrictEqual([challenge]);
  });

  it('takes acrValues as a space-separated string and maxAge 0 (RFC 9470 §3)', () => {
    expect(
      bearerChallenge({ error: 'insufficient_user_authentication', acrValues: 'a b', maxAge: 0 })
        .params,
    ).toStrictEqual({ error: 'insufficient_user_authentication', acr_values: 'a b', max_age: '0' });
  });

  const STEP_UP = '(RFC 9470 §3)';
  it.each([
    [
      'acrValues without the step-up error',
      { acrValues: 'x' },
      `options.acrValues needs options.error "insufficient_user_authentication" ${STEP_UP}`,
    ],
    [
      'maxAge with another error',
      { error: 'invalid_token', maxAge: 60 },
      `options.maxAge needs options.error "insufficient_user_authentication" ${STEP_UP}`,
    ],
    [
      'a negative maxAge',
      { error: 'insufficient_user_authentication', maxAge: -1 },
      'options.maxAge must be a whole number of seconds, 0 or more, got -1',
    ],
    [
      'a fractional maxAge',
      { error: 'insufficient_user_authentication', maxAge: 1.5 },
      'options.maxAge must be a whole number of seconds, 0 or more, got 1.5',
    ],
    [
      'maxAge as a string',
      { error: 'insufficient_user_authentication', maxAge: '60' },
      'options.maxAge must be a whole number of seconds, 0 or more, got "60"',
    ],
    [
      'an empty acrValues list',
      { error: 'insufficient_user_authentication', acrValues: [] },
      'options.acrValues must contain at least one ACR value',
    ],
    [
      'an ACR value with a space',
      { error: 'insufficient_user_authentication', acrValues: ['a b'] },
      'options.acrValues[0] must be an ACR value (printable ASCII except space, " and \\), got "a b"',
    ],
    [
      'an acrValues string with a double space',
      { error: 'insufficient_user_authentication', acrValues: 'a  b' },
      'options.acrValues must be ACR values separated by single spaces, got "a  b"',
    ],
  ])('refuses %s', (_name, options, message) => {
    expect(() => bearerChallenge(options as BearerChallengeOptions)).toThrow(
      new TypeError(`bearerChallenge: ${message}`),
    );
  });
});
