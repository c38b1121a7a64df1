// Response header validation, shared by the error classes, the normalizer, the renderer and the
// adapters, and the one representation of a field with several lines.
import { describe, isFieldValue, isToken, refuse, trimOws } from './syntax.js';

/**
 * The value of a response header field: one field line, or several for the fields in
 * {@link REPEATABLE} (always at least two then; a single line is a string).
 * @internal
 */
export type FieldValue = string | readonly string[];

/**
 * The fields whose lines are never joined into one: several `Set-Cookie` lines cannot be
 * (RFC 9110 §5.3), and browsers mishandle challenges of different schemes joined in one
 * `WWW-Authenticate` or `Proxy-Authenticate` (a `Negotiate` next to another scheme). Each value
 * of such a field is sent as its own field line; the values of any other field given as a list
 * are joined with `, `.
 * @internal
 */
export const REPEATABLE: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'set-cookie',
  'www-authenticate',
  'proxy-authenticate',
]);

/** One checked field line: no CR, LF, NUL or other control; optional whitespace trimmed. */
function line(where: string, name: string, text: string): string {
  if (!isFieldValue(text)) {
    refuse(
      where,
      `header ${name} contains a character not allowed in a field value (CR, LF, NUL or another control)`,
    );
  }
  return trimOws(text);
}

/**
 * Lines as a {@link FieldValue}: a string for one line (`''` for none), the list for several.
 * @internal
 */
export function linesValue(lines: string[]): string | string[] {
  return lines.length > 1 ? lines : (lines[0] ?? '');
}

/**
 * Validates and lower-cases one response header, refusing what would let a value split the
 * response (CR, LF, NUL) or that RFC 9110 does not allow in a field. A list is one field line
 * per value for the {@link REPEATABLE} fields and is joined with `, ` for the others. The name
 * `__proto__` is refused too: Fetch `Headers` and plain-object header stores (Fastify's) drop
 * it, so it could not be sent the same way by every adapter.
 * @internal
 */
export function headerEntry(
  where: string,
  name: string,
  value: string | number | readonly string[],
): [string, string | string[]] {
  if (!isToken(name)) refuse(where, `header name ${describe(name)} is not a token`);
  const key = name.toLowerCase();
  if (key === '__proto__') {
    refuse(
      where,
      `header name ${describe(name)} is refused: Fetch Headers and header objects drop it`,
    );
  }
  if (typeof value === 'string') return [key, line(where, name, value)];
  // Number.isFinite is false for anything but a finite number (it does not convert).
  if (Number.isFinite(value)) return [key, String(value)];
  // The lines, read once; anything else here (an object, NaN, a boolean) is one line that is no
  // string. Array.from reads a hole of a sparse array as undefined, no string either.
  const lines: unknown[] = Array.isArray(value) ? Array.from(value) : [value];
  if (!lines.every((text): text is string => typeof text === 'string')) {
    refuse(where, `header ${name} must be a string, number or string array`);
  }
  if (!REPEATABLE.has(key)) return [key, line(where, name, lines.join(', '))];
  return [key, linesValue(lines.map((text) => line(where, name, text)))];
}

/**
 * Every field line of `headers`, in order, as `[name, value]` pairs: a Fetch `HeadersInit`
 * that appends each line, so that a {@link REPEATABLE} field keeps its lines apart.
 * @internal
 */
export function fieldLines(headers: Readonly<Record<string, FieldValue>>): [string, string][] {
  const out: [string, string][] = [];
  for (const name of Object.keys(headers)) {
    const value = headers[name] as FieldValue;
    if (typeof value === 'string') out.push([name, value]);
    else for (const text of value) out.push([name, text]);
  }
  return out;
}

/**
 * `Vary` values merged into one: their members in order, each once (field names compare
 * case-insensitively; the first spelling is kept), or `*` when any of them is `*`, which says
 * that the response varies on more than fields (RFC 9110 §12.5.5). Empty members are dropped.
 * @internal
 */
export function mergeVary(...values: (string | undefined)[]): string {
  const members: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    for (const part of value === undefined ? [] : value.split(',')) {
      const member = trimOws(part);
      if (member === '*') return '*';
      const name = member.toLowerCase();
      if (member !== '' && !seen.has(name)) {
        seen.add(name);
        members.push(member);
      }
    }
  }
  return members.join(', ');
}

/**
 * Merges into the rendered `vary` the `Vary` a response already has (as node:http holds a
 * field: a string, a number or a list), so that a field set before the error (CORS's
 * `Vary: Origin`) and the renderer's `Vary: Accept` both go out. Nothing when the rendered
 * headers have no `vary`: the response's own then stays as it is.
 * @internal
 */
export function withVary(headers: Record<string, FieldValue>, preset: unknown): void {
  const own = headers.vary;
  if (typeof own !== 'string' || preset === undefined || preset === null) return;
  headers.vary = mergeVary([preset].flat().join(', '), own);
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
