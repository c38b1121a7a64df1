import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteAccount,
  nextStep,
  type Session,
  signInFirst,
  tokenNeedsNonce,
  useNonce,
} from '../examples/guides/oauth-challenges.js';
import { checkQuota, quotaLeft, waitFor } from '../examples/guides/rate-limits.js';
import { handle } from '../src/adapters/node.js';
import { closeServers, listen, request } from './helpers/http.js';

// The examples of docs/401-or-403.md (step-up, DPoP, protected resource metadata) and
// docs/rate-limits.md, run against a real server: what their comments say is what they do.

const NOW = 1_800_000_000;
const mfa: Session = { user: 'u', acr: 'urn:example:mfa', authTime: NOW - 60, scopes: [] };

const ROUTES: Record<string, () => unknown> = {
  '/me': () => signInFirst(),
  '/nonce': () => useNonce('n-42'),
  '/token': () => tokenNeedsNonce('n-43'),
  '/account/password': () => deleteAccount({ ...mfa, acr: 'urn:example:password' }, NOW),
  '/account/old-mfa': () => deleteAccount({ ...mfa, authTime: NOW - 301 }, NOW),
  '/account/no-scope': () => deleteAccount(mfa, NOW),
  '/quota/used': () => checkQuota(100, 17),
};

let origin: string;
beforeAll(async () => {
  origin = await listen(
    handle((req, res) => {
      if (req.url === '/quota/ok') {
        res.writeHead(200, checkQuota(40, 17)).end('{}');
        return;
      }
      throw (ROUTES[req.url ?? ''] ?? (() => new Error('no route')))();
    }),
  );
});
afterAll(closeServers);

describe('examples/guides/oauth-challenges.ts', () => {
  const METADATA = 'https://api.example.com/.well-known/oauth-protected-resource';

  it.each([
    [
      '/me',
      401,
      `DPoP algs="ES256 EdDSA", resource_metadata="${METADATA}", Bearer resource_metadata="${METADATA}"`,
      `discover ${METADATA}`,
    ],
    [
      '/nonce',
      401,
      'DPoP error="use_dpop_nonce", algs="ES256 EdDSA"',
      'retry with DPoP nonce n-42',
    ],
    [
      '/account/password',
      401,
      'Bearer error="insufficient_user_authentication", acr_values="urn:example:mfa", max_age="300"',
      'sign in again with urn:example:mfa within 300 s',
    ],
    [
      '/account/old-mfa',
      401,
      'Bearer error="insufficient_user_authentication", acr_values="urn:example:mfa", max_age="300"',
      'sign in again with urn:example:mfa within 300 s',
    ],
    [
      '/account/no-scope',
      403,
      'Bearer error="insufficient_scope", scope="account:delete"',
      'ask for scope account:delete',
    ],
  ])(
    '%s: %i with the challenge, and the client knows what to do',
    async (path, status, challenge, step) => {
      const raw = await request(`${origin}${path}`);
      expect(raw.status).toBe(status);
      expect(raw.headers['www-authenticate']).toBe(challenge);
      expect(await nextStep(await fetch(`${origin}${path}`))).toBe(step);
    },
  );

  it('hands out the nonce on the 401 and on the token endpoint 400 (RFC 9449 §8, §9)', async () => {
    expect((await request(`${origin}/nonce`)).headers['dpop-nonce']).toBe('n-42');
    const token = await request(`${origin}/token`);
    expect(token.status).toBe(400);
    expect(token.headers['dpop-nonce']).toBe('n-43');
    expect(JSON.parse(token.text)).toMatchObject({ error: 'use_dpop_nonce' });
  });

  it('lets a recent multi-factor sign-in with the scope through', () => {
    expect(() => deleteAccount({ ...mfa, scopes: ['account:delete'] }, NOW)).not.toThrow();
  });
});

describe('examples/guides/rate-limits.ts', () => {
  it('sends the fields on a 200, and a client goes ahead', async () => {
    const res = await fetch(`${origin}/quota/ok`);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-policy')).toBe('"per-minute";q=100;w=60');
    expect(res.headers.get('ratelimit')).toBe('"per-minute";r=60;t=17');
    expect(waitFor(res)).toBe(0);
    expect(quotaLeft(res.headers)).toBe(60);
  });

  it('refuses past the quota with a 429, and a client waits for Retry-After', async () => {
    const res = await fetch(`${origin}/quota/used`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('17');
    expect(res.headers.get('ratelimit')).toBe('"per-minute";r=0;t=17');
    expect(waitFor(res)).toBe(17_000);
    expect(quotaLeft(res.headers)).toBe(0);
  });

  it('waits for the reset of an exhausted policy when there is no Retry-After', () => {
    const headers = { ratelimit: '"a";r=0;t=5, "b";r=3;t=50' };
    expect(waitFor(new Response(null, { status: 503, headers }))).toBe(5_000);
    expect(quotaLeft(new Headers(headers))).toBe(0);
    expect(quotaLeft(new Headers())).toBeUndefined();
  });
});
