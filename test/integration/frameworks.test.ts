import http from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { sValidator } from '@hono/standard-validator';
import Router from '@koa/router';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import Koa from 'koa';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { app as fastifyExample } from '../../examples/frameworks/fastify.js';
import { app as honoExample } from '../../examples/frameworks/hono.js';
import { app as koaExample } from '../../examples/frameworks/koa.js';
import { errorPlugin } from '../../src/adapters/fastify.js';
import { notFound, onError, validationHook } from '../../src/adapters/hono.js';
import { errorMiddleware } from '../../src/adapters/koa.js';
import { ForbiddenError, UnprocessableContentError } from '../../src/index.js';
import { fieldLinesOf, type RawResponse, rawExchange } from '../helpers/http.js';
import { CASES, compare, reply, SEED } from '../runtimes/cases.mjs';
import { listen, routeOf } from './servers.js';

// Hono 4 (on @hono/node-server), Koa 3 (with @koa/router) and Fastify 5, each with its entry
// (http-error-kit/hono, /koa, /fastify) and the example of examples/frameworks/, on a real
// server on 127.0.0.1, checked with real fetch: first the integration matrix's routes and cases,
// then what is particular to the framework (its own errors, validation, 404, 405, HEAD).

const JSON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/problem+json',
  vary: 'Accept',
};

const servers: http.Server[] = [];
const fastifies: FastifyInstance[] = [];

