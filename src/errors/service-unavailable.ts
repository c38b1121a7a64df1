import { applyRetryFields, type RateLimitOptions } from '../rate-limit/format.js';
import { NamedError, optionsOf } from './http-error.js';

/**
 * 503 Service Unavailable (RFC 9110 §15.6.4): the server cannot handle the request now
 * (overload, maintenance) and expects to later; `retryAfter` says when, and `rateLimit` can
 * announce a temporarily lower quota (draft-ietf-httpapi-ratelimit-headers §5.2).
 *
 * @example
 * throw new ServiceUnavailableError({ retryAfter: new Date(Date.now() + 10 * 60_000) });
 */
export class ServiceUnavailableError extends NamedError<503> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 503;

  constructor(detail?: string | RateLimitOptions, options?: RateLimitOptions) {
    super(503, 'Service Unavailable', 'ServiceUnavailableError', detail, options);
    applyRetryFields(this, optionsOf(detail, options));
  }
}
