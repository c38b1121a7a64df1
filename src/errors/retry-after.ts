import { describe, refuse } from '../internal/syntax.js';
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
   * seconds, or a `Date` (sent as an IMF-fixdate, so its year must be 0 to 9999: the
   * format has four digits for it, RFC 9110 §5.6.7).
   */
  retryAfter?: number | Date | undefined;
}

/** Milliseconds since the epoch of 10000-01-01T00:00:00Z, the first instant a 4DIGIT year misses. */
const YEAR_10000 = 253402300800000;
/** Milliseconds since the epoch of 0000-01-01T00:00:00Z (proleptic Gregorian, as `Date` counts). */
const YEAR_0 = -62167219200000;

function retryAfterValue(where: string, value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const time = value.getTime();
    // An IMF-fixdate has a 4DIGIT year (RFC 9110 §5.6.7); `toUTCString()` would write
    // `-0001` or `10000`, which no recipient can parse, so such a date is refused here.
    if (time >= YEAR_0 && time < YEAR_10000) return value.toUTCString();
    refuse(
      where,
      `options.retryAfter must be a Date from year 0 to 9999 (an IMF-fixdate has a 4-digit year), got ${value.toISOString()}`,
    );
  }
  refuse(
    where,
    `options.retryAfter must be a whole number of seconds (0 or more) or a valid Date, got ${describe(value)}`,
  );
}

/** Sets `Retry-After` from `options.retryAfter`, checked. */
export function applyRetryAfter(err: HttpError, options: RetryAfterOptions | undefined): void {
  if (options?.retryAfter !== undefined) {
    setHeader(err, 'retry-after', retryAfterValue(err.name, options.retryAfter));
  }
}
