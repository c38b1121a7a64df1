import { describe, expect, it } from 'vitest';
import { type Challenge, formatChallenges } from '../../src/auth/format-challenges.js';
import { parseChallenges } from '../../src/auth/parse-challenges.js';

describe('parseChallenges', () => {
  const cases: [string, string, Challenge[]][] = [
    [
      'RFC 9110 §11.6.1',
      'Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""',
      [
        { scheme: 'Basic', params: { realm: 'simple' } },
        { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      ],
    ],
    [
      'RFC 7235 §4.1 order',
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
      [
        { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
        { scheme: 'Basic', params: { realm: 'simple' } },
      ],
    ],
    ['RFC 6750 §3', 'Bearer realm="example"', [{ scheme: 'Bearer', params: { realm: 'example' } }]],
    [
      'RFC 6750 §3 error',
      'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
      [
        {
          scheme: 'Bearer',
          params: {
            realm: 'example',
            error: 'invalid_token',
            error_description: 'The access token expired',
          },
        },
      ],
    ],
    ['scheme only', 'Bearer', [{ scheme: 'Bearer' }]],
    ['scheme with trailing whitespace', 'Bearer \t ', [{ scheme: 'Bearer' }]],
    ['lone schemes', 'A, B,C', [{ scheme: 'A' }, { scheme: 'B' }, { scheme: 'C' }]],
    [
      'token68 with padding',
      'Basic YWxhZGRpbjpvcGVuc2VzYW1l, Negotiate abc==',
      [
        { scheme: 'Basic', token68: 'YWxhZGRpbjpvcGVuc2VzYW1l' },
        { scheme: 'Negotiate', token68: 'abc==' },
      ],
    ],
    ['token68 all chars', 'X aZ09-._~+/=', [{ scheme: 'X', token68: 'aZ09-._~+/=' }]],
    ['token68 then whitespace', 'X abc= ,Y', [{ scheme: 'X', token68: 'abc=' }, { scheme: 'Y' }]],
    ['token68 without padding', 'X abc', [{ scheme: 'X', token68: 'abc' }]],
    ['token68 a= (not an auth-param)', 'X a=', [{ scheme: 'X', token68: 'a=' }]],
    [
      'params after token68 are dropped',
      'X abc==, a=b, Y c=d',
      [
        { scheme: 'X', token68: 'abc==' },
        { scheme: 'Y', params: { c: 'd' } },
      ],
    ],
    [
      'commas inside quoted strings',
      'A realm="a, b", x="c,d", B',
      [{ scheme: 'A', params: { realm: 'a, b', x: 'c,d' } }, { scheme: 'B' }],
    ],
    [
      'quoted strings that look like challenges',
      'A realm="B x=1, C", y=2',
      [{ scheme: 'A', params: { realm: 'B x=1, C', y: '2' } }],
    ],
    [
      'empty list elements',
      ', ,A a=1, , ,b=2,, B ,',
      [{ scheme: 'A', params: { a: '1', b: '2' } }, { scheme: 'B' }],
    ],
    [
      'whitespace around = and commas',
      'A  a = 1 ,\tb\t=\t"2"\t, c =3',
      [{ scheme: 'A', params: { a: '1', b: '2', c: '3' } }],
    ],
    ['HTAB after scheme', 'A\ta=1', [{ scheme: 'A', params: { a: '1' } }]],
    ['empty quoted value', 'A a=""', [{ scheme: 'A', params: { a: '' } }]],
    [
      'quoted-pair escapes',
      'A a="\\"q\\"", b="\\\\", c="\\x\\y", d="x\\\ty"',
      [{ scheme: 'A', params: { a: '"q"', b: '\\', c: 'xy', d: 'x\ty' } }],
    ],
    [
      'obs-text kept',
      'A a="caf\u00e9", b="\u00ff"',
      [{ scheme: 'A', params: { a: 'caf\u00e9', b: '\u00ff' } }],
    ],
    [
      'repeated param keeps first',
      'A realm="one", realm="two", REALM=three',
      [{ scheme: 'A', params: { realm: 'one' } }],
    ],
    [
      'param names lower-cased, values kept',
      'A Realm="MiXed", TYPE=UP',
      [{ scheme: 'A', params: { realm: 'MiXed', type: 'UP' } }],
    ],
    ['scheme case kept', 'bEaReR realm=x', [{ scheme: 'bEaReR', params: { realm: 'x' } }]],
    [
      'token values with tchar',
      "A a=!#$%&'*+-.^_`|~",
      [{ scheme: 'A', params: { a: "!#$%&'*+-.^_`|~" } }],
    ],
    [
      'same param name in different challenges',
      'A realm=a, B realm=b',
      [
        { scheme: 'A', params: { realm: 'a' } },
        { scheme: 'B', params: { realm: 'b' } },
      ],
    ],
    // Malformed pieces: skipped, with resync at the next comma outside a quoted string.
    ['bad param value keeps the challenge', 'A a=@@, b=1', [{ scheme: 'A', params: { b: '1' } }]],
    ['bad first element after scheme', 'A @@@, b=1', [{ scheme: 'A', params: { b: '1' } }]],
    ['quoted token68 lookalike', 'A "abc", b=1', [{ scheme: 'A', params: { b: '1' } }]],
    ['missing value', 'A a=, b=1', [{ scheme: 'A', token68: 'a=' }]],
    ['missing value later', 'A x=1, a=, b=1', [{ scheme: 'A', params: { x: '1', b: '1' } }]],
    ['junk after value', 'A a=1 junk, b=2', [{ scheme: 'A', params: { b: '2' } }]],
    ['junk after quoted value', 'A a="1"junk, b=2', [{ scheme: 'A', params: { b: '2' } }]],
    ['two params without comma', 'A a=1 b=2', [{ scheme: 'A' }]],
    ['unterminated quoted string dropped', 'A a="unterminated', [{ scheme: 'A' }]],
    [
      'unterminated quoted string swallows the rest',
      'A x=1, a="open, B b=2',
      [{ scheme: 'A', params: { x: '1' } }],
    ],
    ['dangling backslash', 'A a="x\\', [{ scheme: 'A' }]],
    [
      'control char in quoted value, resync after the string',
      'A a="x\u0001, y", b=1',
      [{ scheme: 'A', params: { b: '1' } }],
    ],
    ['escaped control char', 'A a="\\\u0000", b=1', [{ scheme: 'A', params: { b: '1' } }]],
    ['DEL in quoted value', 'A a="\u007f", b=1', [{ scheme: 'A', params: { b: '1' } }]],
    [
      'char above U+00FF in quoted value',
      'A a="\u0100", b=1',
      [{ scheme: 'A', params: { b: '1' } }],
    ],
    [
      'junk element ends the challenge context',
      'A realm="x", "junk", charset="UTF-8", B',
      [{ scheme: 'A', params: { realm: 'x' } }, { scheme: 'B' }],
    ],
    [
      'junk scheme is dropped with its params',
      'Newauth realm="apps", B@d realm="x", type=1, Basic',
      [{ scheme: 'Newauth', params: { realm: 'apps' } }, { scheme: 'Basic' }],
    ],
    [
      'params before any scheme are dropped',
      'a=1, b="2", A c=3',
      [{ scheme: 'A', params: { c: '3' } }],
    ],
    ['lone = after a param', 'A a=1, =, b=2', [{ scheme: 'A', params: { a: '1' } }]],
    [
      'param with stray padding',
      'A x=1, abc==, y=2',
      [{ scheme: 'A', params: { x: '1', y: '2' } }],
    ],
    ['CR LF in a param', 'A a=1\r\n, B', [{ scheme: 'A' }, { scheme: 'B' }]],
    ['= right after the scheme is a param of no challenge', 'Basic ="x", B', [{ scheme: 'B' }]],
  ];
  it.each(cases)('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toStrictEqual(expected);
  });

  it('omits params and token68 when absent', () => {
    const [a, b] = parseChallenges('A, B abc');
    expect(Object.keys(a ?? {})).toEqual(['scheme']);
    expect(Object.keys(b ?? {})).toEqual(['scheme', 'token68']);
  });

  it('keeps params in order of appearance', () => {
    const [a] = parseChallenges('A z=1, a=2, m=3');
    expect(Object.keys(a?.params ?? {})).toEqual(['z', 'a', 'm']);
  });

  it('stores a __proto__ param as data without touching any prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const result = parseChallenges(
      'A __proto__="polluted", constructor=x, B __PROTO__=y, toString="z", __proto__=second',
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const [a, b] = result;
    const aParams = a?.params ?? {};
    expect(Object.hasOwn(aParams, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(aParams, '__proto__')?.value).toBe('polluted');
    expect(Object.getPrototypeOf(aParams)).toBe(Object.prototype);
    expect(aParams.constructor).toBe('x');
    const bParams = b?.params ?? {};
    expect(Object.getOwnPropertyDescriptor(bParams, '__proto__')?.value).toBe('y');
    expect(bParams.tostring).toBe('z');
    expect(Object.keys(bParams)).toEqual(['__proto__', 'tostring']);
  });

  const hostile: unknown[] = [
    '',
    ' ',
    '=',
    '==',
    '"',
    '""',
    '\\',
    '\\"',
    ',',
    ',,,,',
    ' , \t, ',
    '"unterminated',
    'a="unterminated',
    '="x"',
    '@',
    '\u0000',
    '\r\n',
    '\u0001\u0002\u007f',
    '\u0100\uffff',
    '\ud800',
    '"a, b", "c"',
    ', = , " , \\ ,',
  ];
  it.each(hostile.map((h) => [JSON.stringify(h), h]))('returns [] for %s', (_name, header) => {
    expect(parseChallenges(header as string)).toEqual([]);
  });

  const nonStrings: unknown[] = [
    undefined,
    null,
    42,
    true,
    {},
    ['Basic realm="x"'],
    { toString: () => 'Basic' },
    Symbol('x'),
    () => 'Basic',
  ];
  it.each(nonStrings.map((v) => [typeof v, v]))('returns [] for a non-string (%s)', (_t, value) => {
    expect(parseChallenges(value as string)).toEqual([]);
  });

  const partial: [string, Challenge[]][] = [
    ['Basic realm="x", "', [{ scheme: 'Basic', params: { realm: 'x' } }]],
    ['Basic realm=', [{ scheme: 'Basic', token68: 'realm=' }]],
    ['Basic realm = ', [{ scheme: 'Basic' }]],
    ['Basic \\', [{ scheme: 'Basic' }]],
    ['Basic\u0000realm=x, B', [{ scheme: 'B' }]],
    ['Basic realm="\r\n", B', [{ scheme: 'Basic' }, { scheme: 'B' }]],
    ['"x" Basic, Digest', [{ scheme: 'Digest' }]],
    ['Basic realm="x"\u0000', [{ scheme: 'Basic' }]],
  ];
  it.each(partial)('returns partial results for %j', (header, expected) => {
    expect(parseChallenges(header)).toStrictEqual(expected);
  });

  it('returns only challenges that formatChallenges accepts', () => {
    const inputs = [...hostile, ...partial.map(([h]) => h), ...cases.map(([, h]) => h)];
    for (const input of inputs) {
      const result = parseChallenges(input as string);
      if (result.length > 0) expect(() => formatChallenges(result)).not.toThrow();
    }
  });

  it('parses a 100 kB header', () => {
    const realm = 'x'.repeat(100_000);
    expect(parseChallenges(`Basic realm="${realm}"`)).toStrictEqual([
      { scheme: 'Basic', params: { realm } },
    ]);

    const many = Array.from({ length: 5_000 }, (_, i) => `S${i} p="v, ${i}"`).join(', ');
    const parsed = parseChallenges(many);
    expect(parsed).toHaveLength(5_000);
    expect(parsed[4_999]).toStrictEqual({ scheme: 'S4999', params: { p: 'v, 4999' } });

    const params = Array.from({ length: 10_000 }, (_, i) => `p${i}=${i}`).join(', ');
    const [withParams] = parseChallenges(`A ${params}`);
    expect(Object.keys(withParams?.params ?? {})).toHaveLength(10_000);
  });

  const hostileBig: [string, string, Challenge[]][] = [
    ['spaces', ' '.repeat(100_000), []],
    ['spaces after scheme', `A${' '.repeat(100_000)}b`, [{ scheme: 'A', token68: 'b' }]],
    ['spaces inside token68 lookalike', `A b${' '.repeat(100_000)}=`, [{ scheme: 'A' }]],
    ['quotes', '"'.repeat(100_000), []],
    ['backslashes', '\\'.repeat(100_000), []],
    ['commas', ','.repeat(100_000), []],
    ['equals', '='.repeat(100_000), []],
    ['a=', `A ${'a='.repeat(50_000)}`, [{ scheme: 'A' }]],
    ['a="', `A ${'a="'.repeat(33_334)}`, [{ scheme: 'A' }]],
    ['one token', 'a'.repeat(100_000), [{ scheme: 'a'.repeat(100_000) }]],
    ['open quote then commas', `A a="${', '.repeat(50_000)}`, [{ scheme: 'A' }]],
    ['escaped quotes', `A a="${'\\"'.repeat(50_000)}`, [{ scheme: 'A' }]],
    ['scheme-space pairs', 'A '.repeat(50_000), [{ scheme: 'A' }]],
    ['bad schemes', 'A@'.repeat(50_000), []],
  ];
  it.each(hostileBig)('parses a 100 kB hostile header of %s', (_name, header, expected) => {
    expect(parseChallenges(header)).toStrictEqual(expected);
  });
});

// Julian Reschke's WWW-Authenticate test cases (http://test.greenbytes.de/tech/tc/httpauth/),
// every one of them, by case name. The expectation is the generic RFC 9110 §11 syntax: what
// Basic itself requires (a quoted realm, RFC 7617 §2) is for the caller to check.
describe('parseChallenges: greenbytes httpauth cases', () => {
  const basic = (params: Record<string, string>): Challenge => ({ scheme: 'Basic', params });
  const greenbytes: [name: string, header: string, expected: Challenge[]][] = [
    ['simplebasic', 'Basic realm="foo"', [basic({ realm: 'foo' })]],
    // RFC 9112 §5.2: obs-fold is replaced with SP before the value is interpreted.
    ['simplebasiclf', 'Basic\r\n realm="foo"', [basic({ realm: 'foo' })]],
    ['simplebasicucase', 'BASIC REALM="foo"', [{ scheme: 'BASIC', params: { realm: 'foo' } }]],
    // The generic syntax allows a token; Basic's quoted-string rule is the caller's to check.
    ['simplebasictok', 'Basic realm=foo', [basic({ realm: 'foo' })]],
    // A backslash is not a tchar: the param is malformed and dropped.
    ['simplebasictokbs', 'Basic realm=\\f\\o\\o', [{ scheme: 'Basic' }]],
    // Single quotes are tchar, not quotes.
    ['simplebasicsq', "Basic realm='foo'", [basic({ realm: "'foo'" })]],
    ['simplebasicpct', 'Basic realm="foo%20bar"', [basic({ realm: 'foo%20bar' })]],
    // RFC 9110 §5.6.1: an empty list element after `Basic ` is allowed.
    ['simplebasiccomma', 'Basic , realm="foo"', [basic({ realm: 'foo' })]],
    // RFC 9110 §11.3, §11.6.1: no space after the scheme, so the scheme ends at the comma and
    // realm="foo" is not its parameter.
    ['simplebasiccomma2', 'Basic, realm="foo"', [{ scheme: 'Basic' }]],
    ['simplebasicnorealm', 'Basic', [{ scheme: 'Basic' }]],
    // Invalid (a repeated name); the first value is kept, as documented.
    ['simplebasic2realms', 'Basic realm="foo", realm="bar"', [basic({ realm: 'foo' })]],
    // RFC 9110 §11.2: BWS around `=`.
    ['simplebasicwsrealm', 'Basic realm = "foo"', [basic({ realm: 'foo' })]],
    ['simplebasicrealmsqc', 'Basic realm="\\f\\o\\o"', [basic({ realm: 'foo' })]],
    ['simplebasicrealmsqc2', 'Basic realm="\\"foo\\""', [basic({ realm: '"foo"' })]],
    [
      'simplebasicnewparam1',
      'Basic realm="foo", bar="xyz",, a=b,,,c=d',
      [basic({ realm: 'foo', bar: 'xyz', a: 'b', c: 'd' })],
    ],
    ['simplebasicnewparam2', 'Basic bar="xyz", realm="foo"', [basic({ bar: 'xyz', realm: 'foo' })]],
    // Field values are ISO-8859-1 as far as HTTP is concerned: the octets are kept as obs-text.
    ['simplebasicrealmiso88591', 'Basic realm="foo-\u00e4"', [basic({ realm: 'foo-\u00e4' })]],
    [
      'simplebasicrealmutf8',
      'Basic realm="foo-\u00c3\u00a4"',
      [basic({ realm: 'foo-\u00c3\u00a4' })],
    ],
    // RFC 2047 does not apply to quoted-strings.
    [
      'simplebasicrealmrfc2047',
      'Basic realm="=?ISO-8859-1?Q?foo-=E4?="',
      [basic({ realm: '=?ISO-8859-1?Q?foo-=E4?=' })],
    ],
    [
      'multibasicunknown',
      'Basic realm="basic", Newauth realm="newauth"',
      [basic({ realm: 'basic' }), { scheme: 'Newauth', params: { realm: 'newauth' } }],
    ],
    [
      'multibasicunknownnoparam',
      'Basic realm="basic", Newauth',
      [basic({ realm: 'basic' }), { scheme: 'Newauth' }],
    ],
    [
      'multibasicunknown2',
      'Newauth realm="newauth", Basic realm="basic"',
      [{ scheme: 'Newauth', params: { realm: 'newauth' } }, basic({ realm: 'basic' })],
    ],
    [
      'multibasicunknown2np',
      'Newauth, Basic realm="basic"',
      [{ scheme: 'Newauth' }, basic({ realm: 'basic' })],
    ],
    // Two field lines, joined with ", " as the TSDoc asks (RFC 9110 §5.3).
    [
      'multibasicunknown2mf',
      ['Newauth realm="newauth"', 'Basic realm="basic"'].join(', '),
      [{ scheme: 'Newauth', params: { realm: 'newauth' } }, basic({ realm: 'basic' })],
    ],
    ['multibasicempty', ',Basic realm="basic"', [basic({ realm: 'basic' })]],
    [
      'multibasicqs',
      'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
      [
        { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
        basic({ realm: 'simple' }),
      ],
    ],
    [
      'multidisgscheme',
      'Newauth realm="Newauth Realm", basic=foo, Basic realm="Basic Realm"',
      [
        { scheme: 'Newauth', params: { realm: 'Newauth Realm', basic: 'foo' } },
        basic({ realm: 'Basic Realm' }),
      ],
    ],
    ['unknown', 'Newauth param="value"', [{ scheme: 'Newauth', params: { param: 'value' } }]],
    ['parametersnotrequired', 'A, B', [{ scheme: 'A' }, { scheme: 'B' }]],
    [
      'disguisedrealm',
      'Basic foo="realm=nottherealm", realm="basic"',
      [basic({ foo: 'realm=nottherealm', realm: 'basic' })],
    ],
    [
      'disguisedrealm2',
      'Basic nottherealm="nottherealm", realm="basic"',
      [basic({ nottherealm: 'nottherealm', realm: 'basic' })],
    ],
    // An unterminated quoted-string is malformed: the realm is dropped, not guessed.
    ['missingquote', 'Basic realm="basic', [{ scheme: 'Basic' }]],
  ];
  it.each(greenbytes)('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toStrictEqual(expected);
    expect(() => formatChallenges(expected)).not.toThrow();
  });

  // The rule behind simplebasiccomma2, around it.
  it.each<[string, Challenge[]]>([
    ['Basic,realm="foo"', [{ scheme: 'Basic' }]],
    [
      'Basic, realm="foo", Newauth realm="x"',
      [{ scheme: 'Basic' }, { scheme: 'Newauth', params: { realm: 'x' } }],
    ],
    ['Basic\t, realm="foo"', [basic({ realm: 'foo' })]],
    ['Basic realm="foo", Newauth, type=1', [basic({ realm: 'foo' }), { scheme: 'Newauth' }]],
    ['Newauth , type=1', [{ scheme: 'Newauth', params: { type: '1' } }]],
    // obs-fold anywhere counts as whitespace; a line break without SP or HTAB does not.
    [
      'Basic realm="foo",\r\n\tNewauth type=1',
      [basic({ realm: 'foo' }), { scheme: 'Newauth', params: { type: '1' } }],
    ],
    ['Basic realm="a\r\n b"', [basic({ realm: 'a  b' })]],
    ['Basic\n realm="foo"', [basic({ realm: 'foo' })]],
    ['Basic\r\nrealm="foo"', []],
  ])('%j (RFC 9110 §11.3, RFC 9112 §5.2)', (header, expected) => {
    expect(parseChallenges(header)).toStrictEqual(expected);
  });
});
