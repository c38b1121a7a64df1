// The client side of bearer.ts and dpop.ts: what a Bearer or DPoP challenge asks for, as typed
// fields. The challenge comes from a peer, so every field is checked and dropped when malformed.

import { isHttpsUrl, isNqToken } from './bearer.js';
import type { Challenge } from './format-challenges.js';

/**
 * What a `Bearer` (RFC 6750 §3) or `DPoP` (RFC 9449 §7.1) challenge says, read by
 * {@link readChallenge}. Members are present only when the challenge carried them well-formed.
 *
 * @example
 * const fields: ChallengeFields = {
 *   scheme: 'Bearer',
 *   error: 'insufficient_user_authentication',
 *   acrValues: ['urn:example:mfa'],
 *   maxAge: 300,
 * };
 */
export interface ChallengeFields {
  /** The scheme, spelled `Bearer` or `DPoP` whatever case the server used. */
  scheme: 'Bearer' | 'DPoP';
  /** The protection space (`realm`). */
  realm?: string;
  /**
   * The `error` code as sent, e.g. `invalid_token`, `insufficient_scope`,
   * `insufficient_user_authentication` (RFC 9470), `invalid_dpop_proof` or `use_dpop_nonce`
   * (RFC 9449).
   */
  error?: string;
  /** The `error_description`. */
  errorDescription?: string;
  /** The `error_uri`. */
  errorUri?: string;
  /** The scope tokens of `scope`. */
  scope?: string[];
  /** The protected resource metadata URL (`resource_metadata`, RFC 9728 §5.1): https only. */
  resourceMetadata?: string;
  /** The ACR values of `acr_values`, in the server's order of preference (RFC 9470 §3). */
  acrValues?: string[];
  /** `max_age` in seconds (RFC 9470 §3). */
  maxAge?: number;
  /** The JWS algorithms of a DPoP challenge's `algs` (RFC 9449 §7.1). */
  algs?: string[];
  /** For DPoP, the nonce to put in the next proof (the `DPoP-Nonce` field, RFC 9449 §8, §9). */
  nonce?: string;
}

/**
 * Options of {@link readChallenge}.
 *
 * @example
 * const options: ReadChallengeOptions = { nonce: response.headers.get('dpop-nonce') };
 */
export interface ReadChallengeOptions {
  /** The response's `DPoP-Nonce` field, kept as `nonce` on a DPoP challenge when well-formed. */
  nonce?: string | null | undefined;
}

function param(challenge: Challenge, name: string): string | undefined {
  const params: unknown = challenge.params;
  if (typeof params !== 'object' || params === null || !Object.hasOwn(params, name)) {
    return undefined;
  }
  const value: unknown = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(' ').filter((item) => item.length > 0);
  return items.length > 0 ? items : undefined;
}

/**
 * Reads a `Bearer` or `DPoP` challenge (as {@link parseChallenges} or an error's `challenges`
 * give it) into typed fields: the error, scopes, protected resource metadata URL (RFC 9728),
 * step-up requirements (RFC 9470) and, for DPoP, the accepted algorithms and the nonce
 * (RFC 9449). Returns `undefined` for any other scheme. Never throws.
 *
 * The challenge comes from the server, so nothing is taken on trust: lists are split on spaces
 * with empty items dropped, `max_age` is kept only as a whole number, `resource_metadata` only
 * as an absolute `https` URL, and the nonce only in the `DPoP-Nonce` syntax (RFC 9449 §8.1).
 *
 * @param challenge - One parsed challenge.
 * @param options - The response's `DPoP-Nonce`, see {@link ReadChallengeOptions}.
 * @returns The fields, or `undefined` when the scheme is neither Bearer nor DPoP.
 *
 * @example
 * const res = await fetch('https://api.example.com/reports');
 * const err = await fromResponse(res);
 * if (err instanceof UnauthorizedError) {
 *   for (const challenge of err.challenges) {
 *     const fields = readChallenge(challenge, { nonce: res.headers.get('dpop-nonce') });
 *     if (fields?.resourceMetadata) await discover(fields.resourceMetadata);
 *   }
 * }
 */
export function readChallenge(
  challenge: Challenge,
  options?: ReadChallengeOptions,
): ChallengeFields | undefined {
  try {
    const scheme: unknown = challenge.scheme;
    const lower = typeof scheme === 'string' ? scheme.toLowerCase() : '';
    if (lower !== 'bearer' && lower !== 'dpop') return undefined;
    const fields: ChallengeFields = { scheme: lower === 'bearer' ? 'Bearer' : 'DPoP' };
    const text: [keyof ChallengeFields & string, string][] = [
      ['realm', 'realm'],
      ['error', 'error'],
      ['errorDescription', 'error_description'],
      ['errorUri', 'error_uri'],
    ];
    for (const [field, name] of text) {
      const value = param(challenge, name);
      if (value !== undefined) (fields as unknown as Record<string, unknown>)[field] = value;
    }
    const scope = list(param(challenge, 'scope'));
    if (scope) fields.scope = scope;
    const metadata = param(challenge, 'resource_metadata');
    if (isHttpsUrl(metadata)) fields.resourceMetadata = metadata;
    const acrValues = list(param(challenge, 'acr_values'));
    if (acrValues) fields.acrValues = acrValues;
    const maxAge = param(challenge, 'max_age');
    if (maxAge !== undefined && /^\d{1,15}$/.test(maxAge)) fields.maxAge = Number(maxAge);
    if (fields.scheme === 'DPoP') {
      const algs = list(param(challenge, 'algs'));
      if (algs) fields.algs = algs;
      const nonce: unknown = options?.nonce;
      if (isNqToken(nonce)) fields.nonce = nonce;
    }
    return fields;
  } catch {
    // A challenge object whose members throw when read (a hostile getter) reads as nothing.
    return undefined;
  }
}
