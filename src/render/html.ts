// The HTML body of a problem: a complete page styled by one inline style sheet, which the
// Content-Security-Policy below allows by its hash, and nothing else: no script, no image, no
// external resource, no inline `style` attribute.

import { escapeMarkup } from './markup.js';
import {
  headline,
  isRecord,
  type Json,
  type JsonObject,
  type Member,
  outline,
  type Standard,
} from './members.js';

/**
 * The page's style sheet: system fonts, light and dark through `prefers-color-scheme` (the
 * secondary text dimmed, rules and code backgrounds a translucent grey that reads on either),
 * one column on narrow screens. Any change here changes the hash in {@link HTML_CSP}.
 */
export const STYLE =
  ':root{color-scheme:light dark;--f:#1f2328;--b:#fff;--a:#cf222e}' +
  '@media (prefers-color-scheme:dark){:root{--f:#f0f6fc;--b:#0d1117;--a:#ff7b72}}' +
  'body{margin:0;background:var(--b);color:var(--f);font:16px/1.5 system-ui,sans-serif}' +
  'main{max-width:48rem;margin:auto;padding:12vh 1.5rem 3rem}' +
  '.status{margin:0;font-size:4rem;font-weight:700;line-height:1;color:var(--a)}' +
  'h2,dt,th{opacity:.75}h2{font-size:.875rem;text-transform:uppercase}' +
  'dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.5rem 1.5rem}' +
  'dd{margin:0;overflow-wrap:anywhere}' +
  'table{border-collapse:collapse}th,td{text-align:left;padding:.25rem 1rem .25rem 0;border-bottom:1px solid #8884}' +
  'pre{padding:.75rem;overflow-x:auto;background:#8881;border-radius:6px}' +
  '@media (max-width:32rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.75rem}}';

/**
 * The `Content-Security-Policy` sent with every HTML body: nothing may load or run, except the
 * page's own style sheet, allowed by its `sha256-…` (computed ahead, so that the core needs no
 * crypto at run time; a test recomputes it from {@link STYLE}); no framing, no form, no `<base>`.
 * One string literal, so that bundlers drop it from bundles without HTML.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'sha256-b6JtMD4nc4MLipq+bsrQRDGHQgsJHmX7PYP0BMi0Ej0='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function toHtml(problem: unknown): string {
  const { standard, fields, stack, causes } = outline(problem);
  let main = heading(standard);
  if (standard.detail) main += `<p>${escapeMarkup(standard.detail)}</p>`;
  main += definitions(fields);
  if (stack !== undefined) main += `<h2>Stack</h2><pre>${escapeMarkup(stack)}</pre>`;
  if (causes.length > 0) {
    // Each cause once, with its stack when it was not shown already.
    let list = '';
    for (const cause of causes) {
      list += `<li><p>${escapeMarkup(cause.line)}</p>`;
      if (cause.stack !== undefined) list += `<pre>${escapeMarkup(cause.stack)}</pre>`;
      list += '</li>';
    }
    main += `<h2>Caused by</h2><ol>${list}</ol>`;
  }
  return page(escapeMarkup(headline(standard)), main);
}

/** The status, large, above the title as the page's heading. */
function heading(standard: Standard): string {
  const status = standard.status === undefined ? '' : `<p class="status">${standard.status}</p>`;
  return `${status}<h1>${escapeMarkup(standard.title ?? 'Error')}</h1>`;
}

/** The HTML page around already escaped content. */
export function page(title: string, main: string): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex">' +
    `<title>${title}</title><style>${STYLE}</style></head><body><main>${main}</main></body></html>`
  );
}

/** `inner` in a `tag` element, or nothing when there is nothing to put in one. */
function wrap(tag: string, inner: string): string {
  return inner ? `<${tag}>${inner}</${tag}>` : '';
}

/** Members as a definition list: the name as the term, the value shown. */
function definitions(members: Member[]): string {
  let list = '';
  for (const [name, value] of members)
    list += `<dt>${escapeMarkup(name)}</dt><dd>${show(value)}</dd>`;
  return wrap('dl', list);
}

/**
 * A value as people read it: strings as text (on several lines as preformatted text), numbers,
 * booleans and `null` as written in JSON, arrays as lists, arrays of objects as a table with a
 * column per member, objects as nested definition lists.
 */
function show(value: Json): string {
  if (typeof value === 'string') {
    return value.includes('\n') ? `<pre>${escapeMarkup(value)}</pre>` : escapeMarkup(value);
  }
  if (value === null || typeof value !== 'object') return String(value);
  if (!Array.isArray(value)) return definitions(Object.entries(value));
  if (value.length > 0 && value.every(isRecord)) return table(value);
  let items = '';
  for (const item of value) items += `<li>${show(item)}</li>`;
  return wrap('ul', items);
}

/** Rows of objects as a table: one column per member name, in the order they first appear. */
function table(rows: JsonObject[]): string {
  const columns: string[] = [];
  for (const row of rows) {
    for (const name of Object.keys(row)) if (!columns.includes(name)) columns.push(name);
  }
  let out = '<table><thead><tr>';
  for (const name of columns) out += `<th>${escapeMarkup(name)}</th>`;
  out += '</tr></thead><tbody>';
  for (const row of rows) {
    out += '<tr>';
    for (const name of columns) {
      out += `<td>${Object.hasOwn(row, name) ? show(row[name] as Json) : ''}</td>`;
    }
    out += '</tr>';
  }
  return `${out}</tbody></table>`;
}
