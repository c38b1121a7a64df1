// One server of throughput benchmarks #5 and #6, in its own process (forked by bench/http.mjs),
// so that the server and the load generator each get a core. Listens on 127.0.0.1 on a free
// port, reports it over IPC, and exits when the parent goes away or after ten minutes at most.
//
//   node bench/servers.mjs <variant>

import { createServer } from 'node:http';
import express from 'express';
import { ForbiddenError } from 'http-error-kit';
import { errorHandler } from 'http-error-kit/express';
import { handle } from 'http-error-kit/node';
import createError from 'http-errors';

export const DETAIL = 'You do not have permission to delete user data.';

// The #5 listeners write the header fields renderError writes for a 403, in its order: `vary:
// Accept` too, since renderError negotiates the format (and says so) when none is forced.
function problemBody(err) {
  return JSON.stringify({
    type: err.type,
    title: err.title,
    status: err.status,
    detail: err.detail,
  });
}

const CONSTANT_BODY = problemBody(new ForbiddenError(DETAIL));
const CONSTANT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  vary: 'Accept',
  'content-type': 'application/problem+json',
  'content-length': String(Buffer.byteLength(CONSTANT_BODY)),
};

/** Every variant, as a request listener. */
export const VARIANTS = {
  // #5 node:http
  'node handle()': () =>
    handle(() => {
      throw new ForbiddenError(DETAIL);
    }),
  'node hand-written': () => (_req, res) => {
    try {
      throw new ForbiddenError(DETAIL);
    } catch (err) {
      const body = problemBody(err);
      // A literal, not `{ ...PROBLEM_HEADERS, 'content-length': … }`: V8 adds a property to a
      // spread copy on a slow path, which would handicap the baseline.
      res.writeHead(err.status, 'Forbidden', {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        vary: 'Accept',
        'content-type': 'application/problem+json',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
    }
  },
  'node constant bytes': () => (_req, res) => {
    res.writeHead(403, 'Forbidden', CONSTANT_HEADERS);
    res.end(CONSTANT_BODY);
  },
  // #6 Express 5
  'express errorHandler()': () => {
    const app = express();
    app.get('/', () => {
      throw new ForbiddenError(DETAIL);
    });
    app.use(errorHandler());
    return app;
  },
  'express hand-written': () => {
    const app = express();
    app.get('/', () => {
      throw new ForbiddenError(DETAIL);
    });
    app.use((err, _req, res, _next) => {
      res.status(err.status).json({
        type: err.type,
        title: err.title,
        status: err.status,
        detail: err.detail,
      });
    });
    return app;
  },
  'express default + http-errors': () => {
    const app = express();
    app.get('/', () => {
      throw createError(403, DETAIL);
    });
    return app;
  },
};

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const variant = process.argv[2];
  const make = VARIANTS[variant];
  if (!make) {
    console.error(`unknown variant ${variant}; one of: ${Object.keys(VARIANTS).join(', ')}`);
    process.exit(2);
  }
  const server = createServer(make());
  server.keepAliveTimeout = 60_000;
  // Requests served and CPU time used, asked for over IPC before and after each load run: the
  // CPU time per request is what a busy shared machine cannot blur.
  let served = 0;
  server.on('request', () => {
    served++;
  });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ port: server.address().port });
  });
  process.on('message', (message) => {
    if (message === 'usage') process.send?.({ served, cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), 600_000).unref();
}
