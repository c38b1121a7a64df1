import type { ParsedProblem } from '../problem/parse.js';
import type { ProblemDetails } from '../problem/types.js';
import { page, toHtml } from './html.js';
import { toJson } from './json.js';
import { toText } from './text.js';
import { toXml, XML_OPEN } from './xml.js';

/**
 * The body formats {@link serializeProblem} writes: RFC 9457 JSON, RFC 9457 Appendix B XML,
 * plain text and a small HTML page.
 *
 * @example
 * const format: ProblemFormat = 'xml';
 * const body = serializeProblem({ type: 'about:blank', title: 'Forbidden', status: 403 }, format);
 */
export type ProblemFormat = 'json' | 'xml' | 'text' | 'html';

/**
 * Writes a problem details object as a response body. Never throws.
 *
 * - `'json'` — `JSON.stringify(problem)`, member order and all. If that throws (a cycle, a
 *   `bigint`, a throwing getter or `toJSON`), the problem is walked again with cycles written as
 *   the string `"[Circular]"` and bigints as decimal strings; if that throws too (a getter or
 *   `toJSON` that throws, or more than 1000 levels of objects and arrays, the problem included),
 *   only the standard members that have the right type are written.
 * - `'xml'` — RFC 9457 Appendix B, on one line after the XML declaration:
 *   `<problem xmlns="urn:ietf:rfc:7807">`, one element per member (`type`, `title`, `status`,
 *   `detail`, `instance`, then the extensions), arrays as `<i>` children, objects as nested
 *   elements, numbers and booleans as text, `null` as an empty element. Every member is
 *   written, at any depth: a name that is not a plain ASCII XML name (a digit first, a space or
 *   colon, a non-ASCII letter, `xml…`, the empty name, `__proto__`) is encoded reversibly, each
 *   other character as `_xHHHH_` (`1st` → `_x0031_st`; docs/problem-details.md has the rules),
 *   so that Expat and fast-xml-parser accept every body. Text has `& < > " '` escaped, and characters XML 1.0 does not allow (controls other
 *   than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF) become U+FFFD.
 * - `'text'` — for people and logs: the status and title (`403 Forbidden`), the detail when it
 *   is not empty, `type: …` unless it is `about:blank`, `instance: …`, then one
 *   `name: <JSON value>` line per extension, each line ending in `\n`. Every field stays on its
 *   line: CR, LF and the other control characters (TAB excepted), U+2028 and U+2029 become
 *   spaces, so that no value can forge a log line. Debug output comes last: a string `stack`
 *   as `stack:` and its lines, and each link of a `cause` chain as `cause: 502 BadGatewayError:
 *   …` with its stack; those lines are indented by two spaces, so none passes for a field.
 * - `'html'` — a complete page styled by one inline style sheet (system fonts, light and dark,
 *   one column on narrow screens), with no script, image or external resource and
 *   `<meta name="robots" content="noindex">`: the status and title as `<title>`, the status large
 *   above the title as `<h1>`, the detail as a paragraph, and the `type` (unless it is
 *   `about:blank`), `instance` and extensions in a `<dl>` — strings as text (preformatted when
 *   they span lines), arrays as lists, arrays of objects such as `errors[]` as a table, objects
 *   as nested lists. Debug output follows: a string `stack` preformatted, and the `cause` chain
 *   as a numbered list, each cause with its status when it has one. Everything printed is
 *   escaped as for XML; the page is UTF-8. {@link renderError} sends it with a
 *   `Content-Security-Policy` that allows that style sheet alone.
 *
 * Shared rules: extension values are written as `JSON.stringify` sees them (own enumerable
 * string keys, `toJSON` honoured, `undefined`, functions and symbols left out, non-finite
 * numbers as `null`), with cycles as `"[Circular]"` and bigints as decimal strings. In XML, text
 * and HTML the standard members come first wherever they are in the object and are written only
 * when they have the right type; a standard member that cannot be read is left out on its own,
 * while an extension that cannot be walked leaves out all extensions, as in JSON. Text and HTML
 * head with `Error` when the problem has neither status nor title. An unknown `format` at
 * runtime is treated as `'json'`.
 *
 * @param problem - The problem to write; see {@link ProblemDetails}. A {@link ParsedProblem}
 *   without `status` or `title` (one {@link parseProblem} read without a status) is written too.
 * @param format - The body format; `'json'` by default.
 * @returns The body.
 *
 * @example
 * const problem: ProblemDetails = {
 *   type: 'about:blank',
 *   title: 'Forbidden',
 *   status: 403,
 *   detail: 'You do not have permission to delete user data.',
 * };
 * serializeProblem(problem);
 * // '{"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not …"}'
 * serializeProblem(problem, 'text');
 * // '403 Forbidden\nYou do not have permission to delete user data.\n'
 */
export function serializeProblem(
  problem: ProblemDetails | ParsedProblem,
  format: ProblemFormat = 'json',
): string {
  try {
    switch (format) {
      case 'xml':
        return toXml(problem);
      case 'text':
        return toText(problem);
      case 'html':
        return toHtml(problem);
      default:
        return toJson(problem);
    }
    /* v8 ignore start -- @preserve */
  } catch {
    // Only reachable when the engine itself gives out (a string longer than it can hold, or no
    // stack left) while writing the standard members; the caller still gets a body.
    if (format === 'xml') return `${XML_OPEN}</problem>`;
    if (format === 'text') return 'Error\n';
    return format === 'html' ? page('Error', '') : '{}';
  }
  /* v8 ignore stop -- @preserve */
}
