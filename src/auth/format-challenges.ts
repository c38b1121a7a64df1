// RFC 9110 §11 authentication challenges, as carried by WWW-Authenticate and Proxy-Authenticate.
// Formatting is strict (a bad challenge is a programming error and must not reach the wire);
// parsing is lenient and total (the header comes from a peer and may be anything).

import { setOwn } from '../internal/own.js';
import { describe, isFieldValue, isToken, skipOws, skipToken } from '../internal/syntax.js';

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
  params?: Record<string, string>;
  /** A token68 credential-like value instead of parameters, e.g. for `Negotiate`. */
  token68?: string;
};

const SP = 0x20;
const HTAB = 0x09;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** RFC 9110 §11.2 token68 characters before the `=` padding. */
function isToken68Char(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x5f || // _
    c === 0x7e || // ~
    c === 0x2b || // +
    c === 0x2f // /
  );
}

function isToken68(s: string): boolean {
  let i = 0;
  while (i < s.length && isToken68Char(s.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < s.length && s.charCodeAt(i) === EQUALS) i++;
  return i === s.length;
}

/** qdtext and the escapable part of quoted-pair: HTAB, SP, VCHAR, obs-text. */
function isQuotedChar(c: number): boolean {
  return c === HTAB || (c >= 0x20 && c <= 0xff && c !== 0x7f);
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
      if (!isFieldValue(paramValue)) {
        fail(`${paramPath(path, name)} contains a character not allowed in a quoted-string`);
      }
      written += `${i === 0 ? '' : ', '}${name}=${quote(paramValue)}`;
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
 * §11.5 requires. Params keep their insertion order.
 *
 * @param challenges - A challenge or a non-empty list of them.
 * @returns The field value, challenges joined with `", "`.
 * @throws {TypeError} When a scheme or param name is not a token, a param name repeats
 *   (case-insensitively), a value has a character a quoted-string cannot carry (CR, LF, NUL,
 *   other controls, DEL, anything above U+00FF), a token68 is malformed or comes with params,
 *   or the list is empty.
 *
 * @example
 * formatChallenges({ scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } });
 * // 'Bearer realm="example", error="invalid_token"'
 * formatChallenges([
 *   { scheme: 'Basic', params: { realm: 'simple' } },
 *   { scheme: 'Newauth', params: { realm: 'apps', type: '1' } },
 * ]);
 * // 'Basic realm="simple", Newauth realm="apps", type="1"'
 */
export function formatChallenges(challenges: Challenge | readonly Challenge[]): string {
  const input: unknown = challenges;
  if (!Array.isArray(input)) return formatOne(input, 'challenge');
  if (input.length === 0) fail('challenges must contain at least one challenge');
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) out.push(formatOne(input[i], `challenges[${i}]`));
  return out.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Parsing. A cursor over the field value; every step only moves forward, so the whole parse is
// linear. Each failed piece is re-scanned at most once by skipElement, from its own start.

/**
 * Index of the next comma outside a quoted-string, or the end. Starts outside a quoted-string
 * at `i`, which callers guarantee by resuming from the start of the piece that failed.
 */
function skipElement(s: string, i: number): number {
  let quoted = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quoted) {
      if (c === BACKSLASH) i++;
      else if (c === DQUOTE) quoted = false;
    } else if (c === DQUOTE) {
      quoted = true;
    } else if (c === COMMA) {
      return i;
    }
  }
  return i;
}

/** True at the end of the value or at a comma, after optional whitespace. */
function atElementEnd(s: string, i: number): boolean {
  const j = skipOws(s, i);
  return j === s.length || s.charCodeAt(j) === COMMA;
}

type Param = { name: string; value: string; end: number };

/**
 * Parses `token BWS "=" BWS ( token / quoted-string )` at `i`, which must then end the list
 * element. Returns undefined for anything else, including an unterminated quoted-string.
 */
function parseParam(s: string, i: number): Param | undefined {
  const nameEnd = skipToken(s, i);
  if (nameEnd === i) return undefined;
  let j = skipOws(s, nameEnd);
  if (s.charCodeAt(j) !== EQUALS) return undefined;
  j = skipOws(s, j + 1);
  let value: string;
  if (s.charCodeAt(j) === DQUOTE) {
    value = '';
    let start = ++j;
    for (;;) {
      if (j >= s.length) return undefined;
      const c = s.charCodeAt(j);
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        const escaped = s.charCodeAt(j + 1); // NaN past the end, which isQuotedChar refuses
        if (!isQuotedChar(escaped)) return undefined;
        value += s.slice(start, j);
        start = j + 1;
        j += 2;
      } else {
        if (!isQuotedChar(c)) return undefined;
        j++;
      }
    }
    value += s.slice(start, j);
    j++;
  } else {
    const valueEnd = skipToken(s, j);
    if (valueEnd === j) return undefined;
    value = s.slice(j, valueEnd);
    j = valueEnd;
  }
  if (!atElementEnd(s, j)) return undefined;
  return { name: s.slice(i, nameEnd).toLowerCase(), value, end: j };
}

