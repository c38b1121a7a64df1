// RFC 9110 §12.5.1 Accept negotiation for error bodies. One linear scan over the header, no
// regular expressions: the header is attacker-controlled and must never cost more than a pass.

import { skipOws, skipToken } from '../internal/syntax.js';
import type { ErrorFormat } from '../problem/types.js';

/**
 * How many list elements of an Accept header are looked at. Real clients send fewer than ten;
 * the cap keeps the matching step (ranges × candidates) bounded whatever arrives.
 */
const MAX_RANGES = 64;

const HTAB = 0x09;
const SP = 0x20;
const DQUOTE = 0x22;
const COMMA = 0x2c;
const DOT = 0x2e;
const SLASH = 0x2f;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;

/** A media range with its weight in thousandths, so that q comparisons are exact integers. */
interface Range {
  type: string;
  subtype: string;
  q: number;
}

/**
 * Picks the body format of an error response from a request's `Accept` header
 * (RFC 9110 §12.5.1).
 *
 * Media ranges are matched case-insensitively, wildcards included, and for each candidate the
 * most specific matching range decides its weight, so `application/*;q=0, application/problem+json`
 * still accepts problem+json. The candidate with the highest weight wins; ties go to the server's
 * order of preference: `problem+json`, `json`, `problem+xml`, `html`, `text`.
 *
 * An error response is always sent, never a 406: no header, an empty or unparseable one, one that
 * names nothing known or one that refuses every candidate all give `problem+json`.
 *
 * Decisions where RFC 9110 leaves room:
 * - `json` (plain `application/json`) is chosen only when the client accepts `application/json`
 *   and explicitly refuses `application/problem+json` (a matching range with `q=0`, e.g.
 *   `application/problem+json;q=0` or `application/*;q=0, application/json`). Otherwise a problem
 *   document is a JSON document: `application/problem+json` counts as acceptable at least at the
 *   weight of `application/json`, and `Accept: application/json` gets `problem+json`.
 * - `problem+xml` is also acceptable through `application/xml` or `text/xml`, at their own weight,
 *   but only when one of them is listed by name (wildcards never count for them), because a
 *   problem+xml body is an XML document. A listed `application/problem+xml` overrides them.
 * - `html` is served for `text/html` or `application/xhtml+xml`, whichever weighs more.
 * - A range whose `q` is not an RFC 9110 qvalue (`0` to `1` with at most three decimals, e.g.
 *   `q=2`, `q=0.0001`, `q=-1`, `q="1"`) is ignored as a whole: it may have been meant as a
 *   refusal, and reading it as `q=1` could serve what the client wanted to avoid. Other malformed
 *   list elements are skipped too; the well-formed ones around them still count.
 * - Media type parameters other than `q` are ignored: every format here is UTF-8 with no other
 *   parameters, and `application/problem+json; charset=utf-8` should not lose its client. Of
 *   several ranges equally specific for a type, the highest weight counts; of several `q`
 *   parameters in one range, the first.
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
 * negotiate('text/plain;q=0.5, text/html;q=0.4'); // 'text'
 */
export function negotiate(accept?: string | null): ErrorFormat {
  if (typeof accept !== 'string') return 'problem+json';
  const ranges = parseAccept(accept);

  const problemJson = match(ranges, 'application', 'problem+json');
  const json = match(ranges, 'application', 'json') ?? 0;
  let problemJsonQ: number;
  let jsonQ = 0;
  if (problemJson === undefined) {
    problemJsonQ = json;
  } else if (problemJson === 0) {
    problemJsonQ = 0;
    jsonQ = json;
  } else {
    problemJsonQ = Math.max(problemJson, json);
  }

  const xmlAlias = maxDefined(listed(ranges, 'application', 'xml'), listed(ranges, 'text', 'xml'));
  const problemXmlQ =
    listed(ranges, 'application', 'problem+xml') ??
    xmlAlias ??
    match(ranges, 'application', 'problem+xml') ??
    0;
  const htmlQ = Math.max(
    match(ranges, 'text', 'html') ?? 0,
    match(ranges, 'application', 'xhtml+xml') ?? 0,
  );
  const textQ = match(ranges, 'text', 'plain') ?? 0;

  // In the server's order of preference, so that a strict `>` leaves ties to the earlier one.
  const candidates: [ErrorFormat, number][] = [
    ['problem+json', problemJsonQ],
    ['json', jsonQ],
    ['problem+xml', problemXmlQ],
    ['html', htmlQ],
    ['text', textQ],
  ];
  let best: ErrorFormat = 'problem+json';
  let bestQ = 0;
  for (const [format, q] of candidates) {
    if (q > bestQ) {
      best = format;
      bestQ = q;
    }
  }
  return best;
}

/** Weight of the most specific range matching `type/subtype`; undefined when none matches. */
function match(ranges: readonly Range[], type: string, subtype: string): number | undefined {
  let specificity = -1;
  let q = -1;
  for (const range of ranges) {
    let s: number;
    if (range.type === '*') s = 0;
    else if (range.type !== type) continue;
    else if (range.subtype === '*') s = 1;
    else if (range.subtype === subtype) s = 2;
    else continue;
    if (s > specificity || (s === specificity && range.q > q)) {
      specificity = s;
      q = range.q;
    }
  }
  return specificity < 0 ? undefined : q;
}

/** Highest weight of ranges naming `type/subtype` exactly; wildcards do not count. */
function listed(ranges: readonly Range[], type: string, subtype: string): number | undefined {
  let q: number | undefined;
  for (const range of ranges) {
    if (range.type === type && range.subtype === subtype) q = maxDefined(q, range.q);
  }
  return q;
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
    const isQ = nameEnd === i + 1 && (c | 0x20) === 0x71; // `q` or `Q`
    const valueStart = nameEnd + 1;
    if (s.charCodeAt(valueStart) === DQUOTE) {
      const valueEnd = scanQuoted(s, valueStart);
      // A quoted weight is not a qvalue; an unterminated string ends the element where it is.
      if (valueEnd < 0 || (isQ && !sawQ)) return skipElement(s, valueStart + 1);
      i = valueEnd;
    } else {
      const valueEnd = skipToken(s, valueStart);
      if (valueEnd === valueStart) return skipElement(s, valueStart);
      if (isQ && !sawQ) {
        sawQ = true;
        q = parseQ(s, valueStart, valueEnd);
        if (q < 0) return skipElement(s, valueEnd);
      }
      i = valueEnd;
    }
  }
  out.push({ type, subtype, q });
  return i;
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
