// RFC 6750 §3 Bearer challenges. The RFC narrows the characters of every attribute beyond what a
// quoted-string could carry, so that clients can parse them without unescaping; those limits
// are enforced here rather than left to formatChallenges.

import { describe, isFieldValue } from '../internal/syntax.js';
import type { Challenge } from './format-challenges.js';

/**
 * The `error` codes of RFC 6750 §3.1.
 *
 * @example
 * const code: BearerError = 'insufficient_scope';
 */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * Options of {@link bearerChallenge}; each one becomes the RFC 6750 §3 attribute of the same
 * meaning.
 *
 * @example
 * const options: BearerChallengeOptions = {
 *   realm: 'example',
 *   error: 'insufficient_scope',
 *   scope: ['read:users', 'write:users'],
 * };
 */
export type BearerChallengeOptions = {
  /** The protection space (`realm`); any string a quoted-string can carry. */
  realm?: string;
  /** Required scopes (`scope`): a list, or a string of scope tokens separated by single spaces. */
  scope?: string | readonly string[];
  /** Why the request failed (`error`). */
  error?: BearerError;
  /** Human-readable explanation for the developer (`error_description`), printable ASCII. */
  errorDescription?: string;
  /** A URI of a page explaining the error (`error_uri`). */
  errorUri?: string;
};

const ERRORS: readonly string[] = ['invalid_request', 'invalid_token', 'insufficient_scope'];

/** RFC 6750 §3 / RFC 6749 §3.3 scope-token and error-uri characters: %x21 / %x23-5B / %x5D-7E. */
function isNqChar(c: number): boolean {
  return c >= 0x21 && c <= 0x7e && c !== 0x22 && c !== 0x5c;
}

/** `*( %x20-21 / %x23-5B / %x5D-7E )` when `space`, else `*( %x21 / %x23-5B / %x5D-7E )`. */
function hasOnly(value: string, space: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isNqChar(c) && !(space && c === 0x20)) return false;
  }
  return true;
}

function fail(message: string): never {
  throw new TypeError(`bearerChallenge: ${message}`);
}

function checkString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') fail(`options.${name} must be a string, got ${describe(value)}`);
}

/**
 * The `scope` attribute's value: scope tokens separated by single spaces, validated.
 * @internal
 */
export function formatScope(scope: unknown): string {
  if (typeof scope === 'string') {
    // Splitting on single spaces turns a leading, trailing or doubled space into an empty
    // token, which the scope grammar (scope-token *( SP scope-token )) does not allow.
    const tokens = scope.split(' ');
    for (const token of tokens) {
      if (token.length === 0 || !hasOnly(token, false)) {
        fail(
          `options.scope must be scope tokens separated by single spaces, got ${describe(scope)}`,
        );
      }
    }
    return scope;
  }
  if (!Array.isArray(scope)) {
    fail(`options.scope must be a string or an array of strings, got ${describe(scope)}`);
  }
  if (scope.length === 0) fail('options.scope must contain at least one scope token');
  const tokens: string[] = [];
  for (let i = 0; i < scope.length; i++) {
    const token: unknown = scope[i];
    if (typeof token !== 'string' || token.length === 0 || !hasOnly(token, false)) {
      fail(
        `options.scope[${i}] must be a scope token (printable ASCII except space, " and \\), got ${describe(token)}`,
      );
    }
    tokens.push(token);
  }
  return tokens.join(' ');
}

/**
 * Builds an RFC 6750 §3 `Bearer` challenge for `WWW-Authenticate`.
 *
 * Params come in the order realm, error, error_description, error_uri, scope; absent options
 * are left out, and without any options the challenge is just `Bearer` (the right answer to a
 * request that carried no token at all, RFC 6750 §3.1).
 *
 * @param options - The attributes to send; see {@link BearerChallengeOptions}.
 * @returns A challenge for {@link formatChallenges} or an `UnauthorizedError`.
 * @throws {TypeError} When an option has the wrong type, `error` is not one of the three RFC
 *   6750 codes, or a value holds a character RFC 6750 forbids (`"` and `\` anywhere, space in
 *   `error_uri` and scope tokens, control and non-ASCII characters everywhere but `realm`), or
 *   `scope` is empty.
 *
 * @example
 * const challenge = bearerChallenge({
 *   realm: 'example',
 *   error: 'invalid_token',
 *   errorDescription: 'The access token expired',
 * });
 * formatChallenges(challenge);
 * // 'Bearer realm="example", error="invalid_token", error_description="The access token expired"'
 */
export function bearerChallenge(options?: BearerChallengeOptions): Challenge {
  const input: unknown = options;
  if (input === undefined) return { scheme: 'Bearer' };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail(`options must be an object, got ${Array.isArray(input) ? 'an array' : describe(input)}`);
  }
  const { realm, scope, error, errorDescription, errorUri } = input as Record<string, unknown>;
  const params: Record<string, string> = {};

  if (realm !== undefined) {
    checkString(realm, 'realm');
    if (!isFieldValue(realm))
      fail('options.realm contains a character not allowed in a quoted-string');
    params.realm = realm;
  }
  if (error !== undefined) {
    if (typeof error !== 'string' || !ERRORS.includes(error)) {
      fail(
        `options.error must be "invalid_request", "invalid_token" or "insufficient_scope", got ${describe(error)}`,
      );
    }
    params.error = error;
  }
  if (errorDescription !== undefined) {
    checkString(errorDescription, 'errorDescription');
    if (!hasOnly(errorDescription, true)) {
      fail(
        'options.errorDescription may contain only printable ASCII except " and \\ (RFC 6750 §3)',
      );
    }
    params.error_description = errorDescription;
  }
  if (errorUri !== undefined) {
    checkString(errorUri, 'errorUri');
    if (!hasOnly(errorUri, false)) {
      fail(
        'options.errorUri may contain only printable ASCII except space, " and \\ (RFC 6750 §3)',
      );
    }
    params.error_uri = errorUri;
  }
  if (scope !== undefined) params.scope = formatScope(scope);

  return Object.keys(params).length > 0 ? { scheme: 'Bearer', params } : { scheme: 'Bearer' };
}
