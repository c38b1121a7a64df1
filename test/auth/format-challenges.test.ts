import { describe, expect, it } from 'vitest';
import { type Challenge, formatChallenges } from '../../src/auth/format-challenges.js';
import { parseChallenges } from '../../src/auth/parse-challenges.js';

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

// RFC 7616 §3.3: "For historical reasons, a sender MUST NOT generate the quoted string syntax
// for the following parameters: stale and algorithm."
describe('formatChallenges: Digest algorithm and stale are tokens (RFC 7616 §3.3)', () => {
  it('writes the RFC 7616 §3.9.1 challenge as in the RFC', () => {
    const challenge: Challenge = {
      scheme: 'Digest',
      params: {
        realm: 'http-auth@example.org',
        qop: 'auth, auth-int',
        algorithm: 'SHA-256',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      },
    };
    const header = formatChallenges(challenge);
    expect(header).toBe(
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
    expect(parseChallenges(header)).toStrictEqual([challenge]);
  });

  it.each<[Challenge, string]>([
    [{ scheme: 'Digest', params: { realm: 'a', stale: 'TRUE' } }, 'Digest realm="a", stale=TRUE'],
    [{ scheme: 'digest', params: { Algorithm: 'MD5-sess' } }, 'digest Algorithm=MD5-sess'],
    [{ scheme: 'DIGEST', params: { STALE: 'false' } }, 'DIGEST STALE=false'],
    [
      { scheme: 'Digest', params: { algorithm: 'SHA-512-256', stale: 'FALSE', userhash: 'true' } },
      'Digest algorithm=SHA-512-256, stale=FALSE, userhash="true"',
    ],
    // Only Digest: another scheme's `algorithm` keeps the quoted-string rule.
    [{ scheme: 'Newauth', params: { algorithm: 'SHA-256' } }, 'Newauth algorithm="SHA-256"'],
    [{ scheme: 'Digests', params: { stale: 'x' } }, 'Digests stale="x"'],
  ])('%j → %s', (challenge, header) => {
    expect(formatChallenges(challenge)).toBe(header);
    // parseChallenges lower-cases param names.
    const params = Object.fromEntries(
      Object.entries(challenge.params ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(parseChallenges(header)).toStrictEqual([{ scheme: challenge.scheme, params }]);
  });

  it.each<[Record<string, string>, string]>([
    [
      { algorithm: 'SHA 256' },
      'challenge.params.algorithm must be a token (RFC 7616 §3.3), got "SHA 256"',
    ],
    [{ algorithm: '' }, 'challenge.params.algorithm must be a token (RFC 7616 §3.3), got ""'],
    [
      { stale: '"TRUE"' },
      'challenge.params.stale must be a token (RFC 7616 §3.3), got "\\"TRUE\\""',
    ],
    [
      { Stale: 'true\r\n' },
      'challenge.params.Stale must be a token (RFC 7616 §3.3), got "true\\r\\n"',
    ],
  ])('refuses %j with a TypeError naming the param', (params, message) => {
    expect(() => formatChallenges({ scheme: 'Digest', params })).toThrow(
      new TypeError(`formatChallenges: ${message}`),
    );
    expect(() => formatChallenges([{ scheme: 'Basic' }, { scheme: 'Digest', params }])).toThrow(
      new TypeError(`formatChallenges: ${message.replace('challenge.', 'challenges[1].')}`),
    );
  });
});
