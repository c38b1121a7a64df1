// The adapters' default error log, on real servers: without `onError`, each 5xx (and each error
// after the headers were sent) is written once to console.error, as one line of JSON: toLog's
// entry with the status, method, path (no query), the cause chain, the upstream, the trace id,
// and no credential; 4xx are not logged; `onError` replaces the log and `false` turns it off.
// What console.error receives is asserted exactly: its arguments, and the text.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { errorHandler, notFound } from '../../src/adapters/express.js';
import { handle as fetchHandle, fromResponse, toResponse } from '../../src/adapters/fetch/index.js';
import { onError as honoOnError } from '../../src/adapters/hono.js';
import { handle as nextHandle } from '../../src/adapters/next.js';
import { handle, sendError } from '../../src/adapters/node.js';
import { logEntry, pathOf } from '../../src/adapters/report.js';
import { BadGatewayError, ForbiddenError, InternalServerError } from '../../src/index.js';
import { closeServers, listen, request } from '../helpers/http.js';
import { fetchBridge } from '../integration/servers.js';

let log: MockInstance<(...args: unknown[]) => void>;

beforeEach(() => {
  log = vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(async () => {
  log.mockRestore();
  await closeServers();
});

/** An error with a fixed stack, so that the log line can be asserted whole. */
function fixed(message: string, stack: string, cause?: unknown): Error {
  const err = new Error(message, cause === undefined ? undefined : { cause });
  err.stack = `Error: ${message}\n    at ${stack}`;
  return err;
}

const crash = () => {
  throw fixed(
    'db down',
    'orders.delete (orders.js:42:7)',
    fixed('connect ECONNREFUSED 10.0.0.5:5432', 'db.connect (db.js:10:5)'),
  );
};

/** The crash's entry in the log, for a request line. */
const crashEntry = (request: { method: string; url: string }, traceId?: string) => ({
  level: 'error',
  status: 500,
  name: 'Error',
  message: 'db down',
  stack: 'Error: db down\n    at orders.delete (orders.js:42:7)',
  cause: {
    name: 'Error',
    message: 'connect ECONNREFUSED 10.0.0.5:5432',
    stack: 'Error: connect ECONNREFUSED 10.0.0.5:5432\n    at db.connect (db.js:10:5)',
  },
  request,
  ...(traceId === undefined ? {} : { traceId }),
});

/** What console.error received: one call, with one argument, the JSON text of `entry`. */
function expectLogged(entry: object) {
  expect(log.mock.calls).toStrictEqual([[JSON.stringify(entry)]]);
}

type Serve = (options: Record<string, unknown>, fail?: () => never) => Promise<string>;

const ADAPTERS: [string, Serve][] = [
  ['node handle', (options, fail = crash) => listen(handle(fail, options))],
  [
    'node sendError',
    (options, fail = crash) =>
      listen((req: IncomingMessage, res: ServerResponse) => {
        try {
          fail();
        } catch (err) {
          sendError(res, err, { req, ...options });
        }
      }),
  ],
  [
    'Express errorHandler',
    (options, fail = crash) => {
      const app = express();
      app.use('/orders', express.Router().all('/:id', fail));
      app.use(errorHandler(options));
      return listen(app);
    },
  ],
  ['fetch handle', (options, fail = crash) => listen(fetchBridge(fetchHandle(fail, options)))],
  [
    'fetch toResponse',
    (options, fail = crash) =>
      listen(
        fetchBridge(async (request) => {
          try {
            return fail();
          } catch (err) {
            return toResponse(err, { request, ...options });
          }
        }),
      ),
  ],
  [
    'Hono onError',
    (options, fail = crash) => {
      const app = new Hono();
      app.onError(honoOnError(options));
      app.all('/orders/:id', fail);
      return listen(getRequestListener(app.fetch));
    },
  ],
  [
    'Next handle',
    (options, fail = crash) =>
      listen(
        fetchBridge((request) =>
          nextHandle(fail, options)(request as never, { params: Promise.resolve({}) }),
        ),
      ),
  ],
];

describe.each(ADAPTERS)('%s', (_, serve) => {
  it("logs a 5xx once as toLog's entry: status, method, path without query, cause chain", async () => {
    const origin = await serve({});
    const reply = await request(`${origin}/orders/42?token=secret`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer secret-token', cookie: 'sid=secret-session' },
    });
    expect(reply.status).toBe(500);
    expectLogged(crashEntry({ method: 'DELETE', url: '/orders/42' }));
    expect(log.mock.calls[0]?.[0]).not.toMatch(/secret/);
  });

  it('logs the trace id the response carries (traceId: true, from traceparent)', async () => {
    const origin = await serve({ traceId: true });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const reply = await request(`${origin}/orders/42`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, accept: 'application/json' },
    });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text).traceId).toBe(traceId);
    expectLogged(crashEntry({ method: 'GET', url: '/orders/42' }, traceId));
  });

  it('redacts the credentials of the error and of its upstream, and drops its query', async () => {
    const upstream = await listen((_req, res) => {
      res.writeHead(503, {
        'content-type': 'text/plain',
        'set-cookie': 'upstream-sid=secret-cookie',
        'www-authenticate': 'Bearer realm="upstream"',
      });
      res.end('down');
    });
    const failed = await fromResponse(await fetch(`${upstream}/v1/stock?api_key=secret-key`));
    const thrown = new InternalServerError('Stock lookup failed.', {
      cause: failed,
      headers: { 'Set-Cookie': 'sid=secret-own; HttpOnly' },
    });
    thrown.stack = 'InternalServerError: Stock lookup failed.\n    at stock (stock.js:3:9)';
    const origin = await serve({}, () => {
      throw thrown;
    });
    expect((await request(`${origin}/orders/42?token=secret`)).status).toBe(500);
    const text = log.mock.calls[0]?.[0] as string;
    expect(text).not.toMatch(/secret/);
    const entry = JSON.parse(text);
    // The cause's stack is fromResponse's own; the rest is asserted whole.
    expect(entry.cause.stack).toMatch(/^ServiceUnavailableError: Service Unavailable\n/);
    delete entry.cause.stack;
    expect(entry).toStrictEqual({
      level: 'error',
      status: 500,
      name: 'InternalServerError',
      message: 'Stock lookup failed.',
      type: 'about:blank',
      title: 'Internal Server Error',
      detail: 'Stock lookup failed.',
      stack: 'InternalServerError: Stock lookup failed.\n    at stock (stock.js:3:9)',
      headers: { 'set-cookie': '[REDACTED]' },
      // The Response fromResponse keeps as the cause of its error.
      cause: {
        name: 'ServiceUnavailableError',
        message: 'Service Unavailable',
        status: 503,
        cause: { name: 'Error', message: '', status: 503 },
      },
      upstream: { status: 503, url: `${upstream}/v1/stock` },
      request: { method: 'GET', url: '/orders/42' },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('does not log a 4xx', async () => {
    const origin = await serve({}, () => {
      throw new ForbiddenError('No.');
    });
    expect((await request(`${origin}/orders/42`)).status).toBe(403);
    expect(log).not.toHaveBeenCalled();
  });

  it('logs nothing with onError: false, and lets onError replace the log', async () => {
    const off = await serve({ onError: false });
    expect((await request(`${off}/orders/42`)).status).toBe(500);
    expect(log).not.toHaveBeenCalled();
    const seen: number[] = [];
    const own = await serve({ onError: (error: { status: number }) => seen.push(error.status) });
    expect((await request(`${own}/orders/42`)).status).toBe(500);
    expect([seen, log.mock.calls.length]).toEqual([[500], 0]);
  });
});

describe('errors after the headers were sent', () => {
  const lateFailure = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    throw new BadGatewayError({
      cause: fixed('upstream reset', 'proxy.pipe (proxy.js:7:1)'),
    });
  };

  /** The late failure's entry: a 502 whose stack is the library's, with the cause's. */
  function expectLateEntry(traceId?: string) {
    expect(log).toHaveBeenCalledTimes(1);
    const [args] = log.mock.calls;
    expect(args).toHaveLength(1);
    const entry = JSON.parse(args?.[0] as string);
    expect(typeof entry.stack).toBe('string');
    delete entry.stack;
    expect(entry).toStrictEqual({
      level: 'error',
      status: 502,
      type: 'about:blank',
      title: 'Bad Gateway',
      name: 'BadGatewayError',
      message: 'Bad Gateway',
      cause: {
        name: 'Error',
        message: 'upstream reset',
        stack: 'Error: upstream reset\n    at proxy.pipe (proxy.js:7:1)',
      },
      request: { method: 'GET', url: '/stream' },
      ...(traceId === undefined ? {} : { traceId }),
    });
  }

  it('node handle logs it once, with the cause, and breaks the response', async () => {
    const origin = await listen(handle((_req, res) => lateFailure(res)));
    await expect(request(`${origin}/stream?token=secret`)).rejects.toThrow();
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    expectLateEntry();
  });

  it('Express errorHandler calls onError (with the request), then hands the error to next', async () => {
    const seen: unknown[] = [];
    const app = express();
    app.get('/stream', (_req, res) => lateFailure(res));
    app.use(
      errorHandler({ onError: (error, _original, req) => seen.push([error.status, req.url]) }),
    );
    const origin = await listen(app);
    await expect(request(`${origin}/stream`)).rejects.toThrow();
    await vi.waitFor(() => expect(seen).toEqual([[502, '/stream']]));
    expect(log).not.toHaveBeenCalled();
  });

  it('Express errorHandler logs it once without onError (with the trace id), and nothing with onError: false', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    for (const options of [{ traceId: true }, { onError: false as const }]) {
      const app = express();
      app.get('/stream', (_req, res) => lateFailure(res));
      app.use(errorHandler(options));
      const origin = await listen(app);
      await expect(
        request(`${origin}/stream`, {
          headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
        }),
      ).rejects.toThrow();
    }
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    expectLateEntry(traceId);
  });

  it('notFound never logs: a 404', async () => {
    const app = express();
    app.use(notFound());
    app.use(errorHandler());
    const origin = await listen(app);
    expect((await request(`${origin}/nowhere`)).status).toBe(404);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('the log entry', () => {
  it("is toLog's, with the status sent and the trace id of the extensions", () => {
    expect(logEntry(502, { method: 'GET', url: undefined }, 'boom', { traceId: 'abc' })).toBe(
      '{"level":"error","status":502,"name":"string","message":"boom","request":{"method":"GET"},"traceId":"abc"}',
    );
    expect(logEntry(500, undefined, 'boom', { traceId: 42 })).toBe(
      '{"level":"error","status":500,"name":"string","message":"boom"}',
    );
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    expect(logEntry(500, undefined, hostile, hostile)).toBe(
      '{"level":"error","status":500,"name":"Error","message":""}',
    );
  });

  it("cuts cycles and long chains (toLog's depth of 8)", () => {
    const a: { name: string; message: string; cause?: unknown } = { name: 'A', message: 'a' };
    a.cause = { name: 'B', message: 'b', cause: a };
    expect(logEntry(500, undefined, a)).toBe(
      '{"level":"error","status":500,"name":"A","message":"a","cause":{"name":"B","message":"b"}}',
    );
    let deep: unknown = 'root';
    for (let i = 0; i < 20; i++) deep = { name: 'E', message: String(i), cause: deep };
    let depth = 0;
    for (let link = JSON.parse(logEntry(500, undefined, deep)).cause; link; link = link.cause) {
      depth++;
    }
    expect(depth).toBe(8);
  });

  it('takes the path of a target or URL, never its query or fragment', () => {
    expect(pathOf('/a/b?x=1')).toBe('/a/b');
    expect(pathOf('https://api.example.com/a#f')).toBe('/a');
    expect(pathOf('https://api.example.com')).toBe('/');
    expect(pathOf(42)).toBeUndefined();
  });
});
