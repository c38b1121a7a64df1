import { applyRetryFields, type RateLimitOptions } from '../rate-limit/format.js';
import { NamedError, optionsOf } from './http-error.js';

/**
 * 429 Too Many Requests (RFC 6585 §4): the client sent too many requests in a given time.
 * Say when it may try again with `retryAfter`, and which quota it ran into with `rateLimit`
 * (the `RateLimit-Policy` and `RateLimit` fields of draft-ietf-httpapi-ratelimit-headers).
 *
 * @example
 * throw new TooManyRequestsError('Slow down: 100 requests per minute.', {
 *   retryAfter: 30,
 *   rateLimit: { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 30 },
 * });
 */
export class TooManyRequestsError extends NamedError<429> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 429;

  constructor(detail?: string | RateLimitOptions, options?: RateLimitOptions) {
    super(429, 'Too Many Requests', 'TooManyRequestsError', detail, options);
    applyRetryFields(this, optionsOf(detail, options));
  }
}
