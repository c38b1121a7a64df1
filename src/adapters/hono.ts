// Adapter entry `http-error-kit/hono`: Hono's error and not-found hooks. Only Hono's types are
// imported; the responses are made by `toResponse` of the fetch entry from `c.req.raw`.

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { NotFoundError } from '../errors/classes.js';
import { isRepresentationField, mergeVary } from '../internal/headers.js';
import { toResponse } from './fetch/server.js';
import { type PerRequestOptions, requestMembers } from './per-request.js';

/**
 * Options of {@link onError} and {@link notFound}: those of `renderError`, with `instance` and
 * `extensions` also as functions of Hono's `Context`, and the context as third argument of
 * `onError` (see `PerRequestOptions`).
 *
 * @example
 * const options: HonoOptions = {
 *   instance: (c) => c.req.path,
 *   extensions: (c) => ({ traceId: c.req.header('x-request-id') }),
 * };
 */
export type HonoOptions = PerRequestOptions<Context>;

function respond(err: unknown, c: Context, options: HonoOptions | undefined): Response {
  const { instance, extensions, onError: report, ...render } = options ?? {};
  const response = toResponse(err, {
    ...render,
    ...requestMembers(instance, extensions, report, c),
    request: c.req.raw,
  });
  adopt(c, response.headers);
  return response;
}

/**
 * Hono sets the fields set on the context before the error over the response the hook returns
 * (`c.res = response`): a `Cache-Control: public` or a cookie set earlier would replace the error
 * response's own. So, as the node:http adapters do, the fields set earlier that the error
 * response has, and those of the abandoned representation, are removed from the context first,
 * and a `Vary` set earlier is merged into the error response's.
 */
function adopt(c: Context, fields: Headers): void {
  try {
    const before = c.res.headers;
    const vary = before.get('vary');
    if (vary !== null) fields.set('vary', mergeVary(vary, fields.get('vary') ?? undefined));
    for (const name of [...before.keys()]) {
      if (fields.has(name) || isRepresentationField(name)) before.delete(name);
    }
  } catch {
    // A context that cannot be read keeps its fields: the response is still the error's.
  }
}

/**
 * Hono's `app.onError` hook, answering every error with problem details negotiated from the
 * request: our errors, Hono's `HTTPException` (its status, the header fields of its `res` such
 * as `basicAuth`'s `WWW-Authenticate`, and its message below 500; the exception stays the
 * `cause`), and anything else as a redacted 500. A `HEAD` request gets the headers only.
 * Fields set on the context before the error (CORS) are kept, except those the error response
 * has itself (`Cache-Control`, `Set-Cookie`, …: the error's win) and those of the abandoned
 * representation (`Content-*`, `ETag`, `Last-Modified`); a `Vary` set before is merged with the
 * error response's `Vary: Accept`.
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
