// Adapter `http-error-kit/fetch`, server side: a Fetch `Response` from anything thrown
// (`toResponse`) and a wrapper for Fetch handlers (`handle`), for Deno, Bun, Cloudflare Workers,
// Hono and Next.js route handlers.
//
// Edge-safe: no `node:` imports, no `process`, no `Buffer`. The package compiles without the
// DOM lib, so the few members of `Request` and `Response` used here are declared structurally
// below, and the `Response` constructor is reached through `globalThis` at call time.

import type { HttpError } from '../../errors/http-error.js';
import { read } from '../../internal/checked.js';
import { fieldLines } from '../../internal/headers.js';
import { type RenderOptions, renderError } from '../../render/render-error.js';
import { forRequest, type PerRequestOptions } from '../per-request.js';
import { logError, pathOf } from '../report.js';

declare global {
  /**
   * The runtime's own `Response` type (DOM lib, `@types/node`, Deno, Bun, Workers). This empty
   * declaration only merges with it, so that {@link toResponse} and {@link handle} are typed
   * with the `Response` of whatever environment the consumer compiles for.
   */
  interface Response {}
}

/**
 * The members of a Fetch `Request` this adapter reads. A real `Request` (DOM, Node, Deno, Bun,
 * Workers) is one; so is anything with these members.
 *
 * @example
 * const request: RequestLike = new Request('https://api.example.com/user-data/123', {
 *   method: 'DELETE',
 *   headers: { accept: 'application/json' },
 * });
 */
export interface RequestLike {
  /** The request method, e.g. `'GET'`. */
  readonly method: string;
  /** The absolute request URL. */
  readonly url: string;
  /** The request header fields (a `Headers` object). */
  readonly headers: {
    /** A field's value (name in any case), or `null`. */
    get(name: string): string | null;
  };
}

/**
 * Options of {@link toResponse}: the {@link RenderOptions} plus the request being answered.
 *
 * @example
 * function forbidden(request: Request): Response {
 *   const options: ToResponseOptions = { request, extensions: { traceId: 'c0ffee' } };
 *   return toResponse(new ForbiddenError(), options);
 * }
 */
export interface ToResponseOptions extends RenderOptions {
  /**
   * The request being answered: its `Accept` field and method are used unless `accept` or
   * `method` are given.
   */
  request?: RequestLike | undefined;
  /**
   * Adds a `traceId` member to every problem, 5xx included, and passes the same id to
   * `onError`: with `true`, the trace-id of the request's W3C `traceparent` (version 00, 32
   * lower-case hex digits, not all zeros) or, when there is no valid one, a fresh random id
   * (32 hex digits: a `crypto.randomUUID()` without its hyphens); with a function of the
   * request, the string it returns (or, when it returns none, the same as `true`).
   */
  traceId?: boolean | ((request: RequestLike) => string | undefined) | undefined;
  /**
   * Called with the normalized error and the original thrown value, and the request and the
   * trace id when there are, e.g. to log them. Whatever it throws is swallowed.
   */
  onError?:
    | ((error: HttpError, original: unknown, request?: RequestLike, traceId?: string) => unknown)
    | false
    | undefined;
}

/**
 * Options of {@link handle}: the `PerRequestOptions` of the request (`instance`, `extensions`,
 * `traceId` and `onError` get it), plus `rethrow`; `accept` and `method`, when given, are used
 * instead of the request's.
 *
 * @typeParam R - the request type of the wrapped handler
 *
 * @example
 * const options: HandleOptions<Request> = {
 *   instance: (request) => new URL(request.url).pathname,
 *   traceId: (request) => request.headers.get('x-trace-id') ?? undefined,
 *   onError: (error, original, request) => {
 *     if (error.status >= 500) console.error(request.method, request.url, original);
 *   },
 * };
 */
export interface HandleOptions<R extends RequestLike = RequestLike>
  extends PerRequestOptions<R>,
    Pick<RenderOptions, 'accept' | 'method'> {
  /**
   * Which thrown values are not errors to answer but signals for the framework around the
   * handler (Next.js's `redirect()` and `notFound()`, for instance): those for which it returns
   * `true` are rethrown untouched, and nothing is rendered or reported for them. A predicate
   * that throws counts as `false`.
   */
  rethrow?: ((thrown: unknown) => boolean) | undefined;
}

type ResponseInit = { status: number; headers: [string, string][] };
type ResponseConstructor = new (body: string | null, init: ResponseInit) => Response;

