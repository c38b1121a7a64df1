// Adapter entry `http-error-kit/express`: error-handling middleware for Express 4 and 5.
// No import of express, not even of its types: the declarations use node:http's, which every
// Express request and response extends, so consumers do not need @types/express.

/// <reference types="node" />

import type { IncomingMessage, ServerResponse } from 'node:http';
import { NotFoundError } from '../errors/classes.js';
import type { HttpError } from '../errors/http-error.js';
import type { RenderOptions } from '../render/render-error.js';
import { type SendErrorOptions, sendError } from './node.js';
import { requestMembers, traceIdFor } from './per-request.js';
import { pathOf, reportUnanswered } from './report.js';

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
 * Options of {@link errorHandler} and {@link notFound}: those of `renderError` (see
 * {@link SendErrorOptions}), with `instance` and `extensions` also as functions of the request,
 * and the request as third argument of `onError`.
 * A function that throws counts as absent, and so does one that returns a value of the wrong
 * type. `accept` and `method` always come from the request.
 *
 * @typeParam Req - the request type the functions receive, e.g. Express's own `Request`
 *
 * @example
 * const options: ErrorHandlerOptions = {
 *   instance: (req) => req.originalUrl,
 *   extensions: (req) => ({ traceId: req.headers['x-request-id'] }),
 *   onError: (error, original, req) => {
 *     if (error.status >= 500) console.error(req.method, req.originalUrl, original);
 *   },
 * };
 */
export interface ErrorHandlerOptions<Req extends IncomingMessage = ExpressRequest>
  extends Omit<RenderOptions, 'accept' | 'method' | 'instance' | 'extensions' | 'onError'> {
  /** `instance` for errors that have none, e.g. the request path, or a function computing it. */
  instance?: string | ((req: Req) => string | undefined) | undefined;
  /** Request-level members of every problem, e.g. `{ traceId }`, or a function computing them. */
  extensions?:
    | Readonly<Record<string, unknown>>
    | ((req: Req) => Readonly<Record<string, unknown>> | undefined)
    | undefined;
  /**
   * Called with the normalized error, the original thrown value, the request and the trace id
   * (with `traceId`), e.g. to log them. It may be `async`: what it throws, or its promise rejects
   * with, is swallowed, since reporting must never break the response. Without it, each 5xx (and
   * each error after the headers were sent) is written once to `console.error` as one line of
   * JSON: `toLog`'s entry, with method, path and trace id; `false` turns that off.
   */
  onError?:
    | ((error: HttpError, original: unknown, req: Req, traceId?: string) => unknown)
    | false
    | undefined;
  /**
   * The largest unread request body, by its `Content-Length`, that is drained so the
   * connection can be reused; see {@link SendErrorOptions.drainLimit}. Default 1 MiB.
   */
  drainLimit?: number | undefined;
  /**
   * Adds a `traceId` member to every problem, 5xx included, and passes the same id to
   * `onError`: `true` takes it from a valid W3C `traceparent` or makes a fresh random one; a
   * function of the request returns it (see {@link SendErrorOptions.traceId}).
   */
  traceId?: boolean | ((req: Req) => string | undefined) | undefined;
}

function send<Req extends IncomingMessage>(
  req: Req,
  res: ServerResponse,
  err: unknown,
  options: ErrorHandlerOptions<Req> | undefined,
): void {
  const { instance, extensions, onError, traceId, ...rest } = options ?? {};
  const id = traceIdFor(traceId, req, req.headers.traceparent);
  // Not `{ ...rest, …, req }`: V8 adds a property to the copy a leading spread makes on a slow
  // path, about a microsecond each; spreading into a literal that has `req` already is fast.
  const sendOptions: SendErrorOptions = {
    req: undefined,
    ...rest,
    ...requestMembers(instance, extensions, onError, req, id),
  };
  sendOptions.req = req;
  sendError(res, err, sendOptions);
}

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
    if (res.headersSent) {
      // Reported here (onError, or the default log), then handed on: Express's own handler
      // closes the connection.
      // The trace id too: no response carries it, but the log or onError can name the
      // traceparent's trace.
      const id = traceIdFor(options?.traceId, req, req.headers.traceparent);
      const { onError, extensions } = requestMembers(
        undefined,
        undefined,
        options?.onError,
        req,
        id,
      );
      const line = { method: req.method, path: pathOf(req.originalUrl ?? req.url) };
      reportUnanswered(err, onError, line, extensions);
      next(err);
      return;
    }
    send(req as IncomingMessage as Req, res, err, options);
  };
}

/**
 * Express middleware that answers 404 Not Found problem details (no `detail`) to every request
 * that reaches it. Register it after every route and before {@link errorHandler}.
 *
 * @typeParam Req - the request type `instance` and `extensions` functions receive
 * @param options - see {@link ErrorHandlerOptions}
 *
 * @example
 * import express from 'express';
 * import { errorHandler, notFound } from 'http-error-kit/express';
 *
 * const app = express();
 * app.get('/health', (_req, res) => {
 *   res.send('ok');
 * });
 * app.use(notFound({ instance: (req) => req.originalUrl }));
 * app.use(errorHandler());
 */
export function notFound<Req extends IncomingMessage = ExpressRequest>(
  options?: ErrorHandlerOptions<Req>,
): (req: ExpressRequest, res: ServerResponse, next: NextFunction) => void {
  return (req, res, _next) => {
    send(req as IncomingMessage as Req, res, new NotFoundError({ stack: false }), options);
  };
}
