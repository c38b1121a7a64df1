import { NamedError, optionsOf } from './http-error.js';
import { applyRetryAfter, type RetryAfterOptions } from './retry-after.js';

/**
 * 413 Content Too Large (RFC 9110 §15.5.14): the request content is larger than the server
 * will process. If the condition is temporary, `retryAfter` says when to try again.
 *
 * @example
 * throw new ContentTooLargeError('Uploads are limited to 10 MB.');
 */
export class ContentTooLargeError extends NamedError<413> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 413;

  constructor(detail?: string | RetryAfterOptions, options?: RetryAfterOptions) {
    super(413, 'Content Too Large', 'ContentTooLargeError', detail, options);
    applyRetryAfter(this, optionsOf(detail, options));
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
