// RFC 6750 §3 Bearer challenges, with the parameters RFC 9728 §5.1 (resource_metadata) and
// RFC 9470 §3 (step-up: acr_values, max_age) add. RFC 6750 narrows the characters of every
// attribute beyond what a quoted-string could carry, so that clients can parse them without
// unescaping; those limits are enforced here rather than left to formatChallenges. The DPoP
// scheme (dpop.ts) shares these rules.

import { describe, isFieldValue, refuse } from '../internal/syntax.js';
import type { Challenge } from './format-challenges.js';

/**
 * The `error` codes of a Bearer challenge: the three of RFC 6750 §3.1, and RFC 9470 §3's
 * `insufficient_user_authentication` (the token is fine, but the user must authenticate again,
 * more strongly or more recently: step-up authentication).
 *
 * @example
 * const code: BearerError = 'insufficient_scope';
 */
export type BearerError =
  | 'invalid_request'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'insufficient_user_authentication';

/**
 * Options of {@link bearerChallenge}; each one becomes the attribute of the same meaning
 * (RFC 6750 §3, RFC 9728 §5.1, RFC 9470 §3).
 *
 * @example
 * const options: BearerChallengeOptions = {
 *   realm: 'example',
 *   error: 'insufficient_scope',
 *   scope: ['read:users', 'write:users'],
 *   resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
 * };
 */
export type BearerChallengeOptions = {
  /** The protection space (`realm`); any string a quoted-string can carry. */
  realm?: string | undefined;
  /** Required scopes (`scope`): a list, or a string of scope tokens separated by single spaces. */
  scope?: string | readonly string[] | undefined;
  /** Why the request failed (`error`). */
  error?: BearerError | undefined;
  /** Human-readable explanation for the developer (`error_description`), printable ASCII. */
  errorDescription?: string | undefined;
  /** A URI of a page explaining the error (`error_uri`). */
  errorUri?: string | undefined;
  /**
   * The URL of the protected resource's metadata document (`resource_metadata`, RFC 9728
   * §5.1): an absolute `https` URL without a fragment, e.g.
   * `https://api.example.com/.well-known/oauth-protected-resource`. Clients such as MCP clients
   * start OAuth from it.
   */
  resourceMetadata?: string | undefined;
  /**
   * Authentication context class reference values the user must authenticate with, in order of
   * preference (`acr_values`, RFC 9470 §3): a list, or a string of values separated by single
   * spaces. Only with `error: 'insufficient_user_authentication'`.
   */
  acrValues?: string | readonly string[] | undefined;
  /**
   * The most seconds that may have passed since the user last authenticated actively
   * (`max_age`, RFC 9470 §3): a whole number, 0 or more. Only with
   * `error: 'insufficient_user_authentication'`.
   */
  maxAge?: number | undefined;
};

/**
 * The `error` codes of RFC 6750 §3.1, which the DPoP scheme uses too (RFC 9449 §7.1).
 * @internal
 */
export const RFC6750_ERRORS: readonly string[] = [
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
];

// Written out rather than spread from RFC6750_ERRORS, so that a bundle which only formats a
// scope (ForbiddenError's) can drop both lists.
const BEARER_ERRORS: readonly string[] = [
  'invalid_request',
  'invalid_token',
  'insufficient_scope',
  'insufficient_user_authentication',
];

