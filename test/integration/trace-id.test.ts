// The adapters' `traceId` option on real servers: node:http `handle` and `sendError`, Express 4
// and 5 `errorHandler` and `notFound`, the Fetch `handle` and `toResponse` behind a node:http
// bridge, and the Hono, Koa and Fastify entries. The id comes from a valid W3C traceparent or is fresh and random, reaches
// onError, and is on redacted 5xx bodies.

import type http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
// @ts-expect-error: the Express 4 alias has no types of its own; it is used through Express 5's.
import express4Untyped from 'express4';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { afterAll, describe, expect, it } from 'vitest';
import { errorHandler, notFound } from '../../src/adapters/express.js';
import { errorPlugin } from '../../src/adapters/fastify.js';
import { handle as fetchHandle, toResponse } from '../../src/adapters/fetch/index.js';
import { notFound as honoNotFound, onError as honoOnError } from '../../src/adapters/hono.js';
import { errorMiddleware } from '../../src/adapters/koa.js';
import { handle as nodeHandle, sendError } from '../../src/adapters/node.js';
import { ForbiddenError } from '../../src/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { fetchBridge } from './servers.js';

const express4 = express4Untyped as typeof express;

afterAll(closeServers);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const HEX32 = /^[\da-f]{32}$/;

type Seen = { traceId: string | undefined; status: number; requestSeen: boolean }[];
type TraceOption = true | ((req: unknown) => string | undefined);

/** A server whose `/crash` throws a TypeError and `/forbidden` a ForbiddenError. */
type Make = (traceId: TraceOption, seen: Seen) => http.Server | http.RequestListener;

const fail = (path: string | undefined) => {
  if (path?.startsWith('/forbidden')) throw new ForbiddenError('Not yours.');
  throw new TypeError('secret internals');
};

function record(seen: Seen) {
  return (error: { status: number }, _original: unknown, req: unknown, traceId?: string) => {
    seen.push({ traceId, status: error.status, requestSeen: req !== undefined });
  };
}

function expressApp(make: () => express.Express, traceId: TraceOption, seen: Seen) {
  const app = make();
  app.get(/^\/(crash|forbidden)/, (req) => fail(req.path));
  app.use(notFound());
  app.use(errorHandler({ traceId, onError: record(seen) }));
  return app as unknown as http.RequestListener;
}

const SERVERS: [string, Make][] = [
  [
    'node:http handle',
    (traceId, seen) =>
      nodeHandle(
        (req) => {
          if (req.url === '/none') throw Object.assign(new Error('x'), { status: 404 });
          fail(req.url);
        },
        { traceId, onError: record(seen) },
      ),
  ],
  [
    'node:http sendError',
    (traceId, seen) => (req, res) => {
      try {
        if (req.url === '/none') throw Object.assign(new Error('x'), { status: 404 });
        fail(req.url);
      } catch (err) {
        sendError(res, err, { traceId, onError: record(seen) });
      }
    },
  ],
  ['Express 4', (traceId, seen) => expressApp(express4, traceId, seen)],
  ['Express 5', (traceId, seen) => expressApp(express, traceId, seen)],
  [
    'Fetch handle',
    (traceId, seen) =>
      fetchBridge(
        fetchHandle(
          (request: Request) => {
            const { pathname } = new URL(request.url);
            if (pathname === '/none') throw Object.assign(new Error('x'), { status: 404 });
            return fail(pathname);
          },
          { traceId, onError: record(seen) },
        ),
      ),
  ],
  [
    'Fetch toResponse',
    (traceId, seen) =>
      fetchBridge(async (request) => {
        try {
          const { pathname } = new URL(request.url);
          if (pathname === '/none') throw Object.assign(new Error('x'), { status: 404 });
          return fail(pathname);
        } catch (err) {
          return toResponse(err, { request, traceId, onError: record(seen) });
        }
      }),
  ],
  [
    'Hono onError, notFound',
    (traceId, seen) => {
      const app = new Hono();
      app.onError(honoOnError({ traceId, onError: record(seen) }));
      app.notFound(honoNotFound({ traceId, onError: record(seen) }));
      app.get('/crash', (c) => fail(c.req.path));
      app.get('/forbidden', (c) => fail(c.req.path));
      return getRequestListener(app.fetch);
    },
  ],
  [
    'Koa errorMiddleware',
    (traceId, seen) => {
      const app = new Koa();
      app.silent = true;
      app.use(errorMiddleware({ traceId, onError: record(seen) }));
      app.use((ctx) => {
        if (ctx.path !== '/none') fail(ctx.path);
      });
      return app.callback();
    },
  ],
  [
    'Fastify errorPlugin',
    (traceId, seen) => {
      const app = Fastify();
      app.register(errorPlugin, { traceId, onError: record(seen) });
      app.get('/crash', (request) => fail(request.url));
      app.get('/forbidden', (request) => fail(request.url));
      // Fastify's own router as a node:http listener, once the plugin is loaded.
      return (req, res) => void app.ready().then(() => app.routing(req, res));
    },
  ],
];

