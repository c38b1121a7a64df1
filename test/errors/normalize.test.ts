import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import createFastifyError from '@fastify/error';
import Boom from '@hapi/boom';
import { BadRequestException, ForbiddenException, HttpException } from '@nestjs/common';
import bodyParser from 'body-parser';
import Fastify from 'fastify';
import { HTTPError as H3Error } from 'h3';
import { createError as createH3v1Error } from 'h3v1';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import createError from 'http-errors';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { normalizeError } from '../../src/errors/normalize.js';
import {
  BadRequestError,
  ConflictError,
  ContentTooLargeError,
  ForbiddenError,
  HttpError,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  renderError,
  toHttpError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../../src/index.js';
import { isErrorStatus } from '../../src/status/lookup.js';
import { PHRASES } from '../../src/status/table.js';

/** Runs a real body-parser middleware on a real request and returns the error it produced. */
async function bodyParserError(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void,
  init: RequestInit,
): Promise<unknown> {
  let caught: unknown;
  const server = createServer((req, res) => {
    middleware(req, res, (err) => {
      caught = err;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', ...init })).text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  return caught;
}

describe('toHttpError', () => {
  it('passes an HttpError through unchanged', () => {
    const err = new ForbiddenError('No.');
    expect(toHttpError(err)).toBe(err);
  });

  it.each([
    ['an Error', new Error('db password=hunter2')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'oops'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object with status 200', { status: 200, message: 'ok?' }],
    ['an object with status 600', { status: 600 }],
    ['an object with a string status', { status: '404' }],
    ['an object with a fractional status', { statusCode: 404.5 }],
  ])('turns %s into a 500 with the original as cause', (_, thrown) => {
    const err = toHttpError(thrown);
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.status).toBe(500);
    expect(err.expose).toBe(false);
    expect(err.detail).toBeUndefined();
    expect(err.message).toBe('Internal Server Error');
    expect(err.cause).toBe(thrown);
  });

  it("keeps an Error's stack, so logs point at the real failure", () => {
    const original = new Error('db down');
    expect(toHttpError(original).stack).toBe(original.stack);
  });

  it('survives hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const x of [hostile, proxy]) {
      const err = toHttpError(x);
      expect(err).toBeInstanceOf(InternalServerError);
      expect(err.cause).toBe(x);
    }
  });

  describe('http-errors', () => {
    it('keeps status, message, expose and headers', () => {
      const original = createError(404, 'No such order.', { headers: { 'X-Reason': 'gone' } });
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err.detail).toBe('No such order.');
      expect(err.expose).toBe(true);
      expect(err.headers).toEqual({ 'x-reason': 'gone' });
      expect(err.cause).toBe(original);
      expect(err.stack).toBe(original.stack);
    });

    it('keeps a 5xx unexposed and an explicitly exposed one exposed', () => {
      expect(toHttpError(createError(503, 'redis down')).expose).toBe(false);
      expect(toHttpError(createError(503, 'maintenance', { expose: true })).expose).toBe(true);
      expect(toHttpError(createError(403, 'hidden', { expose: false })).expose).toBe(false);
    });

    it('does not repeat the default message as detail', () => {
      expect(toHttpError(new createError.Forbidden()).detail).toBeUndefined();
    });

    it('turns a 401 with WWW-Authenticate into an UnauthorizedError with the header', () => {
      const err = toHttpError(
        createError(401, { headers: { 'WWW-Authenticate': 'Basic realm="x"' } }),
      );
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.headers).toEqual({ 'www-authenticate': 'Basic realm="x"' });
    });

    it('reads Allow of a 405', () => {
      const err = toHttpError(createError(405, { headers: { Allow: 'GET, HEAD' } }));
      expect(err).toBeInstanceOf(MethodNotAllowedError);
      expect((err as MethodNotAllowedError).allow).toEqual(['GET', 'HEAD']);
      expect(err.headers).toEqual({ allow: 'GET, HEAD' });
      expect((toHttpError(createError(405)) as MethodNotAllowedError).allow).toEqual([]);
      const listed = toHttpError({ status: 405, headers: { allow: ['GET', 'PUT'] } });
      expect((listed as MethodNotAllowedError).allow).toEqual(['GET', 'PUT']);
    });

    it('drops headers that would split the response instead of failing', () => {
      const err = toHttpError(
        createError(400, 'bad', { headers: { 'X-A': 'a\r\nSet-Cookie: x' } }),
      );
      expect(err).toBeInstanceOf(BadRequestError);
      expect(err.headers).toEqual({});
      expect(err.detail).toBe('bad');
    });

    it('maps an unregistered code to the generic one of its class', () => {
      const client = toHttpError(createError(499, 'client closed'));
      expect([client.status, client.detail]).toEqual([400, 'client closed']);
      const server = toHttpError({ statusCode: 520, message: 'origin error' });
      expect([server.status, server.expose]).toEqual([500, false]);
    });
  });

  describe('Boom', () => {
    it('keeps status, message and headers', () => {
      const original = Boom.unauthorized('Token expired', 'Bearer', { realm: 'api' });
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.detail).toBe('Token expired');
      expect(err.expose).toBe(true);
      expect(err.headers['www-authenticate']).toBe('Bearer realm="api", error="Token expired"');
      expect(err.cause).toBe(original);
    });

    it('keeps a 5xx unexposed', () => {
      const err = toHttpError(Boom.badImplementation('secret sauce failed'));
      expect(err).toBeInstanceOf(InternalServerError);
      expect(err.expose).toBe(false);
    });

    it('wraps a boomified error', () => {
      const err = toHttpError(Boom.boomify(new Error('nope'), { statusCode: 403 }));
      expect(err).toBeInstanceOf(ForbiddenError);
      expect(err.detail).toBe('nope');
    });

    it('does not repeat the default message as detail', () => {
      expect(toHttpError(Boom.notFound()).detail).toBeUndefined();
    });
  });

  describe('body-parser (real errors from real requests)', () => {
    it.each([
      ['JSON', '{"password": "hunter2",'],
      ['not JSON at all, which JSON.parse quotes', 'password=hunter2'],
      ['a short body, which JSON.parse quotes whole', 'hunter2'],
    ])('entity.parse.failed → 400, without the raw body: %s', async (_, secret) => {
      const original = await bodyParserError(bodyParser.json(), {
        body: secret,
        headers: { 'content-type': 'application/json' },
      });
      expect((original as { type: string }).type).toBe('entity.parse.failed');
      expect((original as { body: string }).body).toBe(secret);
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(BadRequestError);
      expect(err.type).toBe('about:blank');
      expect(JSON.stringify({ ...err, cause: undefined })).not.toContain('hunter2');
      expect(Object.values(err).some((v) => v === secret)).toBe(false);
      expect(err.detail).toBe('The request content could not be parsed.');
      expect((original as Error).message).not.toBe(err.detail);
    });

    it('entity.too.large → 413', async () => {
      const original = await bodyParserError(bodyParser.json({ limit: 10 }), {
        body: JSON.stringify({ a: 'x'.repeat(100) }),
        headers: { 'content-type': 'application/json' },
      });
      expect((original as { type: string }).type).toBe('entity.too.large');
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(ContentTooLargeError);
      expect(err.detail).toBe('request entity too large');
    });

    it('charset.unsupported → 415', async () => {
      const original = await bodyParserError(bodyParser.json(), {
        body: '{}',
        headers: { 'content-type': 'application/json; charset=klingon' },
      });
      expect((original as { type: string }).type).toBe('charset.unsupported');
      expect(toHttpError(original)).toBeInstanceOf(UnsupportedMediaTypeError);
    });

    it('encoding.unsupported → 415', async () => {
      const original = await bodyParserError(bodyParser.json(), {
        body: '{}',
        headers: { 'content-type': 'application/json', 'content-encoding': 'klingon' },
      });
      expect((original as { type: string }).type).toBe('encoding.unsupported');
      expect(toHttpError(original)).toBeInstanceOf(UnsupportedMediaTypeError);
    });
  });

  describe("Hono's HTTPException (real errors from real middleware)", () => {
    /** What a Hono app's `onError` receives for a request that `setUp` makes fail. */
    async function honoError(setUp: (app: Hono) => void, init?: RequestInit): Promise<unknown> {
      let caught: unknown;
      const app = new Hono();
      setUp(app);
      app.get('/', (c) => c.text('ok'));
      app.onError((err, c) => {
        caught = err;
        return c.text('caught', 500);
      });
      await app.request('/', init);
      return caught;
    }

    it('keeps status and message, exposed below 500 only, as Hono marks nothing secret', () => {
      const original = new HTTPException(403, { message: 'Admins only.' });
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(ForbiddenError);
      expect([err.detail, err.expose, err.cause]).toEqual(['Admins only.', true, original]);
      expect(err.headers).toEqual({});
      expect(toHttpError(new HTTPException(404)).detail).toBeUndefined();
      const server = toHttpError(new HTTPException(503, { message: 'redis down' }));
      expect([server.status, server.expose]).toEqual([503, false]);
      expect(toHttpError(new HTTPException()).status).toBe(500);
    });

    it("keeps the fields of its `res`: basicAuth's Basic challenge, not a Bearer default", async () => {
      const original = await honoError((app) =>
        app.use(basicAuth({ username: 'u', password: 'p', realm: 'admin "area"' })),
      );
      expect(original).toBeInstanceOf(HTTPException);
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.headers).toEqual({ 'www-authenticate': 'Basic realm="admin \\"area\\""' });
      expect(err.detail).toBeUndefined();
    });

    it("keeps bearerAuth's challenges, for a missing, a malformed and a wrong token", async () => {
      const setUp = (app: Hono) => app.use(bearerAuth({ token: 'secret', realm: 'api' }));
      const missing = toHttpError(await honoError(setUp));
      expect([missing.status, missing.headers]).toEqual([
        401,
        { 'www-authenticate': 'Bearer realm="api"' },
      ]);
      const malformed = toHttpError(
        await honoError(setUp, { headers: { authorization: 'Bearer not a token' } }),
      );
      expect([malformed.status, malformed.headers]).toEqual([
        400,
        { 'www-authenticate': 'Bearer error="invalid_request"' },
      ]);
      const wrong = toHttpError(await honoError(setUp, { headers: { authorization: 'Bearer x' } }));
      expect([wrong.status, wrong.headers]).toEqual([
        401,
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      ]);
    });

    it('leaves out the fields of the replaced body, keeps each cookie on its own line, reads Allow', () => {
      const res = new Response('{"a":1}', {
        headers: [
          ['content-type', 'application/json'],
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['x-request-id', 'r1'],
        ],
      });
      const err = toHttpError(new HTTPException(429, { res }));
      expect(err.headers).toStrictEqual({ 'set-cookie': ['a=1', 'b=2'], 'x-request-id': 'r1' });
      const allow = new Response(null, { headers: { allow: 'GET, HEAD' } });
      const method = toHttpError(new HTTPException(405, { res: allow }));
      expect((method as MethodNotAllowedError).allow).toEqual(['GET', 'HEAD']);
    });

    it('reads `res` only from an HTTPException (with getResponse) and never throws on it', () => {
      const res = { headers: new Headers({ 'x-a': 'a' }) };
      expect(toHttpError({ status: 403, res }).headers).toEqual({});
      const odd = { status: 403, getResponse: () => null, res: { headers: { 'x-a': 'a' } } };
      expect(toHttpError(odd).headers).toEqual({});
      const fields = {
        forEach(each: (value: unknown, name: unknown) => void) {
          each(1, 'x-number');
          each('v', 2);
          each('b', 'x-b');
        },
      };
      const loose = { status: 403, getResponse: () => null, res: { headers: fields } };
      expect(toHttpError(loose).headers).toEqual({ 'x-b': 'b' });
      const hostile = { status: 403, getResponse: () => null, res: { headers: new Headers() } };
      hostile.res.headers.forEach = () => {
        throw new Error('no');
      };
      expect(toHttpError(hostile).status).toBe(500);
    });
  });

  describe('body-parser: only the message that quotes the raw body is replaced', () => {
    it("a verify hook's 403 keeps its message", async () => {
      const verify = () => {
        throw Object.assign(new Error('Bad signature.'), { status: 403 });
      };
      const original = await bodyParserError(bodyParser.json({ verify }), {
        body: '{"a":1}',
        headers: { 'content-type': 'application/json' },
      });
      expect((original as { type: string }).type).toBe('entity.verify.failed');
      const err = toHttpError(original);
      expect([err.status, err.detail, err.expose]).toEqual([403, 'Bad signature.', true]);
    });

    it("parameterLimit's 413 keeps its message", async () => {
      const original = await bodyParserError(
        bodyParser.urlencoded({ extended: false, parameterLimit: 2 }),
        { body: 'a=1&b=2&c=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      );
      expect((original as { type: string }).type).toBe('parameters.too.many');
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(ContentTooLargeError);
      expect(err.detail).toBe('too many parameters');
    });
  });

  describe('server-side shapes of other frameworks (real errors)', () => {
    it("Koa's ctx.throw: status, message, expose and headers", async () => {
      let caught: unknown;
      const app = new Koa();
      app.use(async (ctx, next) => {
        try {
          await next();
        } catch (err) {
          caught = err;
          ctx.status = 204;
        }
      });
      app.use((ctx) => {
        ctx.throw(429, 'Slow down.', { headers: { 'Retry-After': '7', 'X-Kept': 'k' } });
      });
      const server = createServer(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await (await fetch(`http://127.0.0.1:${port}/`)).text();
      await new Promise((resolve) => server.close(resolve));
      const err = toHttpError(caught);
      expect([err.status, err.detail, err.expose]).toEqual([429, 'Slow down.', true]);
      expect(err.headers).toEqual({ 'retry-after': '7', 'x-kept': 'k' });
    });

    it('@fastify/error: status, message and headers', () => {
      const Conflict = createFastifyError('APP_ERR_TAKEN', 'Name %s is taken.', 409);
      const original = Object.assign(new Conflict('ada'), { headers: { 'x-kept': 'k' } });
      const err = toHttpError(original);
      expect(err).toBeInstanceOf(ConflictError);
      expect([err.detail, err.expose, err.headers]).toEqual([
        'Name ada is taken.',
        true,
        { 'x-kept': 'k' },
      ]);
    });

    it("Fastify's own error for an unsupported media type, from a real request", async () => {
      let caught: unknown;
      const app = Fastify();
      app.setErrorHandler((err, _request, reply) => {
        caught = err;
        reply.code(204).send();
      });
      app.post('/', async () => 'ok');
      await app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'x/y' }, body: 'z' });
      await app.close();
      expect((caught as { code: string }).code).toBe('FST_ERR_CTP_INVALID_MEDIA_TYPE');
      const err = toHttpError(caught);
      expect([err.status, err.expose]).toEqual([415, true]);
    });

    it('h3 v1 createError: status and message; an unhandled one unexposed', () => {
      const err = toHttpError(createH3v1Error({ statusCode: 409, message: 'Already there.' }));
      expect([err.status, err.detail, err.expose]).toEqual([409, 'Already there.', true]);
      const unhandled = toHttpError(createH3v1Error({ statusCode: 400, unhandled: true }));
      expect(unhandled.expose).toBe(false);
    });

    it('h3 v2 HTTPError: status, message and the fields of its Headers object', () => {
      const original = new H3Error({
        status: 401,
        message: 'Sign in.',
        headers: { 'www-authenticate': 'Basic realm="h3"', 'x-kept': 'k', 'content-type': 'x/y' },
      });
      expect(original.headers).toBeInstanceOf(Headers);
      const err = toHttpError(original);
      expect([err.status, err.detail, err.expose]).toEqual([401, 'Sign in.', true]);
      expect(err.headers).toEqual({ 'www-authenticate': 'Basic realm="h3"', 'x-kept': 'k' });
    });

    it('NestJS HttpException and its subclasses: status and message', () => {
      const forbidden = toHttpError(new ForbiddenException('Admins only.'));
      expect(forbidden).toBeInstanceOf(ForbiddenError);
      expect([forbidden.detail, forbidden.expose]).toEqual(['Admins only.', true]);
      const validation = toHttpError(new BadRequestException(['name must be a string']));
      expect(validation.status).toBe(400);
      const server = toHttpError(new HttpException('redis down', 503));
      expect([server.status, server.expose]).toEqual([503, false]);
    });
  });

  describe('any other object with a status: status kept, message only with expose === true', () => {
    // The shape of the reproduction: an SDK error that is not recognized as one.
    const sdkLike = () =>
      Object.assign(new Error('Invalid API Key provided: sk_live_****WXYZ'), {
        statusCode: 401,
        headers: {
          'set-cookie': 'sess=SECRET',
          'www-authenticate': 'Basic realm="Stripe"',
          refresh: '0; url=/',
          'access-control-allow-origin': '*',
        },
      });

    it('keeps the status and the one field it requires, never Set-Cookie or any other', () => {
      const err = toHttpError(sdkLike());
      expect(err).toBeInstanceOf(UnauthorizedError);
      expect(err.expose).toBe(false);
      expect(err.headers).toEqual({ 'www-authenticate': 'Basic realm="Stripe"' });
      expect(renderError(sdkLike())).toEqual({
        status: 401,
        headers: {
          'www-authenticate': 'Basic realm="Stripe"',
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
          vary: 'Accept',
          'content-type': 'application/problem+json',
        },
        body: '{"type":"about:blank","title":"Unauthorized","status":401}',
      });
    });

    it('keeps the lines of the field it requires apart, and still no Set-Cookie list', () => {
      const sdk = {
        status: 401,
        message: 'no',
        headers: {
          'WWW-Authenticate': ['Negotiate', 'Basic realm="x"'],
          'Set-Cookie': ['a=1', 'b=2'],
          'Proxy-Authenticate': ['Basic'],
        },
      };
      const err = toHttpError(sdk);
      expect(err.headers).toStrictEqual({ 'www-authenticate': ['Negotiate', 'Basic realm="x"'] });
      expect(renderError(sdk).headers['www-authenticate']).toStrictEqual([
        'Negotiate',
        'Basic realm="x"',
      ]);
      // A line that would split the response drops the whole field: the default goes out.
      const broken = { ...sdk, headers: { 'www-authenticate': ['Negotiate', 'Basic\r\nX: y'] } };
      expect(toHttpError(broken).headers).toStrictEqual({});
      expect(renderError(broken).headers['www-authenticate']).toBe('Bearer');
      // A 407's Proxy-Authenticate, the same way; a trusted shape (http-errors) keeps them all.
      const proxy = { status: 407, headers: { 'proxy-authenticate': ['Negotiate', 'Basic'] } };
      expect(toHttpError(proxy).headers).toStrictEqual({
        'proxy-authenticate': ['Negotiate', 'Basic'],
      });
      const trusted = createError(401, 'Sign in.', { headers: sdk.headers });
      expect(toHttpError(trusted).headers).toStrictEqual({
        'www-authenticate': ['Negotiate', 'Basic realm="x"'],
        'set-cookie': ['a=1', 'b=2'],
        'proxy-authenticate': 'Basic',
      });
    });

    it.each([
      [405, 'allow', 'GET'],
      [407, 'proxy-authenticate', 'Basic'],
      [413, 'retry-after', '5'],
      [416, 'content-range', 'bytes */10'],
      [426, 'upgrade', 'h2c'],
      [429, 'retry-after', '5'],
      [503, 'retry-after', '5'],
    ])('%i keeps %s only', (status, name, value) => {
      const headers = { [name]: value, 'set-cookie': 'a=1', 'x-other': 'o' };
      const err = toHttpError({ status, headers, message: 'm', expose: true });
      expect(err.status).toBe(status);
      expect(err.headers).toEqual({ [name]: value });
      expect(err.detail).toBe('m');
    });

    it('keeps no header at all for a status that requires none', () => {
      const headers = { 'set-cookie': 'a=1', 'x-other': 'o', 'cache-control': 'public' };
      expect(toHttpError({ status: 400, headers }).headers).toEqual({});
      expect(
        toHttpError(Object.assign(new Error('m'), { statusCode: 500, headers })).headers,
      ).toEqual({});
    });

    it('shows the message only for expose === true', () => {
      // The message stays on the error, for logs; it is not rendered.
      for (const expose of [undefined, false, 'true', 1]) {
        const thrown = { status: 409, message: 'taken', expose };
        expect(toHttpError(thrown).expose).toBe(false);
        expect(renderError(thrown).body).toBe(
          '{"type":"about:blank","title":"Conflict","status":409}',
        );
      }
      const exposed = { status: 409, message: 'taken', expose: true };
      expect(JSON.parse(renderError(exposed).body).detail).toBe('taken');
    });
  });

  it('keeps errors of another copy of the package as they are', () => {
    const foreign = Object.assign(Object.create(HttpError.prototype), { status: 418 });
    expect(toHttpError(foreign)).toBe(foreign);
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('toHttpError: edges found by mutation testing', () => {
  const UNPARSABLE = 'The request content could not be parsed.';

  it('reads headers only from a plain object', () => {
    expect(toHttpError({ status: 404, headers: 'abc' }).headers).toEqual({});
    expect(toHttpError({ status: 404, headers: ['x'] }).headers).toEqual({});
  });

  it('reads a Hono-like res only when its headers can be iterated, and never its Content-Length', () => {
    const getResponse = () => undefined;
    expect(toHttpError({ status: 401, getResponse, res: { headers: {} } }).status).toBe(401);
    const res = { headers: new Headers({ 'content-length': '5', 'x-a': 'b' }) };
    expect(toHttpError({ status: 401, getResponse, res }).headers).toEqual({ 'x-a': 'b' });
  });

  it('takes output only from Boom errors, and status only when it is a number', () => {
    expect(toHttpError({ isBoom: false, output: { statusCode: 404 }, status: 409 }).status).toBe(
      409,
    );
    expect(toHttpError({ output: { statusCode: 404 }, status: 409 }).status).toBe(409);
    expect(toHttpError({ status: '404', statusCode: 409 }).status).toBe(409);
  });

  it('keeps 599 as a foreign 5xx, and treats 600 as unknown', () => {
    const edge = toHttpError({ status: 599, expose: true, message: 'm' });
    expect([edge.status, edge.expose, edge.detail]).toEqual([500, true, 'm']);
    const beyond = toHttpError({ status: 600, expose: true, message: 'secret' });
    expect([beyond.status, beyond.expose, beyond.detail]).toEqual([500, false, undefined]);
  });

  it('ignores a message or an expose flag of the wrong type', () => {
    const numeric = toHttpError({ status: 404, message: 42 });
    expect([numeric.status, numeric.detail]).toEqual([404, undefined]);
    expect(toHttpError({ status: 404 }).detail).toBeUndefined();
    expect(toHttpError({ status: 500, expose: 'yes', message: 'secret' }).expose).toBe(false);
  });

  it('replaces the message of a body-parser error by its type alone', () => {
    const typed = {
      status: 400,
      type: 'entity.parse.failed',
      message: 'at "password',
      expose: true,
    };
    expect(toHttpError(typed).detail).toBe(UNPARSABLE);
    const verify = { status: 403, statusCode: 403, expose: true, body: 'x=1', message: 'Bad MAC' };
    expect(toHttpError(verify).detail).toBe('Bad MAC');
  });

  it('gives a foreign error without a stack of its own a one-line stack', () => {
    for (const thrown of [{ status: 404 }, {}, 'boom', 42]) {
      const { stack } = toHttpError(thrown);
      expect(typeof stack).toBe('string');
      expect(stack).not.toContain('\n');
    }
  });

  it('reads Allow by name, as a string or list, and skips its empty elements', () => {
    const named = toHttpError({ status: 405, headers: { 'x-a': 'b', Allow: 'GET' } });
    expect((named as unknown as { allow: string[] }).allow).toEqual(['GET']);
    const numeric = toHttpError({ status: 405, headers: { allow: 5 } });
    expect((numeric as unknown as { allow: string[] }).allow).toEqual([]);
    const gaps = toHttpError({ status: 405, headers: { allow: 'GET,, HEAD,' } });
    expect(gaps.status).toBe(405);
    expect(gaps.headers.allow).toBe('GET, HEAD');
  });
});

// The render path normalizes with normalizeError, which makes a foreign error's status the
// base HttpError instead of its named class, so that rendering does not bundle every class.
// Whatever reaches the client must be what toHttpError's named class renders to.
describe('normalizeError (the render path): what toHttpError makes, as the base class', () => {
  const STATUSES = [
    ...Object.keys(PHRASES)
      .map(Number)
      .filter((s) => s >= 400),
    499,
    520,
  ];
  const FORMATS = ['problem+json', 'json', 'problem+xml', 'html', 'text'] as const;
  const HEADERS = {
    'WWW-Authenticate': 'Basic realm="a"',
    'Proxy-Authenticate': 'Basic realm="p"',
    Allow: 'GET,  HEAD',
    'Retry-After': '30',
    'Content-Range': 'bytes */9',
    Upgrade: 'h2c',
    'X-Trace': 't',
    'Set-Cookie': ['a=1', 'b=2'],
  };
  /** Foreign errors of a status, trusted and not, each with every field a status requires. */
  const foreign = (status: number): [string, unknown][] => [
    ['http-errors', createError(status, 'Not for you.', { headers: HEADERS })],
    ['http-errors, no headers', createError(status)],
    ['status object', { status, message: 'Quiet.', headers: HEADERS }],
    ['exposed statusCode object', { statusCode: status, message: 'Loud.', expose: true }],
  ];
  const cases = STATUSES.flatMap((status) =>
    foreign(status).map(([shape, x]) => [status, shape, x] as const),
  );

  it.each(cases)('%i from %s: the same status, fields, cause and stack', (status, _, x) => {
    const named = toHttpError(x);
    const base = normalizeError(x);
    expect(base).toBeInstanceOf(HttpError);
    const fields = (e: HttpError) => ({
      status: e.status,
      statusCode: e.statusCode,
      type: e.type,
      title: e.title,
      detail: e.detail,
      instance: e.instance,
      expose: e.expose,
      headers: Object.entries(e.headers),
      extensions: e.extensions,
      message: e.message,
      cause: e.cause,
    });
    expect(fields(base)).toEqual(fields(named));
    expect(base.cause).toBe(x);
    // An Error's own stack is kept by both; a plain object has none to keep.
    if (x instanceof Error) expect(base.stack).toBe(named.stack);
    expect([base.constructor, base.name]).toEqual([HttpError, 'HttpError']);
    expect(named.status).toBe(isErrorStatus(status) ? status : status < 500 ? 400 : 500);
  });

  it.each(cases)(
    '%i from %s: renders the bytes of the named class, in every format',
    (_s, _, x) => {
      for (const format of FORMATS) {
        for (const options of [{ format }, { format, method: 'HEAD' }, { format, debug: true }]) {
          // Debug output shows the error's stack, whose first line names the class when the
          // original has no stack of its own to keep (a plain object).
          if (options.debug && !(x instanceof Error)) continue;
          expect(renderError(x, options)).toEqual(renderError(toHttpError(x), options));
        }
      }
    },
  );

  it('a 405 keeps its Allow methods as the named class sends them, and none when it has none', () => {
    const listed = normalizeError(createError(405, { headers: { allow: 'GET,, POST' } }));
    expect(listed.headers).toEqual({ allow: 'GET, POST' });
    expect(toHttpError(createError(405, { headers: { allow: 'GET,, POST' } })).headers).toEqual({
      allow: 'GET, POST',
    });
    expect(normalizeError({ status: 405 }).headers).toEqual({ allow: '' });
    expect(renderError({ status: 405 }).headers.allow).toBe('');
  });

  it('a 405 whose Allow names no method (no token) is a 500 for both, as no 405 can send it', () => {
    const x = createError(405, { headers: { Allow: 'GET, B@D' } });
    expect(toHttpError(x)).toBeInstanceOf(InternalServerError);
    expect(normalizeError(x)).toBeInstanceOf(InternalServerError);
    expect(renderError(x).status).toBe(500);
  });

  it('onError gets the base HttpError of a foreign status; toHttpError gives its named class', () => {
    const thrown = createError(404, 'No order 42.');
    const seen: unknown[] = [];
    const r = renderError(thrown, { onError: (error, original) => seen.push(error, original) });
    expect(r.status).toBe(404);
    const [error, original] = seen as [HttpError, unknown];
    expect([error.constructor, error.name, error.status, error.detail]).toEqual([
      HttpError,
      'HttpError',
      404,
      'No order 42.',
    ]);
    expect(original).toBe(thrown);
    expect(toHttpError(original)).toBeInstanceOf(NotFoundError);
  });
});