/** Returns the end of a token68 at `i` when one fills the rest of the list element. */
function parseToken68(s: string, i: number): number | undefined {
  let j = i;
  while (j < s.length && isToken68Char(s.charCodeAt(j))) j++;
  if (j === i) return undefined;
  while (s.charCodeAt(j) === EQUALS) j++;
  return atElementEnd(s, j) ? j : undefined;
}

function addParam(challenge: Challenge, param: Param): void {
  const params = challenge.params ?? {};
  // First value wins: a repeated name is ambiguous, and the first is what most peers use.
  if (!Object.hasOwn(params, param.name)) setOwn(params, param.name, param.value);
  challenge.params = params;
}

/**
 * Parses a `WWW-Authenticate` or `Proxy-Authenticate` field value into its challenges
 * (RFC 9110 §11.6.1, §11.2). Never throws: a non-string yields `[]` and malformed pieces are
 * skipped.
 *
 * - Several challenges in one value are split correctly: after a comma, `name=value` continues
 *   the current challenge, while `Scheme` alone or `Scheme ...` starts a new one.
 * - After the scheme, a run of token68 characters followed only by `=` padding up to the end
 *   or a comma is a token68 (`Basic YWxhZGRpbjpvcGVuc2VzYW1l`, `Negotiate abc==`).
 * - The scheme is kept as written (compare it case-insensitively); param names are
 *   lower-cased; a repeated param name keeps its first value; quoted-string escapes are
 *   resolved (`\x` → `x`).
 * - Empty list elements and whitespace (SP or HTAB) around `=` and commas are tolerated;
 *   HTAB is also accepted where the grammar wants SP after the scheme.
 * - A malformed param (bad value, unterminated quoted-string, a control character, trailing
 *   junk) is dropped and parsing resumes after the next comma outside a quoted-string; the
 *   challenge it belonged to is kept. A list element that is neither a challenge nor a param
 *   (e.g. `"junk"` or `B@d x=1`) is dropped too, and so are the params that follow it until
 *   the next challenge, since they cannot be attributed to a scheme with confidence. Params
 *   after a token68 challenge are dropped for the same reason.
 *
 * Everything returned is accepted by {@link formatChallenges}. Runs in linear time.
 *
 * @param header - The field value; several field lines should be joined with `", "` first.
 * @returns The challenges in order; `params` is present only when there are some, `token68`
 *   only when there is one.
 *
 * @example
 * parseChallenges('Basic realm="simple", Newauth realm="apps", type=1');
 * // [
 * //   { scheme: 'Basic', params: { realm: 'simple' } },
 * //   { scheme: 'Newauth', params: { realm: 'apps', type: '1' } },
 * // ]
 */
export function parseChallenges(header: string): Challenge[] {
  const s: unknown = header;
  if (typeof s !== 'string') return [];
  const out: Challenge[] = [];
  // The challenge that a following `name=value` element belongs to, if any.
  let current: Challenge | undefined;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === COMMA || c === SP || c === HTAB) {
      i++;
      continue;
    }
    const start = i;
    const tokenEnd = skipToken(s, i);
    const next = skipOws(s, tokenEnd);

    if (tokenEnd > start && s.charCodeAt(next) === EQUALS) {
      const param = parseParam(s, start);
      if (param === undefined) {
        i = skipElement(s, start);
      } else {
        if (current !== undefined) addParam(current, param);
        i = param.end;
      }
      continue;
    }

    if (tokenEnd === start || (next === tokenEnd && !atElementEnd(s, next))) {
      current = undefined;
      i = skipElement(s, start);
      continue;
    }

    const challenge: Challenge = { scheme: s.slice(start, tokenEnd) };
    out.push(challenge);
    current = challenge;
    if (atElementEnd(s, next)) {
      i = next;
      continue;
    }
    const token68End = parseToken68(s, next);
    if (token68End !== undefined) {
      challenge.token68 = s.slice(next, token68End);
      current = undefined;
      i = token68End;
      continue;
    }
    const param = parseParam(s, next);
    if (param === undefined) {
      i = skipElement(s, next);
    } else {
      addParam(challenge, param);
      i = param.end;
    }
  }
  return out;
}
