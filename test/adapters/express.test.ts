import express, { type Express } from 'express';
// @ts-expect-error: the Express 4 alias has no types of its own; it is used through Express 5's.
import express4Untyped from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { type ErrorHandlerOptions, errorHandler, notFound } from '../../src/adapters/express.js';
import { ForbiddenError, HttpError, NotFoundError, UnauthorizedError } from '../../src/index.js';
import {
  closeServers,
  fieldLinesOf,
  listen,
  own,
  type RawResponse,
  type Reply,
  type RequestOptions,
  rawExchange,
  request,
} from '../helpers/http.js';

const express4 = express4Untyped as typeof express;

const SEED = 'You do not have permission to delete user data.';
const SECRET = 'hunter2-s3cr3t';
const LIMIT = 1024;

afterEach(closeServers);

function problemHeaders(r: Reply) {
  return {
    'x-powered-by': 'Express',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    vary: 'Accept',
    'content-type': 'application/problem+json',
    'content-length': String(r.body.length),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

const VERSIONS = [
  { name: 'Express 4', ex: express4, major: 4 },
  { name: 'Express 5', ex: express, major: 5 },
] as const;

type Version = (typeof VERSIONS)[number];

/** What a case sees of the app built for it: errors that went past the errorHandler. */
interface World {
  passedOn: unknown[];
}

interface Case {
  name: string;
  /** Routes, registered after `express.json()` and before `notFound()` and `errorHandler()`. */
  routes?: (app: Express, version: Version) => void;
  request: RequestOptions & { path: string };
  check: (reply: Promise<Reply>, world: World) => Promise<void>;
}

const json = (body: string): RequestOptions => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body,
});

const CASES: Case[] = [
  {
    name: 'a ForbiddenError thrown in a sync route → 403 problem',
    routes: (app) => {
      app.delete('/user-data/:id', () => {
        throw new ForbiddenError(SEED);
      });
    },
    request: { path: '/user-data/123', method: 'DELETE', headers: { accept: 'application/json' } },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(403);
      expect(own(r.headers)).toEqual(problemHeaders(r));
      expect(JSON.parse(r.text)).toEqual({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: SEED,
        instance: '/user-data/123',
      });
    },
  },
  {
    name: 'an async route error (Express 4: next(err); Express 5: a rejected promise) → 403',
    routes: (app, { major }) => {
      if (major === 4) {
        app.get('/async', (_req, _res, next) => {
          tick()
            .then(() => {
              throw new ForbiddenError(SEED);
            })
            .catch(next);
        });
      } else {
        app.get('/async', async () => {
          await tick();
          throw new ForbiddenError(SEED);
        });
      }
    },
    request: { path: '/async' },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text)).toMatchObject({ status: 403, detail: SEED });
    },
  },
  {
    name: 'an Error with a secret → redacted 500 with the traceId extension',
    routes: (app) => {
      app.get('/crash', () => {
        throw new Error(`connect failed: password=${SECRET}`);
      });
    },
    request: { path: '/crash', headers: { 'x-trace-id': 'trace-1' } },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(500);
      expect(r.text).not.toContain(SECRET);
      expect(JSON.parse(r.text)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        instance: '/crash',
        traceId: 'trace-1',
      });
    },
  },
  ...[SECRET, `password=${SECRET}`, `{"password":"${SECRET}"`, `["${SECRET}" x]`].map(
    (body): Case => ({
      name: `invalid JSON ${body} → 400 without the body`,
      request: { path: '/anything', ...json(body) },
      check: async (reply) => {
        const r = await reply;
        expect(r.status).toBe(400);
        expect(own(r.headers)).toEqual(problemHeaders(r));
        expect(r.text).not.toContain('hunter2');
        expect(r.text).not.toContain('password');
        expect(JSON.parse(r.text)).toEqual({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request content could not be parsed.',
          instance: '/anything',
        });
      },
    }),
  ),
  {
    name: 'a JSON body over the limit → 413',
    request: { path: '/anything', ...json(`{"password":"${SECRET}${'x'.repeat(LIMIT)}"}`) },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(413);
      expect(r.text).not.toContain(SECRET);
      expect(JSON.parse(r.text)).toMatchObject({ title: 'Content Too Large', status: 413 });
    },
  },
  {
    name: 'an unsupported charset → 415',
    request: {
      path: '/anything',
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=x-unknown' },
      body: `{"password":"${SECRET}"}`,
    },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(415);
      expect(r.text).not.toContain(SECRET);
      expect(JSON.parse(r.text)).toMatchObject({ title: 'Unsupported Media Type', status: 415 });
    },
  },
  {
    name: 'notFound() → 404 problem without detail',
    request: { path: '/nope?q=1', headers: { accept: 'application/json' } },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(404);
      expect(own(r.headers)).toEqual(problemHeaders(r));
      expect(JSON.parse(r.text)).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        instance: '/nope?q=1',
      });
    },
  },
  {
    name: 'instance is a function of the request: originalUrl under a router',
    routes: (app, { ex }) => {
      const router = ex.Router();
      router.get('/orders/:id', (req) => {
        throw new NotFoundError(`No order ${req.params.id} here.`);
      });
      app.use('/api', router);
    },
    request: { path: '/api/orders/42' },
    check: async (reply) => {
      const r = await reply;
      expect(r.status).toBe(404);
      expect(JSON.parse(r.text)).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No order 42 here.',
        instance: '/api/orders/42',
      });
    },
  },
  {
    name: 'headers already sent → next(err): the response is aborted, no second response',
    routes: (app, { major }) => {
      app.get('/stream', (_req, res, next) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial ');
        if (major === 4) {
          tick().then(() => next(new ForbiddenError(SEED)));
          return;
        }
        return tick().then(() => {
          throw new ForbiddenError(SEED);
        });
      });
    },
    request: { path: '/stream' },
    check: async (reply, world) => {
      await expect(reply).rejects.toThrow(/aborted|ECONNRESET|socket hang up/);
      expect(world.passedOn).toHaveLength(1);
      expect(world.passedOn[0]).toBeInstanceOf(ForbiddenError);
    },
  },
];

