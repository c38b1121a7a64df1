import { afterEach, describe, expect, it } from 'vitest';
import { parseProblem } from '../../src/problem/parse.js';
import type { ProblemDetails } from '../../src/problem/types.js';
import { STYLE } from '../../src/render/html.js';
import { type ProblemFormat, serializeProblem } from '../../src/render/serialize.js';
import { CREDIT_BODY } from '../helpers/out-of-credit.js';

const FORMATS: readonly ProblemFormat[] = ['json', 'xml', 'text', 'html'];

const FORBIDDEN: ProblemDetails = {
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  detail: 'You do not have permission to delete user data.',
};

// RFC 9457 §3, with the status of the response it is sent with.
const OUT_OF_CREDIT: ProblemDetails = CREDIT_BODY;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">';

function xml(inner: string): string {
  return `${XML_HEAD}${inner}</problem>`;
}

/**
 * The page for a headline such as `403 Forbidden` (as `<title>`; the status, when it has one, in
 * large type above the title as `<h1>`, which is `Error` for a problem without a title).
 */
function html(heading: string, main: string): string {
  const m = /^(\d+)(?: (.*))?$/.exec(heading);
  const top = m
    ? `<p class="status">${m[1]}</p><h1>${m[2] ?? 'Error'}</h1>`
    : `<h1>${heading}</h1>`;
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex">' +
    `<title>${heading}</title><style>${STYLE}</style></head><body><main>${top}${main}</main></body></html>`
  );
}

/** Expected bodies, in the order json, xml, text, html. */
type Bodies = [json: string, xml: string, text: string, html: string];

const FORBIDDEN_BODIES: Bodies = [
  '{"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have permission to delete user data."}',
  '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Forbidden</title><status>403</status><detail>You do not have permission to delete user data.</detail></problem>',
  '403 Forbidden\nYou do not have permission to delete user data.\n',
  html('403 Forbidden', '<p>You do not have permission to delete user data.</p>'),
];

const OUT_OF_CREDIT_BODIES: Bodies = [
  '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}',
  '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>https://example.com/probs/out-of-credit</type><title>You do not have enough credit.</title><status>403</status><detail>Your current balance is 30, but that costs 50.</detail><instance>/account/12345/msgs/abc</instance><balance>30</balance><accounts><i>/account/12345</i><i>/account/67890</i></accounts></problem>',
  '403 You do not have enough credit.\nYour current balance is 30, but that costs 50.\ntype: https://example.com/probs/out-of-credit\ninstance: /account/12345/msgs/abc\nbalance: 30\naccounts: ["/account/12345","/account/67890"]\n',
  html(
    '403 You do not have enough credit.',
    '<p>Your current balance is 30, but that costs 50.</p><dl><dt>type</dt><dd>https://example.com/probs/out-of-credit</dd><dt>instance</dt><dd>/account/12345/msgs/abc</dd><dt>balance</dt><dd>30</dd><dt>accounts</dt><dd><ul><li>/account/12345</li><li>/account/67890</li></ul></dd></dl>',
  ),
];

/** The bodies of a problem that has no readable member at all. */
const EMPTY_BODIES: Bodies = ['{}', xml(''), 'Error\n', html('Error', '')];

/** The bodies of {@link FORBIDDEN} followed by the given extension renderings. */
function forbiddenWith(json: string, xmlInner: string, text: string, dl: string): Bodies {
  return [
    `${FORBIDDEN_BODIES[0].slice(0, -1)},${json}}`,
    FORBIDDEN_BODIES[1].replace('</problem>', `${xmlInner}</problem>`),
    `${FORBIDDEN_BODIES[2]}${text}\n`,
    FORBIDDEN_BODIES[3].replace('</main>', `<dl>${dl}</dl></main>`),
  ];
}

function expectBodies(problem: unknown, expected: Bodies): void {
  const actual = FORMATS.map((format) => serializeProblem(problem as ProblemDetails, format));
  expect(actual).toStrictEqual(expected);
  expectWellFormedXml(actual[1] as string);
}

// A strict checker for the XML subset the serializer writes: the declaration, one root with the
// RFC 9457 namespace, nested elements with XML names and no colons, text with the five
// predefined entities or character references, only XML 1.0 characters. It returns the tree so
// that tests can compare decoded text.

interface XmlElement {
  name: string;
  children: (XmlElement | string)[];
}

