import { type ErrorHandler, Hono, type NotFoundHandler } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { ForbiddenError, MethodNotAllowedError, NotFoundError } from 'http-error-kit';
import { toResponse } from 'http-error-kit/fetch';

/** Every error, HTTPException included, as problem details. */
export const onError: ErrorHandler = (err, c) => toResponse(err, { request: c.req.raw });

/** A request that no route took: a 404 problem. */
export const notFound: NotFoundHandler = (c) =>
  toResponse(new NotFoundError(), { request: c.req.raw });

export const app = new Hono();
app.onError(onError);
app.notFound(notFound);

// A known path with the wrong method: 405 with Allow (Hono answers 404 by default).
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (c, allow) =>
      toResponse(new MethodNotAllowedError({ allow }), { request: c.req.raw }),
  }),
);

// Hono's own middleware throws HTTPException: basicAuth's 401 keeps its Basic challenge.
app.use('/admin/*', basicAuth({ username: 'admin', password: 'secret', realm: 'admin' }));
app.get('/admin/dashboard', (c) => c.json({ widgets: ['users', 'billing'] }));

app.delete('/user-data/:id', (c) => {
  if (!c.req.header('authorization')) {
    throw new HTTPException(401, { message: 'Sign in to delete user data.' });
  }
  throw new ForbiddenError('You do not have permission to delete user data.');
});
