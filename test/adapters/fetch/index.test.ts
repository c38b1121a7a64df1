import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ensureOk,
  fromResponse,
  handle,
  type ResponseLike,
  toResponse,
} from '../../../src/adapters/fetch/index.js';
import {
  BadGatewayError,
  BadRequestError,
  ForbiddenError,
  HttpError,
  type HttpErrorOptions,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  renderError,
  TooManyRequestsError,
  UnauthorizedError,
  UpgradeRequiredError,
} from '../../../src/index.js';
import { CREDIT_BODY, CREDIT_EXTENSIONS } from '../../helpers/out-of-credit.js';

const SEED = 'You do not have permission to delete user data.';
const SEED_BODY = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
const MIB = 1_048_576;

const OUT_OF_CREDIT = CREDIT_BODY;

function request(path = '/user-data/123', init?: RequestInit): Request {
  return new Request(`http://api.example.com${path}`, init);
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Test servers: node:http on 127.0.0.1, port 0, reached with the real global fetch.

type Route = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(listener: Route): Promise<{ server: Server; origin: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Bridges node:http to a Fetch handler: builds a `Request`, writes the `Response` back. */
function fetchListener(handler: (request: Request) => Promise<Response>): Route {
  return (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const fetchRequest = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
    });
    void handler(fetchRequest).then(async (response) => {
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, headersOf(response));
      res.end(body);
    });
  };
}

function send(
  status: number,
  headers: Record<string, string | number>,
  body?: string | Buffer,
): Route {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

const problem = (body: unknown) => JSON.stringify(body);
const PROBLEM = { 'content-type': 'application/problem+json' };

const ROUTES: Record<string, Route> = {
  '/forbidden': send(403, PROBLEM, SEED_BODY),
  '/unauthorized': send(
    401,
    { ...PROBLEM, 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
    problem({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired.' }),
  ),
  '/too-many': send(429, { ...PROBLEM, 'retry-after': '120' }, problem({ status: 429 })),
  '/method': send(405, { ...PROBLEM, allow: 'GET, HEAD' }, problem({ status: 405 })),
  '/method-bare': send(405, {}),
  '/upgrade': send(426, { upgrade: 'TLS/1.3', 'content-type': 'text/plain' }, 'Upgrade'),
  '/out-of-credit': send(
    403,
    { 'content-type': 'application/problem+json' },
    problem(OUT_OF_CREDIT),
  ),
  '/json': send(404, { 'content-type': 'application/json; charset=utf-8' }, '{"error":"nope"}'),
  '/vendor-json': send(409, { 'content-type': 'application/vnd.api+json' }, '{"detail":"v"}'),
  '/text-json': send(409, { 'content-type': 'text/plain' }, '{"detail":"not read"}'),
  '/no-type': send(409, {}, '{"detail":"not read"}'),
  '/proxy': send(
    502,
    { 'content-type': 'text/html; charset=utf-8' },
    '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
  ),
  '/malformed': send(400, PROBLEM, '{"type":"about:blank","detail":'),
  '/proto': send(400, PROBLEM, '{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}'),
  '/array': send(400, PROBLEM, '[1,2,3]'),
  '/status-mismatch': send(403, PROBLEM, problem({ status: 500, detail: 'HTTP status wins' })),
  '/huge': (_req, res) => {
    const body = Buffer.alloc(10 * MIB, 0x61);
    body.write('{"detail":"');
    body.write('"}', body.length - 2);
    res.on('error', () => {});
    res.writeHead(403, { ...PROBLEM, 'content-length': body.length });
    res.end(body);
  },
  '/huge-chunked': (_req, res) => {
    // No Content-Length: the client only learns the size by reading.
    res.on('error', () => {});
    res.writeHead(403, PROBLEM);
    res.write('{"detail":"');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 10 * MIB) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end('"}');
    };
    pump();
  },
  '/ok': send(200, { 'content-type': 'application/json' }, '{"ok":true}'),
  '/not-modified': send(304, { etag: '"v1"' }),
  '/found': send(302, { location: '/ok' }, ''),
  '/client-closed': send(499, PROBLEM, problem({ title: 'Client Closed Request', detail: 'gone' })),
  '/origin-error': send(520, { 'content-type': 'text/plain' }, 'Unknown Error'),
  '/teapot': send(418, PROBLEM, problem({ detail: 'short and stout' })),
};

let server: Server;
let origin: string;
let roundTrip: Server;
let roundTripOrigin: string;

beforeAll(async () => {
  ({ server, origin } = await listen((req, res) => {
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else send(404, {})(req, res);
  }));
  // A server whose errors come from toResponse (through handle).
  const app = handle(
    (req: Request): Response => {
      const path = new URL(req.url).pathname;
      if (path === '/user-data/123') throw new ForbiddenError(SEED);
      if (path === '/login') throw new UnauthorizedError('Sign in first.');
      if (path === '/method') throw new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });
      if (path === '/rate') throw new TooManyRequestsError('Slow down.', { retryAfter: 30 });
      if (path === '/crash') throw new Error('db password=x');
      if (path === '/credit') {
        throw new ForbiddenError(OUT_OF_CREDIT.detail, {
          type: OUT_OF_CREDIT.type,
          title: OUT_OF_CREDIT.title,
          instance: OUT_OF_CREDIT.instance,
          extensions: CREDIT_EXTENSIONS,
        });
      }
      return new Response('fine');
    },
    { extensions: { traceId: 'trace-1' } },
  );
  ({ server: roundTrip, origin: roundTripOrigin } = await listen(fetchListener(app)));
});

