import { HttpError, optionsOf } from './http-error.js';
import { applyRetryAfter, type RetryAfterOptions } from './retry-after.js';

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