describe.each(SERVERS)('traceId on %s', (_, make) => {
  it('true: the trace-id of a valid traceparent, on a redacted 5xx and in onError', async () => {
    const seen: Seen = [];
    const origin = await listen(make(true, seen));
    const res = await fetch(`${origin}/crash`, { headers: { traceparent: TRACEPARENT } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      traceId: TRACE_ID,
    });
    expect(seen).toEqual([{ traceId: TRACE_ID, status: 500, requestSeen: true }]);
  });

  it('true: a fresh random id without a valid traceparent, the same in body and onError', async () => {
    const seen: Seen = [];
    const origin = await listen(make(true, seen));
    const bodies: { traceId: string }[] = [];
    for (const traceparent of [undefined, `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, 'junk']) {
      const headers: Record<string, string> = traceparent ? { traceparent } : {};
      const res = await fetch(`${origin}/forbidden`, { headers });
      expect(res.status).toBe(403);
      bodies.push(await res.json());
    }
    const ids = bodies.map((b) => b.traceId);
    for (const id of ids) expect(id).toMatch(HEX32);
    expect(new Set(ids).size).toBe(3);
    expect(seen.map((s) => s.traceId)).toEqual(ids);
    expect(bodies[0]).toMatchObject({ status: 403, detail: 'Not yours.' });
  });

  it('a function of the request gives the id; when it gives none, as true', async () => {
    const seen: Seen = [];
    const fromHeader = (req: unknown) => {
      // Hono's Context has the request under `req`; the others have `headers`.
      const hono = (req as { req?: { header(name: string): string | undefined } }).req;
      if (typeof hono?.header === 'function') return hono.header('x-request-id');
      const r = req as { headers: Headers | http.IncomingHttpHeaders };
      const value =
        typeof (r.headers as Headers).get === 'function'
          ? (r.headers as Headers).get('x-request-id')
          : (r.headers as http.IncomingHttpHeaders)['x-request-id'];
      return typeof value === 'string' ? value : undefined;
    };
    const origin = await listen(make(fromHeader, seen));
    const own = await fetch(`${origin}/crash`, { headers: { 'x-request-id': 'req-42' } });
    expect((await own.json()).traceId).toBe('req-42');
    const none = await fetch(`${origin}/crash`, { headers: { traceparent: TRACEPARENT } });
    expect((await none.json()).traceId).toBe(TRACE_ID);
    expect(seen.map((s) => s.traceId)).toEqual(['req-42', TRACE_ID]);
  });

  it('a function that throws counts as giving none', async () => {
    const seen: Seen = [];
    const origin = await listen(
      make(() => {
        throw new Error('broken');
      }, seen),
    );
    const res = await fetch(`${origin}/crash`);
    expect(res.status).toBe(500);
    expect((await res.json()).traceId).toMatch(HEX32);
  });

  it('not found answers carry it too', async () => {
    const seen: Seen = [];
    const origin = await listen(make(true, seen));
    const res = await fetch(`${origin}/none`, { headers: { traceparent: TRACEPARENT } });
    expect(res.status).toBe(404);
    expect((await res.json()).traceId).toBe(TRACE_ID);
  });
});

describe('without traceId', () => {
  it('nothing is added', async () => {
    const origin = await listen(nodeHandle((req) => fail(req.url)));
    const res = await fetch(`${origin}/crash`, { headers: { traceparent: TRACEPARENT } });
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
  });

  it('the extensions of the request are kept beside it; traceId wins', async () => {
    const origin = await listen(
      nodeHandle((req) => fail(req.url), {
        traceId: true,
        extensions: { region: 'eu', traceId: 'overridden' },
      }),
    );
    const res = await fetch(`${origin}/crash`, { headers: { traceparent: TRACEPARENT } });
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      region: 'eu',
      traceId: TRACE_ID,
    });
  });
});
