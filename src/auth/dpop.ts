// RFC 9449 §7.1 DPoP challenges. The attributes the DPoP scheme borrows from RFC 6750 follow the
// Bearer rules (bearer.ts); `algs` lists JWS algorithm names a DPoP proof may be signed with.

import { describe, refuse } from '../internal/syntax.js';
import {
  type BearerChallengeOptions,
  commonParams,
  isNqToken,
  RFC6750_ERRORS,
  resourceMetadataParam,
  spaceListParam,
} from './bearer.js';
import type { Challenge } from './format-challenges.js';

/**
 * The `error` codes of a DPoP challenge (RFC 9449 §7.1): RFC 6750 §3.1's three, `invalid_dpop_proof`
 * (the DPoP proof itself is invalid) and `use_dpop_nonce` (send the proof again with the nonce
 * of the `DPoP-Nonce` field, RFC 9449 §9).
 *
 * @example
 * const code: DpopError = 'use_dpop_nonce';
 */
export type DpopError =
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce';

/**
 * Options of {@link dpopChallenge}; each one becomes the RFC 9449 §7.1 attribute of the same
 * meaning.
 *
 * @example
 * const options: DpopChallengeOptions = { algs: ['ES256', 'PS256'], error: 'invalid_dpop_proof' };
 */
export type DpopChallengeOptions = {
  /**
   * The JWS `alg` values accepted for DPoP proofs (`algs`): a list, or a string of names
   * separated by single spaces. Asymmetric algorithms only: `none` and the HMAC algorithms
   * `HS256`, `HS384`, `HS512` are refused (RFC 9449 §4.2).
   */
  algs: string | readonly string[];
  /** Why the request failed (`error`). */
  error?: DpopError | undefined;
} & Pick<BearerChallengeOptions, 'errorDescription' | 'realm' | 'scope' | 'resourceMetadata'>;

const DPOP_ERRORS: readonly string[] = [...RFC6750_ERRORS, 'invalid_dpop_proof', 'use_dpop_nonce'];

// RFC 9449 §4.2: a DPoP proof's `alg` is never `none` nor a MAC (the JOSE registry's HS*).
const REFUSED_ALGS = /* @__PURE__ */ new Set(['none', 'HS256', 'HS384', 'HS512']);

/**
 * Builds a `DPoP` challenge for `WWW-Authenticate` (RFC 9449 §7.1).
 *
 * Params come in the order realm, error, error_description, scope, algs, resource_metadata.
 * A DPoP challenge goes to the origin's `WWW-Authenticate` only, never `Proxy-Authenticate`
 * (RFC 9449 §7.1). To ask for a nonce (RFC 9449 §9), send `error: 'use_dpop_nonce'` with a
 * 401 whose `dpopNonce` option carries the nonce.
 *
 * @param options - The attributes to send; see {@link DpopChallengeOptions}.
 * @returns A challenge for {@link formatChallenges} or an `UnauthorizedError`.
 * @throws {TypeError} When `algs` is missing, empty, holds a name with a space, `"`, `\` or a
 *   non-ASCII character, or names `none` or an HMAC algorithm; when `error` is not one of the
 *   five codes; or when another option breaks the Bearer rules (see {@link bearerChallenge}).
 *
 * @example
 * formatChallenges(dpopChallenge({ algs: ['ES256', 'PS256'] }));
 * // 'DPoP algs="ES256 PS256"'
 * formatChallenges([
 *   dpopChallenge({ algs: 'ES256', error: 'invalid_token', errorDescription: 'Invalid DPoP key binding' }),
 *   bearerChallenge(),
 * ]);
 * // 'DPoP error="invalid_token", error_description="Invalid DPoP key binding", algs="ES256", Bearer'
 */
export function dpopChallenge(options: DpopChallengeOptions): Challenge {
  const where = 'dpopChallenge';
  const { params, options: input } = commonParams(where, options, DPOP_ERRORS);
  const { scope, algs } = input;
  spaceListParam(where, params, 'scope', 'scope', 'scope token', scope);
  if (algs === undefined) {
    refuse(where, 'options.algs is required: the JWS algorithms DPoP proofs may use');
  }
  spaceListParam(where, params, 'algs', 'algs', 'JWS algorithm name', algs);
  for (const alg of (params.algs as string).split(' ')) {
    if (REFUSED_ALGS.has(alg)) {
      refuse(
        where,
        `options.algs must name asymmetric signature algorithms, not ${describe(alg)} (RFC 9449 §4.2)`,
      );
    }
  }
  resourceMetadataParam(where, params, input.resourceMetadata);
  return { scheme: 'DPoP', params };
}

/**
 * Validates a `DPoP-Nonce` field value (RFC 9449 §8.1: `1*NQCHAR`).
 * @internal
 */
export function dpopNonceValue(where: string, nonce: unknown): string {
  if (!isNqToken(nonce)) {
    refuse(
      where,
      `options.dpopNonce must be printable ASCII without space, " and \\ (RFC 9449 §8.1), got ${describe(nonce)}`,
    );
  }
  return nonce;
}