afterAll(async () => {
  await close(server);
  await close(roundTrip);
});

// ---------------------------------------------------------------------------------------------

describe('toResponse', () => {
  it('renders the seed 403 as problem+json on a real Response', async () => {
    const res = toResponse(new ForbiddenError(SEED), {
      request: request('/user-data/123', {
        method: 'DELETE',
        headers: { accept: 'application/json' },
      }),
    });
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(403);
    expect(headersOf(res)).toEqual({
      'cache-control': 'no-store',
      'content-type': 'application/problem+json',
      vary: 'Accept',
      'x-content-type-options': 'nosniff',
    });
    expect(await res.text()).toBe(SEED_BODY);
  });

  it('appends each challenge and each cookie as its own field line (#15, #18)', () => {
    const cookies = ['session=; Max-Age=0; Path=/', 'csrf=; Max-Age=0; Path=/'];
    const res = toResponse(
      new UnauthorizedError({
        challenge: [
          { scheme: 'DPoP', params: { algs: 'ES256' } },
          { scheme: 'Bearer', params: { realm: 'api' } },
        ],
        headers: { 'Set-Cookie': cookies },
      }),
    );
    expect(res.headers.getSetCookie()).toStrictEqual(cookies);
    // Headers joins the lines of any other field in `get`, as the Fetch standard says.
    expect(res.headers.get('www-authenticate')).toBe('DPoP algs="ES256", Bearer realm="api"');
    expect([...res.headers].filter(([name]) => name === 'set-cookie')).toStrictEqual(
      cookies.map((cookie) => ['set-cookie', cookie]),
    );
    // The challenge option's default challenges, and a 407's, the same way.
    const option = toResponse(new UnauthorizedError(), {
      challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'r' } }],
    });
    expect(option.headers.get('www-authenticate')).toBe('Negotiate, Basic realm="r"');
  });

  it('renders without options', async () => {
    const res = toResponse(new NotFoundError());
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.text()).toBe('{"type":"about:blank","title":"Not Found","status":404}');
  });

  it('negotiates HTML from the Accept field of a real Request', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const err = new ForbiddenError(SEED);
    const res = toResponse(err, { request: request('/protected', { headers: { accept } }) });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await res.text();
    expect(text).toBe(renderError(err, { accept }).body);
    expect(text).toContain('<title>403 Forbidden</title>');
    expect(text).toContain(SEED);
  });

  it('prefers explicit accept and method over the request', async () => {
    const req = request('/x', { method: 'HEAD', headers: { accept: 'text/html' } });
    const res = toResponse(new ForbiddenError(SEED), {
      request: req,
      accept: 'text/plain',
      method: 'GET',
    });
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toContain(SEED);
    // `accept: null` is given too: it means "no Accept", not "ask the request".
    const none = toResponse(new ForbiddenError(), { request: req, accept: null, method: 'GET' });
    expect(none.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers HEAD with a null body and the same header fields', async () => {
    const err = new ForbiddenError(SEED);
    const get = toResponse(err, { request: request('/x') });
    const head = toResponse(err, { request: request('/x', { method: 'HEAD' }) });
    expect(head.status).toBe(403);
    expect(head.body).toBeNull();
    expect(headersOf(head)).toEqual(headersOf(get));
    expect(await head.text()).toBe('');
    expect(toResponse(err, { method: 'head' }).body).toBeNull();
  });

  it('gives a 401 the default challenge, or the configured one', async () => {
    const res = toResponse(new UnauthorizedError('Sign in to delete user data.'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.parse(await res.text())).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Sign in to delete user data.',
    });
    const basic = toResponse(new UnauthorizedError(), {
      challenge: { scheme: 'Basic', params: { realm: 'admin' } },
    });
    expect(basic.headers.get('www-authenticate')).toBe('Basic realm="admin"');
  });

  it('redacts a 500', async () => {
    const res = toResponse(new Error('db password=x'), { request: request() });
    expect(res.status).toBe(500);
    expect(headersOf(res)).toEqual({
      'cache-control': 'no-store',
      'content-type': 'application/problem+json',
      vary: 'Accept',
      'x-content-type-options': 'nosniff',
    });
    const text = await res.text();
    expect(text).toBe('{"type":"about:blank","title":"Internal Server Error","status":500}');
    expect(text).not.toContain('password');
  });

  it('keeps the error headers (405 Allow, 429 Retry-After)', () => {
    const res = toResponse(new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }));
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    const limited = toResponse(new TooManyRequestsError({ retryAfter: 60 }));
    expect(limited.headers.get('retry-after')).toBe('60');
  });

  it('survives a hostile request object', async () => {
    const hostile = {
      get method(): string {
        throw new Error('no method');
      },
      url: 'http://x/',
      headers: {
        get(): string | null {
          throw new Error('no headers');
        },
      },
    };
    const res = toResponse(new ForbiddenError(SEED), { request: hostile });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(SEED_BODY);
    const odd = { method: 42 as unknown as string, url: 'http://x/', headers: new Headers() };
    expect(toResponse(new ForbiddenError(), { request: odd }).status).toBe(403);
  });

  it('falls back to a bare 500 when the rendered response cannot be built', async () => {
    const Real = globalThis.Response;
    let calls = 0;
    vi.stubGlobal(
      'Response',
      class extends Real {
        constructor(body?: BodyInit | null, init?: ResponseInit) {
          calls++;
          if (calls === 1) throw new TypeError('refused');
          super(body, init);
        }
      },
    );
    try {
      const res = toResponse(new ForbiddenError(SEED));
      expect(res.status).toBe(500);
      expect(res.body).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalThis.Response).toBe(Real);
  });
});

