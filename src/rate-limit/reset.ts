// The one thing a retrying client needs from the `RateLimit` field (draft-ietf-httpapi-
// ratelimit-headers-11 §4): how long until an exhausted policy allows a request again.
// parseRateLimit reads the whole field into typed values through the shared RFC 9651 parser,
// which alone is larger than shouldRetry's budget (issue 17); this reader accepts and rejects
// the same field values as parseRateLimit (a property test holds both to the same answer) in
// one pass: a sticky regular expression reads one List member at a time, with its separator,
// so that the field is validated as it is read, and keeps only `r`, `t` and `pk`.

// RFC 9651 §3.3's bare items, as §4.2.3.1 tells them apart by their first character: Decimal
// (12 and 3 digits, tried before an Integer so that the `1` of `1.5` is never an item),
// Integer (at most 15 digits) or Date (`@` and an Integer), String (printable ASCII, `"` and
// `\` escaped), Token, Byte Sequence (base64, padding optional, never one character over a
// whole quantum, §4.2.7), Boolean, Display String (printable ASCII and lower-case %xx).
const BARE =
  '(?:-?\\d{1,12}\\.\\d{1,3}|@?-?\\d{1,15}|"(?:[ !#-[\\]-~]|\\\\["\\\\])*"|' +
  "[A-Za-z*][\\w!#$%&'*+.^`|~:/-]*|:(?:[A-Za-z\\d+/]{4})*(?:[A-Za-z\\d+/]{2,3})?=*:|\\?[01]|" +
  '%"(?:[ !#$&-~]|%[\\da-f]{2})*")';
// §4.2.3.2: `;`, SP, a key, and `=` with a bare item unless the value is Boolean true.
const KEY = '[a-z*][a-z\\d_.*-]*';
const PARAMS = `(?:; *${KEY}(?:=${BARE})?)*`;
// §4.2.1: leading SP (at the start of the field only), an Item or an Inner List of
// SP-separated Items (§4.2.1.2) with its parameters, then OWS and either the end or a comma
// that more follows. No run of spaces can be matched two ways (split between two ` *`), which
// a peer could exploit: backtracking over such a run takes time quadratic in its length.
const MEMBER =
  `(?:^ *)?(${BARE}|\\( *(?:${BARE}${PARAMS}(?: +${BARE}${PARAMS})* *)?\\))(${PARAMS})` +
  '[ \\t]*(?:,[ \\t]*(?!$)|$)';
const PARAMETERS = new RegExp(`; *(${KEY})(?:=(${BARE}))?`, 'g');

/**
 * The effective window `t`, in seconds, of an exhausted policy (`r` = 0) in a `RateLimit` field
 * value (field lines joined with `, `): the longest, when several are exhausted, since the
 * client should use no quota of any of them within its window (§4.1.2, §7). `NaN` when no
 * policy is exhausted or none of those has a `t`, and for a field that is not a valid RFC 9651
 * List (§7: malformed fields MUST be ignored). Items are read as parseRateLimit reads them: a
 * String or Token naming the policy, `r` and `t` non-negative Integers, `pk` a Byte Sequence,
 * the last of a repeated parameter. Never throws.
 * @internal
 */
export function rateLimitReset(value = ''): number {
  let reset = NaN;
  const members = new RegExp(MEMBER, 'y');
  try {
    while (members.lastIndex < value.length) {
      const member = members.exec(value);
      if (!member) return NaN;
      // A Display String must be UTF-8 (§4.2.10); decodeURIComponent throws URIError if not.
      // Strings are matched first, so that a `%"` inside one is not taken for a Display
      // String; in a valid member every `"` found here opens one, so this is one pass too.
      for (const [, display] of member[0].matchAll(/"(?:\\.|[^"\\])*"|%"([^"]*)"/g)) {
        if (display) decodeURIComponent(display);
      }
      // Keys are lower-case letters, digits and `_-.*`, so never `__proto__`; a key without
      // a value is Boolean true, which is none of the types below.
      const found: Record<string, string> = {};
      for (const [, key, bare = '?'] of (member[2] as string).matchAll(PARAMETERS)) {
        found[key as string] = bare;
      }
      // One test for the four conditions: the item is a String or a Token, `r` an Integer 0,
      // `t` a non-negative Integer (-0 too), and `pk` absent or a Byte Sequence (the Integers
      // and the Byte Sequence are told from every other bare item by their first character).
      if (
        /^["A-Za-z*],-?0+,(-0+|\d+),(:|$)/.test(
          [(member[1] as string)[0], found.r, found.t, found.pk].join(),
        )
      ) {
        // NaN until a policy counts; Math.max also turns a `t` of -0 into 0.
        reset = Math.max(reset || 0, Number(found.t));
      }
    }
  } catch {
    return NaN;
  }
  return reset;
}
