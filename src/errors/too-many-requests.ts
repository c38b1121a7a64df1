import { HttpError, optionsOf } from './http-error.js';
import { applyRetryAfter, type RetryAfterOptions } from './retry-after.js';

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
