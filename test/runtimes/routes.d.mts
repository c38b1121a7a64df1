// Types of routes.mjs, for the TypeScript tests that import it.

import type {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/index.js';

export declare const SEED: string;

/** The error classes the routes throw: the source's, or those of dist/. */
export interface RouteErrors {
  ForbiddenError: typeof ForbiddenError;
  MethodNotAllowedError: typeof MethodNotAllowedError;
  TooManyRequestsError: typeof TooManyRequestsError;
  UnauthorizedError: typeof UnauthorizedError;
}

/** What the route of a path throws, and whether it rejects with it from an async function. */
export interface Route {
  thrown: unknown;
  async: boolean;
}

/** The routes, made with the given classes: the route of a path, `undefined` for none. */
export declare function matrixRoutes(errors: RouteErrors): (pathname: string) => Route | undefined;
