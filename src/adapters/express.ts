// Adapter entry `http-error-kit/express`: error-handling middleware for Express 4 and 5.
// No import of express, not even of its types: the declarations use node:http's, which every
// Express request and response extends, so consumers do not need @types/express.

/// <reference types="node" />

import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../errors/classes.js';
import type { HttpErrorOptions } from '../errors/http-error.js';
import type { SendErrorOptions } from './node.js';
import { answer } from './node-response.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * What the middleware reads of an Express request: a node:http request with Express's
 * `originalUrl`. Every Express 4 and 5 request is one.
 *
 * @example
 * const instance = (req: ExpressRequest) => req.originalUrl;
 */
export type ExpressRequest = IncomingMessage & {
  /** The URL as received, before routers stripped their mount paths. */
  originalUrl: string;
};

/**
 * Express's `next`, as the middleware calls it.
 *
 * @example
 * const skip = (next: NextFunction) => next();
 */
export type NextFunction = (err?: unknown) => void;

/**
 * Options of {@link errorHandler}: the {@link PerRequestOptions} of the request, which
 * {@link notFound} shares by handing its error to `errorHandler`, plus `drainLimit`.
 *
 * @typeParam Req - the request type the functions receive, e.g. Express's own `Request`
 *
 * @example
 * const options: ErrorHandlerOptions = {
 *   instance: (req) => req.originalUrl,
 *   extensions: (req) => ({ tenant: req.headers['x-tenant'] }),
 *   traceId: true,
 *   onError: (error, original, req) => {
 *     if (error.status >= 500) console.error(req.method, req.originalUrl, original);
 *   },
 * };
 */
export interface ErrorHandlerOptions<Req extends IncomingMessage = ExpressRequest>
  extends PerRequestOptions<Req> {
  /**
   * The largest unread request body, by its `Content-Length`, that is drained so the
   * connection can be reused; see {@link SendErrorOptions.drainLimit}. Default 1 MiB.
   */
  drainLimit?: number | undefined;
}

/**
 * Options of {@link notFound}: those of the `NotFoundError` it passes on, e.g. a `detail`, a
 * problem `type` or `headers` such as `Cache-Control`. What is request-level (`instance`,
 * `extensions`, `traceId`, `onError`) is `errorHandler`'s.
 *
 * @example
 * const options: NotFoundOptions = { detail: 'No route matches this path.' };
 */
export type NotFoundOptions = Omit<HttpErrorOptions, 'cause' | 'instance' | 'stack'>;

/**
 * Express error-handling middleware (four parameters, for Express 4 and 5) that answers with
 * problem details rendered by `renderError` and written by `sendError` of `http-error-kit/node`:
 * content negotiation, redaction of 5xx, required headers, byte-exact `Content-Length`, unread
 * request bodies drained or the connection closed.
 *
 * Errors of body-parser (`express.json()`, …) keep their status — 400 for a body that does not
 * parse, 413 over the limit, 415 for an unsupported charset or encoding — and the request body
 * is never echoed (see `toHttpError`). When the response has started already, the error is
 * reported (to `onError`, or by default to `console.error`) and goes on to `next(err)`, whose
 * default handler closes the connection.
 *
 * Register it after every route.
 *
 * @typeParam Req - the request type `instance` and `extensions` functions receive
 * @param options - see {@link ErrorHandlerOptions}
 *
 * @example
 * import express from 'express';
 * import { ForbiddenError } from 'http-error-kit';
 * import { errorHandler, notFound } from 'http-error-kit/express';
 *
 * const app = express();
 * app.use(express.json());
 * app.delete('/user-data/:id', () => {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * });
 * app.use(notFound());
 * app.use(errorHandler({ instance: (req) => req.originalUrl }));
 * app.listen(3000);
 */
export function errorHandler<Req extends IncomingMessage = ExpressRequest>(
  options?: ErrorHandlerOptions<Req>,
): (err: unknown, req: ExpressRequest, res: ServerResponse, next: NextFunction) => void {
  return (err, req, res, next) => {
    const sent = res.headersSent;
    // Once the headers are sent, `answer` reports the error (onError, or the default log; the
    // trace id too: no response carries it, but the log or onError can name the traceparent's
    // trace) and destroys the response.
    answer(res, err, forRequest(options, req, req.headers.traceparent), req);
    // Handed on then, as Express expects: its own handler closes the connection.
    if (sent) next(err);
  };
}

/**
 * Express middleware for the requests no route took: it passes a 404 `NotFoundError` (no
 * `detail` unless given) to `next`, so that {@link errorHandler} renders it with its own
 * options, `onError` and `traceId` included. Register it after every route and before
 * `errorHandler`.
 *
 * @param options - the error's options, see {@link NotFoundOptions}
 * @throws {TypeError} When the options are not valid options of a `NotFoundError`.
 *
 * @example
 * import express from 'express';
 * import { errorHandler, notFound } from 'http-error-kit/express';
 *
 * const app = express();
 * app.get('/health', (_req, res) => {
 *   res.send('ok');
 * });
 * app.use(notFound());
 * app.use(errorHandler({ instance: (req) => req.originalUrl }));
 */
export function notFound(
  options?: NotFoundOptions,
): (req: ExpressRequest, res: ServerResponse, next: NextFunction) => void {
  // Built once here so that options that do not validate throw now, naming the option.
  new NotFoundError({ ...options, stack: false });
  return (_req, _res, next) => {
    // A new error each time: errorHandler, and the hooks it calls, may see and keep it.
    next(new NotFoundError({ ...options, stack: false }));
  };
}
