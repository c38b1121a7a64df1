// Adapter entry `http-error-kit/koa`: an upstream middleware for Koa 2 and 3. Only Koa's types
// are imported; the error response is written on node:http's response, which decides about the
// body of a HEAD.

/// <reference types="node" />

import type { Context, Middleware } from 'koa';
import { NotFoundError, NotImplementedError } from '../errors/classes.js';
import { MethodNotAllowedError } from '../errors/method-not-allowed.js';
import { isRepresentationField, withVary } from '../internal/headers.js';
import { isToken } from '../internal/syntax.js';
import { renderError } from '../render/render-error.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * Options of {@link errorMiddleware}: the `PerRequestOptions` of Koa's `Context` (`instance`,
 * `extensions`, `traceId` and `onError` get the context).
 *
 * @example
 * const options: KoaOptions = {
 *   instance: (ctx) => ctx.path,
 *   traceId: (ctx) => ctx.get('x-request-id') || undefined,
 * };
 */
export type KoaOptions = PerRequestOptions<Context>;

/** The methods of the `Allow` field @koa/router's `allowedMethods()` set. */
function allowOf(ctx: Context): string[] {
  const allow: unknown = ctx.response.get('allow');
  return (typeof allow === 'string' ? allow : '')
    .split(',')
    .map((method) => method.trim())
    .filter(isToken);
}

/**
 * The error for a response the rest of the stack left without a body: Koa's 404 for a request
 * nothing answered, @koa/router's 405 and 501 (with the `Allow` it computed); otherwise none.
 */
function unanswered(ctx: Context): Error | undefined {
  if (ctx.body !== null && ctx.body !== undefined) return undefined;
  if (ctx.status === 404) return new NotFoundError({ stack: false });
  if (ctx.status === 405) return new MethodNotAllowedError({ allow: allowOf(ctx), stack: false });
  if (ctx.status === 501) {
    const allow = allowOf(ctx).join(', ');
    return new NotImplementedError({ headers: allow ? { allow } : {}, stack: false });
  }
  return undefined;
}

function emit(ctx: Context, err: unknown): void {
  try {
    // Koa's own listener refuses anything but an Error.
    const error =
      err instanceof Error ? err : new Error(`non-error thrown: ${typeof err}`, { cause: err });
    ctx.app.emit('error', error, ctx);
  } catch {
    // A listener that throws must not break the response.
  }
}

/**
 * Koa middleware that answers with problem details whatever the middleware after it throws —
 * `ctx.throw(403, 'msg')` and http-errors errors keep their status, `expose` and `headers` —
 * and a response the stack left without a body: Koa's 404 for a request nothing answered, and
 * the 405 and 501 of @koa/router's `allowedMethods()`, with the `Allow` the router computed.
 * Register it first, so that it sees every error.
 *
 * The error response is written on node:http's response directly (`ctx.respond = false`), with
 * a byte-exact `Content-Length`; node:http leaves the body out for a request that arrived as
 * `HEAD` (a `ctx.method` rewritten to `HEAD` still gets its body, so the connection stays in
 * step). Header fields set before the error (CORS, `Set-Cookie`) are kept, a `Vary` set before
 * is merged with the rendered one; those that describe the abandoned representation
 * (`Content-*`, `ETag`, `Last-Modified`) are removed. A 5xx is emitted as the
 * app's `'error'` event, as Koa's own handler does (Koa's default listener logs it). Once the
 * headers are sent, the response is destroyed (the client sees it break off) and the error goes
 * on to Koa's own handler, which emits it.
 *
 * @param options - see {@link KoaOptions}
 *
 * @example
 * import Router from '@koa/router';
 * import { ForbiddenError } from 'http-error-kit';
 * import { errorMiddleware } from 'http-error-kit/koa';
 * import Koa from 'koa';
 *
 * const app = new Koa();
 * const router = new Router();
 * app.use(errorMiddleware({ instance: (ctx) => ctx.path }));
 * router.delete('/user-data/:id', () => {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * });
 * app.use(router.routes()).use(router.allowedMethods());
 */
export function errorMiddleware(options?: KoaOptions): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      const err = unanswered(ctx);
      if (err === undefined) return;
      throw err;
    } catch (err) {
      if (ctx.headerSent || !ctx.writable) {
        // Too late for an error response, and Koa would leave this one hanging: break it, so the
        // client sees a broken response rather than a truncated one; Koa still emits the error.
        ctx.res.destroy();
        throw err;
      }
      const { status, headers, body } = renderError(err, {
        ...forRequest(options, ctx, ctx.get('traceparent')),
        // Not `method`: a HEAD gets the Content-Length of the full body, and no body.
        accept: ctx.get('accept'),
      });
      if (status >= 500) emit(ctx, err);
      for (const name of Object.keys(ctx.response.headers)) {
        if (isRepresentationField(name)) ctx.remove(name);
      }
      // ctx.set replaces a field set earlier: a Vary set earlier (CORS) is merged in instead.
      withVary(headers, ctx.response.get('vary'));
      headers['content-length'] = String(Buffer.byteLength(body));
      ctx.set(headers);
      ctx.status = status;
      // Written here rather than by Koa, which leaves the body out whenever `ctx.method` is
      // HEAD, also when a method-override middleware set it for a POST on the wire: the client
      // would then read the next response as this body. node:http leaves the body out by the
      // method the request arrived with.
      ctx.respond = false;
      ctx.res.end(body);
    }
  };
}
