import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type CheckOptions, type CheckReport, checkEndpoint } from '../../src/check/index.js';
import {
  bearerChallenge,
  MethodNotAllowedError,
  NotFoundError,
  renderError,
  UnauthorizedError,
} from '../../src/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { TOKEN } from './servers.js';

afterAll(closeServers);

// Each case is a real server that answers like a good one (`good`, built with renderError)
// except where the case says otherwise; the check runs against /r with the token, and the
// test asserts every check that did not pass, so a case shows its finding and nothing else.

interface Request {
  method: string;
  path: string;
  auth: 'none' | 'invalid' | 'token';
  accept: string;
  /** Not the target /r: the check's random sibling. */
  sibling: boolean;
}
interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
  /** Close the connection without answering. */
  drop?: boolean;
  /** Never answer. */
  hang?: boolean;
}

const rendered = (err: unknown, r: Request): Reply => {
  const { status, headers, body } = renderError(err, { accept: r.accept, method: r.method });
  return { status, headers: { ...headers, vary: 'Accept' }, body };
};

function good(r: Request): Reply {
  if (r.auth === 'none') return rendered(new UnauthorizedError(), r);
  if (r.auth === 'invalid') {
    return rendered(
      new UnauthorizedError({ challenge: bearerChallenge({ error: 'invalid_token' }) }),
      r,
    );
  }
  if (r.sibling) return rendered(new NotFoundError(), r);
  if (r.method === 'PROPFIND')
    return rendered(new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }), r);
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'private' },
    body: '{"id":1}',
  };
}

function server(route: (r: Request) => Reply | undefined): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorization = req.headers.authorization;
    const r: Request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      auth:
        authorization === undefined
          ? 'none'
          : authorization === `Bearer ${TOKEN}`
            ? 'token'
            : 'invalid',
      accept: req.headers.accept ?? '',
      sibling: url.pathname !== '/r',
    };
    const reply = route(r) ?? good(r);
    if (reply.hang) return;
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body ?? '');
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: {
    'content-type': 'application/json',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...headers,
  },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** The verdict of every check that did not pass. */
const notPassed = (report: CheckReport) =>
  Object.fromEntries(
    report.checks.filter((c) => c.verdict !== 'pass').map((c) => [c.id, c.verdict]),
  );

async function check(
  route: (r: Request) => Reply | undefined,
  options: CheckOptions = { token: TOKEN },
) {
  const origin = await listen(server(route));
  return checkEndpoint(`${origin}/r`, options);
}

const problem404 = (r: Request, members: unknown) =>
  r.sibling && r.auth === 'token'
    ? json(404, members, { 'content-type': 'application/problem+json', vary: 'Accept' })
    : undefined;

describe('the good server', () => {
  it('passes everything but the existence check, which a readable target leaves nothing to judge', async () => {
    expect(notPassed(await check(() => undefined))).toEqual({ existence: 'skip' });
  });
});

