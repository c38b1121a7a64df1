import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ProblemDetails } from '../../src/problem/types.js';
import { serializeProblem } from '../../src/render/serialize.js';
import { xmlName } from '../../src/render/xml.js';

// Element names of problem members in XML (RFC 9457 Appendix B): every member is written, and
// a name that is not a plain ASCII XML Name is encoded reversibly (_xHHHH_, as SQL/XML and
// .NET's XmlConvert.EncodeName do). The decoder below is the one docs/problem-details.md states.

/** The documented decoding: `_x_` is the empty name, else each `_xHHHH_`/`_xHHHHHHHH_`. */
function decode(element: string): string {
  if (element === '_x_') return '';
  return element.replace(/_x([0-9A-F]{4}|[0-9A-F]{8})_/g, (_match, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

/**
 * XML 1.0 Name restricted to what every edition allows and Expat's Fourth Edition tables accept:
 * ASCII letters and `_` first, then also digits, `-` and `.`; no colon; not starting with `xml`.
 */
function isPortableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) && !/^xml/i.test(name);
}

const FORBIDDEN: ProblemDetails = { type: 'about:blank', title: 'Forbidden', status: 403 };

const cases: [name: string, element: string][] = [
  // Plain names are written as they are.
  ['balance', 'balance'],
  ['a-b.c1', 'a-b.c1'],
  ['_', '_'],
  ['_X', '_X'],
  ['x', 'x'],
  ['xm', 'xm'],
  ['mxml', 'mxml'],
  // fast-xml-parser's XMLParser throws on these three element names ("[SECURITY] Invalid name").
  ['__proto__', '_x005F__proto__'],
  ['constructor', '_x0063_onstructor'],
  ['prototype', '_x0070_rototype'],
  ['Constructor', 'Constructor'],
  ['toString', 'toString'],
  // Not an XML Name at all (XML 1.0 §2.3).
  ['', '_x_'],
  ['1a', '_x0031_a'],
  ['-a', '_x002D_a'],
  ['.a', '_x002E_a'],
  ['a b', 'a_x0020_b'],
  ['<a>', '_x003C_a_x003E_'],
  ['a&b', 'a_x0026_b'],
  ['a"b', 'a_x0022_b'],
  ['\u00d7', '_x00D7_'],
  ['\u0300a', '_x0300_a'],
  // A colon would need a namespace declaration.
  ['a:b', 'a_x003A_b'],
  [':a', '_x003A_a'],
  // Reserved (XML 1.0 §2.3: names beginning with "xml" in any case).
  ['xml', '_x0078_ml'],
  ['XML', '_x0058_ML'],
  ['Xml-version', '_x0058_ml-version'],
  ['xmlns', '_x0078_mlns'],
  // Fifth Edition names that Expat refuses (checked with expat 2.5.0): encoded too.
  ['\u3001', '_x3001_'],
  ['a\u2070', 'a_x2070_'],
  ['\u{1d4b3}', '_x0001D4B3_'],
  // Names Expat accepts but that are not ASCII: encoded, so one rule covers every parser.
  ['é', '_x00E9_'],
  ['日本', '_x65E5__x672C_'],
  ['a\u00b7b', 'a_x00B7_b'],
  // Characters XML cannot carry at all: encoded as their code points.
  ['a\u0000', 'a_x0000_'],
  ['\ud800', '_xD800_'],
  ['a\udc00', 'a_xDC00_'],
  ['\uffff', '_xFFFF_'],
  ['\r\n', '_x000D__x000A_'],
  // The escape character: an `_` before `x` is encoded, so no name decodes as another.
  ['_x', '_x005F_x'],
  ['_x0041_', '_x005F_x0041_'],
  ['_x_', '_x005F_x_'],
  ['a_xb', 'a_x005F_xb'],
  ['\u00e9x0041_', '_x00E9_x0041_'],
];

describe('xmlName', () => {
  it.each(cases)('%j → %s', (name, element) => {
    expect(xmlName(name)).toBe(element);
    expect(isPortableName(element)).toBe(true);
    expect(decode(element)).toBe(name);
  });

  it('gives distinct names distinct elements', () => {
    const elements = cases.map(([name]) => xmlName(name));
    expect(new Set(elements).size).toBe(elements.length);
  });

  it('writes bodies fast-xml-parser validates and reads back, names decoded', () => {
    // fromEntries defines own members, `__proto__` included (an assignment would not).
    const problem = Object.fromEntries([
      ...Object.entries(FORBIDDEN),
      ...cases.map(([name], index) => [name, index]),
    ]);
    const doc = serializeProblem(problem as ProblemDetails, 'xml');
    expect(XMLValidator.validate(doc)).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false }).parse(doc) as {
      problem: Record<string, string>;
    };
    const members = Object.entries(parsed.problem).filter(([key]) => !key.startsWith('@_'));
    // fast-xml-parser renames a few names it finds dangerous as keys (toString → __toString).
    const unrenamed = (key: string): string => (key === '__toString' ? 'toString' : key);
    const read = Object.fromEntries(
      members.map(([key, value]) => [decode(unrenamed(key)), Number(value)]),
    );
    expect(read).toStrictEqual(
      Object.fromEntries([
        ['type', Number.NaN],
        ['title', Number.NaN],
        ['status', 403],
        ...cases.map(([name], index) => [name, index]),
      ]),
    );
  });

  it('round-trips any string, with a name fast-xml-parser accepts', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (name) => {
          const element = xmlName(name);
          expect(isPortableName(element)).toBe(true);
          expect(decode(element)).toBe(name);
          expect(XMLValidator.validate(`<r><${element}/></r>`)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
