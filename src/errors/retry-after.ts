import { describe } from '../internal/syntax.js';
import { type HttpError, type HttpErrorOptions, setHeader } from './http-error.js';

/**
 * Options of the errors that can say when to come back: {@link TooManyRequestsError},
 * {@link ServiceUnavailableError} and {@link ContentTooLargeError}.
 *
 * @example
 * const options: RetryAfterOptions = { retryAfter: 120 };
 */
export interface RetryAfterOptions extends HttpErrorOptions {
  /**
   * When the client may retry, sent as `Retry-After` (RFC 9110 §10.2.3): a whole number of
   * seconds, or a `Date` (sent as an IMF-fixdate).
   */
  retryAfter?: number | Date | undefined;
}

function retryAfterValue(where: string, value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toUTCString();
  throw new TypeError(
    `${where}: options.retryAfter must be a whole number of seconds (0 or more) or a valid Date, got ${describe(value)}`,
  );
}

/** Sets `Retry-After` from `options.retryAfter`, checked. */
export function applyRetryAfter(err: HttpError, options: RetryAfterOptions | undefined): void {
  if (options?.retryAfter !== undefined) {
    setHeader(err, 'retry-after', retryAfterValue(err.name, options.retryAfter));
  }
}
