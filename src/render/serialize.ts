import { setOwn } from '../internal/own.js';
import type { ProblemDetails } from './types.js';

/**
 * The body formats {@link serializeProblem} writes: RFC 9457 JSON, RFC 9457 Appendix B XML,
 * plain text and a small HTML page.
 *
 * @example
 * const format: ProblemFormat = 'xml';
 * const body = serializeProblem({ type: 'about:blank', title: 'Forbidden', status: 403 }, format);
 */
export type ProblemFormat = 'json' | 'xml' | 'text' | 'html';

/** A value as JSON sees it: what the shared walker turns any extension value into. */
type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [member: string]: Json;
}

/** The standard members, each present only when it has the right type. */
interface Standard {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

const STANDARD_NAMES = new Set(['type', 'title', 'status', 'detail', 'instance']);

/** What a value that refers back to one of its containers is written as. */
const CIRCULAR = '[Circular]';

/**
 * Nesting beyond this is refused by the walker (the problem is then written with its standard
 * members only), so that writing a hostile value can never exhaust the stack.
 */
const MAX_DEPTH = 1000;

const XML_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">';

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
 *   elements, numbers and booleans as text, `null` as an empty element. Members whose names are
 *   not XML names without a colon, or that start with `xml` in any case, are left out, at any
 *   depth. Text has `& < > " '` escaped, and characters XML 1.0 does not allow (controls other
 *   than tab, line feed and carriage return; lone surrogates; U+FFFE and U+FFFF) become U+FFFD.
 * - `'text'` — for people and logs: the status and title (`403 Forbidden`), the detail when it
 *   is not empty, `type: …` unless it is `about:blank`, `instance: …`, then one
 *   `name: <JSON value>` line per extension, each line ending in `\n`. Every field stays on its
 *   line: CR, LF and the other control characters (TAB excepted), U+2028 and U+2029 become
 *   spaces, so that no value can forge a log line.
 * - `'html'` — a complete small page with no scripts, styles or external resources: the status
 *   and title as `<title>` and `<h1>`, the detail as a paragraph, and the `type` (unless it is
 *   `about:blank`), `instance` and extensions (as JSON) in a `<dl>`. Everything printed is
 *   escaped as for XML; the page is UTF-8.
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
 * @param problem - The problem to write; see {@link ProblemDetails}.
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
export function serializeProblem(problem: ProblemDetails, format: ProblemFormat = 'json'): string {
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

function toJson(problem: unknown): string {
  if (isObject(problem)) {
    try {
      const fast = JSON.stringify(problem);
      if (typeof fast === 'string') return fast;
    } catch {
      // Fall through to the walker, which knows cycles and bigints.
    }
    try {
      const walked = walk(problem, '', new Set());
      if (walked !== undefined) return JSON.stringify(walked);
    } catch {
      // Fall through to the standard members.
    }
  }
  return JSON.stringify(readStandard(problem));
}

function toXml(problem: unknown): string {
  const { standard, extensions } = collect(problem);
  let out = XML_OPEN;
  if (standard.type !== undefined) out += xmlElement('type', standard.type);
  if (standard.title !== undefined) out += xmlElement('title', standard.title);
  if (standard.status !== undefined) out += xmlElement('status', standard.status);
  if (standard.detail !== undefined) out += xmlElement('detail', standard.detail);
  if (standard.instance !== undefined) out += xmlElement('instance', standard.instance);
  for (const [name, value] of extensions) out += xmlElement(name, value);
  return `${out}</problem>`;
}

function xmlElement(name: string, value: Json): string {
  return isXmlName(name) ? `<${name}>${xmlContent(value)}</${name}>` : '';
}

function xmlContent(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'string') return escapeMarkup(value);
  if (typeof value !== 'object') return String(value);
  let out = '';
  if (Array.isArray(value)) {
    for (const item of value) out += `<i>${xmlContent(item)}</i>`;
  } else {
    for (const [name, member] of Object.entries(value)) out += xmlElement(name, member);
  }
  return out;
}

function toText(problem: unknown): string {
  const { standard, extensions } = collect(problem);
  let out = line(headline(standard));
  if (standard.detail) out += line(standard.detail);
  if (standard.type !== undefined && standard.type !== 'about:blank') {
    out += line(`type: ${standard.type}`);
  }
  if (standard.instance !== undefined) out += line(`instance: ${standard.instance}`);
  for (const [name, value] of extensions) out += line(`${name}: ${JSON.stringify(value)}`);
  return out;
}

function toHtml(problem: unknown): string {
  const { standard, extensions } = collect(problem);
  const heading = escapeMarkup(headline(standard));
  let main = '';
  if (standard.detail) main += `<p>${escapeMarkup(standard.detail)}</p>`;
  let list = '';
  if (standard.type !== undefined && standard.type !== 'about:blank') {
    list += definition('type', standard.type);
  }
  if (standard.instance !== undefined) list += definition('instance', standard.instance);
  for (const [name, value] of extensions) list += definition(name, JSON.stringify(value));
  if (list) main += `<dl>${list}</dl>`;
  return page(heading, main);
}

/** The HTML page around already escaped content. */
function page(heading: string, main: string): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${heading}</title></head><body><main><h1>${heading}</h1>${main}</main></body></html>`
  );
}

function definition(term: string, description: string): string {
  return `<dt>${escapeMarkup(term)}</dt><dd>${escapeMarkup(description)}</dd>`;
}

/** `403 Forbidden` from whichever of status and title the problem has. */
function headline(standard: Standard): string {
  const parts: string[] = [];
  if (standard.status !== undefined) parts.push(String(standard.status));
  if (standard.title !== undefined) parts.push(standard.title);
  return parts.join(' ') || 'Error';
}

/**
 * The standard members and the walked extensions of a problem. A failure while reading or
 * walking the extensions drops all of them, as the JSON writer does, rather than writing a
 * problem that is silently missing some.
 */
function collect(problem: unknown): { standard: Standard; extensions: [string, Json][] } {
  const standard = readStandard(problem);
  const extensions: [string, Json][] = [];
  if (!isObject(problem)) return { standard, extensions };
  try {
    const ancestors = new Set<object>([problem]);
    const source = problem as Record<string, unknown>;
    for (const name of Object.keys(source)) {
      if (STANDARD_NAMES.has(name)) continue;
      const value = walk(source[name], name, ancestors);
      if (value !== undefined) extensions.push([name, value]);
    }
  } catch {
    return { standard, extensions: [] };
  }
  return { standard, extensions };
}

/** Reads each standard member on its own, so that one throwing getter costs only that member. */
function readStandard(problem: unknown): Standard {
  const standard: Standard = {};
  const type = get(problem, 'type');
  if (typeof type === 'string') standard.type = type;
  const title = get(problem, 'title');
  if (typeof title === 'string') standard.title = title;
  const status = get(problem, 'status');
  if (typeof status === 'number' && Number.isFinite(status)) standard.status = status;
  const detail = get(problem, 'detail');
  if (typeof detail === 'string') standard.detail = detail;
  const instance = get(problem, 'instance');
  if (typeof instance === 'string') standard.instance = instance;
  return standard;
}

function get(target: unknown, name: string): unknown {
  try {
    return (target as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * The one walker every format shares: `value` as `JSON.stringify` would see it, except that a
 * value already being walked higher up becomes `"[Circular]"` and a bigint its decimal string.
 * `undefined` means "leave the member out". Throws whatever getters and `toJSON` throw, and a
 * `RangeError` beyond {@link MAX_DEPTH}; callers fall back to the standard members.
 */
function walk(value: unknown, key: string, ancestors: Set<object>): Json | undefined {
  let current = value;
  if (isObject(current) || typeof current === 'bigint') {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') current = toJSON.call(current, key);
  }
  // Boxed primitives are written as the primitive, as JSON.stringify does.
  if (current instanceof Number) current = Number(current);
  else if (current instanceof String) current = String(current);
  else if (current instanceof Boolean) current = Boolean.prototype.valueOf.call(current);
  else if (current instanceof BigInt) current = BigInt.prototype.valueOf.call(current);
  switch (typeof current) {
    case 'string':
    case 'boolean':
      return current;
    case 'number':
      return Number.isFinite(current) ? current : null;
    case 'bigint':
      return current.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (current === null) return null;
  if (ancestors.has(current)) return CIRCULAR;
  if (ancestors.size >= MAX_DEPTH) throw new RangeError('problem nested too deeply');
  ancestors.add(current);
  let out: Json;
  if (Array.isArray(current)) {
    const items: Json[] = [];
    for (let i = 0; i < current.length; i++) {
      items.push(walk(current[i], String(i), ancestors) ?? null);
    }
    out = items;
  } else {
    const members: JsonObject = {};
    const source = current as Record<string, unknown>;
    for (const name of Object.keys(source)) {
      const member = walk(source[name], name, ancestors);
      if (member !== undefined) setOwn(members, name, member);
    }
    out = members;
  }
  ancestors.delete(current);
  return out;
}

// XML 1.0 (Fifth Edition) §2.3 NameStartChar and the extra NameChar ranges, as inclusive pairs.
// The colon is left out on purpose: a prefixed name would need a namespace declaration.
const NAME_START = [
  0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a, 0xc0, 0xd6, 0xd8, 0xf6, 0xf8, 0x2ff, 0x370, 0x37d, 0x37f,
  0x1fff, 0x200c, 0x200d, 0x2070, 0x218f, 0x2c00, 0x2fef, 0x3001, 0xd7ff, 0xf900, 0xfdcf, 0xfdf0,
  0xfffd, 0x10000, 0xeffff,
];
const NAME_REST = [0x2d, 0x2e, 0x30, 0x39, 0xb7, 0xb7, 0x300, 0x36f, 0x203f, 0x2040];

function inRanges(code: number, ranges: readonly number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (code >= (ranges[i] as number) && code <= (ranges[i + 1] as number)) return true;
  }
  return false;
}

/** An XML NCName that does not start with the reserved `xml`, in any case. */
function isXmlName(name: string): boolean {
  if (name.length === 0 || name.slice(0, 3).toLowerCase() === 'xml') return false;
  let first = true;
  // `for…of` walks code points, so astral letters count as one and lone surrogates fail.
  for (const char of name) {
    const code = char.codePointAt(0) as number;
    if (!inRanges(code, NAME_START) && (first || !inRanges(code, NAME_REST))) return false;
    first = false;
  }
  return true;
}

/**
 * Escapes text for XML and HTML content and attributes: `& < > " '` become references, and
 * code units that XML 1.0 does not allow become U+FFFD, so that the document stays well-formed
 * whatever the text.
 */
function escapeMarkup(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let replacement: string;
    if (c === 0x26) replacement = '&amp;';
    else if (c === 0x3c) replacement = '&lt;';
    else if (c === 0x3e) replacement = '&gt;';
    else if (c === 0x22) replacement = '&quot;';
    else if (c === 0x27) replacement = '&#39;';
    else if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      replacement = '\uFFFD';
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = '\uFFFD';
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c >= 0xfffe) {
      replacement = '\uFFFD';
    } else {
      continue;
    }
    out += text.slice(last, i) + replacement;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * One line of the text format: control characters other than TAB, and the Unicode line and
 * paragraph separators, become spaces so that no field can start a line of its own.
 */
function line(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      out += `${text.slice(last, i)} `;
      last = i + 1;
    }
  }
  return `${last === 0 ? text : out + text.slice(last)}\n`;
}