describe.each(VERSIONS)('$name', (version) => {
  const { ex } = version;

  it.each(CASES)('$name', async (c) => {
    const world: World = { passedOn: [] };
    const app = ex();
    app.use(ex.json({ limit: LIMIT }));
    c.routes?.(app, version);
    app.use(notFound());
    app.use(
      errorHandler({
        instance: (req) => req.originalUrl,
        extensions: (req) => {
          const traceId = req.headers['x-trace-id'];
          return traceId === undefined ? undefined : { traceId };
        },
      }),
    );
    // Records what the errorHandler passed on, then lets Express's own handler close up.
    app.use((err: unknown, _req: unknown, _res: unknown, next: (err: unknown) => void) => {
      world.passedOn.push(err);
      next(err);
    });
    const { path, ...options } = c.request;
    await c.check(request((await listen(app)) + path, options), world);
    if (c.name.startsWith('headers already sent')) return;
    expect(world.passedOn).toEqual([]);
  });

  it('errorHandler() has four parameters, notFound() three', () => {
    expect(errorHandler()).toHaveLength(4);
    expect(errorHandler({})).toHaveLength(4);
    expect(notFound()).toHaveLength(3);
  });

  it.each<[string, ErrorHandlerOptions, Record<string, unknown>]>([
    ['no options', {}, {}],
    [
      'constant options',
      { instance: '/fixed', extensions: { traceId: 't' } },
      { instance: '/fixed', traceId: 't' },
    ],
    [
      'throwing functions',
      {
        instance: () => {
          throw new Error('no');
        },
        extensions: () => {
          throw new Error('no');
        },
      },
      {},
    ],
    [
      'functions returning the wrong type',
      { instance: () => 42 as never, extensions: () => 'x' as never },
      {},
    ],
  ])('errorHandler and notFound with %s', async (_name, options, members) => {
    const app = ex();
    app.get('/teapot', () => {
      throw new HttpError(418, 'short and stout');
    });
    app.use(notFound());
    app.use(Object.keys(options).length === 0 ? errorHandler() : errorHandler(options));
    const url = await listen(app);
    const teapot = await request(`${url}/teapot`, { headers: { accept: 'text/plain' } });
    expect(teapot.status).toBe(418);
    expect(teapot.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(teapot.text).toContain('short and stout');
    const missing = await request(`${url}/missing`);
    expect(JSON.parse(missing.text)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      ...members,
    });
  });

  it('gives onError the body-parser error itself for a body that does not parse', async () => {
    const reported: unknown[][] = [];
    const app = ex();
    app.use(ex.json());
    app.use(errorHandler({ onError: (...args) => reported.push(args) }));
    const r = await request(`${await listen(app)}/`, json(SECRET));
    expect(r.status).toBe(400);
    expect(r.text).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request content could not be parsed."}',
    );
    expect(reported).toHaveLength(1);
    const [normalized, original, req] = reported[0] as [
      HttpError,
      Error & { type: string },
      express.Request,
    ];
    expect([req.method, req.originalUrl]).toEqual(['POST', '/']);
    expect(normalized.status).toBe(400);
    expect(normalized.cause).toBe(original);
    expect(original.type).toBe('entity.parse.failed');
    expect(original.message).toContain('hunter2');
  });

  it('answers a hostile thrown object with a 500', async () => {
    const app = ex();
    app.get('/', () => {
      throw {
        get type(): never {
          throw new Error('gotcha');
        },
      };
    });
    app.use(errorHandler());
    const r = await request(`${await listen(app)}/`);
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
  });

  it('sends each challenge and each cookie as its own field line (raw socket read, #15, #18)', async () => {
    const app = ex();
    app.get('/dpop', () => {
      throw new UnauthorizedError({
        challenge: [
          { scheme: 'DPoP', params: { algs: 'ES256' } },
          { scheme: 'Bearer', params: { realm: 'api' } },
        ],
        headers: { 'Set-Cookie': ['a=; Max-Age=0', 'b=; Max-Age=0'] },
      });
    });
    // Cookies Express set before the throw are kept, each on its own line.
    app.get('/preset', (_req, res) => {
      res.cookie('c', '1');
      res.cookie('d', '2');
      throw new UnauthorizedError({ challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic' }] });
    });
    app.use(errorHandler());
    const url = await listen(app);
    const get = (path: string) =>
      rawExchange(url, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, ['GET']).then(
        ([r]) => r as RawResponse,
      );
    const dpop = await get('/dpop');
    expect(dpop.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    expect(fieldLinesOf(dpop, 'www-authenticate')).toStrictEqual([
      'DPoP algs="ES256"',
      'Bearer realm="api"',
    ]);
    expect(fieldLinesOf(dpop, 'set-cookie')).toStrictEqual(['a=; Max-Age=0', 'b=; Max-Age=0']);
    const preset = await get('/preset');
    expect(fieldLinesOf(preset, 'www-authenticate')).toStrictEqual(['Negotiate', 'Basic']);
    expect(fieldLinesOf(preset, 'set-cookie')).toStrictEqual(['c=1; Path=/', 'd=2; Path=/']);
  });

  it('a POST rewritten to HEAD by a middleware gets its body: the next response stays in step (#15)', async () => {
    const app = ex();
    // What method-override does with `X-HTTP-Method-Override: HEAD`.
    app.use((req, _res, next) => {
      if (req.method === 'POST') req.method = 'HEAD';
      next();
    });
    app.get('/', () => {
      throw new ForbiddenError(SEED);
    });
    app.use(errorHandler());
    const raw =
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n' +
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const replies = (await rawExchange(await listen(app), raw, ['POST', 'GET'])) as RawResponse[];
    const body = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;
    expect(replies.map((r) => [r.statusLine, fieldLinesOf(r, 'content-length'), r.body])).toEqual([
      ['HTTP/1.1 403 Forbidden', [String(body.length)], body],
      ['HTTP/1.1 403 Forbidden', [String(body.length)], body],
    ]);
  });

  it('answers HEAD with the length of the GET and no body', async () => {
    const app = ex();
    app.get('/forbidden', () => {
      throw new ForbiddenError(SEED);
    });
    app.use(errorHandler());
    const url = await listen(app);
    const get = await request(`${url}/forbidden`);
    const head = await request(`${url}/forbidden`, { method: 'HEAD' });
    expect(head.status).toBe(403);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
  });

  it('notFound hands a NotFoundError to errorHandler: its options, onError and traceId', async () => {
    const reported: unknown[][] = [];
    const app = ex();
    app.use(
      notFound({
        detail: 'No route matches this path.',
        headers: { 'cache-control': 'max-age=60' },
      }),
    );
    app.use(
      errorHandler({
        instance: (req) => req.originalUrl,
        traceId: () => 'trace-1',
        onError: (...args) => reported.push(args),
      }),
    );
    const r = await request(`${await listen(app)}/nope?q=1`);
    expect([r.status, own(r.headers), JSON.parse(r.text)]).toEqual([
      404,
      { ...problemHeaders(r), 'cache-control': 'max-age=60' },
      {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No route matches this path.',
        instance: '/nope?q=1',
        traceId: 'trace-1',
      },
    ]);
    expect(reported).toHaveLength(1);
    const [normalized, original, req, traceId] = reported[0] as [
      HttpError,
      unknown,
      express.Request,
      string,
    ];
    expect(normalized).toBeInstanceOf(NotFoundError);
    expect(original).toBe(normalized);
    expect([req.originalUrl, traceId]).toEqual(['/nope?q=1', 'trace-1']);
  });

  it('notFound makes a new error for each request', async () => {
    const seen: unknown[] = [];
    const app = ex();
    app.use(notFound());
    app.use(errorHandler({ onError: (error) => seen.push(error) }));
    const url = await listen(app);
    await request(`${url}/a`);
    await request(`${url}/b`);
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("notFound refuses options that are not the error's when it is created", () => {
    expect(() => notFound({ instance: () => '/x' } as never)).toThrow(TypeError);
    expect(() => notFound({ headers: { 'x-bad': 'a\r\nb' } })).toThrow(TypeError);
  });
});
