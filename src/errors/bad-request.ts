import { applyDpopNonce } from './dpop-nonce.js';
import { NamedError, optionsOf } from './http-error.js';
import { applyIssues, type ValidationOptions } from './validation.js';

/**
 * Options of {@link BadRequestError}.
 *
 * @example
 * const options: BadRequestOptions = { dpopNonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' };
 */
export interface BadRequestOptions extends ValidationOptions {
  /**
   * A nonce for the client's next DPoP proof, sent as `DPoP-Nonce`: an authorization server
   * answers a token request that needs one with a 400 `use_dpop_nonce` error (RFC 9449 §8).
   * Printable ASCII without space, `"` and `\` (RFC 9449 §8.1).
   */
  dpopNonce?: string | undefined;
}

/**
 * 400 Bad Request (RFC 9110 §15.5.1): the request is malformed — syntax, framing, a parameter
 * that cannot be parsed. List what is wrong in `errors`.
 *
 * @example
 * throw new BadRequestError('The query is invalid.', {
 *   errors: [{ detail: 'must be a number', parameter: 'limit' }],
 * });
 */
export class BadRequestError extends NamedError<400> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 400;

  constructor(detail?: string | BadRequestOptions, options?: BadRequestOptions) {
    super(400, 'Bad Request', 'BadRequestError', detail, options);
    const given = optionsOf(detail, options);
    applyIssues(this, given);
    applyDpopNonce(this, given);
  }
}
