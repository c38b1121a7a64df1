import http from 'node:http';
import Koa, { type Context } from 'koa';
import { afterAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../src/adapters/koa.js';
import {
  ForbiddenError,
  type HttpError,
  InternalServerError,
  UnauthorizedError,
} from '../../src/index.js';
import {
  closeServers,
  fieldLinesOf,
  listen,
  type RawResponse,
  rawExchange,
} from '../helpers/http.js';

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

  it('a POST rewritten to HEAD (ctx.method) gets its body: the next response stays in step (#15)', async () => {
    const koa = app(
      errorMiddleware(),
      (ctx, next) => {
        if (ctx.method === 'POST') ctx.method = 'HEAD';
        return next();
      },
      () => {
        throw new ForbiddenError(SEED);
      },
    );
    const url = await listen(http.createServer(koa.callback()));
    const raw =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' +
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const replies = (await rawExchange(url, raw, ['POST', 'GET'])) as RawResponse[];
    const body = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
    expect(replies.map((r) => [r.statusLine, fieldLinesOf(r, 'content-length'), r.body])).toEqual([
      ['HTTP/1.1 403 Forbidden', [String(body.length)], body],
      ['HTTP/1.1 403 Forbidden', [String(body.length)], body],
    ]);
    // A real HEAD: the same Content-Length, no body bytes.
    const head = 'HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const [bare, after] = (await rawExchange(url, head, ['HEAD', 'GET'])) as RawResponse[];
    expect([fieldLinesOf(bare as RawResponse, 'content-length'), bare?.body]).toEqual([
      [String(body.length)],
      '',
    ]);
    expect(after?.body).toBe(body);
  });

  it('sends each challenge and cookie on its own line, merges a Vary set before (raw socket read)', async () => {
    const koa = app(errorMiddleware(), (ctx) => {
      ctx.set('Vary', 'Origin');
      throw new UnauthorizedError({
        challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'koa' } }],
        headers: { 'Set-Cookie': ['a=1', 'b=2'] },
      });
    });
    const url = await listen(http.createServer(koa.callback()));
    const [r] = (await rawExchange(url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', [
      'GET',
    ])) as RawResponse[];
    expect(fieldLinesOf(r as RawResponse, 'www-authenticate')).toStrictEqual([
      'Negotiate',
      'Basic realm="koa"',
    ]);
    expect(fieldLinesOf(r as RawResponse, 'set-cookie')).toStrictEqual(['a=1', 'b=2']);
    expect(fieldLinesOf(r as RawResponse, 'vary')).toStrictEqual(['Origin, Accept']);
  });
});
