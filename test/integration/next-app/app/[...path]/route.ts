// The integration matrix's routes behind `handle` of http-error-kit/next: no annotation on the
// request, so it is a NextRequest (Next's build checks this module's exports against it).
import {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from 'http-error-kit';
import { handle } from 'http-error-kit/next';
import { matrixRoutes } from '../../routes.mjs';

const routeOf = matrixRoutes({
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
});

const matrix = handle(async (request) => {
  const { pathname } = request.nextUrl;
  if (pathname === '/ok') return new Response('ok', { headers: { 'content-type': 'text/plain' } });
  const route = routeOf(pathname);
  if (!route) throw new Error(`no route ${pathname}`);
  if (route.async) await Promise.resolve();
  throw route.thrown;
});

export const GET = matrix;
export const HEAD = matrix;
export const POST = matrix;
