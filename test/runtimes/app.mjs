// The app every runtime serves, written against the BUILT package (dist/, ESM) as a user's code
// would run: the core entry and the fetch entry. Its routes are those of the integration matrix
// (test/integration/servers.ts), so the cases of test/runtimes/cases.mjs apply unchanged.
//
// Edge-safe like the entries it imports: no `node:` modules, no `process`, no `Buffer`.

import { handle } from '../../dist/adapters/fetch.js';
import {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../dist/index.js';

export const SEED = 'You do not have permission to delete user data.';

/** What each route throws (or, under /async, rejects with). */
const ROUTES = {
  '/forbidden': () => new ForbiddenError(SEED),
  '/unauthorized': () => new UnauthorizedError('Sign in first.'),
  '/unauthorized-basic': () =>
    new UnauthorizedError({ challenge: { scheme: 'Basic', params: { realm: 'matrix' } } }),
  '/scope': () => new ForbiddenError('Needs admin.', { scope: 'admin' }),
  '/concealed': () => new ForbiddenError('Owned by user 9.', { conceal: true }),
  '/method': () => new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }),
  '/limited': () => new TooManyRequestsError('Slow down.', { retryAfter: 30 }),
  '/crash': () => new Error('db password=x'),
};

/** The route of a path: `/async/forbidden` is `/forbidden`, rejected from an async function. */
export function routeOf(pathname) {
  const isAsync = pathname.startsWith('/async/');
  const make = ROUTES[isAsync ? pathname.slice('/async'.length) : pathname];
  return make ? { thrown: make(), async: isAsync } : undefined;
}

/** Which runtime answered: `Bun/1.4.4`, `Deno/2.9.6`, `Cloudflare-Workers`, `Node.js/22`. */
export function runtimeName() {
  return globalThis.navigator?.userAgent ?? 'unknown';
}

/** The Fetch handler: `handle` of the fetch entry turns every throw into an error response. */
export const fetchHandler = handle(async (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/ok') return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  if (pathname === '/runtime') return Response.json({ runtime: runtimeName() });
  const route = routeOf(pathname);
  if (!route) throw new Error(`no route ${pathname}`);
  if (route.async) await Promise.resolve();
  throw route.thrown;
});
