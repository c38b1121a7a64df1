import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEndpoint } from '../../src/check/index.js';
import { BODY_LIMIT, siblingOf } from '../../src/check/requests.js';
import { closeServers, listen, listenOn } from '../helpers/http.js';

afterAll(closeServers);

describe('checkEndpoint arguments', () => {
  it.each([
    [42, undefined, 'url must be an absolute http: or https: URL'],
    ['/orders/42', undefined, 'url must be an absolute http: or https: URL'],
    ['file:///etc/passwd', undefined, 'url must be an http: or https: URL, got file:'],
    [
      'http://me:secret@127.0.0.1/',
      undefined,
      'url must not contain credentials; pass options.token or a header',
    ],
    [
      'http://127.0.0.1/',
      { token: 'a b' },
      'options.token must be a Bearer token (RFC 6750 b64token characters)',
    ],
    [
      'http://127.0.0.1/',
      { token: 7 },
      'options.token must be a Bearer token (RFC 6750 b64token characters)',
    ],
    ['http://127.0.0.1/', { headers: 'x' }, 'options.headers must be an object of header fields'],
    ['http://127.0.0.1/', { headers: null }, 'options.headers must be an object of header fields'],
    [
      'http://127.0.0.1/',
      { headers: { 'a b': 'x' } },
      'options.headers: "a b" is not a field name',
    ],
    [
      'http://127.0.0.1/',
      { headers: { x: 'a\r\nb' } },
      'options.headers["x"] must be a field value without CR, LF or NUL',
    ],
    [
      'http://127.0.0.1/',
      { headers: { x: 1 } },
      'options.headers["x"] must be a field value without CR, LF or NUL',
    ],
    [
      'http://127.0.0.1/',
      { timeout: 0 },
      'options.timeout must be a whole number of milliseconds, 1 to 60000',
    ],
    [
      'http://127.0.0.1/',
      { timeout: 1.5 },
      'options.timeout must be a whole number of milliseconds, 1 to 60000',
    ],
    [
      'http://127.0.0.1/',
      { timeout: 60_001 },
      'options.timeout must be a whole number of milliseconds, 1 to 60000',
    ],
    ['http://127.0.0.1/', { onProgress: 'x' }, 'options.onProgress must be a function'],
  ])('refuses %j with %j', async (url, options, message) => {
    // @ts-expect-error -- wrong types on purpose
    await expect(checkEndpoint(url, options)).rejects.toThrow(new TypeError(message));
  });

  it('takes a URL object and drops its fragment', async () => {
    const origin = await listen((_req, res) => res.writeHead(404).end());
    const report = await checkEndpoint(new URL(`${origin}/a?q=1#frag`));
    expect(report.target).toBe(`${origin}/a?q=1`);
    expect(report.exchanges.map((x) => x.url).every((u) => u.startsWith(`${origin}/`))).toBe(true);
  });
});

describe('the sibling', () => {
  it.each([
    ['http://h/orders/42', /^http:\/\/h\/orders\/check-[\da-f]{12}$/],
    ['http://h/orders/42/', /^http:\/\/h\/orders\/check-[\da-f]{12}\/$/],
    ['http://h/', /^http:\/\/h\/check-[\da-f]{12}$/],
    ['http://h/a/b?x=1', /^http:\/\/h\/a\/check-[\da-f]{12}\?x=1$/],
  ])('of %s', (target, sibling) => {
    expect(siblingOf(new URL(target)).href).toMatch(sibling);
  });

  it('is a new random path each time', () => {
    const target = new URL('http://h/orders/42');
    expect(siblingOf(target).href).not.toBe(siblingOf(target).href);
  });
});

describe('the requests', () => {
  it('sends only safe methods, to the origin given, at most 20, redirects not followed', async () => {
    const seen: string[] = [];
    const origin = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(302, { location: 'http://192.0.2.1/elsewhere' }).end();
    });
    const report = await checkEndpoint(`${origin}/orders/42`, { token: 'abc' });
    expect(seen).toHaveLength(10);
    expect(new Set(seen.map((s) => s.split(' ')[0]))).toEqual(new Set(['GET', 'HEAD', 'PROPFIND']));
    expect(report.exchanges.every((x) => x.status === 302)).toBe(true);
  });

  it('reports a server that is not there as one failed check, and skips the rest', async () => {
    const server = http.createServer();
    const origin = await listenOn(server);
    await new Promise((resolve) => server.close(resolve));
    const report = await checkEndpoint(`${origin}/orders/42`);
    expect(report.exchanges).toHaveLength(8);
    expect(report.exchanges[0]?.error).toBe('request failed: ECONNREFUSED');
    expect(report.checks.filter((c) => c.verdict !== 'skip').map((c) => [c.id, c.verdict])).toEqual(
      [['answers', 'fail']],
    );
    expect(report.checks.find((c) => c.id === 'answers')?.evidence).toEqual([
      { exchange: 0, note: 'request failed: ECONNREFUSED' },
    ]);
    expect(report.ok).toBe(false);
  });

  it('reads at most 64 KiB of a body and shows 2,000 characters of it', async () => {
    const origin = await listen((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('x'.repeat(200_000));
    });
    const report = await checkEndpoint(`${origin}/big`);
    const first = report.exchanges[0];
    expect(first?.bodyBytes).toBe(BODY_LIMIT);
    expect(first?.body).toHaveLength(2_000);
    // A body not read whole is not judged as JSON.
    expect(report.checks.find((c) => c.id === 'content-type')?.verdict).toBe('pass');
  });

  it('judges a public API that answers 200 to everything', async () => {
    const origin = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('ok');
    });
    const report = await checkEndpoint(`${origin}/`);
    expect(report.checks.filter((c) => c.verdict === 'pass').map((c) => c.id)).toEqual([
      'answers',
      'head',
      'vary',
      'version-banner',
    ]);
    expect(report.ok).toBe(true);
  });

  it('keeps going when onProgress throws, and reports every request to it', async () => {
    const origin = await listen((_req, res) => res.writeHead(404).end());
    const done: number[] = [];
    const report = await checkEndpoint(`${origin}/x`, {
      onProgress: ({ done: n, total }) => {
        done.push(n);
        expect(total).toBe(8);
        throw new Error('display broke');
      },
    });
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.exchanges).toHaveLength(8);
  });
});
