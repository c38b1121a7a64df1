// Adapter entry `http-error-kit/next`: Next.js App Router route handlers. Only Next's types are
// imported; at run time this is `handle` of the fetch entry with Next's control-flow errors
// rethrown, recognized by their `digest` the way Next itself recognizes them.

import type { NextRequest } from 'next/server.js';
import { type HandleOptions, handle as handleFetch, type RequestLike } from './fetch/server.js';

/**
 * The second argument Next.js passes a route handler when the handler does not say which
 * route it is for: the dynamic segments, as a promise (Next 15 and later).
 *
 * @example
 * export const GET = handle(async (_request, context: NextRouteContext) => {
 *   const { id } = await context.params;
 *   return Response.json({ id });
 * });
 */
export interface NextRouteContext {
  /** The route's dynamic segments, e.g. `{ id: '123' }` for `app/user-data/[id]/route.ts`. */
  params: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Options of {@link handle}: those of `handle` of `http-error-kit/fetch`. Next's control-flow
 * errors are always rethrown; `rethrow` may name more values to rethrow.
 *
 * @typeParam R - the request type of the wrapped handler
 *
 * @example
 * const options: NextHandleOptions = {
 *   instance: (request) => request.nextUrl.pathname,
 *   onError: (error, original, request) => {
 *     if (error.status >= 500) console.error(request.method, request.url, original);
 *   },
 * };
 */
export type NextHandleOptions<R extends RequestLike = NextRequest> = HandleOptions<R>;

// Digests of Next's signals that do not start with `NEXT_` (those that do are NEXT_REDIRECT,
// NEXT_HTTP_ERROR_FALLBACK;404|403|401, NEXT_PRERENDER_INTERRUPTED, NEXT_STATIC_GEN_BAILOUT).
const SIGNALS = new Set([
  'DYNAMIC_SERVER_USAGE',
  'BAILOUT_TO_CLIENT_SIDE_RENDERING',
  'HANGING_PROMISE_REJECTION',
]);

/**
 * Whether a thrown value is one of Next's control-flow signals (`redirect()`, `permanentRedirect()`,
 * `notFound()`, `forbidden()`, `unauthorized()`, dynamic-usage and prerender bailouts), or an
 * error caused by one, as Next's `unstable_rethrow` decides: by the `digest` string. The cause
 * chain is followed a few steps, and an unreadable value is not a signal.
 *
 * @example
 * try {
 *   await loadDashboard();
 * } catch (err) {
 *   if (isNextSignal(err)) throw err;
 *   report(err);
 * }
 */
export function isNextSignal(thrown: unknown): boolean {
  let value = thrown;
  for (let depth = 0; depth < 8 && typeof value === 'object' && value !== null; depth++) {
    try {
      const { digest } = value as { digest?: unknown };
      if (typeof digest === 'string' && (digest.startsWith('NEXT_') || SIGNALS.has(digest))) {
        return true;
      }
      value = (value as { cause?: unknown }).cause;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Wraps an App Router route handler, `(request, context) => Response | Promise<Response>`, so
 * that whatever it throws or rejects with becomes problem details (negotiated from the
 * request, 5xx redacted), except Next's own control-flow signals ({@link isNextSignal}): those
 * are rethrown untouched, so `redirect('/login')` still redirects and `notFound()` still shows
 * the not-found page.
 *
 * The request is a `NextRequest` and the context a {@link NextRouteContext} unless the handler
 * annotates them (`context: RouteContext<'/user-data/[id]'>`); either way the exported handler
 * has the type Next's build checks route modules against.
 *
 * @typeParam R - the request type, `NextRequest` unless annotated
 * @typeParam C - the route context type, {@link NextRouteContext} unless annotated
 * @param handler - the route handler
 * @param options - see {@link NextHandleOptions}
 *
 * @example
 * // app/user-data/[id]/route.ts
 * import { ForbiddenError, UnauthorizedError } from 'http-error-kit';
 * import { handle } from 'http-error-kit/next';
 *
 * export const DELETE = handle(async (request, { params }) => {
 *   const { id } = await params;
 *   const user = request.headers.get('authorization')?.replace(/^Bearer user-/, '');
 *   if (!user) throw new UnauthorizedError('Sign in to delete user data.');
 *   if (user !== id) throw new ForbiddenError('You do not have permission to delete user data.');
 *   return new Response(null, { status: 204 });
 * });
 */
export function handle<R extends RequestLike = NextRequest, C = NextRouteContext>(
  handler: (request: R, context: C) => Response | Promise<Response>,
  options?: NextHandleOptions<R>,
): (request: R, context: C) => Promise<Response> {
  const own = options?.rethrow;
  const rethrow =
    typeof own === 'function'
      ? (thrown: unknown) => isNextSignal(thrown) || own(thrown)
      : isNextSignal;
  return handleFetch(handler, { ...options, rethrow });
}
