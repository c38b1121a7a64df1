// The XML body of a problem (RFC 9457 Appendix B).

import { escapeMarkup } from './markup.js';
import { collect, type Json } from './members.js';

export const XML_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">';

export function toXml(problem: unknown): string {
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
