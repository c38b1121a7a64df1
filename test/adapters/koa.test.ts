import http from 'node:http';
import Koa, { type Context } from 'koa';
import { afterAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../src/adapters/koa.js';
import { ForbiddenError, type HttpError, InternalServerError } from '../../src/index.js';
import { closeServers, listen } from '../helpers/http.js';

// The middleware in a real Koa app on 127.0.0.1; the integration matrix and @koa/router are in
// test/integration/frameworks.test.ts.

const SEED = 'You do not have permission to delete user data.';

afterAll(closeServers);

function app(...middleware: Koa.Middleware[]): Koa {
  const koa = new Koa();
  koa.silent = true;
  for (const m of middleware) koa.use(m);
  return koa;
}

describe('errorMiddleware', () => {
  it('gives instance, extensions and onError the Context, per request', async () => {
    const reported: [HttpError, unknown, Context][] = [];
    const crash = new Error('db password=x');
    const koa = app(
      errorMiddleware({
        instance: (ctx) => ctx.path,
        extensions: (ctx) => ({ traceId: ctx.get('x-trace-id') }),
        onError: (error, original, ctx) => reported.push([error, original, ctx]),
      }),
      () => {
        throw crash;
      },
    );
    const url = await listen(http.createServer(koa.callback()));
    const res = await fetch(`${url}/orders/42`, { headers: { 'x-trace-id': 't-1' } });
    expect([res.status, await res.text()]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500,"instance":"/orders/42","traceId":"t-1"}',
    ]);
    const [error, original, ctx] = reported[0] as [HttpError, unknown, Context];
    expect(error).toBeInstanceOf(InternalServerError);
    expect([original, ctx.path]).toEqual([crash, '/orders/42']);
  });

  it("emits a thrown non-Error as an Error, and a throwing 'error' listener breaks nothing", async () => {
    const emitted: unknown[] = [];
    const koa = app(errorMiddleware(), () => {
      throw 'db password=x';
    });
    koa.on('error', (err: unknown) => {
      emitted.push(err);
      throw new Error('listener failed');
    });
    const url = await listen(http.createServer(koa.callback()));
    const res = await fetch(url);
    expect([res.status, await res.text()]).toEqual([
      500,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toBeInstanceOf(Error);
    expect((emitted[0] as Error).cause).toBe('db password=x');
  });

  it('leaves an error after the headers were sent to Koa, which breaks the response', async () => {
    const emitted: unknown[] = [];
    const koa = app(errorMiddleware(), async (ctx) => {
      ctx.status = 200;
      ctx.res.flushHeaders();
      ctx.res.write('partial ');
      throw new ForbiddenError(SEED);
    });
    koa.on('error', (err: unknown) => emitted.push(err));
    const url = await listen(http.createServer(koa.callback()));
    const outcome = await fetch(url)
      .then((res) => res.text())
      .then(
        () => 'complete',
        () => 'broken',
      );
    expect(outcome).toBe('broken');
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toBeInstanceOf(ForbiddenError);
  });

  it('a 501 left without an Allow gets none; a 405 without one an empty Allow list', async () => {
    const koa = app(errorMiddleware({ instance: undefined, extensions: undefined }), (ctx) => {
      ctx.status = ctx.path === '/501' ? 501 : 405;
    });
    const url = await listen(http.createServer(koa.callback()));
    const notImplemented = await fetch(`${url}/501`);
    expect([notImplemented.status, notImplemented.headers.get('allow')]).toEqual([501, null]);
    const notAllowed = await fetch(`${url}/405`);
    expect([notAllowed.status, notAllowed.headers.get('allow')]).toEqual([405, '']);
  });

  it('passes answered responses and other statuses without a body through', async () => {
    const koa = app(errorMiddleware(), (ctx) => {
      if (ctx.path === '/empty') ctx.status = 204;
      else if (ctx.path === '/gone') ctx.status = 410;
      else ctx.body = { ok: true };
    });
    const url = await listen(http.createServer(koa.callback()));
    expect((await fetch(`${url}/empty`)).status).toBe(204);
    expect((await fetch(`${url}/gone`)).status).toBe(410);
    expect(await (await fetch(`${url}/`)).json()).toEqual({ ok: true });
  });
});
