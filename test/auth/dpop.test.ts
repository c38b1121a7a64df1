import { describe, expect, it } from 'vitest';
import { type DpopChallengeOptions, type DpopError, dpopChallenge } from '../../src/auth/dpop.js';
import { type Challenge, formatChallenges } from '../../src/auth/format-challenges.js';
import { parseChallenges } from '../../src/auth/parse-challenges.js';
import { bearerChallenge } from '../../src/index.js';

describe('dpopChallenge', () => {
  // The figures of RFC 9449 §7.1 and §7.2, byte for byte.
  const cases: [string, DpopChallengeOptions, Challenge, string][] = [
    [
      'RFC 9449 §7.1, a request without authentication',
      { algs: ['ES256', 'PS256'] },
      { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
      'DPoP algs="ES256 PS256"',
    ],
    [
      'RFC 9449 §7.1, an invalid token',
      { algs: 'ES256', error: 'invalid_token', errorDescription: 'Invalid DPoP key binding' },
      {
        scheme: 'DPoP',
        params: {
          error: 'invalid_token',
          error_description: 'Invalid DPoP key binding',
          algs: 'ES256',
        },
      },
      'DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256"',
    ],
    [
      'RFC 9449 §9, a nonce is required',
      {
        algs: 'ES256',
        error: 'use_dpop_nonce',
        errorDescription: 'Resource server requires nonce in DPoP proof',
      },
      {
        scheme: 'DPoP',
        params: {
          error: 'use_dpop_nonce',
          error_description: 'Resource server requires nonce in DPoP proof',
          algs: 'ES256',
        },
      },
      'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256"',
    ],
    [
      'every option, in the fixed order (RFC 9449 §7.1 realm and scope, RFC 9728 §5.1)',
      {
        resourceMetadata: 'https://rs.example/.well-known/oauth-protected-resource',
        scope: ['read', 'write'],
        realm: 'WallyWorld',
        errorDescription: 'Bad proof',
        error: 'invalid_dpop_proof',
        algs: ['EdDSA', 'ES384'],
      },
      {
        scheme: 'DPoP',
        params: {
          realm: 'WallyWorld',
          error: 'invalid_dpop_proof',
          error_description: 'Bad proof',
          scope: 'read write',
          algs: 'EdDSA ES384',
          resource_metadata: 'https://rs.example/.well-known/oauth-protected-resource',
        },
      },
      'DPoP realm="WallyWorld", error="invalid_dpop_proof", error_description="Bad proof", scope="read write", algs="EdDSA ES384", resource_metadata="https://rs.example/.well-known/oauth-protected-resource"',
    ],
  ];
  it.each(cases)('%s', (_name, options, expected, header) => {
    const challenge = dpopChallenge(options);
    expect(challenge).toStrictEqual(expected);
    expect(formatChallenges(challenge)).toBe(header);
    expect(parseChallenges(header)).toStrictEqual([expected]);
  });

  it('sits next to a Bearer challenge in one field value (RFC 9449 §7.2)', () => {
    const value = formatChallenges([bearerChallenge(), dpopChallenge({ algs: 'ES256 PS256' })]);
    expect(value).toBe('Bearer, DPoP algs="ES256 PS256"');
    expect(parseChallenges(value)).toStrictEqual([
      { scheme: 'Bearer' },
      { scheme: 'DPoP', params: { algs: 'ES256 PS256' } },
    ]);
  });

  it('accepts each DpopError code (RFC 9449 §7.1, RFC 6750 §3.1)', () => {
    const codes: DpopError[] = [
      'invalid_request',
      'invalid_token',
      'insufficient_scope',
      'invalid_dpop_proof',
      'use_dpop_nonce',
    ];
    for (const error of codes) {
      expect(dpopChallenge({ algs: 'ES256', error }).params).toStrictEqual({
        error,
        algs: 'ES256',
      });
    }
  });

  const ERRORS =
    '"invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof" or "use_dpop_nonce"';
  const refusals: [string, unknown, string][] = [
    ['no options', undefined, 'options must be an object, got undefined'],
    ['null options', null, 'options must be an object, got null'],
    ['array options', ['ES256'], 'options must be an object, got an array'],
    [
      'no algs (RFC 9449 §7.1: algs SHOULD be sent)',
      {},
      'options.algs is required: the JWS algorithms DPoP proofs may use',
    ],
    ['empty algs list', { algs: [] }, 'options.algs must contain at least one JWS algorithm name'],
    [
      'empty algs string',
      { algs: '' },
      'options.algs must be JWS algorithm names separated by single spaces, got ""',
    ],
    [
      'algs separated by a tab',
      { algs: 'ES256\tPS256' },
      'options.algs must be JWS algorithm names separated by single spaces, got "ES256\\tPS256"',
    ],
    [
      'an alg with a quote',
      { algs: ['ES"256'] },
      'options.algs[0] must be a JWS algorithm name (printable ASCII except space, " and \\), got "ES\\"256"',
    ],
    [
      'a number alg',
      { algs: [256] },
      'options.algs[0] must be a JWS algorithm name (printable ASCII except space, " and \\), got 256',
    ],
    [
      'alg none (RFC 9449 §4.2)',
      { algs: 'ES256 none' },
      'options.algs must name asymmetric signature algorithms, not "none" (RFC 9449 §4.2)',
    ],
    [
      'a MAC alg (RFC 9449 §4.2)',
      { algs: ['HS256'] },
      'options.algs must name asymmetric signature algorithms, not "HS256" (RFC 9449 §4.2)',
    ],
    [
      'an unknown error',
      { algs: 'ES256', error: 'insufficient_user_authentication' },
      `options.error must be ${ERRORS}, got "insufficient_user_authentication"`,
    ],
    [
      'an error description with a backslash (RFC 6750 §3)',
      { algs: 'ES256', errorDescription: 'a\\b' },
      'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
    ],
    [
      'a realm with LF',
      { algs: 'ES256', realm: 'a\nb' },
      'options.realm contains a character not allowed in a quoted-string',
    ],
    [
      'a scope with a double space',
      { algs: 'ES256', scope: 'a  b' },
      'options.scope must be scope tokens separated by single spaces, got "a  b"',
    ],
    [
      'an http resource metadata URL (RFC 9728 §3)',
      { algs: 'ES256', resourceMetadata: 'http://rs.example/' },
      'options.resourceMetadata must be an absolute https URL without a fragment (RFC 9728 §3, §5.1), got "http://rs.example/"',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, options, message) => {
    expect(() => dpopChallenge(options as DpopChallengeOptions)).toThrow(
      new TypeError(`dpopChallenge: ${message}`),
    );
  });
});
