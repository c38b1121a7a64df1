import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { ForbiddenError, MethodNotAllowedError } from 'http-error-kit';
import { notFound, onError } from 'http-error-kit/hono';

export const app = new Hono();
app.onError(onError({ instance: (c) => c.req.path }));
app.notFound(notFound());

// A known path with the wrong method: 405 with Allow (Hono answers 404 by default).
app.use(
  methodNotAllowed({
    app,
    onMethodNotAllowed: (_c, allow) => {
      throw new MethodNotAllowedError({ allow });
    },
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
