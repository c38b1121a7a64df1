// RFC 9110 §11 authentication challenges: parsing WWW-Authenticate and Proxy-Authenticate,
// lenient and total (the header comes from a peer and may be anything). A cursor over the field
// value; every step only moves forward, so the whole parse is linear. Each failed piece is
// re-scanned at most once by skipElement, from its own start.

import { setOwn } from '../internal/own.js';
import {
  BACKSLASH,
  COMMA,
  DQUOTE,
  EQUALS,
  HTAB,
  SP,
  skipOws,
  skipToken,
} from '../internal/syntax.js';
import type { Challenge } from './format-challenges.js';

/**
 * Index of the next comma outside a quoted-string, or the end. Starts outside a quoted-string
 * at `i`, which callers guarantee by resuming from the start of the piece that failed.
 * @internal
 */
export function skipElement(s: string, i: number): number {
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

/**
 * Whether the list element at `i` begins a challenge, given the end of the token there (`end`)
 * and the position after the whitespace that follows it (`next`): a token followed by
 * whitespace that does not lead to `=` (which makes it a param's name), or by the element's end.
 */
function startsChallenge(s: string, i: number, end: number, next: number): boolean {
  return end > i && s.charCodeAt(next) !== EQUALS && (next > end || atElementEnd(s, next));
}

// `token BWS "=" BWS ( token / quoted-string )` filling the rest of a list element (with the
// OWS before its end): the value as a token (2) or as the content of a quoted-string (3), whose
// characters are qdtext or a quoted-pair (RFC 9110 §5.6.4: HTAB, SP, VCHAR, obs-text).
const PARAM =
  /([!#-'*+.^-`|~\w-]+)[ \t]*=[ \t]*(?:([!#-'*+.^-`|~\w-]+)|"((?:[\t !#-[\]-~\x80-\xff]|\\[\t -~\x80-\xff])*)")[ \t]*(?=,|$)/y;

// A token68 (1) and its `=` padding filling the rest of a list element (RFC 9110 §11.2).
const TOKEN68 = /([\w.~+/-]+=*)[ \t]*(?=,|$)/y;

/**
 * Reads a param at `i`, which must then end the list element, into the params of `challenge`
 * (when there is one): the first value of a name wins, since a repeated name is ambiguous and
 * the first is what most peers use. Returns the index after it, or, for anything else (an
 * unterminated quoted-string included), the end of the element (its comma).
 */
function readParam(s: string, i: number, challenge: Challenge | undefined): number {
  PARAM.lastIndex = i;
  const m = PARAM.exec(s);
  if (m === null) return skipElement(s, i);
  if (challenge) {
    challenge.params ??= {};
    const name = (m[1] as string).toLowerCase();
    if (!Object.hasOwn(challenge.params, name)) {
      setOwn(challenge.params, name, m[2] ?? (m[3] as string).replace(/\\(.)/g, '$1'));
    }
  }
  return PARAM.lastIndex;
}

/**
 * Parses a `WWW-Authenticate` or `Proxy-Authenticate` field value into its challenges
 * (RFC 9110 §11.6.1, §11.2). Never throws: a non-string yields `[]` and malformed pieces are
 * skipped.
 *
 * - Several challenges in one value are split correctly: after a comma, `name=value` continues
 *   the current challenge, while `Scheme` alone or `Scheme ...` starts a new one.
 * - The params of a challenge follow its scheme after at least one space (RFC 9110 §11.3): in
 *   `Basic, realm="foo"` the scheme ends at the comma, and `realm="foo"` belongs to no
 *   challenge and is dropped; `Basic , realm="foo"` is Basic with its realm.
 * - An obs-fold (a line break followed by SP or HTAB) counts as a space (RFC 9112 §5.2).
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
  const value: unknown = header;
  if (typeof value !== 'string') return [];
  // RFC 9112 §5.2: a recipient replaces each obs-fold (a line break followed by SP or HTAB)
  // with SP before interpreting the value (greenbytes simplebasiclf). Linear: no backtracking.
  const s = value.replace(/\r?\n(?=[ \t])/g, ' ');
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
      i = readParam(s, start, current);
      continue;
    }

    if (!startsChallenge(s, start, tokenEnd, next)) {
      current = undefined;
      i = skipElement(s, start);
      continue;
    }

    const challenge: Challenge = { scheme: s.slice(start, tokenEnd) };
    out.push(challenge);
    current = challenge;
    if (atElementEnd(s, next)) {
      // challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ] (RFC 9110 §11.3): with no
      // space after the scheme, the challenge ends at the comma and has no params, so a
      // `name=value` after it belongs to no challenge (`Basic, realm="foo"`; greenbytes
      // simplebasiccomma2). `Basic , realm="foo"` has the space, and an empty list element.
      if (next === tokenEnd) current = undefined;
      i = next;
      continue;
    }
    TOKEN68.lastIndex = next;
    const token68 = TOKEN68.exec(s)?.[1];
    if (token68 === undefined) {
      i = readParam(s, next, challenge);
    } else {
      // Params after a token68 belong to no challenge.
      challenge.token68 = token68;
      current = undefined;
      i = TOKEN68.lastIndex;
    }
  }
  return out;
}

/**
 * Whether a field value holds a challenge: `parseChallenges(value).length > 0`, without
 * building the challenges (the renderer asks it of every 401 and 407). The elements are read as
 * parseChallenges reads them: a challenge starts where `startsChallenge` says so
 * (`Bearer realm="api"`, `Basic abc==`, `Negotiate`); every other element (a param, junk) is
 * skipped to the next comma outside a quoted-string. The value has been validated (no CR or LF),
 * so it has no obs-fold for the parser to replace first.
 * @internal
 */
export function hasChallenge(value: string): boolean {
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (c === COMMA || c === SP || c === HTAB) {
      i++;
      continue;
    }
    const end = skipToken(value, i);
    if (startsChallenge(value, i, end, skipOws(value, end))) return true;
    i = skipElement(value, i);
  }
  return false;
}