// RFC 6750 §3 / RFC 6749 §3.3 characters: NQCHAR (%x21 / %x23-5B / %x5D-7E) for scope tokens
// and error_uri, NQSCHAR (the same and SP) for error_description.
const NQCHARS = /^[\x21\x23-\x5b\x5d-\x7e]*$/;
const NQSCHARS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * `1*NQCHAR`: a non-empty run of printable ASCII without space, `"` and `\` (RFC 6749 Appendix
 * A: scope tokens, RFC 9449 §8.1: DPoP nonces).
 * @internal
 */
export function isNqToken(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && NQCHARS.test(value);
}

function checkString(where: string, value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    refuse(where, `options.${name} must be a string, got ${describe(value)}`);
  }
}

/**
 * A space-separated list of `1*NQCHAR` items (scope tokens, ACR values, JWS algorithm names)
 * from a list or a string, validated; `article` is the one a message puts before `noun`.
 */
function spaceList(
  where: string,
  name: string,
  noun: string,
  value: unknown,
  article = 'a',
): string {
  // Splitting on single spaces turns a leading, trailing or doubled space into an empty item,
  // which the grammar (item *( SP item )) does not allow.
  const items: unknown = typeof value === 'string' ? value.split(' ') : value;
  if (!Array.isArray(items)) {
    refuse(
      where,
      `options.${name} must be a string or an array of strings, got ${describe(value)}`,
    );
  }
  if (items.length === 0) refuse(where, `options.${name} must contain at least one ${noun}`);
  const bad = items.findIndex((item) => !isNqToken(item));
  if (bad !== -1) {
    refuse(
      where,
      typeof value === 'string'
        ? `options.${name} must be ${noun}s separated by single spaces, got ${describe(value)}`
        : `options.${name}[${bad}] must be ${article} ${noun} (printable ASCII except space, " and \\), got ${describe(items[bad])}`,
    );
  }
  return items.join(' ');
}

/**
 * The `scope` attribute's value: scope tokens separated by single spaces, validated.
 * @internal
 */
export function formatScope(scope: unknown): string {
  return spaceList('bearerChallenge', 'scope', 'scope token', scope);
}

/** RFC 3986 §2 characters of a URI (unreserved, reserved and `%`). */
function isUriChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    // - . _ ~ : / ? [ ] @ ! $ & ' ( ) * + , ; = %
    "-._~:/?[]@!$&'()*+,;=%".includes(String.fromCharCode(c))
  );
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * True for an absolute `https` URL with a host and no fragment, written with the characters of
 * RFC 3986 only (percent-encodings well-formed): what RFC 9728 §3 asks of a protected resource's
 * identifier, and so of the metadata URL made from it. Never throws.
 * @internal
 */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https:\/\//i.test(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!isUriChar(c)) return false;
    if (c === 0x25 && !(isHex(value.charCodeAt(i + 1)) && isHex(value.charCodeAt(i + 2)))) {
      return false;
    }
  }
  // The authority runs to the first "/", "?" or end; userinfo ("@") and an empty host are refused.
  const rest = value.slice(8);
  const end = rest.search(/[/?]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  return authority.length > 0 && !authority.includes('@') && !/^:/.test(authority);
}

/**
 * The attributes that Bearer (RFC 6750 §3) and DPoP (RFC 9449 §7.1) challenges share, validated
 * and written into `params` in the order realm, error, error_description.
 * @internal
 */
export function commonParams(
  where: string,
  input: unknown,
  errors: readonly string[],
): { params: Record<string, string>; options: Record<string, unknown> } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = Array.isArray(input) ? 'an array' : describe(input);
    refuse(where, `options must be an object, got ${got}`);
  }
  const options = input as Record<string, unknown>;
  const { realm, error, errorDescription } = options;
  const params: Record<string, string> = {};
  if (realm !== undefined) {
    checkString(where, realm, 'realm');
    if (!isFieldValue(realm)) {
      refuse(where, 'options.realm contains a character not allowed in a quoted-string');
    }
    params.realm = realm;
  }
  if (error !== undefined) {
    if (typeof error !== 'string' || !errors.includes(error)) {
      const last = errors.length - 1;
      const names = `${errors
        .slice(0, last)
        .map((e) => `"${e}"`)
        .join(', ')} or "${errors[last]}"`;
      refuse(where, `options.error must be ${names}, got ${describe(error)}`);
    }
    params.error = error;
  }
  asciiParam(where, params, 'errorDescription', 'error_description', errorDescription, true);
  return { params, options };
}

/**
 * Writes an RFC 6750 §3 attribute of printable ASCII when given: `error_description` (spaces
 * allowed) or `error_uri` (none).
 */
function asciiParam(
  where: string,
  params: Record<string, string>,
  name: string,
  attribute: string,
  value: unknown,
  space: boolean,
): void {
  if (value === undefined) return;
  checkString(where, value, name);
  if (!(space ? NQSCHARS : NQCHARS).test(value)) {
    const except = space ? '" and \\' : 'space, " and \\';
    refuse(
      where,
      `options.${name} may contain only printable ASCII except ${except} (RFC 6750 §3)`,
    );
  }
  params[attribute] = value;
}