afterAll(async () => {
  for (const app of fastifies) await app.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(server: http.Server): Promise<string> {
  servers.push(server);
  return listen(server);
}

async function serveFastify(app: FastifyInstance): Promise<string> {
  fastifies.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

const get = (url: string, init?: RequestInit) => reply(url, init);
const json = (text: string): unknown => JSON.parse(text);

/** The matrix's cases against an origin: one test each. */
function matrix(origin: () => string): void {
  it.each(CASES)('matrix: $name', async (kase) => {
    expect(compare(kase, await reply(`${origin()}${kase.path}`, kase.init))).toEqual([]);
  });
}

/**
 * The matrix's `/challenges` read off a raw socket: each cookie on its own field line, and each
 * challenge too on node:http's own responses. A Fetch `Response` cannot carry separate
 * `WWW-Authenticate` lines (its `Headers` combines every field but Set-Cookie, as the Fetch
 * standard says), so the server of a Fetch app (`fetch: true`) sends them as one line.
 */
function fieldLines(origin: () => string, { fetch }: { fetch: boolean }): void {
  it('several challenges and cookies: their field lines (raw socket read, #15, #18)', async () => {
    const request = 'GET /challenges HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const [r] = (await rawExchange(origin(), request, ['GET'])) as [RawResponse];
    expect(r.statusLine).toMatch(/^HTTP\/1\.1 401 /);
    const challenges = ['DPoP algs="ES256"', 'Bearer realm="matrix"'];
    expect(fieldLinesOf(r, 'www-authenticate')).toStrictEqual(
      fetch ? [challenges.join(', ')] : challenges,
    );
    expect(fieldLinesOf(r, 'set-cookie')).toStrictEqual(['a=1; Path=/', 'b=2; Path=/']);
  });
}

// ---------------------------------------------------------------------------------------------

describe('Hono 4 on @hono/node-server: onError and notFound of http-error-kit/hono', () => {
  const app = new Hono();
  app.onError(onError());
  app.notFound(notFound());
  app.get('/hono/forbidden', () => {
    throw new HTTPException(403, { message: SEED });
  });
  app.get('/hono/unavailable', () => {
    throw new HTTPException(503, { message: 'redis down at 10.0.0.7' });
  });
  app.get('/hono/ok', (c) => c.text('ok'));
  app.all('*', async (c, next) => {
    const route = routeOf(c.req.path);
    if (!route) return next();
    if (route.async) await Promise.resolve();
    throw route.thrown;
  });
  let url = '';
  let example = '';

  it('serves on 127.0.0.1 through @hono/node-server', async () => {
    url = await serve(createAdaptorServer({ fetch: app.fetch }) as http.Server);
    example = await serve(createAdaptorServer({ fetch: honoExample.fetch }) as http.Server);
    expect((await get(`${url}/hono/ok`)).body).toBe('ok');
  });

  matrix(() => url);
  fieldLines(() => url, { fetch: true });

  it("HTTPException keeps its status and message; Hono's 5xx message is redacted", async () => {
    const forbidden = await get(`${url}/hono/forbidden`);
    expect([forbidden.status, forbidden.headers, forbidden.body]).toEqual([
      403,
      JSON_HEADERS,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
    const unavailable = await get(`${url}/hono/unavailable`);
    expect([unavailable.status, unavailable.body]).toEqual([
      503,
      '{"type":"about:blank","title":"Service Unavailable","status":503}',
    ]);
  });

  it('a request no route took: a 404 problem, HTML for browsers, HEAD without a body', async () => {
    const missing = await get(`${url}/nowhere`);
    expect([missing.status, missing.headers, missing.body]).toEqual([
      404,
      JSON_HEADERS,
      '{"type":"about:blank","title":"Not Found","status":404}',
    ]);
    const html = await get(`${url}/nowhere`, { headers: { accept: 'text/html' } });
    expect([html.status, html.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(html.body).toContain('<title>404 Not Found</title>');
    const head = await get(`${url}/nowhere`, { method: 'HEAD' });
    expect([head.status, head.headers, head.body]).toEqual([404, JSON_HEADERS, '']);
  });

  it('the example: 401 (HTTPException → Bearer), 403 with instance, 405 with Allow', async () => {
    const anonymous = await get(`${example}/user-data/123`, { method: 'DELETE' });
    expect([anonymous.status, anonymous.headers, json(anonymous.body)]).toEqual([
      401,
      { ...JSON_HEADERS, 'www-authenticate': 'Bearer' },
      {
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Sign in to delete user data.',
        instance: '/user-data/123',
      },
    ]);
    const user = await get(`${example}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-456' },
    });
    expect([user.status, json(user.body)]).toEqual([
      403,
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: SEED,
        instance: '/user-data/123',
      },
    ]);
    const wrongMethod = await get(`${example}/user-data/123`);
    expect([wrongMethod.status, wrongMethod.headers, wrongMethod.body]).toEqual([
      405,
      { ...JSON_HEADERS, allow: 'DELETE' },
      '{"type":"about:blank","title":"Method Not Allowed","status":405,"instance":"/user-data/123"}',
    ]);
  });

  it("the example: basicAuth's HTTPException keeps its Basic challenge", async () => {
    const anonymous = await get(`${example}/admin/dashboard`);
    expect([anonymous.status, anonymous.headers, anonymous.body]).toEqual([
      401,
      { ...JSON_HEADERS, 'www-authenticate': 'Basic realm="admin"' },
      '{"type":"about:blank","title":"Unauthorized","status":401,"instance":"/admin/dashboard"}',
    ]);
    const admin = await get(`${example}/admin/dashboard`, {
      headers: { authorization: `Basic ${btoa('admin:secret')}` },
    });
    expect([admin.status, json(admin.body)]).toEqual([200, { widgets: ['users', 'billing'] }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Hono 4: validationHook of http-error-kit/hono with @hono/standard-validator', () => {
  const user = z.object({
    name: z.string(),
    age: z.number().int().min(0),
    items: z.array(z.object({ price: z.number() })).optional(),
  });
  const seen: unknown[][] = [];
  const app = new Hono();
  app.onError(onError());
  app.post('/users', sValidator('json', user, validationHook()), (c) =>
    c.json(c.req.valid('json'), 201),
  );
  app.get(
    '/search',
    sValidator('query', z.object({ q: z.string().min(2) }), validationHook({ status: 400 })),
    (c) => c.json(c.req.valid('query')),
  );
  app.get(
    '/items/:id',
    sValidator('param', v.object({ id: v.pipe(v.string(), v.regex(/^\d+$/)) }), validationHook()),
    (c) => c.json(c.req.valid('param')),
  );
  app.get(
    '/me',
    sValidator('header', z.object({ 'x-api-key': z.string() }), validationHook()),
    (c) => c.text('ok'),
  );
  app.get(
    '/prefs',
    sValidator('cookie', z.object({ theme: z.enum(['light', 'dark']) }), validationHook()),
    (c) => c.text('ok'),
  );
  app.post(
    '/traced',
    sValidator(
      'json',
      user,
      validationHook({
        traceId: true,
        instance: (c) => c.req.path,
        extensions: { service: 'users' },
        onError: (error, original, c, traceId) =>
          seen.push([error.status, original, c.req.path, traceId]),
      }),
    ),
    (c) => c.text('ok'),
  );
  // @hono/zod-validator calls the hook with the ZodError of `safeParse`: the same, by hand.
  app.post(
    '/zod',
    validator('json', (value, c) => {
      const parsed = user.safeParse(value);
      if (parsed.success) return parsed.data;
      return validationHook()({ success: false, error: parsed.error, target: 'json' }, c);
    }),
    (c) => c.text('ok'),
  );
  app.post(
    '/broken',
    validator('json', (_value, c) =>
      validationHook({ onError: false })({ success: false, error: undefined, target: 'json' }, c),
    ),
    (c) => c.text('ok'),
  );
  let url = '';
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    get(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('serves on 127.0.0.1; a valid value reaches the route', async () => {
    url = await serve(createAdaptorServer({ fetch: app.fetch }) as http.Server);
    const created = await post('/users', { name: 'Ada', age: 36 });
    expect([created.status, json(created.body)]).toEqual([201, { name: 'Ada', age: 36 }]);
  });

  it('a JSON body that fails: 422 with a JSON Pointer per issue, nothing of the value', async () => {
    const r = await post('/users', { name: 42, age: -1, items: [{ price: 'secret-9' }] });
    expect([r.status, r.headers]).toEqual([422, JSON_HEADERS]);
    expect(json(r.body)).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [
        { detail: 'Invalid input: expected string, received number', pointer: '/name' },
        { detail: 'Too small: expected number to be >=0', pointer: '/age' },
        { detail: 'Invalid input: expected number, received string', pointer: '/items/0/price' },
      ],
    });
    expect(r.body).not.toContain('secret-9');
  });

  it('query (status 400), path parameter (valibot), header and cookie issues name their place', async () => {
    const query = await get(`${url}/search?q=a`);
    expect([query.status, json(query.body)]).toEqual([
      400,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        errors: [{ detail: 'Too small: expected string to have >=2 characters', parameter: 'q' }],
      },
    ]);
    const param = await get(`${url}/items/abc`);
    expect([param.status, json(param.body)]).toEqual([
      422,
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        errors: [
          { detail: 'Invalid format: Expected /^\\d+$/ but received "abc"', parameter: 'id' },
        ],
      },
    ]);
    const header = await get(`${url}/me`);
    expect(json(header.body)).toMatchObject({
      status: 422,
      errors: [
        { detail: 'Invalid input: expected string, received undefined', header: 'x-api-key' },
      ],
    });
    const cookie = await get(`${url}/prefs`, { headers: { cookie: 'theme=neon' } });
    expect(json(cookie.body)).toMatchObject({
      status: 422,
      errors: [{ detail: 'Invalid option: expected one of "light"|"dark"' }],
    });
    expect(cookie.body).not.toContain('neon');
  });

  it('the per-request options of onError: instance, extensions, traceId, onError with the Context', async () => {
    const r = await post(
      '/traced',
      { name: 'Ada' },
      { traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01` },
    );
    expect(json(r.body)).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      instance: '/traced',
      errors: [{ detail: 'Invalid input: expected number, received undefined', pointer: '/age' }],
      service: 'users',
      traceId: 'ab'.repeat(16),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[0]).toBe(422);
    expect(seen[0]?.[1]).toBeInstanceOf(UnprocessableContentError);
    expect(seen[0]?.slice(2)).toEqual(['/traced', 'ab'.repeat(16)]);
  });

  it('negotiates like onError: HTML for a browser, headers only for HEAD', async () => {
    const html = await get(`${url}/me`, { headers: { accept: 'text/html' } });
    expect([html.status, html.headers['content-type']]).toEqual([422, 'text/html; charset=utf-8']);
    expect(html.body).toContain('x-api-key');
    const head = await get(`${url}/me`, { method: 'HEAD' });
    expect([head.status, head.headers, head.body]).toEqual([422, JSON_HEADERS, '']);
  });

  it("the ZodError of @hono/zod-validator's hook gives the same problem", async () => {
    const r = await post('/zod', { name: 42, age: -1, items: [{ price: 'secret-9' }] });
    const expected = await post('/users', { name: 42, age: -1, items: [{ price: 'secret-9' }] });
    expect([r.status, r.headers, r.body]).toEqual([422, JSON_HEADERS, expected.body]);
  });

  it('refuses a status other than 400 and 422 when it is made', () => {
    expect(() => validationHook({ status: 401 as never })).toThrow(
      new TypeError('fromIssues: options.status must be 400 or 422, got 401'),
    );
  });

  it('a result without issues is answered as a redacted 500, not a crash', async () => {
    const r = await post('/broken', {});
    expect([r.status, r.body]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Koa 3 with @koa/router: errorMiddleware of http-error-kit/koa', () => {
  const app = new Koa();
  app.silent = true;
  const reported: unknown[] = [];
  app.on('error', (err: unknown) => reported.push(err));
  app.use(errorMiddleware());
  app.use(async (ctx, next) => {
    // CORS, set before anything fails: kept on every error response.
    if (ctx.path.startsWith('/koa/cors')) ctx.set('access-control-allow-origin', '*');
    await next();
  });
  const router = new Router();
  router.get('/koa/items/:id', (ctx) => {
    ctx.body = { id: ctx.params.id };
  });
  router.put('/koa/items/:id', (ctx) => {
    ctx.status = 204;
  });
  router.get('/koa/cors/forbidden', () => {
    throw new ForbiddenError(SEED);
  });
  app.use(router.routes()).use(router.allowedMethods());
  app.use(async (ctx, next) => {
    switch (ctx.path) {
      case '/koa/throw':
        ctx.throw(403, SEED);
        break;
      case '/koa/throw-bare':
        ctx.throw(404);
        break;
      case '/koa/throw-headers':
        ctx.throw(401, 'Sign in first.', { headers: { 'WWW-Authenticate': 'Basic realm="koa"' } });
        break;
      case '/koa/throw-500':
        ctx.throw(500, 'db password=x');
        break;
      case '/koa/unexposed':
        ctx.throw(400, 'internal parser state', { expose: false });
        break;
      case '/koa/exposed-503':
        ctx.throw(503, 'Back at 10:00.', { expose: true, headers: { 'Retry-After': '120' } });
        break;
      case '/koa/abandoned':
        ctx.set({ etag: '"v1"', 'last-modified': new Date(0).toUTCString(), vary: 'Origin' });
        ctx.set('access-control-allow-origin', '*');
        ctx.type = 'text/csv';
        ctx.body = 'a,b';
        throw new Error('failed after choosing a representation');
      case '/koa/ok':
        ctx.body = 'ok';
        break;
      default: {
        const route = routeOf(ctx.path);
        if (!route) return next();
        if (route.async) await Promise.resolve();
        throw route.thrown;
      }
    }
  });
  let url = '';
  let example = '';

  it('serves on 127.0.0.1 through app.callback()', async () => {
    url = await serve(http.createServer(app.callback()));
    koaExample.silent = true;
    example = await serve(http.createServer(koaExample.callback()));
    expect((await get(`${url}/koa/ok`)).body).toBe('ok');
  });

  matrix(() => url);
  fieldLines(() => url, { fetch: false });

  it('ctx.throw(403, msg): status and message', async () => {
    const r = await get(`${url}/koa/throw`);
    expect([r.status, r.headers, r.body]).toEqual([
      403,
      JSON_HEADERS,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
    expect((await get(`${url}/koa/throw-bare`)).body).toBe(
      '{"type":"about:blank","title":"Not Found","status":404}',
    );
  });

  it('ctx.throw with headers: the challenge is kept', async () => {
    const r = await get(`${url}/koa/throw-headers`);
    expect([r.status, r.headers['www-authenticate'], json(r.body)]).toEqual([
      401,
      'Basic realm="koa"',
      { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in first.' },
    ]);
  });

  it('ctx.throw and expose: 5xx redacted, expose:false hidden, expose:true shown', async () => {
    const crash = await get(`${url}/koa/throw-500`, { headers: { accept: 'text/html' } });
    expect(crash.status).toBe(500);
    expect(crash.body).not.toContain('password');
    const hidden = await get(`${url}/koa/unexposed`);
    expect(hidden.body).toBe('{"type":"about:blank","title":"Bad Request","status":400}');
    const shown = await get(`${url}/koa/exposed-503`);
    expect([shown.status, shown.headers['retry-after'], json(shown.body)]).toEqual([
      503,
      '120',
      { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Back at 10:00.' },
    ]);
  });

  it('drops the fields of the abandoned representation, keeps CORS and Vary', async () => {
    const r = await get(`${url}/koa/abandoned`);
    expect(r.status).toBe(500);
    expect(r.headers).toEqual({
      ...JSON_HEADERS,
      'access-control-allow-origin': '*',
      // The Vary set before the throw, merged with the renderer's Vary: Accept.
      vary: 'Origin, Accept',
    });
  });

  it('a request nothing answered is a 404 problem; HEAD gets the GET length and no body', async () => {
    const missing = await get(`${url}/nowhere`);
    expect([missing.status, missing.body]).toEqual([
      404,
      '{"type":"about:blank","title":"Not Found","status":404}',
    ]);
    const head = await get(`${url}/limited`, { method: 'HEAD' });
    const limited = await get(`${url}/limited`);
    expect([head.status, head.body, head.length]).toEqual([429, '', limited.length]);
  });

  it("errors still reach app.on('error'), as with Koa's own handler", async () => {
    reported.length = 0;
    await get(`${url}/crash`);
    expect(reported).toHaveLength(1);
    expect((reported[0] as Error).message).toBe('db password=x');
  });

  it("@koa/router's allowedMethods(): 405 and 501 problems with the Allow it computed", async () => {
    const patch = await get(`${url}/koa/items/7`, { method: 'PATCH' });
    expect([patch.status, patch.headers, patch.body]).toEqual([
      405,
      { ...JSON_HEADERS, allow: 'HEAD, GET, PUT' },
      '{"type":"about:blank","title":"Method Not Allowed","status":405}',
    ]);
    const purge = await get(`${url}/koa/items/7`, { method: 'PURGE' });
    expect([purge.status, purge.headers, purge.body]).toEqual([
      501,
      { ...JSON_HEADERS, allow: 'HEAD, GET, PUT' },
      '{"type":"about:blank","title":"Not Implemented","status":501}',
    ]);
    const options = await get(`${url}/koa/items/7`, { method: 'OPTIONS' });
    expect([options.status, options.headers.allow, options.body]).toEqual([
      200,
      'HEAD, GET, PUT',
      '',
    ]);
    expect(json((await get(`${url}/koa/items/7`)).body)).toEqual({ id: '7' });
  });

  it('keeps the fields set before the error (CORS); only 5xx reach app.on("error")', async () => {
    reported.length = 0;
    const r = await get(`${url}/koa/cors/forbidden`);
    expect([r.status, r.headers, r.body]).toEqual([
      403,
      { ...JSON_HEADERS, 'access-control-allow-origin': '*' },
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
    await get(`${url}/koa/throw`);
    await get(`${url}/nowhere`);
    expect(reported).toEqual([]);
  });

  it('the example: 401 with its challenge, 403, 204, 405 with Allow, 404', async () => {
    const anonymous = await get(`${example}/user-data/123`, { method: 'DELETE' });
    expect([anonymous.status, anonymous.headers['www-authenticate']]).toEqual([
      401,
      'Bearer realm="api"',
    ]);
    expect(json(anonymous.body)).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Sign in to delete user data.',
    });
    const other = await get(`${example}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-456' },
    });
    expect([other.status, json(other.body)]).toEqual([
      403,
      { type: 'about:blank', title: 'Forbidden', status: 403, detail: SEED },
    ]);
    const own = await get(`${example}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-123' },
    });
    expect(own.status).toBe(204);
    const wrongMethod = await get(`${example}/user-data/123`);
    expect([wrongMethod.status, wrongMethod.headers.allow]).toEqual([405, 'DELETE']);
    expect((await get(`${example}/nowhere`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Fastify 5: errorPlugin of http-error-kit/fastify', () => {
  const logged: { level: number; msg: string; err?: { message: string } }[] = [];
  const app = Fastify({
    ajv: { customOptions: { allErrors: true } },
    logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line)) } },
  });
  const seen: string[] = [];
  app.register(errorPlugin, {
    instance: (request) => (request.url.startsWith('/fastify/instance') ? request.url : undefined),
    onError: (_error, _original, request) => seen.push(request.url),
  });
  app.get(
    '/fastify/schema',
    {
      schema: {
        response: { '4xx': { type: 'object', properties: { message: { type: 'string' } } } },
      },
    },
    async () => {
      throw new ForbiddenError(SEED);
    },
  );
  app.get('/fastify/instance/7', async () => {
    throw new ForbiddenError(SEED);
  });
  app.register(async (child) => {
    // An encapsulated plugin registered after errorPlugin: its routes get problems too.
    child.get('/fastify/child', async () => {
      throw new ForbiddenError(SEED);
    });
  });
  app.get('/fastify/string', async () => {
    throw 'db password=x';
  });
  app.get(
    '/fastify/search',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['q'],
          properties: { q: { type: 'string', minLength: 2 }, limit: { type: 'integer' } },
        },
        headers: {
          type: 'object',
          required: ['x-api-version'],
          properties: { 'x-api-version': { type: 'string', pattern: '^[0-9]+$' } },
        },
      },
    },
    async () => ({ results: [] }),
  );
  app.get(
    '/fastify/items/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } },
    async () => ({ ok: true }),
  );
  app.post(
    '/fastify/odd',
    {
      schema: {
        body: {
          type: 'object',
          required: ['a/b', 'c~d'],
          properties: { list: { type: 'array', items: { type: 'number' } } },
        },
      },
    },
    async () => ({ ok: true }),
  );
  app.post('/fastify/echo', { bodyLimit: 32 }, async (request) => request.body);
  app.all('/*', async (request) => {
    const route = routeOf(request.url.split('?')[0] ?? '/');
    if (!route) return 'ok';
    if (route.async) await Promise.resolve();
    throw route.thrown;
  });
  let url = '';
  let example = '';

  it('serves on 127.0.0.1 through app.listen', async () => {
    url = await serveFastify(app);
    example = await serveFastify(fastifyExample);
    expect((await get(`${url}/fine`)).body).toBe('ok');
  });

  matrix(() => url);
  fieldLines(() => url, { fetch: false });

  const post = (path: string, body: string, type = 'application/json') =>
    get(`${url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('the example: a body that fails the schema → 400 with errors[] pointers', async () => {
    const bad = await get(`${example}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"age":-1}',
    });
    expect([bad.status, bad.headers]).toEqual([400, JSON_HEADERS]);
    // Fastify's default ajv stops at the first failure.
    expect(json(bad.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: "body must have required property 'name'",
      errors: [{ detail: "must have required property 'name'", pointer: '#/name' }],
    });
    const good = await get(`${example}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada","age":36}',
    });
    expect([good.status, json(good.body)]).toEqual([201, { name: 'Ada', age: 36 }]);
    const missing = await get(`${example}/nowhere`);
    expect([missing.status, missing.body]).toEqual([
      404,
      '{"type":"about:blank","title":"Not Found","status":404}',
    ]);
  });

  it('every failure (allErrors) with a pointer, escaped per RFC 6901', async () => {
    const r = await post('/fastify/odd', '{"list":[1,"x"]}');
    expect(r.status).toBe(400);
    expect((json(r.body) as { errors: unknown }).errors).toEqual([
      { detail: "must have required property 'a/b'", pointer: '#/a~1b' },
      { detail: "must have required property 'c~d'", pointer: '#/c~0d' },
      { detail: 'must be number', pointer: '#/list/1' },
    ]);
  });

  it('query parameters and headers are named in `parameter` and `header`', async () => {
    const r = await get(`${url}/fastify/search?q=a&limit=many`, {
      headers: { 'x-api-version': 'v2' },
    });
    expect(r.status).toBe(400);
    // Fastify validates the headers after the query string: it reports the first part that fails.
    expect((json(r.body) as { errors: unknown }).errors).toEqual([
      { detail: 'must NOT have fewer than 2 characters', parameter: 'q' },
      { detail: 'must be integer', parameter: 'limit' },
    ]);
    const header = await get(`${url}/fastify/search?q=ab`, { headers: { 'x-api-version': 'v2' } });
    expect(json(header.body)).toMatchObject({
      detail: 'headers/x-api-version must match pattern "^[0-9]+$"',
      errors: [{ detail: 'must match pattern "^[0-9]+$"', header: 'x-api-version' }],
    });
    const absent = await get(`${url}/fastify/search?q=ab`);
    expect((json(absent.body) as { errors: unknown }).errors).toEqual([
      { detail: "must have required property 'x-api-version'", header: 'x-api-version' },
    ]);
    const param = await get(`${url}/fastify/items/abc`);
    expect((json(param.body) as { errors: unknown }).errors).toEqual([
      { detail: 'must be integer', parameter: 'id' },
    ]);
  });

  it("Fastify's own errors keep their status, and never echo the body", async () => {
    const malformed = await post('/fastify/echo', '{"password": "hunter2",');
    expect([malformed.status, json(malformed.body)]).toEqual([
      400,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: "Body is not valid JSON but content-type is set to 'application/json'",
      },
    ]);
    expect(malformed.body).not.toContain('hunter2');
    const large = await post('/fastify/echo', JSON.stringify({ text: 'x'.repeat(64) }));
    expect([large.status, (json(large.body) as { title: string }).title]).toEqual([
      413,
      'Content Too Large',
    ]);
    const unsupported = await post('/fastify/echo', 'a=1', 'application/x-www-form-urlencoded');
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers).toEqual(JSON_HEADERS);
  });

  it('anything thrown, even a string, is a redacted 500, logged; 4xx are not logged', async () => {
    logged.length = 0;
    await get(`${url}/forbidden`);
    expect(logged).toEqual([]);
    const r = await get(`${url}/fastify/string`);
    expect([r.status, r.body]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
    await get(`${url}/crash`);
    expect(logged.map((l) => [l.level, l.msg, l.err?.message])).toEqual([
      [50, 'request failed', undefined],
      [50, 'request failed', 'db password=x'],
    ]);
  });

  it('is not encapsulated, takes per-request options, and a response schema does not reshape it', async () => {
    seen.length = 0;
    const expected = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
    for (const path of ['/fastify/schema', '/fastify/child']) {
      const r = await get(`${url}${path}`);
      expect([r.status, r.headers, r.body]).toEqual([403, JSON_HEADERS, expected]);
    }
    const withInstance = await get(`${url}/fastify/instance/7`);
    expect(json(withInstance.body)).toEqual({
      ...(json(expected) as object),
      instance: '/fastify/instance/7',
    });
    expect(seen).toEqual(['/fastify/schema', '/fastify/child', '/fastify/instance/7']);
  });

  it('validationStatus: 422 answers schema failures with 422 Unprocessable Content', async () => {
    const strict = Fastify();
    await strict.register(errorPlugin, { validationStatus: 422 });
    strict.post(
      '/users',
      { schema: { body: { type: 'object', required: ['name'] } } },
      async () => ({ ok: true }),
    );
    const origin = await serveFastify(strict);
    const r = await get(`${origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect([r.status, r.headers, json(r.body)]).toEqual([
      422,
      JSON_HEADERS,
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: "body must have required property 'name'",
        errors: [{ detail: "must have required property 'name'", pointer: '#/name' }],
      },
    ]);
  });

  it('a route it does not have: 404 problem, HTML for browsers, HEAD without a body', async () => {
    const fresh = Fastify();
    await fresh.register(errorPlugin);
    const origin = await serveFastify(fresh);
    const missing = await get(`${origin}/nowhere`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect([missing.status, missing.headers['content-type']]).toEqual([
      404,
      'text/html; charset=utf-8',
    ]);
    expect(missing.body).toContain('<title>404 Not Found</title>');
    const head = await get(`${origin}/nowhere`, { method: 'HEAD' });
    expect([head.status, head.headers, head.body]).toEqual([404, JSON_HEADERS, '']);
  });
});
