import { describe, expect, it } from 'vitest';
import { type Challenge, formatChallenges, parseChallenges } from '../../src/auth/challenge.js';

describe('formatChallenges', () => {
  const cases: [string, Challenge | readonly Challenge[], string][] = [
    ['scheme only', { scheme: 'Bearer' }, 'Bearer'],
    [
      'RFC 6750 §3 realm',
      { scheme: 'Bearer', params: { realm: 'example' } },
      'Bearer realm="example"',
    ],
    [
      'RFC 6750 §3 error',
      { scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token' } },
      'Bearer realm="example", error="invalid_token"',
    ],
    [
      'several challenges',
      [
        { scheme: 'Basic', params: { realm: 'simple' } },
        { scheme: 'Newauth', params: { realm: 'apps', type: '1' } },
      ],
      'Basic realm="simple", Newauth realm="apps", type="1"',
    ],
    ['token68', { scheme: 'Negotiate', token68: 'abc123==' }, 'Negotiate abc123=='],
    [
      'token68 with empty params',
      { scheme: 'Negotiate', token68: 'a/b+c', params: {} },
      'Negotiate a/b+c',
    ],
    ['empty params', { scheme: 'Basic', params: {} }, 'Basic'],
    ['list of one', [{ scheme: 'Basic' }], 'Basic'],
    [
      'escapes " and \\',
      { scheme: 'Newauth', params: { title: 'Login to "apps" \\ C:\\' } },
      'Newauth title="Login to \\"apps\\" \\\\ C:\\\\"',
    ],
    ['empty value', { scheme: 'X', params: { a: '' } }, 'X a=""'],
    [
      'HTAB, obs-text and commas in values',
      { scheme: 'X', params: { a: 'tab\there', b: 'caf\u00e9, \u00ff' } },
      'X a="tab\there", b="caf\u00e9, \u00ff"',
    ],
    ['scheme case kept', { scheme: 'bEaReR', params: { Realm: 'r' } }, 'bEaReR Realm="r"'],
    [
      'token chars',
      { scheme: "!#$%&'*+-.^_`|~09az", params: { '!x': 'y' } },
      '!#$%&\'*+-.^_`|~09az !x="y"',
    ],
    [
      '__proto__ param name',
      { scheme: 'X', params: JSON.parse('{"__proto__":"p","a":"b"}') as Record<string, string> },
      'X __proto__="p", a="b"',
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(formatChallenges(input)).toBe(expected);
  });

  const errors: [string, unknown, string][] = [
    ['empty list', [], 'challenges must contain at least one challenge'],
    ['null', null, 'challenge must be an object, got null'],
    ['string', 'Basic', 'challenge must be an object, got "Basic"'],
    ['number', 5, 'challenge must be an object, got 5'],
    ['undefined', undefined, 'challenge must be an object, got undefined'],
    ['null element', [{ scheme: 'A' }, null], 'challenges[1] must be an object, got null'],
    ['nested array', [[{ scheme: 'A' }]], 'challenges[0] must be an object, got an array'],
    ['missing scheme', {}, 'challenge.scheme must be a token, got undefined'],
    ['empty scheme', { scheme: '' }, 'challenge.scheme must be a token, got ""'],
    ['scheme with space', { scheme: 'Bea rer' }, 'challenge.scheme must be a token, got "Bea rer"'],
    ['scheme not string', { scheme: 1 }, 'challenge.scheme must be a token, got 1'],
    [
      'scheme in list',
      [{ scheme: 'A' }, { scheme: 'B\r\n' }],
      'challenges[1].scheme must be a token, got "B\\r\\n"',
    ],
    ['params null', { scheme: 'A', params: null }, 'challenge.params must be an object, got null'],
    [
      'params string',
      { scheme: 'A', params: 'a=b' },
      'challenge.params must be an object, got "a=b"',
    ],
    [
      'params array',
      { scheme: 'A', params: ['x'] },
      'challenge.params must be an object, got an array',
    ],
    [
      'param name with space',
      { scheme: 'A', params: { 'a b': 'x' } },
      'challenge.params["a b"] has a name that is not a token',
    ],
    [
      'empty param name',
      { scheme: 'A', params: { '': 'x' } },
      'challenge.params[""] has a name that is not a token',
    ],
    [
      'param name with =',
      { scheme: 'A', params: { 'a=': 'x' } },
      'challenge.params["a="] has a name that is not a token',
    ],
    [
      'repeated name, other case',
      { scheme: 'A', params: { realm: 'a', Realm: 'b' } },
      'challenge.params.Realm repeats challenge.params.realm (parameter names are case-insensitive)',
    ],
    [
      'repeated name with non-identifier chars',
      [{ scheme: 'A' }, { scheme: 'B', params: { 'x-y': 'a', 'X-Y': 'b' } }],
      'challenges[1].params["X-Y"] repeats challenges[1].params["x-y"] (parameter names are case-insensitive)',
    ],
    [
      'value number',
      { scheme: 'A', params: { realm: 1 } },
      'challenge.params.realm must be a string, got 1',
    ],
    [
      'value object',
      { scheme: 'A', params: { realm: {} } },
      'challenge.params.realm must be a string, got an object',
    ],
    [
      'value with CR LF',
      { scheme: 'A', params: { realm: 'a\r\nSet-Cookie: x' } },
      'challenge.params.realm contains a character not allowed in a quoted-string',
    ],
    [
      'value with NUL',
      [{ scheme: 'A' }, { scheme: 'B', params: { title: 'a\u0000' } }],
      'challenges[1].params.title contains a character not allowed in a quoted-string',
    ],
    [
      'value with DEL',
      { scheme: 'A', params: { a1: '\u007f' } },
      'challenge.params.a1 contains a character not allowed in a quoted-string',
    ],
    [
      'value above U+00FF',
      { scheme: 'A', params: { _x: '\u0100' } },
      'challenge.params._x contains a character not allowed in a quoted-string',
    ],
    [
      'token68 with space',
      { scheme: 'A', token68: 'a b' },
      'challenge.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got "a b"',
    ],
    [
      'token68 only padding',
      { scheme: 'A', token68: '==' },
      'challenge.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got "=="',
    ],
    [
      'token68 = inside',
      { scheme: 'A', token68: 'a=b' },
      'challenge.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got "a=b"',
    ],
    [
      'token68 empty',
      { scheme: 'A', token68: '' },
      'challenge.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got ""',
    ],
    [
      'token68 not string',
      { scheme: 'A', token68: 7 },
      'challenge.token68 must be a token68 (letters, digits, "-._~+/", then optional "=" padding), got 7',
    ],
    [
      'token68 and params',
      { scheme: 'A', token68: 'abc', params: { realm: 'x' } },
      'challenge cannot have both token68 and params',
    ],
  ];
  it.each(errors)('refuses %s', (_name, input, message) => {
    expect(() => formatChallenges(input as Challenge)).toThrow(
      new TypeError(`formatChallenges: ${message}`),
    );
    expect(() => formatChallenges(input as Challenge)).toThrow(TypeError);
  });

  it('treats undefined params and token68 as absent', () => {
    const loose = { scheme: 'A', params: undefined, token68: undefined } as unknown as Challenge;
    expect(formatChallenges(loose)).toBe('A');
  });

  it('accepts a readonly list', () => {
    const list: readonly Challenge[] = Object.freeze([{ scheme: 'A' }, { scheme: 'B' }]);
    expect(formatChallenges(list)).toBe('A, B');
  });
});

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

describe('round trip formatChallenges → parseChallenges', () => {
  const lists: Challenge[][] = [
    [{ scheme: 'Bearer' }],
    [{ scheme: 'Bearer', params: { realm: 'example' } }],
    [
      { scheme: 'Basic', params: { realm: 'simple' } },
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
    ],
    [{ scheme: 'Negotiate', token68: 'abc123==' }, { scheme: 'Basic' }],
    [{ scheme: 'Basic', token68: 'YWxhZGRpbjpvcGVuc2VzYW1l' }],
    [{ scheme: 'A', params: { a: 'x, B b="y"', b: '\\', c: '' } }, { scheme: 'B' }],
    [{ scheme: 'A', params: { a: ' lead and trail ', b: '\t', c: 'caf\u00e9\u00ff' } }],
    [{ scheme: 'A', params: { '!#$%': "'*+-.^_`|~", z: '=' } }],
    [
      { scheme: 'Digest', params: { realm: 'http-auth@example.org', qop: 'auth, auth-int' } },
      { scheme: 'Digest', params: { realm: 'http-auth@example.org', algorithm: 'SHA-256' } },
    ],
    [{ scheme: 'X', params: JSON.parse('{"__proto__":"p"}') as Record<string, string> }],
  ];
  it.each(lists.map((l) => [formatChallenges(l), l]))('%s', (header, list) => {
    expect(parseChallenges(header)).toStrictEqual(list);
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('challenges: edges found by mutation testing', () => {
  it.each([
    ['z', 'params.z'],
    ['Z', 'params.Z'],
    ['A', 'params.A'],
    ['_x', 'params._x'],
    ['a0', 'params.a0'],
    ['a9', 'params.a9'],
    ['0a', 'params["0a"]'],
    ['a~', 'params["a~"]'],
    ['a^', 'params["a^"]'],
    ['a`', 'params["a`"]'],
    ['a{', 'params["a{"]'],
  ])('names param %j as %s in an error message', (name, path) => {
    expect(() => formatChallenges({ scheme: 'B', params: { [name]: 1 as never } })).toThrow(
      `challenge.${path} `,
    );
  });

  it('accepts token68 characters at the edges of the ranges and refuses the ones beyond', () => {
    expect(formatChallenges({ scheme: 'N', token68: 'AZaz09-._~+/=' })).toBe('N AZaz09-._~+/=');
    for (const token68 of ['a{', 'a@', 'a[', 'a`']) {
      expect(() => formatChallenges({ scheme: 'N', token68 })).toThrow(TypeError);
    }
  });

  it('refuses a token68 that only looks like a string', () => {
    const duck = { length: 1, charCodeAt: () => 0x61 };
    expect(() => formatChallenges({ scheme: 'N', token68: duck as never })).toThrow(TypeError);
  });

  it('accepts the scheme Z (the last upper-case tchar)', () => {
    expect(formatChallenges({ scheme: 'Z' })).toBe('Z');
  });

  it('skips an escaped quote inside a malformed param when looking for the next element', () => {
    expect(parseChallenges('A b="\\",x" junk, C')).toEqual([{ scheme: 'A' }, { scheme: 'C' }]);
  });

  it('does not read a param out of two tokens with no "=" between them', () => {
    expect(parseChallenges('A b cd')).toEqual([{ scheme: 'A' }]);
    expect(parseChallenges('A b cd, e=f')).toEqual([{ scheme: 'A', params: { e: 'f' } }]);
  });
});

describe('error messages', () => {
  it('show at most 40 characters of an offending string', () => {
    const forty = `${'a b '.repeat(10)}`;
    expect(() => formatChallenges({ scheme: forty })).toThrow(`got ${JSON.stringify(forty)}`);
    const longer = `${forty}xyz`;
    expect(() => formatChallenges({ scheme: longer })).toThrow(
      `got ${JSON.stringify(`${forty}…`)}`,
    );
  });
});
