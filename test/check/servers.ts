// The three servers the check is tested against, each a real node:http server on 127.0.0.1:
// one built with this library (every check passes), Express with http-errors and Express's
// own error handler (its known failures), and a careless hand-written one with four planted
// defects (examples/check/careless-api.ts). All of them protect their resources with the
// Bearer token TOKEN.

import http from 'node:http';
import express from 'express';
import createError from 'http-errors';
import { handle } from '../../src/adapters/node.js';
import {
  bearerChallenge,
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  UnauthorizedError,
} from '../../src/index.js';

export const TOKEN = 'user-token';

/**
 * Built with this library: /orders/42 is the caller's own order, /orders/7 someone else's
 * (a concealed 403), everything else is missing.
 */
export function libraryServer(): http.Server {
  return http.createServer(
    handle((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const auth = req.headers.authorization;
      if (auth === undefined) {
        throw new UnauthorizedError({ challenge: bearerChallenge({ realm: 'orders' }) });
      }
      if (auth !== `Bearer ${TOKEN}`) {
        throw new UnauthorizedError({
          challenge: bearerChallenge({ realm: 'orders', error: 'invalid_token' }),
        });
      }
      if (path === '/orders/7') throw new ForbiddenError('Not your order.', { conceal: true });
      if (path !== '/orders/42') throw new NotFoundError();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'private' });
      res.end(JSON.stringify({ id: 42, total: 19.9 }));
    }),
  );
}

/**
 * Express with http-errors and no error handler of its own, so Express's default handler
 * (finalhandler) writes every error: the most common setup there is. `env` is Express's
 * setting: `'development'` (its default) shows stacks, `'production'` does not.
 */
export function expressServer(env: 'development' | 'production'): http.Server {
  const app = express();
  app.set('env', env);
  app.get('/orders/:id', (req, res, next) => {
    const auth = req.headers.authorization;
    if (auth === undefined) return next(createError(401, 'Log in first'));
    if (auth !== `Bearer ${TOKEN}`) return next(createError(401, 'Invalid token'));
    if (req.params.id !== '42') return next(createError(404, 'No such order'));
    res.json({ id: 42, total: 19.9 });
  });
  return http.createServer(app);
}

/**
 * Written by hand, carefully except for four planted defects: a stack trace in a 500, a 405
 * without Allow, an HTML body labelled JSON, and a 403 where a missing resource gets 404.
 * Everything else is right (challenges, nosniff, no-store), so that nothing else is reported.
 * It is the example of docs/checking-an-api.md.
 */
export { carelessApi as carelessServer } from '../../examples/check/careless-api.js';
