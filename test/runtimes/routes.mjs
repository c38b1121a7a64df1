// The routes of the integration matrix, for its servers on the source
// (test/integration/servers.ts) and the app every runtime serves from dist/ (app.mjs): the error
// classes come from the caller, so this file imports nothing and runs on every runtime.

export const SEED = 'You do not have permission to delete user data.';

/**
 * The routes, made with the given classes: `routeOf(pathname)`, what the route of a path throws
 * (`thrown`) and whether it rejects with it from an async function instead (`async`:
 * `/async/forbidden` is `/forbidden`, rejected); `undefined` for a path without a route.
 */
export function matrixRoutes({
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
}) {
  const routes = {
    '/forbidden': () => new ForbiddenError(SEED),
    '/unauthorized': () => new UnauthorizedError('Sign in first.'),
    '/unauthorized-basic': () =>
      new UnauthorizedError({ challenge: { scheme: 'Basic', params: { realm: 'matrix' } } }),
    '/challenges': () =>
      new UnauthorizedError({
        challenge: [
          { scheme: 'DPoP', params: { algs: 'ES256' } },
          { scheme: 'Bearer', params: { realm: 'matrix' } },
        ],
        headers: { 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'] },
      }),
    '/scope': () => new ForbiddenError('Needs admin.', { scope: 'admin' }),
    '/concealed': () => new ForbiddenError('Owned by user 9.', { conceal: true }),
    '/method': () => new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }),
    '/limited': () => new TooManyRequestsError('Slow down.', { retryAfter: 30 }),
    '/crash': () => new Error('db password=x'),
  };
  return function routeOf(pathname) {
    const isAsync = pathname.startsWith('/async/');
    const make = routes[isAsync ? pathname.slice('/async'.length) : pathname];
    return make ? { thrown: make(), async: isAsync } : undefined;
  };
}
