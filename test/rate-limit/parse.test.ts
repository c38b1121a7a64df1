import { serializeList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { formatRateLimit, parseRateLimit } from '../../src/index.js';

// draft-ietf-httpapi-ratelimit-headers-11 §7: "Malformed RateLimit header fields MUST be
// ignored"; RFC 9651 §4.2: a field that fails to parse is ignored whole.

const headers = (fields: Record<string, string>) => new Headers(fields);

describe('parseRateLimit', () => {
  it('reads the §3 and §4 examples from a Fetch Headers object', () => {
    expect(
      parseRateLimit(
        headers({
          'RateLimit-Policy': '"burst";q=100;w=60,"daily";q=1000;w=86400',
          RateLimit: '"burst";r=0;t=30',
        }),
      ),
    ).toStrictEqual([
      { name: 'burst', quota: 100, window: 60, remaining: 0, reset: 30 },
      { name: 'daily', quota: 1000, window: 86400 },
    ]);
  });

  it('reads a partition key and a quota unit (§3.1.2, §3.1.4; RFC 9651 §4.2.7 padding)', () => {
    const [limit] = parseRateLimit(
      headers({
        'RateLimit-Policy': '"peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:',
      }),
    );
    expect(limit).toStrictEqual({
      name: 'peruser',
      quota: 65535,
      unit: 'content-bytes',
      window: 10,
      // The draft's example is not canonical base64 (10 characters, then "=="); its bits are
      // read leniently, as RFC 9651 §4.2.7 recommends, giving the 7 whole bytes they hold.
      partitionKey: new Uint8Array([0xb1, 0xd7, 0xe3, 0x2c, 0x95, 0x0e, 0x50]),
    });
  });

  it('keeps service limits without a policy (Appendix B.1)', () => {
    expect(parseRateLimit({ ratelimit: '"dayLimit";r=100;t=36000' })).toStrictEqual([
      { name: 'dayLimit', remaining: 100, reset: 36000 },
    ]);
  });

  it('joins a policy and a limit only when the partition keys match (§4.1.3)', () => {
    expect(
      parseRateLimit({
        'ratelimit-policy': '"u";q=10;pk=:YQ==:',
        ratelimit: '"u";r=1;pk=:Yg==:, "u";r=2;pk=:YQ==:',
      }),
    ).toStrictEqual([
      { name: 'u', quota: 10, partitionKey: new Uint8Array([0x61]), remaining: 2 },
      { name: 'u', partitionKey: new Uint8Array([0x62]), remaining: 1 },
    ]);
  });

  it('reads several field lines, joined as RFC 9651 §4.2 says', () => {
    const res = new Headers();
    res.append('RateLimit', '"a";r=1');
    res.append('RateLimit', '"b";r=2');
    expect(parseRateLimit(res)).toStrictEqual([
      { name: 'a', remaining: 1 },
      { name: 'b', remaining: 2 },
    ]);
    // Node's IncomingHttpHeaders and an error's headers: names in any case, lists joined.
    expect(parseRateLimit({ RateLimit: ['"a";r=1', '"b";r=2'] })).toHaveLength(2);
  });

  it('reads tokens as names (earlier revisions allowed them) and ignores other parameters', () => {
    expect(parseRateLimit({ ratelimit: 'default;r=5;acme-burst=?1;comment="x"' })).toStrictEqual([
      { name: 'default', remaining: 5 },
    ]);
  });

  it.each([
    ['a trailing comma', '"a";r=1,'],
    ['an unterminated string', '"a;r=1'],
    ['an upper-case parameter key', '"a";R=1'],
    ['a 16-digit integer', '"a";r=1000000000000000'],
    ['a decimal with four fraction digits', '"a";r=1;x=1.2345'],
    ['a control character', '"a\u0001";r=1'],
    ['garbage after an item', '"a";r=1 junk'],
    ['a tab before a parameter', '"a";\tr=1'],
    ['an invalid byte sequence', '"a";r=1;pk=:***:'],
    ['a byte sequence of one base64 character (§4.2.7)', '"a";r=1;pk=:x:'],
    ['a display string that is not UTF-8', '"a";r=1;x=%"%ff"'],
  ])('ignores a whole field that is not an RFC 9651 List: %s', (_name, value) => {
    expect(parseRateLimit({ ratelimit: `"ok";r=9, ${value}` })).toStrictEqual([]);
    expect(parseRateLimit({ ratelimit: value, 'ratelimit-policy': '"p";q=1' })).toStrictEqual([
      { name: 'p', quota: 1 },
    ]);
  });

  it.each([
    ['a missing q (§3.1: REQUIRED)', '"a";w=60'],
    ['a negative q (§3.1.1)', '"a";q=-1'],
    ['a decimal q (§3.1.1)', '"a";q=1.5'],
    ['a zero w (§3.1.3)', '"a";q=1;w=0'],
    ['a string w', '"a";q=1;w="60"'],
    ['a token qu (§3.1.2: a String)', '"a";q=1;qu=requests'],
    ['a string pk (§3.1.4: a Byte Sequence)', '"a";q=1;pk="x"'],
    ['an integer as the name', '7;q=1'],
    ['an inner list as the member', '("a" "b");q=1'],
  ])('drops a policy item with %s, keeping the others', (_name, value) => {
    expect(parseRateLimit({ 'ratelimit-policy': `${value}, "good";q=5` })).toStrictEqual([
      { name: 'good', quota: 5 },
    ]);
  });

  it.each([
    ['a missing r (§4.1: REQUIRED)', '"a";t=5'],
    ['a negative r (§4.1.1)', '"a";r=-1'],
    ['a negative t (§4.1.2)', '"a";r=1;t=-1'],
    ['a boolean r', '"a";r'],
  ])('drops a limit item with %s', (_name, value) => {
    expect(parseRateLimit({ ratelimit: `${value}, "good";r=0` })).toStrictEqual([
      { name: 'good', remaining: 0 },
    ]);
  });

  it('applies RFC 9651 rules: last duplicate parameter wins, escapes resolved, SP around', () => {
    expect(parseRateLimit({ ratelimit: '  "a \\"x\\"";r=1;r=2 ,\t"b";r=3  ' })).toStrictEqual([
      { name: 'a "x"', remaining: 2 },
      { name: 'b', remaining: 3 },
    ]);
  });

  it('reads what an independent RFC 9651 serializer writes', () => {
    const value = serializeList([
      [
        'weird \\ "name"',
        new Map<string, unknown>([
          ['q', 7],
          ['w', 1],
          ['pk', new Uint8Array([0, 255])],
        ]),
      ],
    ] as never);
    expect(parseRateLimit({ 'ratelimit-policy': value })).toStrictEqual([
      { name: 'weird \\ "name"', quota: 7, window: 1, partitionKey: new Uint8Array([0, 255]) },
    ]);
  });

  it('round-trips what formatRateLimit writes', () => {
    const limits = [
      { name: 'burst', quota: 100, window: 60, unit: 'requests', remaining: 3, reset: 9 },
      { name: 'daily', quota: 1000 },
    ];
    expect(parseRateLimit(formatRateLimit(limits))).toStrictEqual(limits);
  });

  it('never throws, whatever it is given', () => {
    const hostile = {
      get(): string {
        throw new Error('boom');
      },
    };
    for (const input of [null, undefined, 42, 'x', [], {}, hostile, { ratelimit: 5 }]) {
      expect(parseRateLimit(input as never)).toStrictEqual([]);
    }
  });
});
