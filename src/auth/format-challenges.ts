// RFC 9110 §11 authentication challenges, as carried by WWW-Authenticate and Proxy-Authenticate:
// the Challenge type and formatting. Formatting is strict (a bad challenge is a programming error
// and must not reach the wire); parsing (parse-challenges.ts) is lenient and total.

import {
  BACKSLASH,
  DQUOTE,
  describe,
  EQUALS,
  isFieldValue,
  isToken,
  isToken68Char,
} from '../internal/syntax.js';

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

function isToken68(s: string): boolean {
  let i = 0;
  while (i < s.length && isToken68Char(s.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < s.length && s.charCodeAt(i) === EQUALS) i++;
  return i === s.length;
}

function quote(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === DQUOTE || c === BACKSLASH) {
      out += `${value.slice(start, i)}\\`;
      start = i;
    }
  }
  return `${out}${value.slice(start)}"`;
}

/** `params.realm` for plain names, `params["x-y"]` for the rest, so the path reads as code. */
function memberPath(base: string, name: string): string {
  let plain = name.length > 0;
  for (let i = 0; i < name.length && plain; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
    plain = letter || (i > 0 && c >= 0x30 && c <= 0x39);
  }
  return plain ? `${base}.${name}` : `${base}[${describe(name)}]`;
}

/** The path of a param in error messages: `challenge.params.realm`. */
function paramPath(path: string, name: string): string {
  return memberPath(`${path}.params`, name);
}

/**
 * Digest's params that RFC 7616 §3.3 says a sender MUST NOT quote ("for historical reasons"),
 * as in its §3.9.1 example: `algorithm=SHA-256`, `stale=TRUE`. Anchored, no backtracking.
 */
const DIGEST_TOKENS = /^(?:algorithm|stale)$/i;

function fail(message: string): never {
  throw new TypeError(`formatChallenges: ${message}`);
}

function formatOne(value: unknown, path: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${path} must be an object, got ${Array.isArray(value) ? 'an array' : describe(value)}`);
  }
  const { scheme, params, token68 } = value as Record<string, unknown>;
  if (typeof scheme !== 'string' || !isToken(scheme)) {
    fail(`${path}.scheme must be a token, got ${describe(scheme)}`);
  }

  let written = '';
  if (params !== undefined) {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      const got = Array.isArray(params) ? 'an array' : describe(params);
      fail(`${path}.params must be an object, got ${got}`);
    }
    // Error paths are built only on failure: formatting runs for every 401 an error carries.
    const names = Object.keys(params);
    // Lower-cased name → the name as given; a single param (the usual realm) cannot repeat.
    const seen = names.length > 1 ? new Map<string, string>() : undefined;
    const digest = /^digest$/i.test(scheme);
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const paramValue: unknown = (params as Record<string, unknown>)[name];
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
      if (typeof paramValue !== 'string') {
        fail(`${paramPath(path, name)} must be a string, got ${describe(paramValue)}`);
      }
      let valueText: string;
      if (digest && DIGEST_TOKENS.test(name)) {
        if (!isToken(paramValue)) {
          fail(
            `${paramPath(path, name)} must be a token (RFC 7616 §3.3), got ${describe(paramValue)}`,
          );
        }
        valueText = paramValue;
      } else {
        if (!isFieldValue(paramValue)) {
          fail(`${paramPath(path, name)} contains a character not allowed in a quoted-string`);
        }
        valueText = quote(paramValue);
      }
      written += `${i === 0 ? '' : ', '}${name}=${valueText}`;
    }
  }

  if (token68 !== undefined) {
    if (typeof token68 !== 'string' || !isToken68(token68)) {
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
