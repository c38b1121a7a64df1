import type { HttpError } from '../errors/http-error.js';
import { release } from '../internal/hooks.js';
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
  onError?: (error: HttpError, original: unknown) => void;
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
 * Resolves `instance` and `extensions` for one request, and binds `onError` to it. A function
 * that throws or returns a promise, or a value of the wrong type, counts as absent: rendering an
 * error must not fail or wait because of them.
 */
export function requestMembers(
  instance: unknown,
  extensions: unknown,
  onError: unknown,
  req: unknown,
): RequestMembers {
  const members: RequestMembers = {};
  const i = evaluate(instance, req);
  if (typeof i === 'string') members.instance = i;
  const e = evaluate(extensions, req);
  // Checked when the problem is built (an array, a revoked Proxy count as absent there).
  if (typeof e === 'object' && e !== null)
    members.extensions = e as Readonly<Record<string, unknown>>;
  if (typeof onError === 'function') {
    members.onError = (error, original) => onError(error, original, req);
  }
  return members;
}
