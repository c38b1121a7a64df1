// The plain-text body of a problem, for people and logs: one field per line.

import { causeEntries, collect, headline, isRecord } from './members.js';

export function toText(problem: unknown): string {
  const { standard, extensions } = collect(problem);
  let out = line(headline(standard));
  if (standard.detail) out += line(standard.detail);
  if (standard.type !== undefined && standard.type !== 'about:blank') {
    out += line(`type: ${standard.type}`);
  }
  if (standard.instance !== undefined) out += line(`instance: ${standard.instance}`);
  let debug = '';
  for (const [name, value] of extensions) {
    if (name === 'stack' && typeof value === 'string') {
      debug = `stack:\n${indented(value)}${debug}`;
    } else if (name === 'cause' && isRecord(value)) {
      for (const cause of causeEntries(value)) {
        debug += line(`cause: ${cause.line}`);
        if (cause.stack !== undefined) debug += indented(cause.stack);
      }
    } else {
      out += line(`${name}: ${JSON.stringify(value)}`);
    }
  }
  return out + debug;
}

/**
 * A text of several lines (a stack) as preformatted lines under its field: each indented by two
 * spaces, so that none of them can pass for a field line of its own.
 */
function indented(text: string): string {
  let out = '';
  for (const part of text.split(/\r\n|[\n\r\u2028\u2029]/)) out += line(`  ${part}`);
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
