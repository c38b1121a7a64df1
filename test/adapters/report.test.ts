// The adapters' default error log, on real servers: without `onError`, each 5xx (and each error
// after the headers were sent) is written once to console.error with status, method, path (no
// query) and the cause chain; 4xx are not logged; `onError` replaces the log and `false` turns it
// off.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { errorHandler, notFound } from '../../src/adapters/express.js';
import { handle as fetchHandle, toResponse } from '../../src/adapters/fetch/index.js';
import { onError as honoOnError } from '../../src/adapters/hono.js';
import { handle as nextHandle } from '../../src/adapters/next.js';
import { handle, sendError } from '../../src/adapters/node.js';
import { logEntry, pathOf } from '../../src/adapters/report.js';
import { BadGatewayError, ForbiddenError } from '../../src/index.js';
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

const crash = () => {
  throw new Error('db down', { cause: new Error('connect ECONNREFUSED 10.0.0.5:5432') });
};

/** The single entry logged, as lines. */
function entry(): string[] {
  expect(log).toHaveBeenCalledTimes(1);
  const [text] = log.mock.calls[0] as [string];
  return text.split('\n');
}

function expectCrashEntry(first: string) {
  const lines = entry();
  expect(lines[0]).toBe(first);
  expect(lines[1]).toBe('Error: db down');
  expect(lines.some((l) => l === 'cause: Error: connect ECONNREFUSED 10.0.0.5:5432')).toBe(true);
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
  it('logs a 5xx once: status, method, path without query, cause chain', async () => {
    const origin = await serve({});
    const reply = await request(`${origin}/orders/42?token=secret`, { method: 'DELETE' });
    expect(reply.status).toBe(500);
    expectCrashEntry('http-error-kit: 500 Internal Server Error, DELETE /orders/42');
    expect(log.mock.calls[0]?.[0]).not.toContain('secret');
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
    throw new BadGatewayError({ cause: new Error('upstream reset') });
  };

  it('node handle logs it once, with the cause, and breaks the response', async () => {
    const origin = await listen(handle((_req, res) => lateFailure(res)));
    await expect(request(`${origin}/stream`)).rejects.toThrow();
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    const lines = entry();
    expect(lines[0]).toBe('http-error-kit: 502 Bad Gateway, GET /stream');
    expect(lines.includes('cause: Error: upstream reset')).toBe(true);
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

  it('Express errorHandler logs it once without onError, and nothing with onError: false', async () => {
    for (const options of [{}, { onError: false as const }]) {
      const app = express();
      app.get('/stream', (_req, res) => lateFailure(res));
      app.use(errorHandler(options));
      const origin = await listen(app);
      await expect(request(`${origin}/stream`)).rejects.toThrow();
    }
    await vi.waitFor(() => expect(log).toHaveBeenCalled());
    expect(entry()[0]).toBe('http-error-kit: 502 Bad Gateway, GET /stream');
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
  it('cuts cycles and long chains, and shows what is not an Error', () => {
    const a: { name: string; message: string; cause?: unknown } = { name: 'A', message: 'a' };
    a.cause = { name: 'B', message: 'b', cause: a };
    expect(logEntry(500, undefined, a)).toBe(
      'http-error-kit: 500 Internal Server Error\nA: a\ncause: B: b',
    );
    expect(logEntry(502, { method: 'GET', path: undefined }, 'boom')).toBe(
      'http-error-kit: 502 Bad Gateway, GET -\nboom',
    );
    let deep: unknown = 'root';
    for (let i = 0; i < 20; i++) deep = { name: 'E', message: String(i), cause: deep };
    expect(logEntry(500, undefined, deep).split('\n')).toHaveLength(9);
  });

  it('takes the path of a target or URL, never its query or fragment', () => {
    expect(pathOf('/a/b?x=1')).toBe('/a/b');
    expect(pathOf('https://api.example.com/a#f')).toBe('/a');
    expect(pathOf('https://api.example.com')).toBe('/');
    expect(pathOf(42)).toBeUndefined();
  });
});
