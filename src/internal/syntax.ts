// RFC 9110 §5.6 syntax checks shared by headers, challenges and methods. A whole string is
// checked by one anchored character class (`^[…]*$` cannot backtrack: linear in the input), a
// parser's position by a char-code test.

// Character codes that the field parsers (challenges, Accept) and writers compare against.
/** @internal */
export const HTAB = 0x09;
/** @internal */
export const SP = 0x20;
/** @internal */
export const DQUOTE = 0x22;
/** @internal */
export const COMMA = 0x2c;
/** @internal */
export const EQUALS = 0x3d;
/** @internal */
export const BACKSLASH = 0x5c;

/** RFC 9110 §5.6.2 tchar: "!#$%&'*+-.^_`|~", DIGIT, ALPHA. */
export function isTchar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x21 || // !
    (c >= 0x23 && c <= 0x27) || // # $ % & '
    c === 0x2a || // *
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x5e || // ^
    c === 0x5f || // _
    c === 0x60 || // `
    c === 0x7c || // |
    c === 0x7e // ~
  );
}

// tchar, as in isTchar; `\w` is ALPHA, DIGIT and `_`.
const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;

/** RFC 9110 §5.6.2 token: one or more tchar. */
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

// HTAB, SP, VCHAR, obs-text.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * RFC 9110 §5.5 field-value characters: HTAB, SP, VCHAR and obs-text (0x80–0xFF). Everything
 * else — CR, LF, NUL, the other controls, DEL and anything above 0xFF, which neither node:http
 * nor Fetch `Headers` accepts — is refused.
 */
export function isFieldValue(s: string): boolean {
  return FIELD_VALUE.test(s);
}

/** SP or HTAB: the optional whitespace of RFC 9110 §5.6.3 (OWS). */
function isOws(c: number): boolean {
  return c === SP || c === HTAB;
}

/** Index after the optional whitespace (OWS) that starts at `i`. */
export function skipOws(s: string, i: number): number {
  let j = i;
  while (j < s.length && isOws(s.charCodeAt(j))) j++;
  return j;
}

/** `s` without the optional whitespace (OWS) around it, as RFC 9110 §5.5 strips a field value. */
export function trimOws(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isOws(s.charCodeAt(start))) start++;
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Index after the run of tchar that starts at `i` (equal to `i` when there is none). */
export function skipToken(s: string, i: number): number {
  let j = i;
  while (j < s.length && isTchar(s.charCodeAt(j))) j++;
  return j;
}

/**
 * Throws the TypeError of a refused input: `where` names the function or class that refused it
 * (`HttpError`, `bearerChallenge`), `message` what is wrong. The one thrower of the checks that
 * the error classes and the challenge builders share, so that each check is one call.
 */
export function refuse(where: string, message: string): never {
  throw new TypeError(`${where}: ${message}`);
}

/** Shows a value in an error message without echoing control characters or huge strings. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  // String(null) is 'null'.
  return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
