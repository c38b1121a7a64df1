// The app every runtime serves, written against the BUILT package (dist/, ESM) as a user's code
// would run: the core entry and the fetch entry. Its routes are those of the integration matrix
// (routes.mjs, shared with test/integration/servers.ts), so the cases of test/runtimes/cases.mjs
// apply unchanged.
//
// Edge-safe like the entries it imports: no `node:` modules, no `process`, no `Buffer`.

import { handle } from '../../dist/adapters/fetch/index.js';
import {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../dist/index.js';
import { matrixRoutes } from './routes.mjs';

export { SEED } from './routes.mjs';

/** The route of a path: what it throws, or under /async rejects with. */
export const routeOf = matrixRoutes({
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
});

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
