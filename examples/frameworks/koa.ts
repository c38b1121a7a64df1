import Router from '@koa/router';
import { ForbiddenError } from 'http-error-kit';
import { errorMiddleware } from 'http-error-kit/koa';
import Koa from 'koa';

export const app = new Koa();
app.use(errorMiddleware());

const router = new Router();
router.delete('/user-data/:id', (ctx) => {
  const token = ctx.get('authorization');
  if (!token) {
    ctx.throw(401, 'Sign in to delete user data.', {
      headers: { 'WWW-Authenticate': 'Bearer realm="api"' },
    });
  }
  if (token !== `Bearer user-${ctx.params.id}`) {
    throw new ForbiddenError('You do not have permission to delete user data.');
  }
  ctx.status = 204;
});

// A known path with another method: 405 with the Allow the router computed.
app.use(router.routes()).use(router.allowedMethods());
