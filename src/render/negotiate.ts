// RFC 9110 §12.5.1 Accept negotiation for error bodies. One linear scan over the header, no
// regular expressions: the header is attacker-controlled and must never cost more than a pass.

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
import type { ErrorFormat } from '../problem/types.js';

/**
 * How many list elements of an Accept header are looked at. Real clients send fewer than ten;
 * the cap keeps the matching step (ranges × candidates) bounded whatever arrives.
 */
const MAX_RANGES = 64;

const DOT = 0x2e;
const SLASH = 0x2f;
const SEMICOLON = 0x3b;

/** What a range's parameters other than `q` ask of an offered media type. */
const PARAMS_NONE = 0; // none: any offered type of that name matches
const PARAMS_UTF8 = 1; // `charset=utf-8` only: the text formats match, as they are sent with it
const PARAMS_OTHER = 2; // anything else: nothing offered here has it, so the range matches nothing

/**
 * A media range with its weight in thousandths, so that q comparisons are exact integers, and
 * what its parameters ask for.
 */
interface Range {
  type: string;
  subtype: string;
  q: number;
  params: number;
}

/**
 * The weight an offered media type gets from the range that decides for it, and how specific
 * that range is: 4 for a named type, 2 more for a named subtype, 1 more for parameters
 * (RFC 9110 §12.5.1: `text/plain;format=flowed` before `text/plain` before `text/*` before
 * the any-type wildcard). The XML alias counts 5: below a type the client named, above any
 * wildcard.
 */
interface Weight {
  q: number;
  s: number;
}

const NAMED = 6;
const ALIAS = 5;

/**
 * Picks the body format of an error response from a request's `Accept` header
 * (RFC 9110 §12.5.1).
 *
 * The formats are offered as the media types they are sent with: `application/problem+json`,
 * `application/json`, `application/problem+xml`, `text/html; charset=utf-8` and
 * `text/plain; charset=utf-8`. Media ranges are matched case-insensitively, wildcards included,
 * and for each offered type the most specific matching range decides its weight, so
 * `application/*;q=0, application/problem+json` still accepts problem+json. The format with the
 * highest weight wins. At equal weight the format whose deciding range is more specific wins, by
 * the same precedence: a type the client named (with parameters, more so), then the XML alias,
 * then `type/*`, then the any-type wildcard. Remaining ties go to the server's order of
 * preference: `problem+json`, `json`, `problem+xml`, `html`, `text`. The order of the list itself
 * carries no weight (RFC 9110 gives it none), so `text/plain, text/html` answers `html`.
 *
 * An error response is always sent, never a 406: no header, an empty or unparseable one, one that
 * names nothing known or one that refuses every candidate all give `problem+json`.
 *
 * Media-range parameters: a range with parameters other than `q` matches only an offered type
 * that has the same parameters. Only the text formats have one, `charset=utf-8`, so
 * `text/html;charset=UTF-8` matches HTML, while `text/html;level=1`, `text/plain;format=flowed`
 * or `application/json;charset=utf-8` match nothing offered and count as absent. Parameter names
 * and `charset` values compare case-insensitively, a quoted value equals the same value as a
 * token (RFC 9110 §5.6.6), and of a parameter given twice the first value counts.
 *
 * Decisions where RFC 9110 leaves room:
 * - `json` (plain `application/json`) is chosen only when the client accepts `application/json`
 *   and explicitly refuses `application/problem+json` (a matching range with `q=0`, e.g.
 *   `application/problem+json;q=0` or `application/*;q=0, application/json`). Otherwise a problem
 *   document is a JSON document: `application/problem+json` counts as acceptable at least at the
 *   weight of `application/json`, and `Accept: application/json` gets `problem+json`.
 * - `problem+xml` is also acceptable through `application/xml` or `text/xml`, at their own weight,
 *   but only when one of them is listed by name (wildcards never count for them), because a
 *   problem+xml body is an XML document. A listed `application/problem+xml` overrides them. This
 *   alias never beats a format the client named at the same weight: `text/plain, text/xml`
 *   answers `text`, a lone `application/xml` answers `problem+xml`.
 * - `html` is served for `text/html` or `application/xhtml+xml`, whichever weighs more.
 * - A range whose `q` is not an RFC 9110 qvalue (`0` to `1` with at most three decimals, e.g.
 *   `q=2`, `q=0.0001`, `q=-1`, `q="1"`) is ignored as a whole: it may have been meant as a
 *   refusal, and reading it as `q=1` could serve what the client wanted to avoid. Other malformed
 *   list elements are skipped too; the well-formed ones around them still count. Of several `q`
 *   parameters in one range, the first counts and the others are ignored.
 * - Of several ranges equally specific for a type, the highest weight counts.
 * - Only the first 64 list elements are considered; empty elements (`,,`) do not count.
 *
 * Never throws; a non-string argument at runtime counts as no header.
 *
 * @param accept - The `Accept` request header field value, if any.
 * @returns The format to render the error in.
 *
 * @example
 * negotiate(undefined); // 'problem+json'
 * negotiate('application/json'); // 'problem+json'
 * negotiate('application/json, application/problem+json;q=0'); // 'json'
 * negotiate('text/html,application/xhtml+xml,application/xml;q=0.9'); // 'html'
 * negotiate('application/xml'); // 'problem+xml'
 * negotiate('text/plain, text/xml'); // 'text'
 * negotiate('text/plain;q=0.5, text/html;q=0.4'); // 'text'
 * negotiate('text/html;level=1, text/plain;q=0.1'); // 'text'
 */
