// The XML body of a problem (RFC 9457 Appendix B).

import { escapeMarkup } from './markup.js';
import { collect, type Json } from './members.js';

export const XML_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">';

export function toXml(problem: unknown): string {
  let out = XML_OPEN;
  for (const [name, value] of collect(problem).members) out += xmlElement(name, value);
  return `${out}</problem>`;
}

function xmlElement(name: string, value: Json): string {
  const element = xmlName(name);
  return `<${element}>${xmlContent(value)}</${element}>`;
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

/** Element names fast-xml-parser's XMLParser refuses: they would reach an object's prototype. */
const CRITICAL: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * What is encoded in a name: a code point outside ASCII letters, digits, `_`, `-` and `.`; an
 * `_` before `x`; a digit, `-` or `.` first. With `u`, an astral character is one match (one
 * escape) and a lone surrogate its own. {@link RESERVED_NAME} encodes the first character too.
 */
const NAME_ENCODED = /[^A-Za-z0-9_.-]|_(?=x)|^[0-9.-]/gu;
const RESERVED_NAME = /^.|[^A-Za-z0-9_.-]|_(?=x)/gsu;

/** `_xHHHH_`, or `_xHHHHHHHH_` above U+FFFF: the code point in upper-case hex. */
function encodeChar(char: string): string {
  const code = char.codePointAt(0) as number;
  return `_x${code
    .toString(16)
    .toUpperCase()
    .padStart(code > 0xffff ? 8 : 4, '0')}_`;
}

/**
 * The element name of a member named `name`, for every string, reversibly (docs/problem-details.md,
 * "XML element names"). The name is kept to ASCII letters, `_`, and after the first character
 * digits, `-` and `.`: that is an XML Name in every edition, which Expat (XML 1.0 Fourth Edition
 * tables: it refuses e.g. U+3001 or astral letters that the Fifth Edition allows) and
 * fast-xml-parser accept alike, and it has no colon, which would need a namespace. Any other
 * character is written `_xHHHH_` (its code point, upper-case hex; `_xHHHHHHHH_` above U+FFFF),
 * the encoding of SQL/XML and .NET's `XmlConvert.EncodeName`. So that decoding is unambiguous,
 * an `_` followed by `x` is itself encoded (`_x005F_`), and the empty name is written `_x_`, which
 * no other name produces. The first character is also encoded for names starting with the
 * reserved `xml` (any case; XML 1.0 §2.3) and for `__proto__`, `constructor` and `prototype`,
 * on which fast-xml-parser's XMLParser throws (it maps elements to object keys). Decoding: `_x_` is the empty name; otherwise replace each `_xHHHH_` or
 * `_xHHHHHHHH_`, left to right, with its character.
 */
export function xmlName(name: string): string {
  if (name.length === 0) return '_x_';
  // Encoding the first character is enough to take a name off either list.
  const reserved = /^xml/i.test(name) || CRITICAL.includes(name);
  return name.replace(reserved ? RESERVED_NAME : NAME_ENCODED, encodeChar);
}
