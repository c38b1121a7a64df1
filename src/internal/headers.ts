// Response header validation, shared by the error classes, the normalizer, the renderer and the
// Fetch adapter's client side.
import { describe, isFieldValue, isToken } from './syntax.js';

/**
 * Validates and lower-cases one response header, refusing what would let a value split the
 * response (CR, LF, NUL) or that RFC 9110 does not allow in a field.
 * @internal
 */
export function headerEntry(
  where: string,
  name: string,
  value: string | number | readonly string[],
): [string, string] {
  if (!isToken(name)) throw new TypeError(`${where}: header name ${describe(name)} is not a token`);
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    // Set-Cookie is the one field whose values cannot be joined into one (RFC 9110 §5.3).
    if (value.length > 1 && name.toLowerCase() === 'set-cookie') {
      throw new TypeError(
        `${where}: header ${name} cannot carry several cookies in one field; set them on the response`,
      );
    }
    text = value.join(', ');
  } else throw new TypeError(`${where}: header ${name} must be a string, number or string array`);
  if (!isFieldValue(text)) {
    throw new TypeError(
      `${where}: header ${name} contains a character not allowed in a field value (CR, LF, NUL or another control)`,
    );
  }
  return [name.toLowerCase(), trimOws(text)];
}

/** Strips optional whitespace (SP, HTAB) around a field value, as RFC 9110 §5.5 asks. */
function trimOws(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

// Header fields, set before the error, that describe the representation that was going to be
// sent: they would be wrong on the error body. Everything else (CORS, Vary, Set-Cookie, …) is
// kept. The Content-Security-Policy fields are `content-*` by name only: they protect the error
// page like any other, so they are kept too.
const KEPT_CONTENT = new Set(['content-security-policy', 'content-security-policy-report-only']);

/** @internal */
export function isRepresentationField(name: string): boolean {
  return name.startsWith('content-')
    ? !KEPT_CONTENT.has(name)
    : name === 'etag' || name === 'last-modified' || name === 'transfer-encoding';
}