const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF' +
  '\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD' +
  '\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(
  `^[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`,
  'u',
);
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function parseXml(doc: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!doc.startsWith(declaration)) throw new Error('no XML declaration');
  for (const char of doc) {
    const code = char.codePointAt(0) as number;
    if (!isXmlChar(code)) throw new Error(`character U+${code.toString(16)} is not allowed`);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = declaration.length;
  const readName = (): string => {
    const name = NAME.exec(doc.slice(i, i + 2000))?.[0];
    if (name === undefined) throw new Error(`no name at ${i}`);
    if (name.toLowerCase().startsWith('xml')) throw new Error(`reserved name ${name}`);
    i += name.length;
    return name;
  };
  while (i < doc.length) {
    if (root !== undefined && stack.length === 0) throw new Error('content after the root');
    if (doc.startsWith('</', i)) {
      i += 2;
      const name = readName();
      if (doc[i] !== '>') throw new Error(`bad end tag at ${i}`);
      i++;
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else if (doc[i] === '<') {
      i++;
      const element: XmlElement = { name: readName(), children: [] };
      if (root === undefined) {
        const xmlns = ' xmlns="urn:ietf:rfc:7807"';
        if (element.name !== 'problem' || !doc.startsWith(xmlns, i)) throw new Error('bad root');
        i += xmlns.length;
        root = element;
      } else {
        stack.at(-1)?.children.push(element);
      }
      if (doc.startsWith('/>', i)) {
        i += 2;
      } else if (doc[i] === '>') {
        i++;
        stack.push(element);
      } else {
        throw new Error(`bad start tag at ${i}`);
      }
    } else {
      const top = stack.at(-1);
      if (top === undefined) throw new Error('text outside the root');
      let text = '';
      while (i < doc.length && doc[i] !== '<') {
        if (doc[i] === '&') {
          const entity = ENTITY.exec(doc.slice(i, i + 12));
          if (entity === null) throw new Error(`bare & at ${i}`);
          const body = entity[1] as string;
          text +=
            ENTITIES[body] ??
            String.fromCodePoint(
              body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1)),
            );
          i += entity[0].length;
        } else if (doc[i] === '>') {
          throw new Error(`unescaped > at ${i}`);
        } else {
          text += doc[i];
          i++;
        }
      }
      top.children.push(text);
    }
  }
  if (root === undefined || stack.length > 0) throw new Error('unclosed elements');
  return root;
}

function expectWellFormedXml(doc: string): XmlElement {
  let root: XmlElement | undefined;
  expect(() => {
    root = parseXml(doc);
  }).not.toThrow();
  return root as XmlElement;
}

function textOf(element: XmlElement | string | undefined): string {
  if (element === undefined) return '';
  if (typeof element === 'string') return element;
  return element.children.map(textOf).join('');
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find(
    (node): node is XmlElement => typeof node !== 'string' && node.name === name,
  );
}

/** What XML 1.0 can hold of a string: disallowed code units become U+FFFD. */
function sanitized(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    out += isXmlChar(code) ? char : '\ufffd';
  }
  return out;
}

afterEach(() => {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toStrictEqual([]);
});