// [case, route, non-passing verdicts besides `existence: skip`, options]
const CASES: [string, (r: Request) => Reply | undefined, Record<string, string>, CheckOptions?][] =
  [
    [
      'a request that gets no answer',
      (r) => (r.method === 'PROPFIND' ? { status: 0, drop: true } : undefined),
      { answers: 'fail', allow: 'skip' },
    ],
    [
      'a request that times out',
      (r) => (r.method === 'HEAD' ? { status: 0, hang: true } : undefined),
      { answers: 'fail', head: 'skip' },
      { token: TOKEN, timeout: 300 },
    ],
    [
      '403 without credentials',
      (r) => (r.auth === 'none' ? json(403, { error: 'forbidden' }) : undefined),
      { anonymous: 'warn', existence: 'pass' },
    ],
    [
      'a 401 whose challenge does not parse',
      (r) => (r.auth === 'none' ? json(401, {}, { 'www-authenticate': '=' }) : undefined),
      { 'www-authenticate': 'fail' },
    ],
    [
      'Bearer without error="invalid_token"',
      (r) =>
        r.auth === 'invalid'
          ? json(401, {}, { 'www-authenticate': 'Bearer realm="api"' })
          : undefined,
      { 'invalid-token': 'warn' },
    ],
    [
      'a Basic challenge for an invalid Bearer token',
      (r) =>
        r.auth === 'invalid'
          ? json(401, {}, { 'www-authenticate': 'Basic realm="api"' })
          : undefined,
      { 'invalid-token': 'skip' },
    ],
    [
      'an invalid token accepted',
      (r) => (r.auth === 'invalid' ? good({ ...r, auth: 'token' }) : undefined),
      { 'invalid-token': 'fail' },
    ],
    [
      '403 for an invalid token',
      (r) => (r.auth === 'invalid' ? json(403, {}) : undefined),
      { 'invalid-token': 'warn' },
    ],
    [
      'the token refused',
      (r) => (r.auth === 'token' && !r.sibling ? good({ ...r, auth: 'none' }) : undefined),
      { credentials: 'warn', head: 'pass', allow: 'skip' },
    ],
    [
      'a public resource, no token',
      (r) => good({ ...r, auth: 'token' }),
      {
        'www-authenticate': 'skip',
        anonymous: 'skip',
        'invalid-token': 'skip',
        credentials: 'skip',
      },
      {},
    ],
    [
      'HEAD with another status',
      (r) => (r.method === 'HEAD' ? json(404, '') : undefined),
      { head: 'fail' },
    ],
    [
      'HEAD with another Content-Length',
      (r) =>
        r.method === 'HEAD'
          ? { ...good(r), headers: { ...good(r).headers, 'content-length': '99' } }
          : undefined,
      { head: 'fail' },
    ],
    [
      'HEAD without a field GET has',
      (r) =>
        r.method === 'GET' && !r.sibling && r.auth === 'token'
          ? { ...good(r), headers: { ...good(r).headers, 'x-version': '2' } }
          : undefined,
      { head: 'warn' },
    ],
    [
      '405 without Allow',
      (r) => (r.method === 'PROPFIND' ? json(405, {}) : undefined),
      { allow: 'fail' },
    ],
    ['501 for PROPFIND', (r) => (r.method === 'PROPFIND' ? json(501, {}) : undefined), {}],
    [
      '404 for PROPFIND on a resource GET finds',
      (r) => (r.method === 'PROPFIND' ? json(404, {}) : undefined),
      { allow: 'warn' },
    ],
    [
      'PROPFIND supported',
      (r) => (r.method === 'PROPFIND' ? { status: 207, body: '' } : undefined),
      { allow: 'skip' },
    ],
    [
      'an empty error body',
      (r) =>
        r.sibling && r.accept === 'application/json'
          ? {
              ...json(404, ''),
              headers: {
                'x-content-type-options': 'nosniff',
                'cache-control': 'no-store',
                vary: 'Accept',
              },
            }
          : undefined,
      { 'error-body': 'warn' },
    ],
    [
      'a body without Content-Type',
      (r) =>
        r.sibling && r.accept === 'text/html'
          ? {
              status: 404,
              headers: {
                'x-content-type-options': 'nosniff',
                'cache-control': 'no-store',
                vary: 'Accept',
              },
              body: 'Not Found',
            }
          : undefined,
      { 'content-type': 'warn' },
    ],
    [
      'JSON that does not parse',
      (r) =>
        r.sibling && r.auth === 'token' ? json(404, '{"error":', { vary: 'Accept' }) : undefined,
      { 'content-type': 'fail' },
    ],
    [
      'XML that is not XML',
      (r) =>
        r.sibling && r.auth === 'token'
          ? json(404, 'Not Found', { 'content-type': 'application/problem+xml', vary: 'Accept' })
          : undefined,
      { 'content-type': 'fail' },
    ],
    [
      'a problem whose status is a string',
      (r) => problem404(r, { type: 'about:blank', status: '404' }),
      { problem: 'fail' },
    ],
    [
      'a problem with another status',
      (r) => problem404(r, { title: 'Not Found', status: 400 }),
      { problem: 'fail' },
    ],
    ['a problem that is not an object', (r) => problem404(r, [404]), { problem: 'fail' }],
    [
      'errors without nosniff',
      (r) =>
        r.sibling
          ? {
              ...json(404, {}),
              headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
            }
          : undefined,
      { nosniff: 'warn' },
    ],
    [
      'a format that follows Accept without Vary',
      (r) =>
        r.sibling
          ? {
              ...rendered(new NotFoundError(), r),
              headers: { ...rendered(new NotFoundError(), r).headers, vary: 'Origin' },
            }
          : undefined,
      { vary: 'warn' },
    ],
    [
      'one format for every Accept, no Vary',
      (r) => (r.sibling ? json(404, { error: 'not found' }) : undefined),
      {},
    ],
    [
      'Vary: *',
      (r) =>
        r.sibling
          ? {
              ...rendered(new NotFoundError(), r),
              headers: { ...rendered(new NotFoundError(), r).headers, vary: '*' },
            }
          : undefined,
      {},
    ],
    [
      'a path in an error',
      (r) =>
        r.sibling
          ? json(404, {
              error: "ENOENT: no such file or directory, open '/srv/app/config/db.json'",
            })
          : undefined,
      { 'file-path': 'fail' },
    ],
    [
      'SQL in an error',
      (r) => (r.sibling ? json(404, { error: 'SQLITE_ERROR: no such table: orders' }) : undefined),
      { 'sql-error': 'fail' },
    ],
    [
      'a debug page',
      (r) =>
        r.sibling
          ? json(404, '<h1>Werkzeug Debugger</h1>', { 'content-type': 'text/html' })
          : undefined,
      { 'debug-page': 'fail' },
    ],
    [
      'a private address in a field',
      (r) =>
        r.sibling
          ? { ...good(r), headers: { ...good(r).headers, 'x-upstream': '10.1.2.3:8080' } }
          : undefined,
      { 'internal-address': 'warn' },
    ],
    [
      'an internal host name in a body',
      (r) =>
        r.sibling ? json(404, { error: 'connect ECONNREFUSED db.internal:5432' }) : undefined,
      { 'internal-address': 'warn' },
    ],
    [
      'a version in Server',
      (r) => ({
        ...good(r),
        headers: {
          ...good(r).headers,
          server: `nginx/1.25.3 (Ubuntu) ${'mod_x/1.0 '.repeat(20)}`,
          'set-cookie': ['a=1', 'b=2'],
        },
      }),
      { 'version-banner': 'warn' },
    ],
    [
      'the request with credentials unanswered',
      (r) =>
        r.auth === 'token' && !r.sibling && r.method === 'GET'
          ? { status: 0, drop: true }
          : undefined,
      { answers: 'fail', credentials: 'skip', head: 'skip' },
    ],
    [
      'Server without a version',
      (r) => ({ ...good(r), headers: { ...good(r).headers, server: 'nginx' } }),
      {},
    ],
    [
      'a storable 404',
      (r) =>
        r.sibling
          ? { ...good(r), headers: { ...good(r).headers, 'cache-control': 'max-age=60' } }
          : undefined,
      { cache: 'warn' },
    ],
    [
      'a public 401',
      (r) =>
        r.auth === 'none'
          ? { ...good(r), headers: { ...good(r).headers, 'cache-control': 'public' } }
          : undefined,
      { cache: 'warn' },
    ],
    [
      'a 404 cacheable by default, without credentials',
      (r) =>
        r.auth === 'none'
          ? {
              ...json(404, {}),
              headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' },
            }
          : undefined,
      { cache: 'warn', anonymous: 'skip', existence: 'pass' },
    ],
    [
      'PROPFIND answered 204, without a body',
      (r) => (r.method === 'PROPFIND' ? { status: 204 } : undefined),
      { allow: 'skip' },
    ],
    [
      'a compressed GET: HEAD cannot be compared by length',
      (r) => {
        if (r.sibling || r.auth !== 'token' || r.method === 'PROPFIND') return undefined;
        const headers = {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'cache-control': 'private',
        };
        return r.method === 'HEAD'
          ? { status: 200, headers: { ...headers, 'content-length': '5' } }
          : { status: 200, headers, body: gzipSync('{"id":1}') as unknown as string };
      },
      {},
    ],
    [
      'a GET body longer than the check reads: HEAD is not compared by length',
      (r) =>
        !r.sibling && r.auth === 'token' && r.method !== 'PROPFIND'
          ? {
              status: 200,
              headers: {
                'content-type': 'text/plain',
                'cache-control': 'private',
                ...(r.method === 'HEAD' ? { 'content-length': '3' } : {}),
              },
              body: 'x'.repeat(70_000),
            }
          : undefined,
      {},
    ],
    [
      'an unregistered status',
      (r) =>
        r.sibling && r.accept === 'text/html' ? json(499, {}, { vary: 'Accept' }) : undefined,
      {},
    ],
    [
      'a problem document that does not parse',
      (r) => problem404(r, '{"type":'),
      { 'content-type': 'fail' },
    ],
    [
      'a long private address field',
      (r) =>
        r.sibling
          ? {
              ...good(r),
              headers: { ...good(r).headers, 'x-upstream': `10.1.2.3 ${'x'.repeat(200)}` },
            }
          : undefined,
      { 'internal-address': 'warn' },
    ],
  ];

