import type { HttpError } from '../errors/http-error.js';
import { release } from '../internal/hooks.js';
import { randomTraceId, traceparentId } from '../observability/trace-id.js';
import type { RenderOptions } from '../render/render-error.js';

/**
 * Options of the framework entries (`http-error-kit/hono`, `/koa`, `/fastify`, `/nest`): those
 * of `renderError`, with `instance` and `extensions` also as functions of the framework's
 * request object, and that object as third argument of `onError`. A function that throws, or
 * returns a value of the wrong type, counts as absent. `accept` and `method` always come from
 * the request. Every member may also be given as `undefined`.
 *
 * @typeParam Req - what the functions receive: Hono's `Context`, Koa's `Context`, Fastify's
 *   request, Nest's `ArgumentsHost`
 *
 * @example
 * const options: PerRequestOptions<{ path: string; get(name: string): string }> = {
 *   instance: (ctx) => ctx.path,
 *   extensions: (ctx) => ({ traceId: ctx.get('x-request-id') }),
 *   onError: (error, original, ctx) => {
 *     if (error.status >= 500) console.error(ctx.path, original);
 *   },
 * };
 */
export interface PerRequestOptions<Req>
  extends Omit<RenderOptions, 'accept' | 'method' | 'instance' | 'extensions' | 'onError'> {
  /** `instance` for errors that have none, e.g. the request path, or a function computing it. */
  instance?: string | ((req: Req) => string | undefined) | undefined;
  /** Request-level members of every problem, e.g. `{ traceId }`, or a function computing them. */
  extensions?:
    | Readonly<Record<string, unknown>>
    | ((req: Req) => Readonly<Record<string, unknown>> | undefined)
    | undefined;
  /**
   * Called with the normalized error, the original thrown value and the request, e.g. to log
   * them. Whatever it throws is swallowed: reporting must never break the response.
   */
  onError?: ((error: HttpError, original: unknown, req: Req) => void) | undefined;
}

/**
 * The request-level render members every adapter accepts as a value or as a function of the
 * request: `instance` (e.g. the path) and `extensions` (e.g. a trace id), and `onError`, which
 * the adapters call with the request as third argument.
 */
export interface RequestMembers {
  instance?: string;
  extensions?: Readonly<Record<string, unknown>>;
  onError?: ((error: HttpError, original: unknown) => unknown) | false;
}

/**
 * The correlation id of one request for the adapters' `traceId` option: with `true`, the
 * trace-id of a valid W3C `traceparent` (version 00) or else a fresh random one; with a
 * function, the string it returns (and, when it returns none, the same as `true`). Absent
 * otherwise. Never throws.
 */
export function traceIdFor(
  option: unknown,
  req: unknown,
  traceparent: unknown,
): string | undefined {
  if (option !== true && typeof option !== 'function') return undefined;
  const own = evaluate(option, req);
  return typeof own === 'string' && own !== ''
    ? own
    : (traceparentId(traceparent) ?? randomTraceId());
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

/**
 * Resolves `instance` and `extensions` for one request, and binds `onError` to it (the request
 * and the trace id as third and fourth arguments). A `traceId` is added to the extensions as
 * the `traceId` member. A function that throws or returns a promise, or a value of the wrong
 * type, counts as absent: rendering an error must not fail or wait because of them.
 */
export function requestMembers(
  instance: unknown,
  extensions: unknown,
  onError: unknown,
  req: unknown,
  traceId?: string,
): RequestMembers {
  const members: RequestMembers = {};
  const i = evaluate(instance, req);
  if (typeof i === 'string') members.instance = i;
  const e = evaluate(extensions, req);
  // Checked when the problem is built (an array, a revoked Proxy count as absent there).
  if (typeof e === 'object' && e !== null)
    members.extensions = e as Readonly<Record<string, unknown>>;
  if (traceId !== undefined) {
    let merged: Record<string, unknown>;
    try {
      merged = { ...members.extensions, traceId };
    } catch {
      merged = { traceId };
    }
    members.extensions = merged;
  }
  if (typeof onError === 'function') {
    // Three arguments without a trace id, as before the option existed.
    members.onError =
      traceId === undefined
        ? (error, original) => onError(error, original, req)
        : (error, original) => onError(error, original, req, traceId);
  } else if (onError === false) {
    members.onError = false;
  }
  return members;
}