describe('serializeProblem', () => {
  it('writes the 403 seed exactly', () => {
    expectBodies(FORBIDDEN, FORBIDDEN_BODIES);
  });

  it('writes the RFC 9457 out-of-credit example exactly', () => {
    expectBodies(OUT_OF_CREDIT, OUT_OF_CREDIT_BODIES);
  });

  it('defaults to JSON, also for an unknown format at runtime', () => {
    expect(serializeProblem(FORBIDDEN)).toBe(FORBIDDEN_BODIES[0]);
    expect(serializeProblem(FORBIDDEN, 'yaml' as ProblemFormat)).toBe(FORBIDDEN_BODIES[0]);
  });

  it('writes XML in the shape of RFC 9457 Appendix B', () => {
    // Appendix B verbatim; its example has no status member. The serializer writes one line.
    const appendixB = `<?xml version="1.0" encoding="UTF-8"?>
<problem xmlns="urn:ietf:rfc:7807">
  <type>https://example.com/probs/out-of-credit</type>
  <title>You do not have enough credit.</title>
  <detail>Your current balance is 30, but that costs 50.</detail>
  <instance>https://example.net/account/12345/msgs/abc</instance>
  <balance>30</balance>
  <accounts>
    <i>https://example.net/account/12345</i>
    <i>https://example.net/account/67890</i>
  </accounts>
</problem>`;
    const problem = {
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      detail: 'Your current balance is 30, but that costs 50.',
      instance: 'https://example.net/account/12345/msgs/abc',
      balance: 30,
      accounts: ['https://example.net/account/12345', 'https://example.net/account/67890'],
    } as unknown as ProblemDetails;
    const compact = appendixB.replace(/>\s+</g, '><').replace('?><problem', '?>\n<problem');
    expect(serializeProblem(problem, 'xml')).toBe(compact);
  });

  it('puts the standard members first in XML, text and HTML', () => {
    const problem = { balance: 1, detail: 'd', status: 400, title: 'T', type: 'urn:t' };
    expectBodies(problem, [
      '{"balance":1,"detail":"d","status":400,"title":"T","type":"urn:t"}',
      xml(
        '<type>urn:t</type><title>T</title><status>400</status><detail>d</detail><balance>1</balance>',
      ),
      '400 T\nd\ntype: urn:t\nbalance: 1\n',
      html('400 T', '<p>d</p><dl><dt>type</dt><dd>urn:t</dd><dt>balance</dt><dd>1</dd></dl>'),
    ]);
  });

  describe('extension values', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const cases: [name: string, value: unknown, json: string, xml: string, text: string][] = [
      ['null', null, 'null', '', 'null'],
      ['true', true, 'true', 'true', 'true'],
      ['false', false, 'false', 'false', 'false'],
      ['an integer', 30, '30', '30', '30'],
      ['a fraction', -1.5, '-1.5', '-1.5', '-1.5'],
      ['negative zero', -0, '0', '0', '0'],
      ['a large number', 1e21, '1e+21', '1e+21', '1e+21'],
      ['NaN', Number.NaN, 'null', '', 'null'],
      ['Infinity', Number.POSITIVE_INFINITY, 'null', '', 'null'],
      ['an empty string', '', '""', '', '""'],
      [
        'a string',
        'a "b" <c> & \'d\'',
        '"a \\"b\\" <c> & \'d\'"',
        'a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;',
        '"a \\"b\\" <c> & \'d\'"',
      ],
      ['an empty array', [], '[]', '', '[]'],
      [
        'an array',
        [1, 'a', null, true],
        '[1,"a",null,true]',
        '<i>1</i><i>a</i><i></i><i>true</i>',
        '[1,"a",null,true]',
      ],
      ['nested arrays', [[1, 2], []], '[[1,2],[]]', '<i><i>1</i><i>2</i></i><i></i>', '[[1,2],[]]'],
      [
        'an array with holes and undefined',
        Object.assign(new Array<unknown>(3), { 0: undefined, 2: () => 1 }),
        '[null,null,null]',
        '<i></i><i></i><i></i>',
        '[null,null,null]',
      ],
      ['an empty object', {}, '{}', '', '{}'],
      [
        'an object',
        { a: 1, b: { c: 'd' } },
        '{"a":1,"b":{"c":"d"}}',
        '<a>1</a><b><c>d</c></b>',
        '{"a":1,"b":{"c":"d"}}',
      ],
      [
        'an array of objects',
        [{ id: 1 }, { id: 2 }],
        '[{"id":1},{"id":2}]',
        '<i><id>1</id></i><i><id>2</id></i>',
        '[{"id":1},{"id":2}]',
      ],
      [
        'an object with undefined members',
        { a: undefined, b: 1, c: Symbol('c') },
        '{"b":1}',
        '<b>1</b>',
        '{"b":1}',
      ],
      [
        'a Date',
        new Date(0),
        '"1970-01-01T00:00:00.000Z"',
        '1970-01-01T00:00:00.000Z',
        '"1970-01-01T00:00:00.000Z"',
      ],
      [
        'an object with toJSON',
        { toJSON: (key: string) => `key ${key}` },
        '"key x"',
        'key x',
        '"key x"',
      ],
      ['a class instance', new Point(1, 2), '{"x":1,"y":2}', '<x>1</x><y>2</y>', '{"x":1,"y":2}'],
      ['a Map', new Map([[1, 2]]), '{}', '', '{}'],
      // Regression: the walker wrote boxed primitives as objects ({}, {"0":"a",…}).
      ['a boxed string', Object('ab'), '"ab"', 'ab', '"ab"'],
      ['a boxed number', Object(3), '3', '3', '3'],
      ['a boxed boolean', Object(false), 'false', 'false', 'false'],
      [
        'invalid XML names inside',
        { 'a b': 1, '1': 2, ok: 3, 'xml-x': 4 },
        '{"1":2,"a b":1,"ok":3,"xml-x":4}',
        '<_x0031_>2</_x0031_><a_x0020_b>1</a_x0020_b><ok>3</ok><_x0078_ml-x>4</_x0078_ml-x>',
        '{"1":2,"a b":1,"ok":3,"xml-x":4}',
      ],
    ];

    // What the page shows of each: strings as text, lists, tables of objects, nested lists.
    const pageValues: Record<string, string> = {
      null: 'null',
      true: 'true',
      false: 'false',
      'an integer': '30',
      'a fraction': '-1.5',
      'negative zero': '0',
      'a large number': '1e+21',
      NaN: 'null',
      Infinity: 'null',
      'an empty string': '',
      'a string': 'a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;',
      'an empty array': '',
      'an array': '<ul><li>1</li><li>a</li><li>null</li><li>true</li></ul>',
      'nested arrays': '<ul><li><ul><li>1</li><li>2</li></ul></li><li></li></ul>',
      'an array with holes and undefined': '<ul><li>null</li><li>null</li><li>null</li></ul>',
      'an empty object': '',
      'an object': '<dl><dt>a</dt><dd>1</dd><dt>b</dt><dd><dl><dt>c</dt><dd>d</dd></dl></dd></dl>',
      'an array of objects':
        '<table><thead><tr><th>id</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>',
      'an object with undefined members': '<dl><dt>b</dt><dd>1</dd></dl>',
      'a Date': '1970-01-01T00:00:00.000Z',
      'an object with toJSON': 'key x',
      'a class instance': '<dl><dt>x</dt><dd>1</dd><dt>y</dt><dd>2</dd></dl>',
      'a Map': '',
      'a boxed string': 'ab',
      'a boxed number': '3',
      'a boxed boolean': 'false',
      'invalid XML names inside':
        '<dl><dt>1</dt><dd>2</dd><dt>a b</dt><dd>1</dd><dt>ok</dt><dd>3</dd><dt>xml-x</dt><dd>4</dd></dl>',
    };

    it.each(cases)('%s', (name, value, json, xmlContent, text) => {
      const problem = { ...FORBIDDEN, x: value };
      expect(Object.hasOwn(pageValues, name), name).toBe(true);
      expectBodies(
        problem,
        forbiddenWith(
          `"x":${json}`,
          `<x>${xmlContent}</x>`,
          `x: ${text}`,
          `<dt>x</dt><dd>${pageValues[name]}</dd>`,
        ),
      );
    });

    it('writes boxed primitives as JSON.stringify does, also when it has to walk (regression)', () => {
      const boxed = { a: Object('ab'), b: Object(3), c: Object(true), d: Object(12n) };
      const problem = { ...FORBIDDEN, x: boxed };
      expect(serializeProblem(problem)).toBe(
        serializeProblem({ ...FORBIDDEN, x: { a: 'ab', b: 3, c: true, d: 12n } }),
      );
      expect(serializeProblem(problem)).toContain('"x":{"a":"ab","b":3,"c":true,"d":"12"}');
      expect(serializeProblem(problem, 'xml')).toContain(
        '<x><a>ab</a><b>3</b><c>true</c><d>12</d></x>',
      );
      expect(serializeProblem(problem, 'text')).toContain(
        'x: {"a":"ab","b":3,"c":true,"d":"12"}\n',
      );
    });

    it.each([
      ['undefined', undefined],
      ['a function', () => 1],
      ['a symbol', Symbol('s')],
      ['toJSON returning undefined', { toJSON: () => undefined }],
    ])('leaves out %s', (_name, value) => {
      expectBodies({ ...FORBIDDEN, x: value }, FORBIDDEN_BODIES);
    });
  });

  // Every member is written; a name that is not a plain ASCII XML name is encoded reversibly
  // (src/render/xml.ts, docs/problem-details.md). test/render/xml.test.ts has the full table.
  describe('XML names', () => {
    const plain = ['balance', 'a-b.c1', 'xm', 'x', 'mxl', '_', '__proto', 'A_B', '_X'];
    const encoded: [string, string][] = [
      ['', '_x_'],
      ['1a', '_x0031_a'],
      ['a b', 'a_x0020_b'],
      ['a:b', 'a_x003A_b'],
      ['xml', '_x0078_ml'],
      ['XML', '_x0058_ML'],
      ['_x', '_x005F_x'],
      ['é', '_x00E9_'],
      ['日本', '_x65E5__x672C_'],
      ['𝒳', '_x0001D4B3_'],
      ['\u3001', '_x3001_'],
      ['\ud800', '_xD800_'],
      ['a\u0000', 'a_x0000_'],
      ['__proto__', '_x005F__proto__'],
      ['constructor', '_x0063_onstructor'],
    ];
    it.each(plain)('writes the member %j as it is', (name) => {
      const doc = serializeProblem({ ...FORBIDDEN, [name]: 1 }, 'xml');
      expect(doc).toBe(FORBIDDEN_BODIES[1].replace('</problem>', `<${name}>1</${name}></problem>`));
      expectWellFormedXml(doc);
    });
    it.each(encoded)('writes the member %j as <%s>, at the top and nested', (name, element) => {
      const doc = serializeProblem({ ...FORBIDDEN, [name]: 1 }, 'xml');
      expect(doc).toBe(
        FORBIDDEN_BODIES[1].replace('</problem>', `<${element}>1</${element}></problem>`),
      );
      expectWellFormedXml(doc);
      expect(serializeProblem({ ...FORBIDDEN, n: { [name]: 1 } }, 'xml')).toBe(
        FORBIDDEN_BODIES[1].replace('</problem>', `<n><${element}>1</${element}></n></problem>`),
      );
    });
  });

  describe('escaping', () => {
    it('escapes markup in XML and HTML and keeps text on its lines', () => {
      const problem = {
        type: 'https://example.com/<a href="x">',
        title: '<script>alert("x")</script>',
        status: 400,
        detail: 'Tom & Jerry\'s "quote" <b>\r\nfake: line\u2028\u2029\u0085\u007f\tend',
        instance: '/a?b=1&c=2',
        'a&b': '<x>',
      };
      expectBodies(problem, [
        '{"type":"https://example.com/<a href=\\"x\\">","title":"<script>alert(\\"x\\")</script>","status":400,"detail":"Tom & Jerry\'s \\"quote\\" <b>\\r\\nfake: line\u2028\u2029\u0085\u007f\\tend","instance":"/a?b=1&c=2","a&b":"<x>"}',
        xml(
          '<type>https://example.com/&lt;a href=&quot;x&quot;&gt;</type>' +
            '<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title><status>400</status>' +
            '<detail>Tom &amp; Jerry&#39;s &quot;quote&quot; &lt;b&gt;\r\nfake: line\u2028\u2029\u0085\u007f\tend</detail>' +
            '<instance>/a?b=1&amp;c=2</instance><a_x0026_b>&lt;x&gt;</a_x0026_b>',
        ),
        '400 <script>alert("x")</script>\n' +
          'Tom & Jerry\'s "quote" <b>  fake: line    \tend\n' +
          'type: https://example.com/<a href="x">\n' +
          'instance: /a?b=1&c=2\n' +
          'a&b: "<x>"\n',
        html(
          '400 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
          '<p>Tom &amp; Jerry&#39;s &quot;quote&quot; &lt;b&gt;\r\nfake: line\u2028\u2029\u0085\u007f\tend</p>' +
            '<dl><dt>type</dt><dd>https://example.com/&lt;a href=&quot;x&quot;&gt;</dd>' +
            '<dt>instance</dt><dd>/a?b=1&amp;c=2</dd>' +
            '<dt>a&amp;b</dt><dd>&lt;x&gt;</dd></dl>',
        ),
      ]);
    });

    it('replaces characters XML 1.0 does not allow', () => {
      const detail =
        'a\u0000b\u0001\u0008\u000b\u000c\u001f\t\n\r\ud800x\udc00\ud83d\ude00\ufffe\uffff\ufffd\ud800';
      const expected =
        'a\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffd\t\n\r\ufffdx\ufffd\ud83d\ude00\ufffd\ufffd\ufffd\ufffd';
      const problem = { ...FORBIDDEN, detail, [`k${detail}`]: detail };
      const doc = serializeProblem(problem, 'xml');
      // The member's name is encoded (every character above is outside the ASCII name set).
      const element =
        'ka_x0000_b_x0001__x0008__x000B__x000C__x001F__x0009__x000A__x000D__xD800_x_xDC00__x0001F600__xFFFE__xFFFF__xFFFD__xD800_';
      expect(doc).toBe(
        FORBIDDEN_BODIES[1]
          .replace(FORBIDDEN.detail as string, expected)
          .replace('</problem>', `<${element}>${expected}</${element}></problem>`),
      );
      expect(textOf(child(expectWellFormedXml(doc), 'detail'))).toBe(expected);
      expect(serializeProblem(problem, 'html')).toContain(`<p>${expected}</p>`);
    });

    it('keeps every text field on one line', () => {
      const problem = {
        type: 'urn:a\nb',
        title: 'T\r\nx',
        status: 400,
        instance: '/i\u2028j',
        'multi\nline\rkey\u0000': 'v\nw',
      };
      expect(serializeProblem(problem, 'text')).toBe(
        '400 T  x\ntype: urn:a b\ninstance: /i j\nmulti line key : "v\\nw"\n',
      );
    });
  });

  describe('when JSON.stringify fails', () => {
    const cyclic: Record<string, unknown> = { ...FORBIDDEN };
    cyclic.self = cyclic;
    const inner: Record<string, unknown> = { name: 'inner' };
    inner.back = { to: [inner] };
    const nested = { ...FORBIDDEN, a: inner };
    const arrayCycle: unknown[] = [1];
    arrayCycle.push(arrayCycle);
    const shared = { s: 1 };
    const cases: [name: string, problem: unknown, expected: Bodies][] = [
      [
        'a cycle back to the problem',
        cyclic,
        forbiddenWith(
          '"self":"[Circular]"',
          '<self>[Circular]</self>',
          'self: "[Circular]"',
          '<dt>self</dt><dd>[Circular]</dd>',
        ),
      ],
      [
        'a cycle inside an extension',
        nested,
        forbiddenWith(
          '"a":{"name":"inner","back":{"to":["[Circular]"]}}',
          '<a><name>inner</name><back><to><i>[Circular]</i></to></back></a>',
          'a: {"name":"inner","back":{"to":["[Circular]"]}}',
          '<dt>a</dt><dd><dl><dt>name</dt><dd>inner</dd><dt>back</dt><dd><dl><dt>to</dt><dd><ul><li>[Circular]</li></ul></dd></dl></dd></dl></dd>',
        ),
      ],
      [
        'an array containing itself',
        { ...FORBIDDEN, list: arrayCycle },
        forbiddenWith(
          '"list":[1,"[Circular]"]',
          '<list><i>1</i><i>[Circular]</i></list>',
          'list: [1,"[Circular]"]',
          '<dt>list</dt><dd><ul><li>1</li><li>[Circular]</li></ul></dd>',
        ),
      ],
      [
        'a bigint, next to a shared object that is not a cycle',
        { ...FORBIDDEN, big: 12345678901234567890n, a: shared, b: [shared] },
        forbiddenWith(
          '"big":"12345678901234567890","a":{"s":1},"b":[{"s":1}]',
          '<big>12345678901234567890</big><a><s>1</s></a><b><i><s>1</s></i></b>',
          'big: "12345678901234567890"\na: {"s":1}\nb: [{"s":1}]',
          '<dt>big</dt><dd>12345678901234567890</dd><dt>a</dt><dd><dl><dt>s</dt><dd>1</dd></dl></dd><dt>b</dt><dd><table><thead><tr><th>s</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></dd>',
        ),
      ],
      [
        'a bigint inside an array',
        { ...FORBIDDEN, ids: [1n, -2n] },
        forbiddenWith(
          '"ids":["1","-2"]',
          '<ids><i>1</i><i>-2</i></ids>',
          'ids: ["1","-2"]',
          '<dt>ids</dt><dd><ul><li>1</li><li>-2</li></ul></dd>',
        ),
      ],
    ];
    it.each(cases)('writes %s', (_name, problem, expected) => {
      expectBodies(problem, expected);
    });
  });

  describe('hostile problems never throw', () => {
    const throwing = (): never => {
      throw new Error('boom');
    };
    const getterThrows = Object.defineProperty({ ...FORBIDDEN }, 'secret', {
      enumerable: true,
      get: throwing,
    });
    const toJsonThrows = { ...FORBIDDEN, x: { toJSON: throwing } };
    const detailThrows = Object.defineProperty(
      { type: 'about:blank', title: 'Forbidden', status: 403, balance: 1n },
      'detail',
      { enumerable: true, get: throwing },
    );
    const everyTrap = new Proxy(
      {},
      {
        get: throwing,
        has: throwing,
        ownKeys: throwing,
        getOwnPropertyDescriptor: throwing,
        getPrototypeOf: throwing,
      },
    );
    const revocable = Proxy.revocable({ ...FORBIDDEN }, {});
    revocable.revoke();
    const passThrough = new Proxy({ ...FORBIDDEN }, {});
    const deep = parseProblem(
      `{"status":400,"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`,
    );
    const badRequest: Bodies = [
      '{"type":"about:blank","title":"Bad Request","status":400}',
      xml('<type>about:blank</type><title>Bad Request</title><status>400</status>'),
      '400 Bad Request\n',
      html('400 Bad Request', ''),
    ];
    const big = 'x'.repeat(1_000_000);

    const cases: [name: string, problem: unknown, expected: Bodies][] = [
      ['null', null, EMPTY_BODIES],
      ['undefined', undefined, EMPTY_BODIES],
      ['a number', 403, EMPTY_BODIES],
      ['a string', 'Forbidden', EMPTY_BODIES],
      ['a bigint', 403n, EMPTY_BODIES],
      ['a symbol', Symbol('p'), EMPTY_BODIES],
      ['an empty object', {}, EMPTY_BODIES],
      ['a Proxy that throws on every trap', everyTrap, EMPTY_BODIES],
      ['a revoked Proxy', revocable.proxy, EMPTY_BODIES],
      ['a transparent Proxy', passThrough, FORBIDDEN_BODIES],
      ['a throwing getter on an extension', getterThrows, FORBIDDEN_BODIES],
      ['a throwing toJSON on an extension', toJsonThrows, FORBIDDEN_BODIES],
      [
        'a throwing getter on detail',
        detailThrows,
        [
          '{"type":"about:blank","title":"Forbidden","status":403}',
          xml(
            '<type>about:blank</type><title>Forbidden</title><status>403</status><balance>1</balance>',
          ),
          '403 Forbidden\nbalance: "1"\n',
          html('403 Forbidden', '<dl><dt>balance</dt><dd>1</dd></dl>'),
        ],
      ],
      ['100000 levels of nesting', deep, badRequest],
      [
        'wrong-typed standard members',
        { type: 1, title: null, status: '403', detail: {}, instance: [] },
        [
          '{"type":1,"title":null,"status":"403","detail":{},"instance":[]}',
          xml(''),
          'Error\n',
          html('Error', ''),
        ],
      ],
      [
        'a non-finite status',
        { ...FORBIDDEN, status: Number.NaN },
        [
          '{"type":"about:blank","title":"Forbidden","status":null,"detail":"You do not have permission to delete user data."}',
          xml(
            '<type>about:blank</type><title>Forbidden</title><detail>You do not have permission to delete user data.</detail>',
          ),
          'Forbidden\nYou do not have permission to delete user data.\n',
          html('Forbidden', '<p>You do not have permission to delete user data.</p>'),
        ],
      ],
      [
        'a status without a title',
        { status: 500 },
        ['{"status":500}', xml('<status>500</status>'), '500\n', html('500', '')],
      ],
      [
        'a toJSON on the problem returning undefined',
        { ...FORBIDDEN, toJSON: () => undefined },
        FORBIDDEN_BODIES,
      ],
      ['a toJSON on the problem that throws', { ...FORBIDDEN, toJSON: throwing }, FORBIDDEN_BODIES],
      [
        'symbol-keyed and non-enumerable members',
        Object.defineProperties(
          { ...FORBIDDEN, [Symbol('s')]: 1 },
          { hidden: { value: 1, enumerable: false } },
        ),
        FORBIDDEN_BODIES,
      ],
      [
        'a __proto__ member',
        parseProblem('{"status":400,"__proto__":{"polluted":1}}'),
        [
          '{"type":"about:blank","title":"Bad Request","status":400,"__proto__":{"polluted":1}}',
          xml(
            '<type>about:blank</type><title>Bad Request</title><status>400</status><_x005F__proto__><polluted>1</polluted></_x005F__proto__>',
          ),
          '400 Bad Request\n__proto__: {"polluted":1}\n',
          html(
            '400 Bad Request',
            '<dl><dt>__proto__</dt><dd><dl><dt>polluted</dt><dd>1</dd></dl></dd></dl>',
          ),
        ],
      ],
      [
        'a nested __proto__ member with a bigint',
        { ...FORBIDDEN, n: 1n, x: JSON.parse('{"__proto__":{"polluted":1}}') },
        forbiddenWith(
          '"n":"1","x":{"__proto__":{"polluted":1}}',
          '<n>1</n><x><_x005F__proto__><polluted>1</polluted></_x005F__proto__></x>',
          'n: "1"\nx: {"__proto__":{"polluted":1}}',
          '<dt>n</dt><dd>1</dd><dt>x</dt><dd><dl><dt>__proto__</dt><dd><dl><dt>polluted</dt><dd>1</dd></dl></dd></dl></dd>',
        ),
      ],
      [
        'a 1 MB detail',
        { ...FORBIDDEN, detail: big },
        [
          FORBIDDEN_BODIES[0].replace(FORBIDDEN.detail as string, big),
          FORBIDDEN_BODIES[1].replace(FORBIDDEN.detail as string, big),
          FORBIDDEN_BODIES[2].replace(FORBIDDEN.detail as string, big),
          FORBIDDEN_BODIES[3].replace(FORBIDDEN.detail as string, big),
        ],
      ],
    ];
    // The 1 MB detail takes a fraction of a second, but over 10 s in the instrumented source
    // `npm run mutation` tests (every character escaped counts a hit).
    it.each(cases)(
      '%s',
      (_name, problem, expected) => {
        expectBodies(problem, expected);
      },
      60_000,
    );

    it('writes 999 levels below the problem and refuses the 1000th', () => {
      const nest = (levels: number): unknown => {
        let value: unknown = 'leaf';
        for (let i = 0; i < levels; i++) value = { a: value };
        return value;
      };
      // The bigint forces the JSON writer off its fast path.
      const ok = { ...FORBIDDEN, n: 1n, a: nest(999) };
      const json = serializeProblem(ok);
      expect(json).toBe(
        `${FORBIDDEN_BODIES[0].slice(0, -1)},"n":"1","a":${'{"a":'.repeat(999)}"leaf"${'}'.repeat(999)}}`,
      );
      const doc = serializeProblem(ok, 'xml');
      expect(doc).toBe(
        FORBIDDEN_BODIES[1].replace(
          '</problem>',
          `<n>1</n><a>${'<a>'.repeat(999)}leaf${'</a>'.repeat(999)}</a></problem>`,
        ),
      );
      expectWellFormedXml(doc);
      const tooDeep = { ...FORBIDDEN, n: 1n, a: nest(1000) };
      expectBodies(tooDeep, FORBIDDEN_BODIES);
    });
  });

  describe('round trip through parseProblem', () => {
    const inputs: [name: string, input: string][] = [
      ['the 403 seed', FORBIDDEN_BODIES[0]],
      ['out-of-credit', OUT_OF_CREDIT_BODIES[0]],
      ['no status', '{"title":"x"}'],
      ['members out of order', '{"z":1,"instance":"/i","status":404,"type":"urn:t","a":[{}]}'],
      ['integer-like keys', '{"7":"seven","status":400,"b":1}'],
      ['wrong types', '{"type":null,"title":5,"status":"400","detail":[],"extra":{"status":1}}'],
      ['__proto__', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'],
      ['escapes', '{"detail":"\\u0000\\n\\"<&>\\ud800","k\\r":"\\u2028"}'],
      ['numbers', '{"n":[1e21,0.1,-5e-324,123456789012345678901234567890]}'],
      ['unicode', '{"title":"Ünïcödé 😀","日本":"語"}'],
    ];
    it.each(inputs)('%s', (_name, input) => {
      const first = parseProblem(input, { status: 500 });
      expect(first).toBeDefined();
      const body = serializeProblem(first as ProblemDetails);
      const second = parseProblem(body);
      // Compared as JSON: the matchers read an own `constructor` member as the object's class.
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(Object.keys(second ?? {})).toStrictEqual(Object.keys(first ?? {}));
      for (const format of FORMATS) {
        expect(serializeProblem(second as ProblemDetails, format)).toBe(
          serializeProblem(first as ProblemDetails, format),
        );
      }
      expect(serializeProblem(second as ProblemDetails)).toBe(body);
      expectWellFormedXml(serializeProblem(first as ProblemDetails, 'xml'));
    });
  });

  it('stays well-formed and escaped for random input', () => {
    // A small deterministic generator (mulberry32) over characters that matter to the formats.
    let seed = 9457;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = [
      'a',
      'Z',
      '_',
      '-',
      '.',
      '1',
      ' ',
      '<',
      '>',
      '&',
      '"',
      "'",
      '/',
      ':',
      '=',
      ';',
      ']]>',
      '\u0000',
      '\t',
      '\n',
      '\r',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u00b7',
      '\u0300',
      'é',
      '日',
      '\u2028',
      '\ud800',
      '\udc00',
      '\ud83d\ude00',
      '\ufffe',
      '\uffff',
      'xml',
      '&amp;',
      '<!--',
    ];
    const text = (): string => {
      let s = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      return s;
    };
    const value = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.4) return text();
      if (pick < 0.5) return Math.floor(random() * 1000) - 500;
      if (pick < 0.55) return null;
      if (pick < 0.6) return random() < 0.5;
      if (pick < 0.8)
        return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        Object.defineProperty(object, text(), {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    };
    for (let round = 0; round < 300; round++) {
      const problem: ProblemDetails = {
        type: random() < 0.5 ? 'about:blank' : text(),
        title: text(),
        status: 400 + Math.floor(random() * 200),
        detail: text(),
        instance: text(),
      };
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        Object.defineProperty(problem, text(), {
          value: value(0),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }

      const doc = serializeProblem(problem, 'xml');
      const root = expectWellFormedXml(doc);
      expect(textOf(child(root, 'title'))).toBe(sanitized(problem.title));
      expect(textOf(child(root, 'detail'))).toBe(sanitized(problem.detail as string));

      const page = serializeProblem(problem, 'html');
      const tags =
        /<(!DOCTYPE html|\/?(html|head|body|main|h1|h2|p|dl|dt|dd|ul|ol|li|pre|table|thead|tbody|tr|th|td|title|style)|p class="status"|html lang="en"|meta charset="utf-8"|meta name="viewport" content="width=device-width, initial-scale=1"|meta name="robots" content="noindex")>/g;
      const outside = page.replace(STYLE, '').replace(tags, '');
      expect(outside).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);

      const lines = serializeProblem(problem, 'text').split('\n');
      expect(lines.at(-1)).toBe('');
      for (const line of lines) {
        for (let i = 0; i < line.length; i++) {
          const c = line.charCodeAt(i);
          const breaks = (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f) || c === 0x2028;
          expect(breaks || c === 0x2029).toBe(false);
        }
      }

      const json = serializeProblem(problem);
      expect(parseProblem(json)).toStrictEqual(JSON.parse(json));
    }
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('serializeProblem: edges found by mutation testing', () => {
  it('writes JSON deeper than the walker allows when JSON.stringify can (its fast path)', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 1200; i++) value = [value];
    const json = serializeProblem({ ...FORBIDDEN, a: value });
    expect(json).toBe(
      `${FORBIDDEN_BODIES[0].slice(0, -1)},"a":${'['.repeat(1200)}"leaf"${']'.repeat(1200)}}`,
    );
  });

  it('calls the toJSON of the problem itself with the key "", as JSON.stringify does', () => {
    const problem = {
      ...FORBIDDEN,
      toJSON(key: string) {
        return { type: 'about:blank', title: `key=${JSON.stringify(key)}`, status: 403, n: 1n };
      },
    };
    expect(serializeProblem(problem)).toBe(
      '{"type":"about:blank","title":"key=\\"\\"","status":403,"n":"1"}',
    );
  });

  it('honours a toJSON on BigInt.prototype, as JSON.stringify does', () => {
    const proto = BigInt.prototype as { toJSON?: () => unknown };
    proto.toJSON = function (this: bigint) {
      return `${this}n`;
    };
    try {
      expect(serializeProblem({ ...FORBIDDEN, n: 5n }, 'text')).toBe(
        `${FORBIDDEN_BODIES[2]}n: "5n"\n`,
      );
    } finally {
      delete proto.toJSON;
    }
  });

  it('keeps surrogate pairs at the ends of the ranges and replaces lone surrogates', () => {
    const kept = '\u{10000}\u{10FFFF}\uD800\uDC00\uDBFF\uDFFF\uE000\uD7FF\uFFFD';
    expect(serializeProblem({ ...FORBIDDEN, detail: kept }, 'xml')).toContain(
      `<detail>${kept}</detail>`,
    );
    const lone = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDBFFx', 'x\uDFFF'];
    for (const text of lone) {
      const doc = serializeProblem({ ...FORBIDDEN, detail: text }, 'xml');
      expect(doc).toContain(`<detail>${text.replace(/[\uD800-\uDFFF]/g, '\uFFFD')}</detail>`);
    }
  });

  it('turns C0 and C1 controls into spaces in text, and keeps everything else', () => {
    const text = serializeProblem(
      { ...FORBIDDEN, detail: 'a\u001fb\u007fc\u0080d\u009fe\u00a0fé g' },
      'text',
    );
    expect(text).toBe('403 Forbidden\na b c d e\u00a0fé g\n');
  });
});

// The layout of the debug members and of the heading in text and HTML, pinned as written
// before the writers came to share one member walk (src/render/members.ts, `outline`).
describe('serializeProblem: debug members and headings in text and HTML', () => {
  /** Writes a problem without `type`, which ProblemDetails requires. */
  const write = (problem: object, format: ProblemFormat): string =>
    serializeProblem(problem as ProblemDetails, format);

  /** The page's `<title>` and `<main>`. */
  function titleAndMain(page: string): [string, string] {
    return [
      /<title>(.*)<\/title>/s.exec(page)?.[1] ?? '',
      /<main>(.*)<\/main>/s.exec(page)?.[1] ?? '',
    ];
  }

  it('writes the stack before the cause chain, whatever their order in the problem', () => {
    const problem = {
      status: 500,
      title: 'T',
      cause: { message: 'm', stack: 'E: m\n  at x' },
      stack: 'S\r\nT',
    };
    expect(write(problem, 'text')).toBe('500 T\nstack:\n  S\n  T\ncause: m\n  E: m\n    at x\n');
    expect(titleAndMain(write(problem, 'html'))).toStrictEqual([
      '500 T',
      '<p class="status">500</p><h1>T</h1><h2>Stack</h2><pre>S\r\nT</pre>' +
        '<h2>Caused by</h2><ol><li><p>m</p><pre>E: m\n  at x</pre></li></ol>',
    ]);
    expect(write(problem, 'xml')).toBe(
      xml(
        '<title>T</title><status>500</status><cause><message>m</message><stack>E: m\n  at x</stack></cause><stack>S\r\nT</stack>',
      ),
    );
  });

  it('writes a stack that is not a string and a cause that is not an object as fields', () => {
    const problem = { status: 500, title: 'T', stack: 5, cause: 'x' };
    expect(write(problem, 'text')).toBe('500 T\nstack: 5\ncause: "x"\n');
    expect(titleAndMain(write(problem, 'html'))).toStrictEqual([
      '500 T',
      '<p class="status">500</p><h1>T</h1><dl><dt>stack</dt><dd>5</dd><dt>cause</dt><dd>x</dd></dl>',
    ]);
  });

  it('heads each cause with whichever of status, name and message it has', () => {
    const problem = {
      status: 500,
      cause: {
        status: 0,
        name: '',
        message: '',
        cause: { name: 'E', message: 'm', cause: { status: 503, message: 'm', cause: {} } },
      },
    };
    expect(write(problem, 'text')).toBe(
      '500\ncause: 0\ncause: E: m\ncause: 503: m\ncause: Error\n',
    );
    expect(titleAndMain(write(problem, 'html'))).toStrictEqual([
      '500',
      '<p class="status">500</p><h1>Error</h1><h2>Caused by</h2><ol>' +
        '<li><p>0</p></li><li><p>E: m</p></li><li><p>503: m</p></li><li><p>Error</p></li></ol>',
    ]);
  });

  it('prints the first 100 links of a longer cause chain', () => {
    let cause: Record<string, unknown> = { name: 'E', message: 'end' };
    for (let i = 100; i >= 1; i--) cause = { name: 'E', message: String(i), cause };
    const lines = write({ status: 500, cause }, 'text').split('\n');
    expect(lines).toHaveLength(102);
    expect(lines.slice(0, 3)).toStrictEqual(['500', 'cause: E: 1', 'cause: E: 2']);
    expect(lines.slice(-2)).toStrictEqual(['cause: E: 100', '']);
  });

  it('keeps an empty title after the status', () => {
    const problem = { status: 403, title: '' };
    expect(write(problem, 'text')).toBe('403 \n');
    expect(titleAndMain(write(problem, 'html'))).toStrictEqual([
      '403 ',
      '<p class="status">403</p><h1></h1>',
    ]);
  });
});