describe('handle', () => {
  it('turns a synchronous throw into an error response', async () => {
    const app = handle((_request: Request): Response => {
      throw new ForbiddenError(SEED);
    });
    const res = await app(request());
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(SEED_BODY);
  });

  it('turns a rejection into an error response, negotiated from the request', async () => {
    const app = handle(async (_request: Request): Promise<Response> => {
      throw new Error('db password=x');
    });
    const res = await app(request('/', { headers: { accept: 'text/plain' } }));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).not.toContain('password');
  });

  it('gives onError the normalized error, the thrown value and the request', async () => {
    const reported: unknown[][] = [];
    const crash = new Error('db password=x');
    const app = handle(
      async (_request: Request): Promise<Response> => {
        throw crash;
      },
      { onError: (...args) => reported.push(args) },
    );
    const sent = request('/orders/42', { method: 'DELETE' });
    const res = await app(sent);
    expect(res.status).toBe(500);
    expect(reported).toHaveLength(1);
    const [error, original, received] = reported[0] as [HttpError, unknown, Request];
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.cause).toBe(crash);
    expect(original).toBe(crash);
    expect(received).toBe(sent);
  });

  it('passes a successful response through untouched', async () => {
    const ok = new Response('hello', { status: 200 });
    const app = handle(async () => ok);
    expect(await app(request())).toBe(ok);
  });

  it('passes the other arguments through (Workers env and ctx)', async () => {
    const env = { TOKEN: 't' };
    const ctx = { waitUntil: vi.fn() };
    const inner = vi.fn((_request: Request, e: typeof env, c: typeof ctx) => {
      c.waitUntil(e.TOKEN);
      return new Response(e.TOKEN);
    });
    const app = handle(inner);
    const req = request();
    const res = await app(req, env, ctx);
    expect(inner).toHaveBeenCalledWith(req, env, ctx);
    expect(ctx.waitUntil).toHaveBeenCalledWith('t');
    expect(await res.text()).toBe('t');
  });

  it('answers HEAD with a null body', async () => {
    const app = handle(() => {
      throw new NotFoundError();
    });
    const res = await app(request('/', { method: 'HEAD' }));
    expect(res.status).toBe(404);
    expect(res.body).toBeNull();
  });

  it('evaluates instance and extensions functions of the request', async () => {
    const app = handle(
      (): Response => {
        throw new Error('boom');
      },
      {
        instance: (req) => new URL(req.url).pathname,
        extensions: (req) => ({ traceId: req.headers.get('x-trace-id') }),
      },
    );
    const res = await app(request('/orders/42', { headers: { 'x-trace-id': 'abc' } }));
    expect(JSON.parse(await res.text())).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/orders/42',
      traceId: 'abc',
    });
  });

  it('accepts plain instance and extensions values and the other render options', async () => {
    const onError = vi.fn();
    const app = handle(
      (): Response => {
        throw new ForbiddenError(SEED);
      },
      {
        instance: '/fixed',
        extensions: { traceId: 't' },
        onError,
        body: (p) => ({ error: p.detail }),
      },
    );
    const res = await app(request());
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(`{"error":"${SEED}"}`);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(ForbiddenError);
  });

  it('treats instance and extensions functions that throw or return junk as absent', async () => {
    const throwing = handle(
      (): Response => {
        throw new ForbiddenError(SEED);
      },
      {
        instance: () => {
          throw new Error('no instance');
        },
        extensions: () => {
          throw new Error('no extensions');
        },
      },
    );
    const res = await throwing(request());
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(SEED_BODY);

    const junk = handle(
      (): Response => {
        throw new ForbiddenError(SEED);
      },
      {
        instance: () => 42 as unknown as string,
        extensions: () => ['a', 'b'] as unknown as Record<string, unknown>,
      },
    );
    expect(await (await junk(request())).text()).toBe(SEED_BODY);
    const none = handle(
      (): Response => {
        throw new ForbiddenError(SEED);
      },
      { instance: () => undefined, extensions: () => undefined },
    );
    expect(await (await none(request())).text()).toBe(SEED_BODY);
  });
});

