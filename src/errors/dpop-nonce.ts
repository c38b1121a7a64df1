// The `dpopNonce` option that BadRequestError (a token request, RFC 9449 §8) and
// UnauthorizedError (a resource request, RFC 9449 §9) share.

import { dpopNonceValue } from '../auth/dpop.js';
import { type HttpError, setHeader } from './http-error.js';

/**
 * Sets `DPoP-Nonce` from `options.dpopNonce`, checked (RFC 9449 §8.1).
 * @internal
 */
export function applyDpopNonce(
  err: HttpError,
  options: { dpopNonce?: string | undefined } | undefined,
): void {
  if (options?.dpopNonce !== undefined) {
    setHeader(err, 'dpop-nonce', dpopNonceValue(err.name, options.dpopNonce));
  }
}
