// Types of test/runtimes/routes.mjs (copied next to this file), with the classes of the package
// as installed in the app.
import type {
  ForbiddenError,
  MethodNotAllowedError,
  TooManyRequestsError,
  UnauthorizedError,
} from 'http-error-kit';

export declare function matrixRoutes(errors: {
  ForbiddenError: typeof ForbiddenError;
  MethodNotAllowedError: typeof MethodNotAllowedError;
  TooManyRequestsError: typeof TooManyRequestsError;
  UnauthorizedError: typeof UnauthorizedError;
}): (pathname: string) => { thrown: unknown; async: boolean } | undefined;