/**
 * Writes `resource_metadata` (RFC 9728 §5.1) when given: the last attribute of either scheme.
 * @internal
 */
export function resourceMetadataParam(
  where: string,
  params: Record<string, string>,
  url: unknown,
): void {
  if (url === undefined) return;
  if (!isHttpsUrl(url)) {
    refuse(
      where,
      `options.resourceMetadata must be an absolute https URL without a fragment (RFC 9728 §3, §5.1), got ${describe(url)}`,
    );
  }
  params.resource_metadata = url;
}

/**
 * Writes a space-separated list attribute (`scope`, `acr_values`, `algs`) when given.
 * @internal
 */
export function spaceListParam(
  where: string,
  params: Record<string, string>,
  name: string,
  param: string,
  noun: string,
  value: unknown,
  article?: string,
): void {
  if (value !== undefined) params[param] = spaceList(where, name, noun, value, article);
}

/**
 * Builds a `Bearer` challenge for `WWW-Authenticate` (RFC 6750 §3), with the protected-resource
 * metadata URL of RFC 9728 §5.1 and the step-up attributes of RFC 9470 §3 when given.
 *
 * Params come in the order realm, error, error_description, error_uri, scope, acr_values,
 * max_age, resource_metadata; absent options are left out, and without any options the
 * challenge is just `Bearer` (the right answer to a request that carried no token at all,
 * RFC 6750 §3.1).
 *
 * @param options - The attributes to send; see {@link BearerChallengeOptions}.
 * @returns A challenge for {@link formatChallenges} or an `UnauthorizedError`.
 * @throws {TypeError} When an option has the wrong type, `error` is not one of the four codes,
 *   a value holds a character RFC 6750 forbids (`"` and `\` anywhere, space in `error_uri`,
 *   scope tokens and ACR values, control and non-ASCII characters everywhere but `realm`),
 *   `scope` or `acrValues` is empty, `resourceMetadata` is not an absolute `https` URL without a
 *   fragment, `maxAge` is not a whole number of 0 or more, or `acrValues`/`maxAge` come without
 *   `error: 'insufficient_user_authentication'`.
 *
 * @example
 * const challenge = bearerChallenge({
 *   realm: 'example',
 *   error: 'invalid_token',
 *   errorDescription: 'The access token expired',
 * });
 * formatChallenges(challenge);
 * // 'Bearer realm="example", error="invalid_token", error_description="The access token expired"'
 *
 * // Step-up (RFC 9470): the token is valid, but this needs a recent multi-factor sign-in.
 * bearerChallenge({
 *   error: 'insufficient_user_authentication',
 *   acrValues: ['urn:example:mfa'],
 *   maxAge: 300,
 * });
 */
export function bearerChallenge(options?: BearerChallengeOptions): Challenge {
  if (options === undefined) return { scheme: 'Bearer' };
  const where = 'bearerChallenge';
  const { params, options: input } = commonParams(where, options, BEARER_ERRORS);
  const { errorUri, scope, acrValues, maxAge } = input;
  asciiParam(where, params, 'errorUri', 'error_uri', errorUri, false);
  spaceListParam(where, params, 'scope', 'scope', 'scope token', scope);
  if ((acrValues !== undefined || maxAge !== undefined) && params.error !== STEP_UP) {
    const name = acrValues !== undefined ? 'acrValues' : 'maxAge';
    refuse(where, `options.${name} needs options.error "${STEP_UP}" (RFC 9470 §3)`);
  }
  spaceListParam(where, params, 'acrValues', 'acr_values', 'ACR value', acrValues, 'an');
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 0) {
      const got = describe(maxAge);
      refuse(where, `options.maxAge must be a whole number of seconds, 0 or more, got ${got}`);
    }
    params.max_age = String(maxAge);
  }
  resourceMetadataParam(where, params, input.resourceMetadata);
  return Object.keys(params).length > 0 ? { scheme: 'Bearer', params } : { scheme: 'Bearer' };
}

const STEP_UP = 'insufficient_user_authentication';
