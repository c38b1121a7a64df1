import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  bearerChallenge,
  createHttpError,
  dpopChallenge,
  ForbiddenError,
  formatChallenges,
  UnauthorizedError,
} from '../../src/index.js';

describe('UnauthorizedError: several challenges and a DPoP nonce', () => {
  it('carries DPoP and Bearer challenges in order of preference (RFC 9449 §7.2)', () => {
    const challenge = [dpopChallenge({ algs: ['ES256'] }), bearerChallenge({ realm: 'api' })];
    const err = new UnauthorizedError({ challenge });
    // One field line each, as formatChallenges writes each of them.
    expect(err.headers['www-authenticate']).toStrictEqual(
      challenge.map((one) => formatChallenges(one)),
    );
    expect(err.headers['www-authenticate']).toStrictEqual([
      'DPoP algs="ES256"',
      'Bearer realm="api"',
    ]);
    expect(err.challenges).toStrictEqual(challenge);
    expect(err.challenges).not.toBe(challenge);
  });

  it('has challenges for one challenge, and none without', () => {
    expect(new UnauthorizedError({ challenge: bearerChallenge() }).challenges).toStrictEqual([
      { scheme: 'Bearer' },
    ]);
    const bare = new UnauthorizedError();
    expect(bare.challenges).toStrictEqual([]);
    expect(Object.isFrozen(bare.challenges)).toBe(true);
  });

  it('sends DPoP-Nonce with use_dpop_nonce (RFC 9449 §9)', () => {
    const err = new UnauthorizedError({
      challenge: dpopChallenge({ algs: 'ES256', error: 'use_dpop_nonce' }),
      dpopNonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v',
    });
    expect(err.headers).toStrictEqual({
      'www-authenticate': 'DPoP error="use_dpop_nonce", algs="ES256"',
      'dpop-nonce': 'eyJ7S_zG.eyJH0-Z.HX4w-7v',
    });
  });

  it.each([
    ['an empty nonce', ''],
    ['a space', 'a b'],
    ['a quote', 'a"b'],
    ['CR LF', 'a\r\nb'],
    ['non-ASCII', 'caf\u00e9'],
  ])('refuses a nonce with %s (RFC 9449 §8.1: 1*NQCHAR)', (_name, dpopNonce) => {
    expect(() => new UnauthorizedError({ dpopNonce })).toThrow(
      new TypeError(
        `UnauthorizedError: options.dpopNonce must be printable ASCII without space, " and \\ (RFC 9449 §8.1), got ${JSON.stringify(dpopNonce)}`,
      ),
    );
  });
});

describe('BadRequestError: a DPoP nonce from an authorization server (RFC 9449 §8)', () => {
  it('sends DPoP-Nonce with a 400', () => {
    const err = new BadRequestError('Authorization server requires nonce in DPoP proof', {
      dpopNonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v',
      extensions: { error: 'use_dpop_nonce' },
    });
    expect(err.headers).toStrictEqual({ 'dpop-nonce': 'eyJ7S_zG.eyJH0-Z.HX4w-7v' });
    expect(createHttpError(400, { dpopNonce: 'n' }).headers['dpop-nonce']).toBe('n');
  });

  it('refuses a bad nonce, naming the class', () => {
    expect(() => new BadRequestError({ dpopNonce: 7 as unknown as string })).toThrow(
      new TypeError(
        'BadRequestError: options.dpopNonce must be printable ASCII without space, " and \\ (RFC 9449 §8.1), got 7',
      ),
    );
  });
});

describe('ForbiddenError: challenges', () => {
  it('holds the insufficient_scope challenge its scope writes (RFC 6750 §3.1)', () => {
    const err = new ForbiddenError({ scope: ['users:delete', 'admin'] });
    expect(err.challenges).toStrictEqual([
      bearerChallenge({ error: 'insufficient_scope', scope: 'users:delete admin' }),
    ]);
    expect(formatChallenges(err.challenges)).toBe(err.headers['www-authenticate']);
    expect(new ForbiddenError().challenges).toStrictEqual([]);
  });
});
