import { describe, expect, it } from 'vitest';
import {
  bearerChallenge,
  type Challenge,
  dpopChallenge,
  formatChallenges,
  parseChallenges,
  readChallenge,
} from '../../src/index.js';

const METADATA = 'https://resource.example.com/.well-known/oauth-protected-resource';

describe('readChallenge', () => {
  it('reads what bearerChallenge writes (RFC 6750 §3, RFC 9728 §5.1, RFC 9470 §3)', () => {
    const header = formatChallenges(
      bearerChallenge({
        realm: 'api',
        error: 'insufficient_user_authentication',
        errorDescription: 'Sign in again',
        errorUri: 'https://docs.example/step-up',
        scope: 'read write',
        acrValues: ['urn:example:mfa', 'phr'],
        maxAge: 300,
        resourceMetadata: METADATA,
      }),
    );
    const [challenge] = parseChallenges(header) as [Challenge];
    expect(readChallenge(challenge)).toStrictEqual({
      scheme: 'Bearer',
      realm: 'api',
      error: 'insufficient_user_authentication',
      errorDescription: 'Sign in again',
      errorUri: 'https://docs.example/step-up',
      scope: ['read', 'write'],
      acrValues: ['urn:example:mfa', 'phr'],
      maxAge: 300,
      resourceMetadata: METADATA,
    });
  });

  it('reads a DPoP challenge with its nonce (RFC 9449 §7.1, §9)', () => {
    const [challenge] = parseChallenges(
      formatChallenges(dpopChallenge({ algs: 'ES256 PS256', error: 'use_dpop_nonce' })),
    ) as [Challenge];
    expect(readChallenge(challenge, { nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' })).toStrictEqual({
      scheme: 'DPoP',
      error: 'use_dpop_nonce',
      algs: ['ES256', 'PS256'],
      nonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v',
    });
  });

  it('matches the scheme case-insensitively and spells it canonically (RFC 9110 §11.1)', () => {
    expect(readChallenge({ scheme: 'bearer' })).toStrictEqual({ scheme: 'Bearer' });
    expect(readChallenge({ scheme: 'DPOP', params: { algs: 'ES256' } })).toStrictEqual({
      scheme: 'DPoP',
      algs: ['ES256'],
    });
  });

  it('gives undefined for other schemes', () => {
    expect(readChallenge({ scheme: 'Basic', params: { realm: 'x' } })).toBeUndefined();
    expect(readChallenge({ scheme: 'Negotiate', token68: 'abc==' })).toBeUndefined();
  });

  it('keeps the nonce only on DPoP and only in the RFC 9449 §8.1 syntax', () => {
    expect(readChallenge({ scheme: 'Bearer' }, { nonce: 'abc' })).toStrictEqual({
      scheme: 'Bearer',
    });
    for (const nonce of ['', 'a b', 'a"b', 'caf\u00e9', null, undefined, 42]) {
      expect(
        readChallenge({ scheme: 'DPoP' }, { nonce: nonce as string | null | undefined }),
      ).toStrictEqual({ scheme: 'DPoP' });
    }
  });

  it('drops malformed fields of an untrusted challenge', () => {
    const fields = readChallenge({
      scheme: 'Bearer',
      params: {
        scope: '   ',
        acr_values: '',
        max_age: '-5',
        resource_metadata: 'http://evil.example/metadata',
      },
    });
    expect(fields).toStrictEqual({ scheme: 'Bearer' });
    for (const maxAge of ['1.5', '1e3', ' 1', '0x10', '9999999999999999']) {
      expect(readChallenge({ scheme: 'Bearer', params: { max_age: maxAge } })).toStrictEqual({
        scheme: 'Bearer',
      });
    }
    expect(readChallenge({ scheme: 'Bearer', params: { max_age: '0' } })?.maxAge).toBe(0);
  });

  it('splits lists on any run of spaces, as a lenient reader', () => {
    expect(
      readChallenge({ scheme: 'Bearer', params: { scope: ' read  write ' } })?.scope,
    ).toStrictEqual(['read', 'write']);
  });

  it('reads params a server sent in any case, as parseChallenges lower-cases them', () => {
    const [challenge] = parseChallenges(
      `Bearer Error="invalid_token", Resource_Metadata="${METADATA}"`,
    ) as [Challenge];
    expect(readChallenge(challenge)).toStrictEqual({
      scheme: 'Bearer',
      error: 'invalid_token',
      resourceMetadata: METADATA,
    });
  });

  it('never throws, also for hostile or malformed challenge objects', () => {
    const hostile = {
      get scheme(): string {
        throw new Error('boom');
      },
    } as Challenge;
    expect(readChallenge(hostile)).toBeUndefined();
    expect(readChallenge(null as unknown as Challenge)).toBeUndefined();
    expect(readChallenge({ scheme: 7 } as unknown as Challenge)).toBeUndefined();
    const inherited = Object.create({ error: 'invalid_token' }) as Record<string, string>;
    expect(readChallenge({ scheme: 'Bearer', params: inherited })).toStrictEqual({
      scheme: 'Bearer',
    });
    expect(
      readChallenge({ scheme: 'Bearer', params: { error: 5 } } as unknown as Challenge),
    ).toStrictEqual({ scheme: 'Bearer' });
  });
});
