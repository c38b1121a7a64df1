import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromResponse } from '../../src/adapters/fetch/index.js';
import { handle } from '../../src/adapters/node.js';
import {
  BadRequestError,
  bearerChallenge,
  dpopChallenge,
  ForbiddenError,
  parseRateLimit,
  readChallenge,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/index.js';
import { closeServers, listen, request } from '../helpers/http.js';

// Auth challenges and rate limits on both sides of a real wire: a node:http server throws the
// errors, real `fetch` and raw node:http requests read the responses, and the client side turns
// them back into typed values.

const METADATA = 'https://rs.example/.well-known/oauth-protected-resource';
const NONCE = 'eyJ7S_zG.eyJH0-Z.HX4w-7v';

const ROUTES: Record<string, () => unknown> = {
  // RFC 9449 §9: a resource server that wants a nonce, also offering Bearer (§7.2), and where
  // to find its metadata (RFC 9728 §5.1).
  '/dpop': () =>
    new UnauthorizedError({
      challenge: [
        dpopChallenge({ algs: ['ES256', 'PS256'], error: 'use_dpop_nonce' }),
        bearerChallenge({ resourceMetadata: METADATA }),
      ],
      dpopNonce: NONCE,
    }),
  // RFC 9470 §3: step-up.
  '/step-up': () =>
    new UnauthorizedError({
      challenge: bearerChallenge({
        error: 'insufficient_user_authentication',
        errorDescription: 'A different authentication level is required',
        acrValues: ['myACR'],
        maxAge: 5,
      }),
    }),
  '/scope': () => new ForbiddenError({ scope: ['reports:read'] }),
  // RFC 9449 §8: an authorization server asking for a nonce.
  '/token': () =>
    new BadRequestError({ dpopNonce: NONCE, extensions: { error: 'use_dpop_nonce' } }),
  // draft-ietf-httpapi-ratelimit-headers-11 Appendix B.1.4 and B.2.3.
  '/limited': () =>
    new TooManyRequestsError({
      retryAfter: 20,
      rateLimit: [
        { name: 'dynamic', quota: 15, window: 20, remaining: 0, reset: 20 },
        {
          name: 'daily',
          quota: 5000,
          window: 86400,
          remaining: 100,
          reset: 36000,
          partitionKey: 'user-1',
        },
      ],
    }),
};

let origin: string;
beforeAll(async () => {
  origin = await listen(
    handle(async (req) => {
      // A server that calls another and throws what came back: an upstream failure.
      if (req.url?.startsWith('/proxy')) {
        throw await fromResponse(await fetch(`${origin}${req.url.slice('/proxy'.length)}`));
      }
      throw (ROUTES[req.url ?? ''] ?? (() => new Error('no route')))();
    }),
  );
});
afterAll(closeServers);

describe('auth challenges on the wire', () => {
  it('sends DPoP and Bearer challenges with DPoP-Nonce, and reads them back typed', async () => {
    const raw = await request(`${origin}/dpop`);
    expect(raw.status).toBe(401);
    expect(raw.headers['www-authenticate']).toBe(
      `DPoP error="use_dpop_nonce", algs="ES256 PS256", Bearer resource_metadata="${METADATA}"`,
    );
    expect(raw.headers['dpop-nonce']).toBe(NONCE);
    expect(raw.headers['cache-control']).toBe('no-store'); // RFC 9449 §8.2: uncacheable

    const err = await fromResponse(await fetch(`${origin}/dpop`));
    expect(err).toBeInstanceOf(UnauthorizedError);
    const challenges = (err as UnauthorizedError).challenges;
    expect(challenges).toHaveLength(2);
    const nonce = err?.headers['dpop-nonce'] as string | undefined;
    expect(challenges.map((c) => readChallenge(c, { nonce }))).toStrictEqual([
      { scheme: 'DPoP', error: 'use_dpop_nonce', algs: ['ES256', 'PS256'], nonce: NONCE },
      { scheme: 'Bearer', resourceMetadata: METADATA },
    ]);
  });

  it('reads a step-up challenge (RFC 9470 §3)', async () => {
    const err = (await fromResponse(await fetch(`${origin}/step-up`))) as UnauthorizedError;
    expect(readChallenge(err.challenges[0] as never)).toStrictEqual({
      scheme: 'Bearer',
      error: 'insufficient_user_authentication',
      errorDescription: 'A different authentication level is required',
      acrValues: ['myACR'],
      maxAge: 5,
    });
  });

  it('gives a 403 its insufficient_scope challenge (RFC 6750 §3.1)', async () => {
    const err = (await fromResponse(await fetch(`${origin}/scope`))) as ForbiddenError;
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.challenges.map((c) => readChallenge(c))).toStrictEqual([
      { scheme: 'Bearer', error: 'insufficient_scope', scope: ['reports:read'] },
    ]);
  });

  it('sends DPoP-Nonce with a 400 (RFC 9449 §8)', async () => {
    const res = await fetch(`${origin}/token`);
    expect(res.status).toBe(400);
    expect(res.headers.get('dpop-nonce')).toBe(NONCE);
    expect(await res.json()).toMatchObject({ status: 400, error: 'use_dpop_nonce' });
  });
});

describe('rate limits on the wire', () => {
  it('sends Retry-After, RateLimit-Policy and RateLimit on a 429 and reads them back', async () => {
    const raw = await request(`${origin}/limited`);
    expect(raw.status).toBe(429);
    expect(raw.headers['retry-after']).toBe('20');
    expect(raw.headers['ratelimit-policy']).toBe(
      '"dynamic";q=15;w=20, "daily";q=5000;w=86400;pk=:dXNlci0x:',
    );
    expect(raw.headers.ratelimit).toBe('"dynamic";r=0;t=20, "daily";r=100;t=36000;pk=:dXNlci0x:');

    const expected = [
      { name: 'dynamic', quota: 15, window: 20, remaining: 0, reset: 20 },
      {
        name: 'daily',
        quota: 5000,
        window: 86400,
        remaining: 100,
        reset: 36000,
        partitionKey: new TextEncoder().encode('user-1'),
      },
    ];
    expect(parseRateLimit(raw.headers)).toStrictEqual(expected);
    const res = await fetch(`${origin}/limited`);
    expect(parseRateLimit(res.headers)).toStrictEqual(expected);
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect(parseRateLimit(err?.headers ?? {})).toStrictEqual(expected);
  });
});

describe('an upstream response thrown on', () => {
  it.each(['/dpop', '/limited'])(
    '%s: is a 502 without the upstream nonce or quota',
    async (path) => {
      const raw = await request(`${origin}/proxy${path}`);
      expect(raw.status).toBe(502);
      for (const field of [
        'www-authenticate',
        'dpop-nonce',
        'ratelimit',
        'ratelimit-policy',
        'retry-after',
      ]) {
        expect(raw.headers[field]).toBeUndefined();
      }
    },
  );
});