describe('each finding, and nothing else', () => {
  it.each(CASES)('%s', async (_name, route, expected, options) => {
    const report = await check(route, options);
    const all = { existence: 'skip', ...expected };
    // `pass` in a case says that a check the good server skips passes there.
    expect(notPassed(report)).toEqual(
      Object.fromEntries(Object.entries(all).filter(([, verdict]) => verdict !== 'pass')),
    );
  });
});

describe('existence', () => {
  const route =
    (target: (r: Request) => Reply, sibling: (r: Request) => Reply) =>
    (r: Request): Reply | undefined => {
      if (r.auth !== 'token') return undefined;
      return r.sibling ? sibling(r) : target(r);
    };
  const notFound = (r: Request) => rendered(new NotFoundError(), r);

  it.each([
    [
      'two 404s that differ in length',
      () => json(404, { error: 'no such order' }),
      () => json(404, { error: 'none' }),
      'fail',
    ],
    [
      'two 404s that differ in Content-Type',
      () => json(404, '{}'),
      () => json(404, '{}', { 'content-type': 'application/problem+json' }),
      'fail',
    ],
    [
      'two 404s that differ in fields',
      () => json(404, '{}', { 'x-cause': 'acl' }),
      () => json(404, '{}'),
      'fail',
    ],
    [
      'two 404s that echo their own paths',
      (r: Request) => json(404, { error: `no ${r.path}` }),
      (r: Request) => json(404, { error: `no ${r.path}` }),
      'pass',
    ],
    ['a concealed 403', notFound, notFound, 'pass'],
  ])('%s', async (_name, target, sibling, verdict) => {
    const report = await check(route(target, sibling));
    expect(report.checks.find((c) => c.id === 'existence')?.verdict).toBe(verdict);
  });

  it('compares the answers without credentials too', async () => {
    const report = await check((r) =>
      r.auth === 'none' && !r.sibling ? json(403, {}) : undefined,
    );
    const existence = report.checks.find((c) => c.id === 'existence');
    expect(existence?.verdict).toBe('pass');
  });
});
