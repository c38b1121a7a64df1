import { type Context, Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { notFound, onError } from '../../src/adapters/hono.js';
import { ForbiddenError, type HttpError, InternalServerError } from '../../src/index.js';

// The hooks inside a real Hono app, called through app.request (Hono's own Request → Response
// path); the integration matrix on @hono/node-server is in test/integration/frameworks.test.ts.

const SEED = 'You do not have permission to delete user data.';

describe('onError', () => {
  it('keeps the fields set before the error but its own, merges Vary (cors middleware)', async () => {
    const app = new Hono();
    app.onError(onError());
    app.use(cors({ origin: ['https://a.example', 'https://b.example'] }));
    app.use(async (c, next) => {
      c.header('Vary', 'Cookie');
      c.header('Cache-Control', 'public, max-age=600');
      c.header('Set-Cookie', 'seen=1');
      c.header('ETag', '"v1"');
      c.header('X-Request-Id', 'r-1');
      await next();
    });
    app.get('/', () => {
      throw new ForbiddenError({ headers: { 'Set-Cookie': ['a=; Max-Age=0', 'b=; Max-Age=0'] } });
    });
    const res = await app.request('/', { headers: { origin: 'https://a.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toStrictEqual(['a=; Max-Age=0', 'b=; Max-Age=0']);
    expect(Object.fromEntries([...res.headers].filter(([name]) => name !== 'set-cookie'))).toEqual({
      'access-control-allow-origin': 'https://a.example',
      'cache-control': 'no-store',
      'content-type': 'application/problem+json',
      // Cookie set before, Accept of the renderer, Origin added by cors after the handler.
      vary: 'Cookie, Accept, Origin',
      'x-content-type-options': 'nosniff',
      'x-request-id': 'r-1',
    });
  });

  it('gives instance, extensions and onError the Context, per request', async () => {
    const reported: [HttpError, unknown, Context][] = [];
    const crash = new Error('db password=x');
    const app = new Hono();
    app.onError(
      onError({
        instance: (c) => c.req.path,
        extensions: (c) => ({ traceId: c.req.header('x-trace-id') }),
        onError: (error, original, c) => reported.push([error, original, c]),
      }),
    );
    app.get('/orders/:id', () => {
      throw crash;
    });
    const res = await app.request('/orders/42', { headers: { 'x-trace-id': 't-1' } });
    expect([res.status, await res.text()]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500,"instance":"/orders/42","traceId":"t-1"}',
    ]);
    expect(reported).toHaveLength(1);
    const [error, original, c] = reported[0] as [HttpError, unknown, Context];
    expect(error).toBeInstanceOf(InternalServerError);
    expect(original).toBe(crash);
    expect(c.req.param('id')).toBe('42');
  });

  it("keeps bearerAuth's challenge and the HTTPException as cause", async () => {
    const reported: HttpError[] = [];
    const app = new Hono();
    app.onError(onError({ onError: (error) => reported.push(error) }));
    app.use('/api/*', bearerAuth({ token: 'secret' }));
    app.get('/api/me', (c) => c.json({ me: true }));
    const anonymous = await app.request('/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="/);
    const bad = await app.request('/api/me', { headers: { authorization: 'Bearer wrong' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(reported[0]?.cause).toBeInstanceOf(HTTPException);
  });

  it('explicit undefined options and throwing functions count as absent', async () => {
    const app = new Hono();
    app.onError(
      onError({
        instance: () => {
          throw new Error('no instance');
        },
        extensions: undefined,
        onError: undefined,
        debug: undefined,
      }),
    );
    app.get('/x', () => {
      throw new ForbiddenError(SEED);
    });
    const res = await app.request('/x');
    expect([res.status, await res.text()]).toEqual([
      403,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
  });

  it('renders the other options: format, body', async () => {
    const app = new Hono();
    app.onError(onError({ body: (problem) => ({ error: problem.title }) }));
    app.get('/x', () => {
      throw new ForbiddenError(SEED);
    });
    const res = await app.request('/x');
    expect([res.headers.get('content-type'), await res.text()]).toEqual([
      'application/json',
      '{"error":"Forbidden"}',
    ]);
  });
});

describe('notFound', () => {
  it('answers a 404 problem with the per-request members, and onError hears of it', async () => {
    const onErrorHook = vi.fn();
    const app = new Hono();
    app.notFound(notFound({ instance: (c) => c.req.path, onError: onErrorHook }));
    const res = await app.request('/nowhere', { headers: { accept: 'application/problem+xml' } });
    expect([res.status, res.headers.get('content-type')]).toEqual([404, 'application/problem+xml']);
    expect(await res.text()).toContain('<instance>/nowhere</instance>');
    expect(onErrorHook).toHaveBeenCalledTimes(1);
    expect(onErrorHook.mock.calls[0]?.[0]).toMatchObject({ status: 404 });
  });
});
