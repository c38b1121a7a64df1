// Adapter entry `http-error-kit/hono`: Hono's error and not-found hooks. Only Hono's types are
// imported; the responses are made by `toResponse` of the fetch entry from `c.req.raw`.

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { NotFoundError } from '../errors/classes.js';
import { toResponse } from './fetch/server.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * Options of {@link onError} and {@link notFound}: the `PerRequestOptions` of Hono's `Context`
 * (`instance`, `extensions`, `traceId` and `onError` get the context).
 *
 * @example
 * const options: HonoOptions = {
 *   instance: (c) => c.req.path,
 *   traceId: (c) => c.req.header('x-request-id'),
 * };
 */
export type HonoOptions = PerRequestOptions<Context>;

function respond(err: unknown, c: Context, options: HonoOptions | undefined): Response {
  // Without `onError`, toResponse writes the default log entry of a 5xx.
  return toResponse(err, {
    ...forRequest(options, c, c.req.header('traceparent')),
    request: c.req.raw,
  });
}

/**
 * Hono's `app.onError` hook, answering every error with problem details negotiated from the
 * request: our errors, Hono's `HTTPException` (its status, the header fields of its `res` such
 * as `basicAuth`'s `WWW-Authenticate`, and its message below 500; the exception stays the
 * `cause`), and anything else as a redacted 500. A `HEAD` request gets the headers only.
 *
 * @param options - see {@link HonoOptions}
 *
 * @example
 * import { Hono } from 'hono';
 * import { ForbiddenError } from 'http-error-kit';
 * import { notFound, onError } from 'http-error-kit/hono';
 *
 * const app = new Hono();
 * app.onError(onError());
 * app.notFound(notFound());
 * app.delete('/user-data/:id', () => {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * });
 */
export function onError(options?: HonoOptions): ErrorHandler {
  return (err, c) => respond(err, c, options);
}

/**
 * Hono's `app.notFound` hook: a 404 problem (no `detail`) for a request no route took.
 *
 * @param options - see {@link HonoOptions}
 *
 * @example
 * import { Hono } from 'hono';
 * import { notFound, onError } from 'http-error-kit/hono';
 *
 * const app = new Hono();
 * app.onError(onError());
 * app.notFound(notFound({ instance: (c) => c.req.path }));
 */
export function notFound(options?: HonoOptions): NotFoundHandler {
  return (c) => respond(new NotFoundError({ stack: false }), c, options);
}