function newResponse(body: string | null, init: ResponseInit): Response {
  const Ctor = (globalThis as unknown as { Response: ResponseConstructor }).Response;
  return new Ctor(body, init);
}

/** A header field of the request; `undefined` when there is no request or it cannot be read. */
function requestHeader(
  request: RequestLike | null | undefined,
  name: string,
): string | null | undefined {
  try {
    return request?.headers.get(name);
  } catch {
    return undefined;
  }
}

/**
 * Turns anything thrown into a Fetch `Response`: status, header fields and body come from
 * {@link renderError} (normalized, redacted, negotiated). With `request`, its `Accept` field
 * and method are used unless `accept` or `method` are given; a `HEAD` request gets a `null`
 * body with the same header fields. Several challenges or cookies are appended as separate
 * field lines: read them with `headers.getSetCookie()`, and `headers.get('www-authenticate')`
 * joins the challenges with `, `.
 *
 * Never throws, provided the runtime has a global `Response` (if constructing the rendered
 * response fails, a bare `500` response is returned).
 *
 * @example
 * export async function DELETE(request: Request): Promise<Response> {
 *   try {
 *     return await deleteUserData(request);
 *   } catch (err) {
 *     return toResponse(err, { request });
 *   }
 * }
 */
export function toResponse(err: unknown, options?: ToResponseOptions): Response {
  try {
    const request = options?.request;
    // Without `traceId` the options are used as given (a copy: accept and method are set).
    const render = options?.traceId
      ? forRequest(options, request, requestHeader(request, 'traceparent'))
      : { ...options };
    return respond(err, render, request);
  } catch {
    return failed();
  }
}

const failed = () => newResponse(null, { status: 500, headers: [['cache-control', 'no-store']] });

/**
 * The response {@link toResponse} makes, from render options already resolved for the request
 * (and set here from the request unless given: `accept`, `method`); the one `http-error-kit/hono`
 * answers with. Never throws.
 * @internal
 */
export function respond(
  err: unknown,
  render: RenderOptions,
  request: RequestLike | null | undefined,
): Response {
  try {
    // A member that cannot be read, or is not a string, counts as absent (read never throws).
    const given = read(request, 'method');
    const method = typeof given === 'string' ? given : undefined;
    if (render.accept === undefined) render.accept = requestHeader(request, 'accept');
    render.method ??= method;
    const { status, headers, body } = renderError(err, render);
    if (render.onError === undefined && status >= 500) {
      const line = request ? { method, url: pathOf(read(request, 'url')) } : undefined;
      logError(status, line, err, render.extensions);
    }
    const head = render.method?.toUpperCase() === 'HEAD';
    // Appended line by line: several challenges or cookies stay separate field lines.
    return newResponse(head ? null : body, { status, headers: fieldLines(headers) });
  } catch {
    return failed();
  }
}

/**
 * Wraps a Fetch handler `(request, ...rest) => Response | Promise<Response>` so that a
 * synchronous throw or a rejection becomes an error response ({@link toResponse} with the
 * request). The other arguments (Workers' `env` and `ctx`, Hono's `app.fetch` arguments) are
 * passed through, and keep their types.
 *
 * `instance` and `extensions` may be functions of the request; one that throws or returns the
 * wrong type counts as absent. What `rethrow` picks is rethrown rather than answered: the
 * control-flow signals of a framework around the handler (for Next.js route handlers,
 * `handle` of `http-error-kit/next` rethrows Next's own).
 *
 * @example
 * export default {
 *   fetch: handle(
 *     async (request: Request, env: { TOKEN: string }) => {
 *       if (request.headers.get('authorization') !== `Bearer ${env.TOKEN}`) {
 *         throw new UnauthorizedError('Sign in to delete user data.');
 *       }
 *       return new Response(null, { status: 204 });
 *     },
 *     { instance: (request) => new URL(request.url).pathname },
 *   ),
 * };
 */
export function handle<R extends RequestLike, A extends unknown[]>(
  handler: (request: R, ...rest: A) => Response | Promise<Response>,
  options?: HandleOptions<R>,
): (request: R, ...rest: A) => Promise<Response> {
  return async (request: R, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (err) {
      if (matches(options?.rethrow, err)) throw err;
      return respond(
        err,
        forRequest(options, request, requestHeader(request, 'traceparent')),
        request,
      );
    }
  };
}

/** Whether `predicate` (when it is a function) returns `true` for `thrown`; never throws. */
function matches(predicate: unknown, thrown: unknown): boolean {
  try {
    return typeof predicate === 'function' && predicate(thrown) === true;
  } catch {
    return false;
  }
}