export function negotiate(accept?: string | null): ErrorFormat {
  if (typeof accept !== 'string') return 'problem+json';
  const ranges = parseAccept(accept);

  const problemJson = match(ranges, 'application', 'problem+json', false);
  const json = match(ranges, 'application', 'json', false);
  const refused = problemJson !== undefined && problemJson.q === 0;

  // A listed application/problem+xml decides; else a listed alias, less specific than a named
  // type; else whatever wildcard matches.
  const named = listed(ranges, 'application', 'problem+xml');
  const alias = maxDefined(listed(ranges, 'application', 'xml'), listed(ranges, 'text', 'xml'));
  let problemXml: Weight | undefined;
  if (named !== undefined) problemXml = { q: named, s: NAMED };
  else if (alias !== undefined) problemXml = { q: alias, s: ALIAS };
  else problemXml = match(ranges, 'application', 'problem+xml', false);

  // In the server's order of preference, so that a strict `>` leaves ties to the earlier one.
  const candidates: [ErrorFormat, Weight | undefined][] = [
    ['problem+json', refused ? problemJson : better(problemJson, json)],
    ['json', refused ? json : undefined],
    ['problem+xml', problemXml],
    [
      'html',
      better(match(ranges, 'text', 'html', true), match(ranges, 'application', 'xhtml+xml', true)),
    ],
    ['text', match(ranges, 'text', 'plain', true)],
  ];
  let best: ErrorFormat = 'problem+json';
  let bestKey = 0;
  for (const [format, weight] of candidates) {
    if (weight === undefined || weight.q === 0) continue;
    // Weight first, then specificity (0 to 7): q in thousandths, times 8.
    const key = weight.q * 8 + weight.s;
    if (key > bestKey) {
      best = format;
      bestKey = key;
    }
  }
  return best;
}

/**
 * The range that decides for the offered type `type/subtype` (with `charset=utf-8` when
 * `charset`): the most specific match, the highest weight among equally specific ones.
 */
function match(
  ranges: readonly Range[],
  type: string,
  subtype: string,
  charset: boolean,
): Weight | undefined {
  let best: Weight | undefined;
  for (const range of ranges) {
    if (range.params === PARAMS_OTHER || (range.params === PARAMS_UTF8 && !charset)) continue;
    let s: number;
    if (range.type === '*') s = 0;
    else if (range.type !== type) continue;
    else if (range.subtype === '*') s = 4;
    else if (range.subtype === subtype) s = NAMED;
    else continue;
    s += range.params;
    if (best === undefined || s > best.s || (s === best.s && range.q > best.q)) {
      best = { q: range.q, s };
    }
  }
  return best;
}

/**
 * Highest weight of ranges naming `type/subtype` exactly and without parameters (the XML types
 * are offered without any); wildcards do not count.
 */
function listed(ranges: readonly Range[], type: string, subtype: string): number | undefined {
  let q: number | undefined;
  for (const range of ranges) {
    if (range.type === type && range.subtype === subtype && range.params === PARAMS_NONE) {
      q = maxDefined(q, range.q);
    }
  }
  return q;
}

/** The weight that counts more: higher q, then the more specific range. */
function better(a: Weight | undefined, b: Weight | undefined): Weight | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.q > a.q || (b.q === a.q && b.s > a.s) ? b : a;
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  const n = header.length;
  let i = 0;
  let elements = 0;
  while (i < n && elements < MAX_RANGES) {
    const c = header.charCodeAt(i);
    if (c === SP || c === HTAB || c === COMMA) {
      i++;
    } else {
      elements++;
      i = parseRange(header, i, ranges);
    }
  }
  return ranges;
}

/**
 * Parses the list element starting at `start` and appends it to `out` when well-formed. Returns
 * the index of the comma that ends the element, or the header's length. Every index is visited
 * a bounded number of times, which keeps the whole parse linear.
 */
