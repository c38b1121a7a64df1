import { NotFoundError, type RenderOptions, renderError } from 'http-error-kit';
import Koa, { type Middleware } from 'koa';

/**
 * Renders whatever the middleware after it throws — `ctx.throw(403, 'msg')` included, with its
 * `status`, `expose` and `headers` — as problem details, and a request that nothing answered as
 * a 404 problem. Use it first. Errors still reach `app.on('error', …)`, as in Koa's own handler.
 */
export function problemDetails(options?: RenderOptions): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw new NotFoundError();
    } catch (err) {
      if (ctx.headerSent) throw err; // too late for an error response: Koa's handler takes it
      ctx.app.emit('error', err, ctx);
      const { status, headers, body } = renderError(err, { ...options, accept: ctx.get('accept') });
      // Fields of the representation that was not sent; CORS, Vary, Set-Cookie stay.
      for (const name of ['content-encoding', 'content-language', 'etag', 'last-modified']) {
        ctx.remove(name);
      }
      ctx.set(headers);
      ctx.status = status;
      ctx.body = body; // Koa sets Content-Length, and sends no body for HEAD
    }
  };
}

export const app = new Koa();
app.use(problemDetails());

app.use(async (ctx, next) => {
  if (ctx.path !== '/user-data/123') return next();
  const token = ctx.get('authorization');
  if (!token) {
    ctx.throw(401, 'Sign in to delete user data.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
    });
  }
  if (token !== 'Bearer user-123') {
    ctx.throw(403, 'You do not have permission to delete user data.');
  }
  ctx.status = 204;
});