describe('handle: rethrow', () => {
  // What Next.js's redirect() throws: an Error with a digest, no status.
  const redirect = () =>
    Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/login;307;' });
  const isSignal = (thrown: unknown) =>
    typeof thrown === 'object' && thrown !== null && 'digest' in thrown;

  it('rethrows what the predicate picks, untouched and unreported; renders the rest', async () => {
    const signal = redirect();
    const onError = vi.fn();
    const app = handle(
      (request: Request): Response => {
        throw new URL(request.url).pathname === '/login' ? signal : new ForbiddenError(SEED);
      },
      { rethrow: isSignal, onError },
    );
    await expect(app(request('/login'))).rejects.toBe(signal);
    expect(onError).not.toHaveBeenCalled();
    const res = await app(request('/user-data/123'));
    expect([res.status, await res.text()]).toEqual([403, SEED_BODY]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('without rethrow, the same error is a redacted 500', async () => {
    const app = handle((): Response => {
      throw redirect();
    });
    const res = await app(request());
    expect([res.status, await res.text()]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
  });

  it('a predicate that throws, or answers anything but true, renders the error', async () => {
    for (const rethrow of [
      () => {
        throw new Error('predicate failed');
      },
      () => 'yes' as unknown as boolean,
      'always' as unknown as () => boolean,
      undefined,
    ]) {
      const app = handle(
        (): Response => {
          throw new ForbiddenError(SEED);
        },
        { rethrow },
      );
      const res = await app(request());
      expect([res.status, await res.text()]).toEqual([403, SEED_BODY]);
    }
  });

  it('accepts every option as explicitly undefined (exactOptionalPropertyTypes)', async () => {
    const app = handle(
      (): Response => {
        throw new ForbiddenError(SEED);
      },
      { instance: undefined, extensions: undefined, onError: undefined, rethrow: undefined },
    );
    expect(await (await app(request())).text()).toBe(SEED_BODY);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fromResponse of an upstream 5xx', () => {
  it('keeps the detail on the error but does not expose it when rethrown', async () => {
    const upstream = new Response(
      '{"type":"about:blank","title":"Bad Gateway","status":502,"detail":"db at 10.0.0.5 down"}',
      { status: 502, headers: { 'content-type': 'application/problem+json' } },
    );
    const err = await fromResponse(upstream);
    expect(err?.detail).toBe('db at 10.0.0.5 down');
    expect(err?.expose).toBe(false);
    const rethrown = toResponse(err);
    expect(rethrown.status).toBe(502);
    expect(await rethrown.text()).toBe('{"type":"about:blank","title":"Bad Gateway","status":502}');
  });
});

describe('fromResponse against a real server', () => {
  const get = (path: string, init?: RequestInit) => fetch(`${origin}${path}`, init);

  it('turns a 403 problem into a ForbiddenError with its detail', async () => {
    const res = await get('/forbidden');
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({
      name: 'ForbiddenError',
      status: 403,
      statusCode: 403,
      type: 'about:blank',
      title: 'Forbidden',
      detail: SEED,
      message: SEED,
      expose: true,
      extensions: {},
      headers: {},
    });
    expect(err?.instance).toBeUndefined();
    expect(err?.cause).toBe(res);
  });

  it('copies WWW-Authenticate of a 401', async () => {
    const err = await fromResponse(await get('/unauthorized'));
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err?.detail).toBe('Token expired.');
    expect(err?.headers).toEqual({
      'www-authenticate': 'Bearer realm="api", error="invalid_token"',
    });
    // Rethrown in a server, it is that server's upstream failure: a 502 without the challenge.
    expect(renderError(err).status).toBe(502);
    expect(renderError(err).headers['www-authenticate']).toBeUndefined();
  });

  it('copies Retry-After of a 429', async () => {
    const err = await fromResponse(await get('/too-many'));
    expect(err).toBeInstanceOf(TooManyRequestsError);
    expect(err?.headers['retry-after']).toBe('120');
  });

  it('reads Allow of a 405 into the allow list', async () => {
    const err = await fromResponse(await get('/method'));
    expect(err).toBeInstanceOf(MethodNotAllowedError);
    expect((err as MethodNotAllowedError).allow).toEqual(['GET', 'HEAD']);
    expect(err?.headers.allow).toBe('GET, HEAD');
    const bare = await fromResponse(await get('/method-bare'));
    expect(bare).toBeInstanceOf(MethodNotAllowedError);
    expect((bare as MethodNotAllowedError).allow).toEqual([]);
  });

  it('copies Upgrade of a 426 without reading a non-JSON body', async () => {
    const err = await fromResponse(await get('/upgrade'));
    expect(err).toBeInstanceOf(UpgradeRequiredError);
    expect(err?.headers).toEqual({ upgrade: 'TLS/1.3' });
    expect(err?.detail).toBeUndefined();
  });

  it('keeps an RFC 9457 typed problem: type, title, detail, instance, extensions', async () => {
    const err = await fromResponse(await get('/out-of-credit'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toMatchObject({
      status: 403,
      type: OUT_OF_CREDIT.type,
      title: OUT_OF_CREDIT.title,
      detail: OUT_OF_CREDIT.detail,
      instance: OUT_OF_CREDIT.instance,
      expose: true,
    });
    expect(err?.extensions).toEqual(CREDIT_EXTENSIONS);
    // A server that rethrows it sends nothing of it on: a 502.
    expect(JSON.parse(renderError(err).body)).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
    });
  });

  it('returns an instance of a problem class whose type matches', async () => {
    class OutOfCreditError extends HttpError<403> {
      static readonly type = OUT_OF_CREDIT.type;
      constructor(detail?: string, options?: HttpErrorOptions) {
        super(403, detail, { ...options, type: OutOfCreditError.type, title: 'Out of credit' });
        this.name = 'OutOfCreditError';
      }
    }
    class Other extends HttpError<403> {
      static readonly type = 'https://example.com/probs/other';
    }
    const err = await fromResponse(await get('/out-of-credit'), {
      problems: [Other, OutOfCreditError],
    });
    expect(err).toBeInstanceOf(OutOfCreditError);
    expect(err).toMatchObject({
      name: 'OutOfCreditError',
      title: 'Out of credit',
      detail: OUT_OF_CREDIT.detail,
      instance: OUT_OF_CREDIT.instance,
      extensions: CREDIT_EXTENSIONS,
    });
    // Not for a problem of another type.
    const plain = await fromResponse(await get('/forbidden'), { problems: [OutOfCreditError] });
    expect(plain).toBeInstanceOf(ForbiddenError);
  });

  it('falls back to the named class when a problem class refuses the data', async () => {
    class Throwing extends HttpError<403> {
      static readonly type = OUT_OF_CREDIT.type;
      constructor() {
        super(403);
        throw new TypeError('refused');
      }
    }
    const unreadable = Object.defineProperty(function Unreadable() {}, 'type', {
      get() {
        throw new Error('no type');
      },
    });
    const err = await fromResponse(await get('/out-of-credit'), {
      problems: ['not a class', unreadable, Throwing] as never,
    });
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBe(OUT_OF_CREDIT.detail);
    const notArray = await fromResponse(await get('/out-of-credit'), {
      problems: { length: 1, 0: Throwing } as never,
    });
    expect(notArray).toBeInstanceOf(ForbiddenError);
  });

  it('reads a plain JSON body: members other than the standard ones are extensions', async () => {
    const err = await fromResponse(await get('/json'));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err?.detail).toBeUndefined();
    expect(err?.extensions).toEqual({ error: 'nope' });
    const vendor = await fromResponse(await get('/vendor-json'));
    expect(vendor?.detail).toBe('v');
  });

  it('does not read a JSON-looking body that is not labelled JSON', async () => {
    expect((await fromResponse(await get('/text-json')))?.detail).toBeUndefined();
    expect((await fromResponse(await get('/no-type')))?.detail).toBeUndefined();
  });

  it('turns a proxy HTML 502 into a BadGatewayError with no detail', async () => {
    const res = await get('/proxy');
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(BadGatewayError);
    expect(err).toMatchObject({ status: 502, title: 'Bad Gateway', message: 'Bad Gateway' });
    expect(err?.detail).toBeUndefined();
    expect(err?.expose).toBe(false);
    expect(err?.extensions).toEqual({});
  });

  it('falls back to the status alone for malformed JSON and non-object JSON', async () => {
    const err = await fromResponse(await get('/malformed'));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err?.detail).toBeUndefined();
    expect(err?.type).toBe('about:blank');
    const array = await fromResponse(await get('/array'));
    expect(array).toBeInstanceOf(BadRequestError);
    expect(array?.extensions).toEqual({});
  });

  it('keeps __proto__ and constructor members as plain data', async () => {
    const err = await fromResponse(await get('/proto'));
    expect(err).toBeInstanceOf(BadRequestError);
    const ext = err?.extensions as Record<string, unknown>;
    expect(Object.getPrototypeOf(ext)).toBe(Object.prototype);
    expect(Object.keys(ext)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(ext, '__proto__')?.value).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('uses the HTTP status, not the body status member', async () => {
    const err = await fromResponse(await get('/status-mismatch'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.status).toBe(403);
    expect(err?.detail).toBe('HTTP status wins');
  });

  it('does not read a 10 MB body announced by Content-Length', async () => {
    const err = await fromResponse(await get('/huge'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
  });

  it('stops reading a chunked 10 MB body at the bound', async () => {
    const err = await fromResponse(await get('/huge-chunked'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
    // The same body is read when the bound allows it.
    const whole = await fromResponse(await get('/huge-chunked'), { maxBodyBytes: 11 * MIB });
    expect(whole?.detail).toHaveLength(10 * MIB);
  });

  it('returns undefined for 2xx and 3xx', async () => {
    expect(await fromResponse(await get('/ok'))).toBeUndefined();
    expect(await fromResponse(await get('/not-modified'))).toBeUndefined();
    const found = await get('/found', { redirect: 'manual' });
    expect(found.status).toBe(302);
    expect(await fromResponse(found)).toBeUndefined();
  });

  it('maps an unregistered code to the generic class of its range', async () => {
    const res = await get('/client-closed');
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err?.status).toBe(400);
    expect(err?.detail).toBe('gone');
    expect((err?.cause as Response | undefined)?.status).toBe(499);
    const origin520 = await fromResponse(await get('/origin-error'));
    expect(origin520).toBeInstanceOf(InternalServerError);
    expect((origin520?.cause as Response | undefined)?.status).toBe(520);
    // A registered code without a named class.
    const teapot = await fromResponse(await get('/teapot'));
    expect(teapot?.constructor).toBe(HttpError);
    expect(teapot?.status).toBe(418);
    expect(teapot?.detail).toBe('short and stout');
  });

  it('falls back to the status alone when the body was already used', async () => {
    const res = await get('/forbidden');
    expect(await res.text()).toBe(SEED_BODY);
    expect(res.bodyUsed).toBe(true);
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
  });

  it('handles a response without a body (HEAD)', async () => {
    const res = await get('/forbidden', { method: 'HEAD' });
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
  });
});

describe('ensureOk', () => {
  it('returns a successful response as it is', async () => {
    const res = await fetch(`${origin}/ok`);
    expect(await ensureOk(res)).toBe(res);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('throws the typed error of an error response', async () => {
    const res = await fetch(`${origin}/forbidden`);
    const thrown = await ensureOk(res).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect((thrown as ForbiddenError).detail).toBe(SEED);
    await expect(ensureOk(await fetch(`${origin}/proxy`))).rejects.toBeInstanceOf(BadGatewayError);
  });

  it('passes the options to fromResponse', async () => {
    await expect(
      ensureOk(await fetch(`${origin}/forbidden`), { maxBodyBytes: 8 }),
    ).rejects.toSatisfy((e) => e instanceof ForbiddenError && e.detail === undefined);
  });
});

describe('round trip: toResponse on the server, fromResponse on the client', () => {
  const get = (path: string, init?: RequestInit) => fetch(`${roundTripOrigin}${path}`, init);

  it('gives back the same class with the same detail', async () => {
    const res = await get('/user-data/123', { method: 'DELETE' });
    expect(res.status).toBe(403);
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBe(SEED);
    expect(err?.extensions).toEqual({ traceId: 'trace-1' });
  });

  it('keeps the 401 challenge, the 405 Allow and the 429 Retry-After', async () => {
    const login = await fromResponse(await get('/login'));
    expect(login).toBeInstanceOf(UnauthorizedError);
    expect(login?.detail).toBe('Sign in first.');
    expect(login?.headers['www-authenticate']).toBe('Bearer');
    const method = await fromResponse(await get('/method', { method: 'POST' }));
    expect(method).toBeInstanceOf(MethodNotAllowedError);
    expect((method as MethodNotAllowedError).allow).toEqual(['GET', 'HEAD']);
    const rate = await fromResponse(await get('/rate'));
    expect(rate).toBeInstanceOf(TooManyRequestsError);
    expect(rate?.headers['retry-after']).toBe('30');
  });

  it('keeps a typed problem and a redacted 500', async () => {
    const credit = await fromResponse(await get('/credit'));
    expect(credit).toMatchObject({
      type: OUT_OF_CREDIT.type,
      title: OUT_OF_CREDIT.title,
      detail: OUT_OF_CREDIT.detail,
      instance: OUT_OF_CREDIT.instance,
      extensions: { ...CREDIT_EXTENSIONS, traceId: 'trace-1' },
    });
    const crash = await fromResponse(await get('/crash'));
    expect(crash).toBeInstanceOf(InternalServerError);
    expect(crash?.detail).toBeUndefined();
    expect(crash?.extensions).toEqual({ traceId: 'trace-1' });
  });

  it('answers a request that succeeds', async () => {
    const res = await ensureOk(await get('/fine'));
    expect(await res.text()).toBe('fine');
  });

  it('sends HTML to a browser and the client still gets the class', async () => {
    const res = await get('/user-data/123', { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

function fakeResponse(overrides: Partial<Record<keyof ResponseLike, unknown>>): ResponseLike {
  return {
    status: 403,
    headers: new Headers({ 'content-type': 'application/problem+json' }),
    body: null,
    bodyUsed: false,
    ...overrides,
  } as ResponseLike;
}

function stream(chunks: unknown[]): NonNullable<ResponseLike['body']> & { cancelled: number } {
  let i = 0;
  const s = {
    cancelled: 0,
    getReader: () => ({
      read: async () =>
        i < chunks.length ? { done: false, value: chunks[i++] } : { done: true, value: undefined },
      cancel: async () => {
        s.cancelled++;
      },
    }),
    cancel: async () => {
      s.cancelled++;
    },
  };
  return s;
}

describe('fromResponse on hostile or unusual responses', () => {
  it('stops an endless body stream at the bound and cancels it', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const res = new Response(endless, { status: 403, headers: PROBLEM });
    const err = await fromResponse(res);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(MIB + 3 * 64 * 1024);
  });

  it('honours maxBodyBytes and ignores an invalid one', async () => {
    const small = () => new Response(SEED_BODY, { status: 403, headers: PROBLEM });
    expect((await fromResponse(small(), { maxBodyBytes: 10 }))?.detail).toBeUndefined();
    expect((await fromResponse(small(), { maxBodyBytes: 0 }))?.detail).toBeUndefined();
    for (const maxBodyBytes of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      expect((await fromResponse(small(), { maxBodyBytes }))?.detail).toBe(SEED);
    }
    expect((await fromResponse(small(), { maxBodyBytes: SEED_BODY.length }))?.detail).toBe(SEED);
  });

  it('reads a body in several chunks, UTF-8 and a byte order mark included', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF{"detail":"Zugriff verweigert: Müller ✓"}`);
    const body = stream([bytes.subarray(0, 5), bytes.subarray(5, 21), bytes.subarray(21)]);
    const err = await fromResponse(fakeResponse({ body }));
    expect(err?.detail).toBe('Zugriff verweigert: Müller ✓');
    expect(body.cancelled).toBe(0);
  });

  it('treats a stream of non-byte chunks as no body', async () => {
    const body = stream(['{"detail":"x"}']);
    const err = await fromResponse(fakeResponse({ body }));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err?.detail).toBeUndefined();
    expect(body.cancelled).toBe(1);
  });

  it('treats a stream that errors as no body', async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"detail":'));
        controller.error(new Error('connection reset'));
      },
    });
    const err = await fromResponse(new Response(failing, { status: 503, headers: PROBLEM }));
    expect(err?.status).toBe(503);
    expect(err?.detail).toBeUndefined();
  });

  it('never throws on throwing getters, a throwing cancel or invalid header values', async () => {
    expect(
      await fromResponse({
        get status(): number {
          throw new Error('no status');
        },
      } as unknown as ResponseLike),
    ).toBeUndefined();
    expect(await fromResponse(fakeResponse({ status: '403' }))).toBeUndefined();
    expect(await fromResponse(fakeResponse({ status: 403.5 }))).toBeUndefined();

    const usedThrows = fakeResponse({});
    Object.defineProperty(usedThrows, 'bodyUsed', {
      get() {
        throw new Error('no bodyUsed');
      },
    });
    expect(await fromResponse(usedThrows)).toBeInstanceOf(ForbiddenError);

    // Headers that throw: the body is read up to that point, then cancelled.
    const body = stream([]);
    const headersThrow = fakeResponse({
      body,
      headers: {
        get(): string | null {
          throw new Error('no headers');
        },
      },
    });
    expect(await fromResponse(headersThrow)).toBeInstanceOf(ForbiddenError);
    expect(body.cancelled).toBe(1);

    const cancelThrows = fakeResponse({
      headers: new Headers({ 'content-type': 'text/html' }),
      body: {
        getReader() {
          throw new Error('unused');
        },
        cancel() {
          throw new Error('cannot cancel');
        },
      },
    });
    expect(await fromResponse(cancelThrows)).toBeInstanceOf(ForbiddenError);

    const readerThrows = fakeResponse({
      body: {
        getReader() {
          throw new Error('locked');
        },
        cancel: () => Promise.reject(new Error('locked')),
      },
    });
    expect(await fromResponse(readerThrows)).toBeInstanceOf(ForbiddenError);

    const noStream = fakeResponse({ body: undefined });
    expect(await fromResponse(noStream)).toBeInstanceOf(ForbiddenError);

    const invalid = fakeResponse({
      status: 401,
      headers: {
        get: (name: string) =>
          name === 'www-authenticate'
            ? 'Bearer\r\nSet-Cookie: a=b'
            : name === 'retry-after'
              ? 'soon ✓'
              : name === 'allow'
                ? 'GET'
                : null,
      },
    });
    const err = await fromResponse(invalid);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(err?.headers).toEqual({ allow: 'GET' });
  });

  it('drops methods of Allow that are not tokens', async () => {
    const res = new Response(null, { status: 405, headers: { allow: 'GET, , B@D, POST' } });
    const err = await fromResponse(res);
    expect((err as MethodNotAllowedError).allow).toEqual(['GET', 'POST']);
    expect(err?.headers.allow).toBe('GET, POST');
  });

  it('copies Proxy-Authenticate and Content-Range', async () => {
    const proxy = await fromResponse(
      new Response(null, { status: 407, headers: { 'proxy-authenticate': 'Basic realm="p"' } }),
    );
    expect(proxy?.headers).toEqual({ 'proxy-authenticate': 'Basic realm="p"' });
    const range = await fromResponse(
      new Response(null, { status: 416, headers: { 'content-range': 'bytes */1024' } }),
    );
    expect(range?.headers).toEqual({ 'content-range': 'bytes */1024' });
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('fromResponse: edges found by mutation testing', () => {
  const body = (text: string) => new TextEncoder().encode(text);

  it.each([
    ['Application/Problem+JSON; charset=utf-8'],
    [' application/json ; charset=utf-8'],
    ['application/vnd.api+json'],
  ])('reads a problem sent as %j', async (contentType) => {
    const res = new Response(SEED_BODY, { status: 403, headers: { 'content-type': contentType } });
    expect((await fromResponse(res))?.detail).toBe(SEED);
  });

  it.each([['something/problem+json'], ['application/xml'], ['text/json']])(
    'does not read a body sent as %j',
    async (contentType) => {
      const res = new Response(SEED_BODY, {
        status: 403,
        headers: { 'content-type': contentType },
      });
      expect((await fromResponse(res))?.detail).toBeUndefined();
    },
  );

  it('reads a body exactly as long as maxBodyBytes, and does not start one announced longer', async () => {
    const text = SEED_BODY;
    const exact = fakeResponse({
      headers: new Headers({
        'content-type': 'application/problem+json',
        'content-length': String(text.length),
      }),
      body: stream([body(text)]),
    });
    expect((await fromResponse(exact, { maxBodyBytes: text.length }))?.detail).toBe(SEED);

    let readers = 0;
    const announced = stream([body(text)]);
    const getReader = announced.getReader;
    announced.getReader = () => {
      readers++;
      return getReader();
    };
    const longer = fakeResponse({
      headers: new Headers({
        'content-type': 'application/problem+json',
        'content-length': String(text.length + 1),
      }),
      body: announced,
    });
    expect((await fromResponse(longer, { maxBodyBytes: text.length }))?.detail).toBeUndefined();
    expect(readers).toBe(0);
    expect(announced.cancelled).toBe(1);
  });

  it('skips a problems entry that is not a class, even with a matching type', async () => {
    class OutOfCredit extends HttpError<403> {
      static readonly type = OUT_OF_CREDIT.type;
      constructor(detail?: string, options?: HttpErrorOptions) {
        super(403, detail, { ...options, type: OutOfCredit.type });
      }
    }
    const res = new Response(JSON.stringify(OUT_OF_CREDIT), {
      status: 403,
      headers: { 'content-type': 'application/problem+json' },
    });
    const err = await fromResponse(res, {
      problems: [{ type: OUT_OF_CREDIT.type } as never, OutOfCredit],
    });
    expect(err).toBeInstanceOf(OutOfCredit);
  });

  it('reads 599 as the generic 5xx, and nothing beyond 599', async () => {
    const err = await fromResponse(fakeResponse({ status: 599, body: null }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(await fromResponse(fakeResponse({ status: 600, body: null }))).toBeUndefined();
  });
});
