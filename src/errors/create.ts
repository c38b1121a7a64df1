import { describe, refuse } from '../internal/syntax.js';
import { type ErrorStatus, isErrorStatus } from '../status/lookup.js';
import { HttpError, type HttpErrorOptions } from './http-error.js';
import { ERROR_CLASSES, type ErrorClassMap, type ErrorOptionsMap } from './registry.js';

/**
 * The error class {@link createHttpError} returns for a status: the named class where there is
 * one, `HttpError<S>` otherwise.
 *
 * @example
 * const err: ErrorFor<404> = createHttpError(404); // NotFoundError
 */
export type ErrorFor<S extends ErrorStatus> = S extends keyof ErrorClassMap
  ? ErrorClassMap[S]
  : HttpError<S>;

/**
 * The options {@link createHttpError} accepts for a status: those of its named class.
 *
 * @example
 * const options: OptionsFor<405> = { allow: ['GET'] };
 */
export type OptionsFor<S extends ErrorStatus> = S extends keyof ErrorOptionsMap
  ? ErrorOptionsMap[S]
  : HttpErrorOptions;

/**
 * Statuses whose named class needs options, because they carry a field the specification
 * requires: `Allow` (405), `Proxy-Authenticate` (407), `Upgrade` (426).
 *
 * @example
 * const status: StatusNeedingOptions = 405; // createHttpError(405, { allow: ['GET'] })
 */
export type StatusNeedingOptions = 405 | 407 | 426;

type Constructor = new (a?: string | HttpErrorOptions, b?: HttpErrorOptions) => HttpError;

/**
 * Creates the named error class for a status: `createHttpError(404)` is a `NotFoundError`,
 * typed as such. Use it when the status is data (a table, an upstream response); when it is
 * known in the code, `new NotFoundError()` reads better.
 *
 * A status that is not a registered 4xx or 5xx code throws `TypeError`.
 *
 * @example
 * const err = createHttpError(404, 'No order 42 here.'); // NotFoundError
 * const limited = createHttpError(429, { retryAfter: 60 }); // TooManyRequestsError
 * const dynamic = createHttpError(upstream.status); // HttpError, after a runtime check
 */
export function createHttpError<S extends StatusNeedingOptions>(
  status: S,
  detail: string | undefined,
  options: OptionsFor<S>,
): ErrorFor<S>;
export function createHttpError<S extends StatusNeedingOptions>(
  status: S,
  options: OptionsFor<S>,
): ErrorFor<S>;
export function createHttpError<S extends Exclude<ErrorStatus, StatusNeedingOptions>>(
  status: S,
  detail?: string,
  options?: OptionsFor<S>,
): ErrorFor<S>;
export function createHttpError<S extends Exclude<ErrorStatus, StatusNeedingOptions>>(
  status: S,
  options?: OptionsFor<S>,
): ErrorFor<S>;
// A status known only at run time (typed `number` or `ErrorStatus`, not a literal) is checked
// at run time; literals must match one of the overloads above.
export function createHttpError<N extends number>(
  status: number extends N ? N : [ErrorStatus] extends [N] ? N : never,
  detail?: string | HttpErrorOptions,
  options?: HttpErrorOptions,
): HttpError;
export function createHttpError(
  status: number,
  detail?: string | HttpErrorOptions,
  options?: HttpErrorOptions,
): HttpError {
  if (!isErrorStatus(status)) {
    refuse(
      'createHttpError',
      `status must be a registered 4xx or 5xx code, got ${describe(status)}`,
    );
  }
  // Checked above: the status is registered; the options are the caller's to get right.
  const classes = ERROR_CLASSES as unknown as Record<number, Constructor | undefined>;
  const Named = classes[status];
  return Named ? new Named(detail, options) : new HttpError(status, detail, options);
}
