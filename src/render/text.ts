// The plain-text body of a problem, for people and logs: one field per line.

import { headline, outline } from './members.js';

export function toText(problem: unknown): string {
  const { standard, fields, stack, causes } = outline(problem);
  let out = line(headline(standard));
  if (standard.detail) out += line(standard.detail);
  for (const [name, value] of fields) {
    // `type` and `instance` as they are; an extension as its JSON, which tells its type.
    const shown = name === 'type' || name === 'instance' ? value : JSON.stringify(value);
    out += line(`${name}: ${shown}`);
  }
  if (stack !== undefined) out += `stack:\n${indented(stack)}`;
  for (const cause of causes) {
    out += line(`cause: ${cause.line}`);
    if (cause.stack !== undefined) out += indented(cause.stack);
  }
  return out;
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
 * Control characters other than TAB (C0, DEL and C1), and the Unicode line and paragraph
 * separators: each becomes a space, so that no field can start a line of its own.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const BREAKS = /[\0-\x08\n-\x1f\x7f-\x9f\u2028\u2029]/g;

/** One line of the text format, with {@link BREAKS} made spaces. */
function line(text: string): string {
  return `${text.replace(BREAKS, ' ')}\n`;
}
