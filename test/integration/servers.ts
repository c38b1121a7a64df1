// The servers of the integration matrix: the same routes behind node:http `handle`, Express 4,
// Express 5, and a node:http server that bridges to a Fetch handler wrapped by `handle` of the
// fetch entry. Each listens on 127.0.0.1, port 0.

import http from 'node:http';
import express from 'express';
// @ts-expect-error: the Express 4 alias has no types of its own; it is used through Express 5's.
import express4Untyped from 'express4';
import { errorHandler } from '../../src/adapters/express.js';
import { handle as fetchHandle } from '../../src/adapters/fetch/index.js';
import { handle as nodeHandle } from '../../src/adapters/node.js';
import {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/index.js';
import { matrixRoutes } from '../runtimes/routes.mjs';

const express4 = express4Untyped as typeof express;

/** Starts a server on an ephemeral port of 127.0.0.1; resolves with its origin. */
export { listenOn as listen } from '../helpers/http.js';
export { SEED } from '../runtimes/routes.mjs';

/** The route of a path: what it throws, or under /async rejects with. */
export const routeOf = matrixRoutes({
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
});

const AFTER_HEADERS = '/after-headers';
const OK = '/ok';

function nodeListener(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void> {
  const url = req.url ?? '/';
  if (url === OK) {
    res.setHeader('content-type', 'text/plain');
    res.end('ok');
    return;
  }
  if (url === AFTER_HEADERS) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial ');
    throw new Error('failed mid-response');
  }
  const route = routeOf(url.split('?')[0] ?? '');
  if (!route) throw new Error(`no route ${url}`);
  if (route.async) return Promise.reject(route.thrown);
  throw route.thrown;
}

function expressApp(make: typeof express, version: 4 | 5) {
  const app = make();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    try {
      const result = nodeListener(req, res);
      // Express 5 passes a rejected promise on by itself; Express 4 needs next(err).
      if (result && version === 4) result.catch(next);
      return result;
    } catch (err) {
      next(err);
    }
  });
  app.use(errorHandler());
  return app;
}

const fetchApp = fetchHandle(async (request: Request) => {
  const url = new URL(request.url);
  if (url.pathname === OK) return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  if (url.pathname === AFTER_HEADERS) {
    // The Fetch world: the response has started streaming when the body fails.
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('partial '));
        controller.error(new Error('failed mid-response'));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/plain' } });
  }
  const route = routeOf(url.pathname);
  if (!route) throw new Error(`no route ${url.pathname}`);
  if (route.async) await Promise.resolve();
  throw route.thrown;
});

/**
 * A node:http server that hands every request to a Fetch handler and streams its Response back,
 * as Deno, Bun or workerd would serve it.
 */
export function fetchBridge(fetchHandler: (request: Request) => Promise<Response>): http.Server {
  return http.createServer(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    // The routes never read a request body; node:http discards an unread one after the
    // response, as a runtime's own server would.
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method ?? 'GET',
      headers,
    });
    const response = await fetchHandler(request);
    // Every field as Headers gives it (the lines of each combined), but Set-Cookie line by line.
    const fields: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) fields['set-cookie'] = cookies;
    res.writeHead(response.status, fields);
    if (!response.body) {
      res.end();
      return;
    }
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        res.write(chunk);
      }
      res.end();
    } catch {
      // The body failed after the head was sent: break the response, as sendError does.
      res.destroy();
    }
  });
}

export type ServerKind = 'node:http' | 'Express 4' | 'Express 5' | 'Fetch';

export function createMatrixServer(kind: ServerKind): http.Server {
  switch (kind) {
    case 'node:http':
      return http.createServer(nodeHandle(nodeListener));
    case 'Express 4':
      return http.createServer(expressApp(express4, 4));
    case 'Express 5':
      return http.createServer(expressApp(express, 5));
    case 'Fetch':
      return fetchBridge(fetchApp);
  }
}
