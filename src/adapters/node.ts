// Adapter entry `http-error-kit/node`: writes rendered errors on node:http responses.
// Only types come from node:http; nothing of Node is loaded at runtime but `Buffer`.

/// <reference types="node" />

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpError } from '../errors/http-error.js';
import type { RenderOptions } from '../render/render-error.js';
import { abort, answer } from './node-response.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * Options of {@link sendError}: those of `renderError`, plus the request.
 *
 * @example
 * const options: SendErrorOptions = {
 *   req,
 *   extensions: { traceId: String(req.headers['x-request-id']) },
 *   onError: (error) => console.error(error.status, error.cause ?? error),
 * };
 * sendError(res, new ForbiddenError(), options);
 */
export interface SendErrorOptions extends RenderOptions {
  /**
   * The request being answered. Gives `accept` when it is not set, and lets an unread request
   * body be drained (or the connection closed). Default `res.req`, which node:http sets on
   * every response it creates. (`method` is not needed: node:http itself leaves the body out
   * of the answer to a HEAD.)
   */
  req?: IncomingMessage | undefined;
  /**
   * The largest unread request body, by its `Content-Length`, that is read and discarded so
   * that the keep-alive connection can serve the next request. A larger body, or one of unknown
   * length (chunked), gets `Connection: close` instead. Default 1 MiB (`1_048_576`).
   */
  drainLimit?: number | undefined;
  /**
   * Adds a `traceId` member to every problem, 5xx included, and passes the same id to
   * `onError`: with `true`, the trace-id of the request's W3C `traceparent` (version 00, 32
   * lower-case hex digits, not all zeros) or, when there is no valid one, a fresh random id
   * (32 hex digits); with a function of the request, the string it returns (or, when it
   * returns none, the same as `true`).
   */
  traceId?: boolean | ((req: IncomingMessage) => string | undefined) | undefined;
  /**
   * Called with the normalized error and the original thrown value, and the request and the
   * trace id when there are, e.g. to log them. It may be `async`: whatever it throws or rejects
   * with is swallowed. Without it, 5xx errors are logged to `console.error`; `false` turns
   * that off.
   */
  onError?:
    | ((error: HttpError, original: unknown, req?: IncomingMessage, traceId?: string) => unknown)
    | false
    | undefined;
}

/**
 * Writes an error response on a node:http `ServerResponse`, rendered by `renderError`
 * (content negotiation, redaction, required headers). Never throws.
 *
 * - Header fields set earlier that describe a representation (every `Content-*` field except
 *   `Content-Security-Policy` and `Content-Security-Policy-Report-Only`; `ETag`,
 *   `Last-Modified`, `Transfer-Encoding`) are removed; the others, such as CORS fields, are kept.
 * - `Content-Length` is the byte length of the body; a `HEAD` request gets the headers a `GET`
 *   would, with the same `Content-Length` (RFC 9110 §8.6, §9.3.2), and no body. Whether there is
 *   a body is node:http's decision, by the method the request had on the wire: a `req.method`
 *   rewritten to `HEAD` by a method-override middleware still gets the body its
 *   `Content-Length` announces, so the connection stays in step.
 * - A `Vary` set earlier is merged with the rendered one (`Vary: Accept` when the format was
 *   negotiated): each member once.
 * - `accept` defaults to that of the request: `options.req`, else `res.req`; `method` is not
 *   used (see above).
 * - A request body that was not read is drained when its `Content-Length` is at most
 *   `drainLimit`, so the keep-alive connection can be reused; otherwise the response carries
 *   `Connection: close`.
 * - When the headers were already sent, a second response cannot be written: the response is
 *   destroyed, so the client sees a broken response instead of a truncated one that looks valid.
 * - When the response has ended already, nothing is written or destroyed.
 *
 * In the last two cases `onError` is still called, so the error is reported. Without `onError`,
 * each 5xx, and each error after the headers were sent, is written once to `console.error`
 * as one line of JSON (`toLog`'s entry, with method, path and trace id); `onError: false` turns
 * that off.
 *
 * @param res - the response to write on
 * @param err - anything thrown; normalized by `toHttpError`
 * @param options - see {@link SendErrorOptions}
 *
 * @example
 * import { createServer } from 'node:http';
 * import { ForbiddenError } from 'http-error-kit';
 * import { sendError } from 'http-error-kit/node';
 *
 * createServer((req, res) => {
 *   sendError(res, new ForbiddenError('You do not have permission to delete user data.'), {
 *     req,
 *   });
 * }).listen(3000);
 */
export function sendError(res: ServerResponse, err: unknown, options?: SendErrorOptions): void {
  try {
    const req = options?.req ?? (res.req as IncomingMessage | undefined);
    // `traceId` resolved for this request into `extensions` and `onError`.
    const resolved = options?.traceId
      ? forRequest(options, req, req?.headers.traceparent)
      : options;
    answer(res, err, resolved, req);
  } catch {
    abort(res);
  }
}

/**
 * A node:http request listener, synchronous or `async`.
 *
 * @example
 * const listener: NodeListener = async (req, res) => {
 *   res.end('ok');
 * };
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Options of {@link handle}: the `PerRequestOptions` of node:http's request (`instance`,
 * `extensions`, `traceId` and `onError` get the request), plus `drainLimit`.
 *
 * @example
 * const options: HandleOptions = {
 *   instance: (req) => req.url,
 *   traceId: true,
 *   debug: process.env.NODE_ENV === 'development',
 *   onError: (error, original, req) => {
 *     if (error.status >= 500) console.error(req.method, req.url, original);
 *   },
 * };
 */
export interface HandleOptions extends PerRequestOptions<IncomingMessage> {
  /** See {@link SendErrorOptions.drainLimit}. */
  drainLimit?: number | undefined;
}

function fail(req: IncomingMessage, res: ServerResponse, err: unknown, options?: HandleOptions) {
  answer(res, err, forRequest(options, req, req.headers.traceparent), req);
}

/**
 * Wraps a node:http listener so that what it throws, or the promise it returns rejects with,
 * becomes an error response written by {@link sendError}. The returned listener never throws
 * and never rejects.
 *
 * @param listener - the listener to wrap
 * @param options - see {@link HandleOptions}
 *
 * @example
 * import { createServer } from 'node:http';
 * import { ForbiddenError } from 'http-error-kit';
 * import { handle } from 'http-error-kit/node';
 *
 * createServer(
 *   handle(
 *     async (req, res) => {
 *       if (req.headers.authorization !== 'Bearer admin') throw new ForbiddenError();
 *       res.end('welcome');
 *     },
 *     { instance: (req) => req.url },
 *   ),
 * ).listen(3000);
 */
export function handle(
  listener: NodeListener,
  options?: HandleOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let result: void | Promise<void>;
    try {
      result = listener(req, res);
    } catch (err) {
      fail(req, res, err, options);
      return;
    }
    if ((typeof result === 'object' && result !== null) || typeof result === 'function') {
      // Promise.resolve settles once, also for a thenable whose `then` throws or calls back
      // twice; a `then` that cannot be read is a rejection too.
      try {
        Promise.resolve(result).then(undefined, (err: unknown) => fail(req, res, err, options));
      } catch (err) {
        fail(req, res, err, options);
      }
    }
  };
}
