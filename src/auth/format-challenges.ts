// RFC 9110 §11 authentication challenges, as carried by WWW-Authenticate and Proxy-Authenticate:
// the Challenge type and formatting. Formatting is strict (a bad challenge is a programming error
// and must not reach the wire); parsing (parse-challenges.ts) is lenient and total.

import { describe, isFieldValue, isToken, refuse } from '../internal/syntax.js';

/**
 * One authentication challenge (RFC 9110 §11.3): an auth-scheme with either auth-params or a
 * token68, never both.
 *
 * Param names are case-insensitive; {@link parseChallenges} returns them lower-cased. The scheme
 * is case-insensitive too, but is kept as written, so compare it with that in mind.
 *
 * @example
 * const challenge: Challenge = { scheme: 'Bearer', params: { realm: 'example' } };
 * const negotiate: Challenge = { scheme: 'Negotiate', token68: 'abc123==' };
 */
export type Challenge = {
  /** The authentication scheme, a token such as `Bearer` or `Basic`; compare case-insensitively. */
  scheme: string;
  /** Auth parameters by name (lower-case when parsed), e.g. `realm`, `error`, `scope`. */
  params?: Record<string, string> | undefined;
  /** A token68 credential-like value instead of parameters, e.g. for `Negotiate`. */
  token68?: string | undefined;
};

// RFC 9110 §11.2 token68: letters, digits, "-._~+/", then optional "=" padding. The class
// excludes "=", so the anchored pattern cannot backtrack: linear in the input.
const TOKEN68 = /^[\w\-.~+/]+=*$/;

// A name that reads as a member access in an error message (`params.realm`).
const PLAIN_NAME = /^[A-Za-z_]\w*$/;

/** The path of a param in error messages: `challenge.params.realm`, `….params["x-y"]`. */
function paramPath(path: string, name: string): string {
  return PLAIN_NAME.test(name) ? `${path}.params.${name}` : `${path}.params[${describe(name)}]`;
}

/**
 * Digest's params that RFC 7616 §3.3 says a sender MUST NOT quote ("for historical reasons"),
 * as in its §3.9.1 example: `algorithm=SHA-256`, `stale=TRUE`. Anchored, no backtracking.
 */
const DIGEST_TOKENS = /^(?:algorithm|stale)$/i;

function fail(message: string): never {
  refuse('formatChallenges', message);
}

/** What a message says of a value that is no object: an array is named as one. */
function notObject(value: unknown): string {
  return `must be an object, got ${Array.isArray(value) ? 'an array' : describe(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatOne(value: unknown, path: string): string {
  if (!isObject(value)) fail(`${path} ${notObject(value)}`);
  const { scheme, params, token68 } = value;
  if (typeof scheme !== 'string' || !isToken(scheme)) {
    fail(`${path}.scheme must be a token, got ${describe(scheme)}`);
  }

  let written = '';
  if (params !== undefined) {
    if (!isObject(params)) fail(`${path}.params ${notObject(params)}`);
    // Error paths are built only on failure: formatting runs for every 401 an error carries.
    const names = Object.keys(params);
    // Lower-cased name → the name as given; a single param (the usual realm) cannot repeat.
    const seen = names.length > 1 ? new Map<string, string>() : undefined;
    const digest = /^digest$/i.test(scheme);
    for (const name of names) {
      const text = params[name];
      if (!isToken(name)) fail(`${paramPath(path, name)} has a name that is not a token`);
      if (seen !== undefined) {
        // Names are case-insensitive: a repeat is reported by both names.
        const lower = name.toLowerCase();
        const earlier = seen.get(lower);
        if (earlier !== undefined) {
          const first = paramPath(path, earlier);
          fail(`${paramPath(path, name)} repeats ${first} (parameter names are case-insensitive)`);
        }
        seen.set(lower, name);
      }
      if (typeof text !== 'string')
        fail(`${paramPath(path, name)} must be a string, got ${describe(text)}`);
      const token = digest && DIGEST_TOKENS.test(name);
      if (token ? !isToken(text) : !isFieldValue(text)) {
        fail(
          `${paramPath(path, name)} ${token ? `must be a token (RFC 7616 §3.3), got ${describe(text)}` : 'contains a character not allowed in a quoted-string'}`,
        );
      }
      // A quoted-string escapes `"` and `\` (RFC 9110 §5.6.4).
      const shown = token ? text : `"${text.replace(/["\\]/g, '\\$&')}"`;
      written += `${written === '' ? '' : ', '}${name}=${shown}`;
    }
  }

  if (token68 !== undefined) {
    if (typeof token68 !== 'string' || !TOKEN68.test(token68)) {
      fail(
        `${path}.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got ${describe(token68)}`,
      );
    }
    if (written.length > 0) fail(`${path} cannot have both token68 and params`);
    return `${scheme} ${token68}`;
  }
  return written.length > 0 ? `${scheme} ${written}` : scheme;
}

/**
 * Formats one or more challenges as the value of a `WWW-Authenticate` or `Proxy-Authenticate`
 * field (RFC 9110 §11.6.1, §11.7.1).
 *
 * Every param value is written as a quoted-string, so `realm` is always quoted as RFC 9110
 * §11.5 requires, with one exception: Digest's `algorithm` and `stale` are written as tokens,
 * since RFC 7616 §3.3 forbids quoting them (`algorithm=SHA-256`, as in its §3.9.1 example), and
 * must therefore be tokens. Params keep their insertion order.
 *
 * @param challenges - A challenge or a non-empty list of them.
 * @returns The field value, challenges joined with `", "`.
 * @throws {TypeError} When a scheme or param name is not a token, a param name repeats
 *   (case-insensitively), a value has a character a quoted-string cannot carry (CR, LF, NUL,
 *   other controls, DEL, anything above U+00FF), Digest's `algorithm` or `stale` is not a token,
 *   a token68 is malformed or comes with params, or the list is empty.
 *
 * @example
 * formatChallenges({ scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } });
 * // 'Bearer realm="example", error="invalid_token"'
 * formatChallenges([
 *   { scheme: 'Basic', params: { realm: 'simple' } },
 *   { scheme: 'Newauth', params: { realm: 'apps', type: '1' } },
 * ]);
 * // 'Basic realm="simple", Newauth realm="apps", type="1"'
 * formatChallenges({ scheme: 'Digest', params: { realm: 'api', algorithm: 'SHA-256' } });
 * // 'Digest realm="api", algorithm=SHA-256'
 */
export function formatChallenges(challenges: Challenge | readonly Challenge[]): string {
  return challengeLines(challenges).join(', ');
}

/**
 * The challenges formatted one by one, as {@link formatChallenges} checks them: the values of
 * one `WWW-Authenticate` or `Proxy-Authenticate` field line each, as the error classes and the
 * renderer send them.
 * @internal
 */
export function challengeLines(challenges: Challenge | readonly Challenge[]): string[] {
  const input: unknown = challenges;
  if (!Array.isArray(input)) return [formatOne(input, 'challenge')];
  if (input.length === 0) fail('challenges must contain at least one challenge');
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) out.push(formatOne(input[i], `challenges[${i}]`));
  return out;
}