function parseRange(s: string, start: number, out: Range[]): number {
  const typeEnd = skipToken(s, start);
  if (typeEnd === start || s.charCodeAt(typeEnd) !== SLASH) return skipElement(s, typeEnd);
  const subtypeEnd = skipToken(s, typeEnd + 1);
  if (subtypeEnd === typeEnd + 1) return skipElement(s, subtypeEnd);
  const type = s.slice(start, typeEnd).toLowerCase();
  const subtype = s.slice(typeEnd + 1, subtypeEnd).toLowerCase();
  // `*/json` is not a media range.
  if (type === '*' && subtype !== '*') return skipElement(s, subtypeEnd);

  let q = 1000;
  let sawQ = false;
  let params = PARAMS_NONE;
  let sawCharset = false;
  let i = subtypeEnd;
  for (;;) {
    i = skipOws(s, i);
    if (i >= s.length || s.charCodeAt(i) === COMMA) break;
    if (s.charCodeAt(i) !== SEMICOLON) return skipElement(s, i);
    i = skipOws(s, i + 1);
    const c = s.charCodeAt(i);
    // RFC 9110 §5.6.6 allows empty parameters: `text/html;;q=1` and a trailing `;`.
    if (i >= s.length || c === SEMICOLON || c === COMMA) continue;
    const nameEnd = skipToken(s, i);
    if (nameEnd === i || s.charCodeAt(nameEnd) !== EQUALS) return skipElement(s, nameEnd);
    // `q` is the weight, never a media type parameter (the registry disallows the name,
    // RFC 9110 §12.5.1); a later `q` in the same range is ignored.
    const isQ = nameEnd === i + 1 && (c | 0x20) === 0x71; // `q` or `Q`
    const isCharset = !isQ && isWord(s, i, nameEnd, 'charset');
    const valueStart = nameEnd + 1;
    let valueEnd: number;
    if (s.charCodeAt(valueStart) === DQUOTE) {
      valueEnd = scanQuoted(s, valueStart);
      // A quoted weight is not a qvalue; an unterminated string ends the element where it is.
      if (valueEnd < 0 || (isQ && !sawQ)) return skipElement(s, valueStart + 1);
    } else {
      valueEnd = skipToken(s, valueStart);
      if (valueEnd === valueStart) return skipElement(s, valueStart);
      if (isQ && !sawQ) {
        sawQ = true;
        q = parseQ(s, valueStart, valueEnd);
        if (q < 0) return skipElement(s, valueEnd);
      }
    }
    if (isCharset) {
      // Of a parameter given twice the first value counts, as in parseChallenges.
      if (!sawCharset && params !== PARAMS_OTHER) {
        params = isUtf8(s, valueStart, valueEnd) ? PARAMS_UTF8 : PARAMS_OTHER;
      }
      sawCharset = true;
    } else if (!isQ) {
      params = PARAMS_OTHER;
    }
    i = valueEnd;
  }
  out.push({ type, subtype, q, params });
  return i;
}

/** Whether `s[start, end)` is `word` (lower-case ASCII) in any case. */
function isWord(s: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Whether the parameter value `s[start, end)` — a token, or a quoted-string with its quotes and
 * backslash escapes — is `utf-8` in any case (RFC 9110 §5.6.6: quoted and token forms are
 * equivalent; §8.3.2: charset names are case-insensitive).
 */
function isUtf8(s: string, start: number, end: number): boolean {
  const word = 'utf-8';
  let from = start;
  let to = end;
  if (s.charCodeAt(start) === DQUOTE) {
    from = start + 1;
    to = end - 1;
  }
  let k = 0;
  for (let j = from; j < to; j++) {
    if (s.charCodeAt(j) === BACKSLASH) j++;
    if (k === word.length) return false;
    // `| 0x20` folds A-Z to a-z; it maps no other character onto one of "utf-8".
    if ((s.charCodeAt(j) | 0x20) !== word.charCodeAt(k)) return false;
    k++;
  }
  return k === word.length;
}

/** RFC 9110 §12.4.2 qvalue in thousandths, or -1 when `s[start, end)` is not one. */
function parseQ(s: string, start: number, end: number): number {
  const length = end - start;
  const first = s.charCodeAt(start);
  if (first !== 0x30 && first !== 0x31) return -1;
  if (length > 1 && (length > 5 || s.charCodeAt(start + 1) !== DOT)) return -1;
  let fraction = 0;
  for (let i = start + 2; i < end; i++) {
    const digit = s.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    fraction = fraction * 10 + digit;
  }
  for (let digits = Math.max(0, length - 2); digits < 3; digits++) fraction *= 10;
  if (first === 0x30) return fraction;
  return fraction === 0 ? 1000 : -1;
}

/** Index after the quoted-string opening at `i`, or -1 when it is not terminated. */
function scanQuoted(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === DQUOTE) return j + 1;
  }
  return -1;
}

/**
 * Recovery after a malformed element: resume at the next comma. Quotes are not honoured here,
 * since a malformed element has no reliable structure, and a stray `"` must not swallow the
 * well-formed ranges after it.
 */
function skipElement(s: string, i: number): number {
  const comma = s.indexOf(',', i);
  return comma < 0 ? s.length : comma;
}
