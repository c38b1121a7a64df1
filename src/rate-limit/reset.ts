// The one thing a retrying client needs from the `RateLimit` field (draft-ietf-httpapi-
// ratelimit-headers-11 §4): how long until an exhausted policy allows a request again.
// parseRateLimit reads the whole field into typed values through the shared RFC 9651 parser,
// which alone is larger than shouldRetry's budget (issue 17); this reader accepts and rejects
// the same field values as parseRateLimit (a property test holds both to the same answer) with
// one regular expression for RFC 9651's List grammar, and keeps only `r` and `t`.

// RFC 9651 §3.3's bare items, as §4.2.3.1 tells them apart by their first character: Integer
// (at most 15 digits) or Decimal (12 and 3), String (printable ASCII, `"` and `\` escaped),
// Token, Byte Sequence (base64, padding optional, never one character over a whole quantum,
// §4.2.7), Boolean, Date, Display String (printable ASCII and lower-case %xx). A Decimal is
// tried before an Integer (and a Date, `@` and an Integer), so that the searches below never
// take the `1` of `1.5` for an item.
const BARE = `(?:${[
  '-?\\d{1,12}\\.\\d{1,3}',
  '@?-?\\d{1,15}',
  '"(?:[ !#-[\\]-~]|\\\\["\\\\])*"',
  "[A-Za-z*][\\w!#$%&'*+.^`|~:/-]*",
  ':(?:[A-Za-z\\d+/]{4})*(?:[A-Za-z\\d+/]{2,3})?=*:',
  '\\?[01]',
  '%"(?:[ !#$&-~]|%[\\da-f]{2})*"',
].join('|')})`;
// §4.2.3.2: `;`, SP, a key, and `=` with a bare item unless the value is Boolean true.
const KEY = '[a-z*][a-z\\d_.*-]*';
const PARAMS = `(?:; *${KEY}(?:=${BARE})?)*`;
// §4.2.1: an Item, or an Inner List of SP-separated Items (§4.2.1.2), then its parameters. No
// run of spaces can be matched two ways (split between two ` *`), which a peer could exploit:
// backtracking over such a run takes time quadratic in its length.
const MEMBER = `(${BARE}|\\( *(?:${BARE}${PARAMS}(?: +${BARE}${PARAMS})* *)?\\))(${PARAMS})`;
const LIST = new RegExp(`^ *(?:${MEMBER}(?:[ \\t]*,[ \\t]*${MEMBER})*[ \\t]*)?$`);
// The members of a valid List, one at a time, and the key and value of each parameter
// (matchAll copies a regular expression, so these are never in the middle of a search).
const MEMBERS = new RegExp(MEMBER, 'g');
const PARAM = new RegExp(`; *(${KEY})(?:=(${BARE}))?`, 'g');

const integer = (x = '') => (/^-?\d+$/.test(x) ? Number(x) : Number.NaN);

/**
 * The effective window `t`, in seconds, of an exhausted policy (`r` = 0) in a `RateLimit` field
 * value (field lines joined with `, `): the longest, when several are exhausted, since the
 * client should use no quota of any of them within its window (§4.1.2, §7). `undefined` when no
 * policy is exhausted or none of those has a `t`, and for a field that is not a valid RFC 9651
 * List (§7: malformed fields MUST be ignored). Items are read as parseRateLimit reads them: a
 * String or Token naming the policy, `r` and `t` non-negative Integers, `pk` a Byte Sequence,
 * the last of a repeated parameter. Never throws.
 * @internal
 */
export function rateLimitReset(value = ''): number {
  let reset = Number.NaN;
  if (!LIST.test(value)) return reset;
  // A Display String must be UTF-8 (§4.2.10); decodeURIComponent throws URIError if not.
  // Strings are matched first, so that a `%"` inside one is not taken for a Display String.
  for (const [, display] of value.matchAll(/"(?:\\.|[^"\\])*"|%"([^"]*)"/g)) {
    try {
      if (display) decodeURIComponent(display);
    } catch {
      return reset;
    }
  }
  for (const [, item, params] of value.matchAll(MEMBERS)) {
    // Keys are lower-case letters, digits and `_-.*`, so never `__proto__`.
    const found: Record<string, string> = {};
    for (const [, key, bare] of (params as string).matchAll(PARAM)) {
      found[key as string] = bare ?? '?1';
    }
    const t = integer(found.t);
    if (
      /^["A-Za-z*]/.test(item as string) &&
      integer(found.r) === 0 &&
      t >= 0 &&
      /^:|^$/.test(found.pk ?? '')
    ) {
      // NaN until a policy counts; Math.max also turns a `t` of -0 into 0.
      reset = Math.max(reset || 0, t);
    }
  }
  return reset;
}
