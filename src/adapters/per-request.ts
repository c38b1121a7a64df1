import type { HttpError } from '../errors/http-error.js';
import { release } from '../internal/hooks.js';
import { isObject } from '../internal/reply.js';
import { randomTraceId, traceparentId } from '../observability/trace-id.js';
import type { RenderOptions } from '../render/render-error.js';

/**
 * The options every adapter takes for a request it answers (`handle` of `http-error-kit/node`
 * and `/fetch`, `errorHandler` of `/express`, and the framework entries `/hono`, `/koa`,
 * `/fastify`, `/nest`, `/next`): those of `renderError`, with `instance` and `extensions` also
 * as functions of the framework's request, `onError` given that request and the trace id, and
 * `traceId`. A function that throws, or returns a promise or a value of the wrong type, counts
 * as absent: rendering an error must not fail or wait because of it. `accept` and `method`
 * come from the request. Every member may also be given as `undefined`.
 *
 * @typeParam Req - what the functions receive: node:http's `IncomingMessage`, Express's
 *   request, a Fetch `Request`, Hono's `Context`, Koa's `Context`, Fastify's request, Nest's
 *   `ArgumentsHost`
 *
 * @example
 * const options: PerRequestOptions<{ path: string; get(name: string): string }> = {
 *   instance: (ctx) => ctx.path,
 *   extensions: (ctx) => ({ tenant: ctx.get('x-tenant') }),
 *   traceId: true,
 *   onError: (error, original, ctx, traceId) => {
 *     if (error.status >= 500) console.error(traceId, ctx.path, original);
 *   },
 * };
 */
export interface PerRequestOptions<Req>
  extends Omit<RenderOptions, 'accept' | 'method' | 'instance' | 'extensions' | 'onError'> {
  /** `instance` for errors that have none, e.g. the request path, or a function computing it. */
  instance?: string | ((req: Req) => string | undefined) | undefined;
  /** Request-level members of every problem, e.g. `{ tenant }`, or a function computing them. */
  extensions?:
    | Readonly<Record<string, unknown>>
    | ((req: Req) => Readonly<Record<string, unknown>> | undefined)
    | undefined;
  /**
   * Called with the normalized error, the original thrown value, the request and the trace id
   * (with `traceId`), e.g. to log them. It may be `async`: what it throws, or its promise rejects
   * with, is swallowed, since reporting must never break the response. Without it, each 5xx (and
   * each error after the headers were sent) is logged: written once to `console.error` as one
   * line of JSON (`toLog`'s entry, with method, path and trace id), or the framework's way
   * (Fastify's `request.log`, Koa's `'error'` event); `false` turns the `console.error` entry off.
   */
  onError?:
    | ((error: HttpError, original: unknown, req: Req, traceId?: string) => unknown)
    | false
    | undefined;
  /**
   * Adds a `traceId` member to every problem, 5xx included, and passes the same id to
   * `onError`: with `true`, the trace-id of the request's W3C `traceparent` (version 00, 32
   * lower-case hex digits, not all zeros) or, when there is no valid one, a fresh random id
   * (32 hex digits); with a function of the request, the string it returns (or, when it
   * returns none, the same as `true`).
   */
  traceId?: boolean | ((req: Req) => string | undefined) | undefined;
}

/**
 * The request-level render members every adapter accepts as a value or as a function of the
 * request: `instance` (e.g. the path) and `extensions` (e.g. a trace id), and `onError`, which
 * the adapters call with the request and the trace id as third and fourth arguments.
 */
export interface RequestMembers {
  instance?: string | undefined;
  extensions?: Readonly<Record<string, unknown>> | undefined;
  onError?: ((error: HttpError, original: unknown) => unknown) | false | undefined;
}

function evaluate(option: unknown, req: unknown): unknown {
  if (typeof option !== 'function') return option;
  try {
    const value: unknown = option(req);
    // A promise cannot be waited for while rendering: absent (its rejection is handled).
    return release(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

type Loose = Record<string, unknown>;

/** Options resolved for one request: the per-request members are those of `renderError`. */
type Resolved<O> = Omit<O, 'instance' | 'extensions' | 'onError' | 'traceId'> & RequestMembers;

/**
 * The render options of one request, the one way every adapter resolves its options: those of
 * `options` but the per-request ones, plus `instance` and `extensions` resolved for `req`, a
 * `traceId` member added to the extensions when `traceId` asks for one (the id of the
 * request's `traceparent` value when it is a valid one, see {@link PerRequestOptions.traceId}),
 * and `onError` bound to the request (the request and the trace id as third and fourth
 * arguments). A function that throws or returns a promise, or a value of the wrong type,
 * counts as absent: rendering an error must not fail or wait because of them. Resolving
 * options already resolved changes nothing.
 */
export function forRequest<O extends PerRequestOptions<never>>(
  options: O | undefined,
  req: unknown,
  traceparent: unknown,
): Resolved<O> {
  const { instance, extensions, onError, traceId, ...render } = (options ?? {}) as Loose;
  const i = evaluate(instance, req);
  if (typeof i === 'string') render.instance = i;
  const e = evaluate(extensions, req);
  // Checked when the problem is built (an array, a revoked Proxy count as absent there).
  if (isObject(e)) render.extensions = e;
  let id: string | undefined;
  if (traceId === true || typeof traceId === 'function') {
    const own = evaluate(traceId, req);
    id =
      typeof own === 'string' && own !== '' ? own : (traceparentId(traceparent) ?? randomTraceId());
    try {
      render.extensions = { ...(render.extensions as Loose | undefined), traceId: id };
    } catch {
      render.extensions = { traceId: id };
    }
  }
  if (typeof onError === 'function') {
    // Three arguments without a trace id, as before the option existed.
    render.onError = (error: HttpError, original: unknown) =>
      id === undefined ? onError(error, original, req) : onError(error, original, req, id);
  } else if (onError === false) render.onError = false;
  return render as Resolved<O>;
}
