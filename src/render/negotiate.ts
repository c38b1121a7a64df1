// RFC 9110 §12.5.1 Accept negotiation for error bodies. One linear scan over the header, no
// regular expression over it (one checks a qvalue token, anchored and without repetition that
// could backtrack): the header is attacker-controlled and must never cost more than a pass.

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
 * The rank of an offered media type, one number: the weight (q in thousandths) of the range
 * that decides for it, times 8, plus how specific that range is: 4 for a named type, 2 more for
 * a named subtype, 1 more for parameters (RFC 9110 §12.5.1: `text/plain;format=flowed` before
 * `text/plain` before `text/*` before the any-type wildcard). The XML alias counts 5: below a
 * type the client named, above any wildcard. So comparing two ranks compares the weights, then
 * the specificities; a rank below 8 is a refusal (`q=0`), and -1 means that no range matches.
 */
const NAMED = 6;
const ALIAS = 5;
const NO_MATCH = -1;
const REFUSED_BELOW = 8;

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

  const problemJson = rank(ranges, 'application', 'problem+json', PARAMS_NONE);
  const json = rank(ranges, 'application', 'json', PARAMS_NONE);
  const refused = problemJson > NO_MATCH && problemJson < REFUSED_BELOW;

  // A listed application/problem+xml decides, being the most specific; else a listed alias;
  // else whatever wildcard matches.
  const problemXml = rank(ranges, 'application', 'problem+xml', PARAMS_NONE, true);

  // In the server's order of preference, so that a strict `>` leaves ties to the earlier one.
  const candidates: [ErrorFormat, number][] = [
    ['problem+json', refused ? problemJson : Math.max(problemJson, json)],
    ['json', refused ? json : NO_MATCH],
    ['problem+xml', problemXml],
    [
      'html',
      Math.max(
        rank(ranges, 'text', 'html', PARAMS_UTF8),
        rank(ranges, 'application', 'xhtml+xml', PARAMS_UTF8),
      ),
    ],
    ['text', rank(ranges, 'text', 'plain', PARAMS_UTF8)],
  ];
  let best: ErrorFormat = 'problem+json';
  let most = REFUSED_BELOW - 1;
  for (const [format, candidate] of candidates) {
    if (candidate > most) {
      best = format;
      most = candidate;
    }
  }
  return best;
}

/**
 * The rank of the offered type `type/subtype`, from the range that decides for it: the most
 * specific match, the highest weight among equally specific ones. Only ranges with parameters up
 * to `params` count (PARAMS_UTF8 for the types offered with `charset=utf-8`). With `xmlAlias`,
 * `application/xml` and `text/xml` match too, as specific as {@link ALIAS}.
 */
function rank(
  ranges: readonly Range[],
  type: string,
  subtype: string,
  params: number,
  xmlAlias = false,
): number {
  let best = NO_MATCH;
  let bestS = NO_MATCH;
  for (const range of ranges) {
    if (range.params > params) continue;
    let s: number;
    if (range.type === '*') s = 0;
    else if (range.type === type && range.subtype === '*') s = 4;
    else if (range.type === type && range.subtype === subtype) s = NAMED;
    else if (xmlAlias && isXml(range)) s = ALIAS;
    else continue;
    s += range.params;
    const key = range.q * 8 + s;
    if (s > bestS || (s === bestS && key > best)) {
      best = key;
      bestS = s;
    }
  }
  return best;
}

/** `application/xml` or `text/xml`: a problem+xml body is an XML document. */
function isXml(range: Range): boolean {
  return range.subtype === 'xml' && (range.type === 'application' || range.type === 'text');
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
    const isQ = isWord(s, i, nameEnd, 'q');
    const valueStart = nameEnd + 1;
    const quoted = s.charCodeAt(valueStart) === DQUOTE;
    const valueEnd = quoted ? scanQuoted(s, valueStart) : skipToken(s, valueStart);
    if (isQ && !sawQ) {
      sawQ = true;
      // A quoted weight is not a qvalue.
      q = quoted ? -1 : parseQ(s.slice(valueStart, valueEnd));
    }
    // An unterminated string ends the element where it is. (Between valueStart and valueEnd
    // there is no comma, so the element resumes at the same place whichever failed.)
    if (q < 0 || (quoted ? valueEnd < 0 : valueEnd === valueStart)) {
      return skipElement(s, valueStart);
    }
    if (isWord(s, i, nameEnd, 'charset')) {
      // Of a parameter given twice the first value counts, as in parseChallenges: a range
      // whose parameters are still none has seen no charset yet.
      if (params === PARAMS_NONE) {
        params = isWord(s, valueStart, valueEnd, 'utf-8') ? PARAMS_UTF8 : PARAMS_OTHER;
      }
    } else if (!isQ) {
      params = PARAMS_OTHER;
    }
    i = valueEnd;
  }
  out.push({ type, subtype, q, params });
  return i;
}

/**
 * Whether `s[start, end)` — a token, or a quoted-string with its quotes and backslash escapes —
 * is `word` (lower-case ASCII) in any case (RFC 9110 §5.6.6: quoted and token forms are
 * equivalent; parameter names and §8.3.2 charset names are case-insensitive).
 */
function isWord(s: string, start: number, end: number, word: string): boolean {
  let from = start;
  let to = end;
  if (s.charCodeAt(start) === DQUOTE) {
    from = start + 1;
    to = end - 1;
  }
  let k = 0;
  for (let j = from; j < to; j++, k++) {
    if (s.charCodeAt(j) === BACKSLASH) j++;
    // `| 0x20` folds A-Z onto a-z (and a control character onto `-` or a digit: a field value
    // cannot carry one); past the word's end the comparison fails.
    if ((s.charCodeAt(j) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return k === word.length;
}

/** RFC 9110 §12.4.2: `0` to `1` with at most three decimals. */
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

/** A qvalue in thousandths, or -1 when `value` is not one. */
function parseQ(value: string): number {
  if (!QVALUE.test(value)) return -1;
  return value[0] === '1' ? 1000 : Number(value.slice(2).padEnd(3, '0'));
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
