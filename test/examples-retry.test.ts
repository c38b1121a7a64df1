// The retrying clients of docs/adapters.md (ky and ofetch with shouldRetry) against a real
// server that answers 429 with Retry-After, 429 with only a RateLimit field, 503 without
// either, 500, 403 and 401.

import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request as kyRequest } from '../examples/clients/retry-ky.js';
import { request as ofetchRequest } from '../examples/clients/retry-ofetch.js';
import { closeServers, listen } from './helpers/http.js';

/** When each request of a path arrived, in ms. */
const arrivals = new Map<string, number[]>();

/** Answers per path: the status of the first requests, then 200. */
const SCRIPT: Record<
  string,
  { first: number; times?: number; headers?: http.OutgoingHttpHeaders }
> = {
  '/limited': { first: 429, headers: { 'retry-after': '1' } },
  '/too-long': { first: 429, headers: { 'retry-after': '120' } },
  // draft-ietf-httpapi-ratelimit-headers-11 §4: the burst policy is exhausted for a second,
  // the hourly one still has quota.
  '/rate-limited': { first: 429, headers: { ratelimit: '"burst";r=0;t=1, "hourly";r=40;t=3000' } },
  '/rate-limited-daily': { first: 429, headers: { ratelimit: '"daily";r=0;t=36000' } },
  '/unavailable': { first: 503 },
  '/flaky': { first: 500 },
  '/forbidden': { first: 403, times: Number.POSITIVE_INFINITY },
  '/unauthorized': {
    first: 401,
    times: Number.POSITIVE_INFINITY,
    headers: { 'www-authenticate': 'Bearer realm="api"' },
  },
};

let origin: string;

beforeAll(async () => {
  origin = await listen((req, res) => {
    const path = req.url ?? '/';
    const seen = arrivals.get(path) ?? [];
    seen.push(performance.now());
    arrivals.set(path, seen);
    const script = SCRIPT[path];
    if (script && seen.length <= (script.times ?? 1)) {
      res.writeHead(script.first, {
        'content-type': 'application/problem+json',
        ...script.headers,
      });
      res.end(JSON.stringify({ type: 'about:blank', status: script.first }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, attempts: seen.length }));
  });
});
beforeEach(() => arrivals.clear());
afterAll(closeServers);

const count = (path: string) => arrivals.get(path)?.length ?? 0;
const gap = (path: string) => {
  const [a, b] = arrivals.get(path) ?? [];
  return (b as number) - (a as number);
};

/** `path` on the test server, or an absolute URL as it is. */
const urlOf = (path: string) => (path.startsWith('http') ? path : `${origin}${path}`);

const CLIENTS = [
  ['ky', (path: string, method = 'GET') => kyRequest(urlOf(path), { method }).json()],
  ['ofetch', (path: string, method = 'GET') => ofetchRequest(urlOf(path), { method })],
] as const;

describe.each(CLIENTS)('%s with shouldRetry', (_, send) => {
  it('429 with Retry-After: waits that long, then succeeds', async () => {
    await expect(send('/limited')).resolves.toEqual({ ok: true, attempts: 2 });
    expect(count('/limited')).toBe(2);
    expect(gap('/limited')).toBeGreaterThanOrEqual(990);
  });

  it('429 with a Retry-After longer than a minute: no retry', async () => {
    await expect(send('/too-long')).rejects.toThrow();
    expect(count('/too-long')).toBe(1);
  });

  it('429 with a RateLimit field only: waits for the exhausted policy, then succeeds', async () => {
    await expect(send('/rate-limited')).resolves.toEqual({ ok: true, attempts: 2 });
    expect(count('/rate-limited')).toBe(2);
    expect(gap('/rate-limited')).toBeGreaterThanOrEqual(990);
  });

  it('429 whose exhausted policy resets in ten hours: no retry', async () => {
    await expect(send('/rate-limited-daily')).rejects.toThrow();
    expect(count('/rate-limited-daily')).toBe(1);
  });

  it('503 without Retry-After: backs off, then succeeds, also for POST', async () => {
    await expect(send('/unavailable')).resolves.toEqual({ ok: true, attempts: 2 });
    expect(gap('/unavailable')).toBeGreaterThanOrEqual(240);
    arrivals.clear();
    await expect(send('/unavailable', 'POST')).resolves.toEqual({ ok: true, attempts: 2 });
  });

  it('500: retried for GET, not for POST', async () => {
    await expect(send('/flaky')).resolves.toEqual({ ok: true, attempts: 2 });
    arrivals.clear();
    await expect(send('/flaky', 'POST')).rejects.toThrow();
    expect(count('/flaky')).toBe(1);
  });

  it.each(['/forbidden', '/unauthorized'])('%s: never retried', async (path) => {
    await expect(send(path)).rejects.toThrow();
    expect(count(path)).toBe(1);
  });

  it('a network failure is retried for GET, up to three attempts', async () => {
    const started = performance.now();
    const failure = send('http://127.0.0.1:1/');
    await expect(failure).rejects.toThrow();
    // Two backoffs (attempts 1 and 2): at least 250 + 500 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(740);
  });
});
