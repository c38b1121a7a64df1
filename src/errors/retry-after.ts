import { describe } from '../internal/syntax.js';
import { HttpError, type HttpErrorOptions, optionsOf, setHeader } from './http-error.js';

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
  retryAfter?: number | Date;
}

function retryAfterValue(where: string, value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toUTCString();
  throw new TypeError(
    `${where}: options.retryAfter must be a whole number of seconds (0 or more) or a valid Date, got ${describe(value)}`,
  );
}

function applyRetryAfter(err: HttpError, options: RetryAfterOptions | undefined): void {
  if (options?.retryAfter !== undefined) {
    setHeader(err, 'retry-after', retryAfterValue(err.name, options.retryAfter));
  }
}

/**
 * 429 Too Many Requests (RFC 6585 §4): the client sent too many requests in a given time.
 * Say when it may try again with `retryAfter`.
 *
 * @example
 * throw new TooManyRequestsError('Slow down: 100 requests per minute.', { retryAfter: 30 });
 */
export class TooManyRequestsError extends HttpError<429> {
  constructor(detail?: string, options?: RetryAfterOptions);
  constructor(options?: RetryAfterOptions);
  constructor(a?: string | RetryAfterOptions, b?: RetryAfterOptions) {
    super(429, a, b);
    this.name = 'TooManyRequestsError';
    applyRetryAfter(this, optionsOf(a, b));
  }
}

/**
 * 503 Service Unavailable (RFC 9110 §15.6.4): the server cannot handle the request now
 * (overload, maintenance) and expects to later; `retryAfter` says when.
 *
 * @example
 * throw new ServiceUnavailableError({ retryAfter: new Date(Date.now() + 10 * 60_000) });
 */
export class ServiceUnavailableError extends HttpError<503> {
  constructor(detail?: string, options?: RetryAfterOptions);
  constructor(options?: RetryAfterOptions);
  constructor(a?: string | RetryAfterOptions, b?: RetryAfterOptions) {
    super(503, a, b);
    this.name = 'ServiceUnavailableError';
    applyRetryAfter(this, optionsOf(a, b));
  }
}

/**
 * 413 Content Too Large (RFC 9110 §15.5.14): the request content is larger than the server
 * will process. If the condition is temporary, `retryAfter` says when to try again.
 *
 * @example
 * throw new ContentTooLargeError('Uploads are limited to 10 MB.');
 */
export class ContentTooLargeError extends HttpError<413> {
  constructor(detail?: string, options?: RetryAfterOptions);
  constructor(options?: RetryAfterOptions);
  constructor(a?: string | RetryAfterOptions, b?: RetryAfterOptions) {
    super(413, a, b);
    this.name = 'ContentTooLargeError';
    applyRetryAfter(this, optionsOf(a, b));
  }
}

/**
 * Former name of {@link ContentTooLargeError} (RFC 7231 "Payload Too Large").
 * @deprecated Use {@link ContentTooLargeError}: RFC 9110 renamed 413 "Content Too Large".
 *
 * @example
 * new PayloadTooLargeError() instanceof ContentTooLargeError; // true
 */
export const PayloadTooLargeError = ContentTooLargeError;
/**
 * @deprecated Use {@link ContentTooLargeError}.
 *
 * @example
 * const err: PayloadTooLargeError = new ContentTooLargeError();
 */
export type PayloadTooLargeError = ContentTooLargeError;

/**
 * Former name of {@link ContentTooLargeError} (RFC 2616 "Request Entity Too Large").
 * @deprecated Use {@link ContentTooLargeError}: RFC 9110 renamed 413 "Content Too Large".
 *
 * @example
 * new RequestEntityTooLargeError() instanceof ContentTooLargeError; // true
 */
export const RequestEntityTooLargeError = ContentTooLargeError;
/**
 * @deprecated Use {@link ContentTooLargeError}.
 *
 * @example
 * const err: RequestEntityTooLargeError = new ContentTooLargeError();
 */
export type RequestEntityTooLargeError = ContentTooLargeError;
