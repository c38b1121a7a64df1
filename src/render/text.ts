// The plain-text body of a problem, for people and logs: one field per line.

import { collect, headline } from './members.js';

export function toText(problem: unknown): string {
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
