import { afterEach, describe, expect, it } from 'vitest';
import {
  type ParsedProblem,
  type ParseProblemOptions,
  parseProblem,
} from '../../src/problem/parse.js';
import type { ProblemDetails } from '../../src/problem/types.js';
import { CREDIT_BODY } from '../helpers/out-of-credit.js';

const FORBIDDEN_JSON =
  '{"type":"about:blank","title":"Forbidden","status":403,' +
  '"detail":"You do not have permission to delete user data."}';

const FORBIDDEN: ProblemDetails = {
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  detail: 'You do not have permission to delete user data.',
};

// RFC 9457 §3, the out-of-credit example (which carries no `status`: it comes from the response).
const OUT_OF_CREDIT_JSON = `{
  "type": "https://example.com/probs/out-of-credit",
  "title": "You do not have enough credit.",
  "detail": "Your current balance is 30, but that costs 50.",
  "instance": "/account/12345/msgs/abc",
  "balance": 30,
  "accounts": ["/account/12345", "/account/67890"]
}`;

const OUT_OF_CREDIT: ProblemDetails = CREDIT_BODY;
/** What parsing the RFC's text without a response status gives: its members, in order. */
const { status: _, ...OUT_OF_CREDIT_WITHOUT_STATUS } = CREDIT_BODY;

/** Exact members and their order. */
function expectProblem(actual: ParsedProblem | undefined, expected: ParsedProblem): void {
  expect(actual).toStrictEqual(expected);
  expect(Object.keys(actual ?? {})).toStrictEqual(Object.keys(expected));
  expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
}

function expectUnpolluted(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toStrictEqual([]);
}

afterEach(expectUnpolluted);

describe('parseProblem', () => {
  const valid: [
    name: string,
    input: unknown,
    options: ParseProblemOptions | undefined,
    expected: ProblemDetails,
  ][] = [
    ['the 403 seed as JSON', FORBIDDEN_JSON, undefined, FORBIDDEN],
    ['the 403 seed as an object', { ...FORBIDDEN }, undefined, FORBIDDEN],
    [
      'RFC 9457 out-of-credit with the response status',
      OUT_OF_CREDIT_JSON,
      { status: 403 },
      OUT_OF_CREDIT,
    ],
    [
      'the body status wins over the response status',
      '{"status":404}',
      { status: 500 },
      { type: 'about:blank', title: 'Not Found', status: 404 },
    ],
    [
      'members come out in the standard order',
      '{"balance":1,"instance":"/i","detail":"d","status":409,"title":"T","type":"urn:t"}',
      undefined,
      { type: 'urn:t', title: 'T', status: 409, detail: 'd', instance: '/i', balance: 1 },
    ],
    [
      'a numeric string status is the wrong type',
      '{"status":"403"}',
      { status: 401 },
      { type: 'about:blank', title: 'Unauthorized', status: 401 },
    ],
    [
      'a fractional status is ignored',
      '{"status":403.5}',
      { status: 400 },
      { type: 'about:blank', title: 'Bad Request', status: 400 },
    ],
    [
      'a status below 100 is ignored',
      '{"status":99}',
      { status: 100 },
      { type: 'about:blank', title: 'Continue', status: 100 },
    ],
    [
      'a status above 599 is ignored',
      '{"status":600}',
      { status: 599 },
      { type: 'about:blank', title: 'Unknown Status', status: 599 },
    ],
    [
      'an unregistered status gets a generic title',
      '{"status":499}',
      undefined,
      { type: 'about:blank', title: 'Unknown Status', status: 499 },
    ],
    [
      'the 1e3 exponent form of 1000 is out of range',
      '{"status":1e3}',
      { status: 502 },
      { type: 'about:blank', title: 'Bad Gateway', status: 502 },
    ],
    [
      'the 4.03e2 exponent form of 403 is an integer',
      '{"status":4.03e2}',
      undefined,
      { type: 'about:blank', title: 'Forbidden', status: 403 },
    ],
    [
      'wrong-typed standard members are dropped, not kept as extensions',
      '{"type":7,"title":null,"status":422,"detail":{"a":1},"instance":["/x"]}',
      undefined,
      { type: 'about:blank', title: 'Unprocessable Content', status: 422 },
    ],
    [
      'empty strings are strings',
      '{"type":"","title":"","status":400,"detail":"","instance":""}',
      undefined,
      { type: '', title: '', status: 400, detail: '', instance: '' },
    ],
    [
      'extensions keep their values and order',
      '{"status":400,"z":null,"a":false,"m":{"x":[1,"2",null]},"n":-0.5}',
      undefined,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        z: null,
        a: false,
        m: { x: [1, '2', null] },
        n: -0.5,
      },
    ],
    ['a byte order mark is tolerated', `\uFEFF${FORBIDDEN_JSON}`, undefined, FORBIDDEN],
    [
      'surrounding whitespace is JSON whitespace',
      ` \n\t${FORBIDDEN_JSON}\r\n `,
      undefined,
      FORBIDDEN,
    ],
    [
      'the response status is used when the body is an empty object',
      '{}',
      { status: 503 },
      { type: 'about:blank', title: 'Service Unavailable', status: 503 },
    ],
    [
      'an explicit undefined response status is no status',
      '{"status":410}',
      { status: undefined },
      { type: 'about:blank', title: 'Gone', status: 410 },
    ],
  ];

  it.each(valid)('%s', (_name, input, options, expected) => {
    expectProblem(parseProblem(input, options), expected);
  });

  // RFC 9457 §3.1: every member is optional and `status` is advisory. Without a response status,
  // a document with no valid status is still read; the result has no `status` member, and no
  // `title` when the document has none (there is no status to take a reason phrase from).
  const withoutStatus: [
    name: string,
    input: unknown,
    options: ParseProblemOptions | undefined,
    expected: ParsedProblem,
  ][] = [
    [
      'RFC 9457 §3 out-of-credit example, no response status',
      OUT_OF_CREDIT_JSON,
      undefined,
      OUT_OF_CREDIT_WITHOUT_STATUS,
    ],
    ['a title alone', '{"title":"x"}', undefined, { type: 'about:blank', title: 'x' }],
    ['an empty object', {}, undefined, { type: 'about:blank' }],
    ['an empty JSON object', '{}', undefined, { type: 'about:blank' }],
    ['an explicit undefined response status', '{}', { status: undefined }, { type: 'about:blank' }],
    // Members of the wrong type are still ignored (§3.1).
    ['body status as a boolean', '{"status":true}', undefined, { type: 'about:blank' }],
    ['body status null', '{"status":null}', undefined, { type: 'about:blank' }],
    ['body status as a string', '{"status":"403"}', undefined, { type: 'about:blank' }],
    [
      'body status out of range',
      '{"status":600,"title":"T"}',
      undefined,
      { type: 'about:blank', title: 'T' },
    ],
    [
      'wrong-typed standard members',
      '{"type":1,"title":null,"status":"x","detail":[],"instance":{},"extra":true}',
      undefined,
      { type: 'about:blank', extra: true },
    ],
    [
      'an extension named like nothing standard',
      '{"error":"invalid_token"}',
      undefined,
      { type: 'about:blank', error: 'invalid_token' },
    ],
  ];

  it.each(withoutStatus)('%s (no status member)', (_name, input, options, expected) => {
    const problem = parseProblem(input, options);
    expectProblem(problem, expected);
    expect(Object.hasOwn(problem ?? {}, 'status')).toBe(false);
  });

  // A response status that is given but is not a status code: not read as a problem, so that
  // `parseProblem(text, { status })` always returns one with a status.
  const invalidStatus: [name: string, input: unknown, options: ParseProblemOptions | undefined][] =
    [
      ['response status 0', '{}', { status: 0 }],
      ['response status 99', '{}', { status: 99 }],
      ['response status 600', '{}', { status: 600 }],
      ['response status 403.5', '{}', { status: 403.5 }],
      ['response status NaN', '{}', { status: Number.NaN }],
      ['response status Infinity', '{}', { status: Number.POSITIVE_INFINITY }],
      ['response status as a string', '{}', { status: '403' as unknown as number }],
      ['response status 0 with a body status of the wrong type', '{"status":"403"}', { status: 0 }],
    ];

  it.each(invalidStatus)('%s → undefined', (_name, input, options) => {
    expect(parseProblem(input, options)).toBeUndefined();
  });

  it('keeps extension values as they are when given an object', () => {
    const nested = { deep: [1, 2] };
    const fn = (): number => 1;
    const sym = Symbol('s');
    const date = new Date(0);
    const problem = parseProblem({ status: 418, nested, fn, sym, date, undef: undefined });
    expect(problem).toStrictEqual({
      type: 'about:blank',
      title: '(Unused)',
      status: 418,
      nested,
      fn,
      sym,
      date,
      undef: undefined,
    });
    expect(problem?.nested).toBe(nested);
    expect(problem?.date).toBe(date);
  });

  it('reads own enumerable string-keyed members only, each once', () => {
    const reads: string[] = [];
    const source = Object.create({ inherited: 1, detail: 'inherited detail' }) as Record<
      string,
      unknown
    >;
    Object.defineProperty(source, 'hidden', { value: 1, enumerable: false });
    Object.defineProperty(source, 'status', {
      enumerable: true,
      get: () => {
        reads.push('status');
        return reads.length === 1 ? 401 : 500;
      },
    });
    Object.defineProperty(source, Symbol('sym'), { value: 1, enumerable: true });
    source.own = 'yes';
    expectProblem(parseProblem(source), {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      own: 'yes',
    });
    expect(reads).toStrictEqual(['status']);
    // An inherited status is not the body's: no status member, or the response's.
    expectProblem(parseProblem(Object.create({ status: 403 })), { type: 'about:blank' });
    expect(parseProblem(Object.create({ status: 403 }), { status: 500 })?.status).toBe(500);
  });

  it('does not take a title from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto[499] = 'Polluted';
    try {
      expect(parseProblem('{"status":499}')?.title).toBe('Unknown Status');
    } finally {
      delete proto[499];
    }
  });

  it('does not take a standard member the body lacks from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const polluted = {
      type: 'https://evil.example/',
      title: 'Polluted',
      status: 400,
      detail: 'Polluted',
      instance: '/polluted',
    };
    Object.assign(proto, polluted);
    try {
      expectProblem(parseProblem('{"status":403}'), {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
      });
      expectProblem(parseProblem('{}'), { type: 'about:blank' });
    } finally {
      for (const key of Object.keys(polluted)) delete proto[key];
    }
  });

  describe('hostile input', () => {
    const revocable = Proxy.revocable({ status: 400 }, {});
    revocable.revoke();
    const throwEverywhere = new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        has: () => {
          throw new Error('has');
        },
        ownKeys: () => {
          throw new Error('ownKeys');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('getOwnPropertyDescriptor');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    );
    const throwingGetter = Object.defineProperty({ status: 400 }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const throwingStatus = Object.defineProperty({}, 'status', {
      enumerable: true,
      get: () => {
        throw new Error('status');
      },
    });
    const hostileOptions = Object.defineProperty({}, 'status', {
      get: () => {
        throw new Error('options');
      },
    }) as ParseProblemOptions;
    const cyclic: Record<string, unknown> = { status: 400 };
    cyclic.self = cyclic;
    const big = 1_000_000;
    const deepObject = `{"status":400,"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;

    const cases: [
      name: string,
      input: unknown,
      options: ParseProblemOptions | undefined,
      expected: unknown,
    ][] = [
      ['null', null, { status: 400 }, undefined],
      ['undefined', undefined, { status: 400 }, undefined],
      ['a number', 403, { status: 400 }, undefined],
      ['NaN', Number.NaN, { status: 400 }, undefined],
      ['a boolean', true, { status: 400 }, undefined],
      ['a bigint', 403n, { status: 400 }, undefined],
      ['a symbol', Symbol('x'), { status: 400 }, undefined],
      ['a function', () => ({ status: 400 }), { status: 400 }, undefined],
      ['an array', [{ status: 400 }], { status: 400 }, undefined],
      ['a JSON array', '[{"status":400}]', { status: 400 }, undefined],
      ['JSON null', 'null', { status: 400 }, undefined],
      ['a JSON number', '403', { status: 400 }, undefined],
      ['a JSON string', '"{\\"status\\":400}"', { status: 400 }, undefined],
      ['an empty string', '', { status: 400 }, undefined],
      ['invalid JSON', '{"status":400,}', { status: 400 }, undefined],
      ['HTML', '<html><body>502 Bad Gateway</body></html>', { status: 502 }, undefined],
      ['100000 open brackets', '['.repeat(100_000), { status: 400 }, undefined],
      [
        '100000 nested arrays',
        `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        { status: 400 },
        undefined,
      ],
      ['a 1 MB non-JSON string', 'x'.repeat(big), { status: 400 }, undefined],
      [
        'a 1 MB unterminated JSON string',
        `{"detail":"${'x'.repeat(big)}`,
        { status: 400 },
        undefined,
      ],
      [
        'a 1 MB detail',
        `{"status":400,"detail":"${'x'.repeat(big)}"}`,
        undefined,
        { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'x'.repeat(big) },
      ],
      ['a revoked Proxy', revocable.proxy, { status: 400 }, undefined],
      ['a Proxy that throws on every trap', throwEverywhere, { status: 400 }, undefined],
      ['a throwing getter on an extension', throwingGetter, undefined, undefined],
      ['a throwing getter on status', throwingStatus, { status: 400 }, undefined],
      ['options with a throwing getter', '{}', hostileOptions, undefined],
      [
        'a cycle is kept as it is',
        cyclic,
        undefined,
        { type: 'about:blank', title: 'Bad Request', status: 400, self: cyclic },
      ],
    ];

    it.each(cases)('%s', (_name, input, options, expected) => {
      const actual = parseProblem(input, options);
      if (expected === undefined) expect(actual).toBeUndefined();
      else expectProblem(actual, expected as ParsedProblem);
    });

    it('parses deeply nested JSON objects as data', () => {
      const problem = parseProblem(deepObject);
      expect(problem?.status).toBe(400);
      let depth = 0;
      let node = problem?.a;
      while (typeof node === 'object' && node !== null) {
        node = (node as { a?: unknown }).a;
        depth++;
      }
      expect(depth).toBe(100_000);
      expect(node).toBe(1);
    });

    const pollution: [name: string, json: string][] = [
      ['__proto__', '{"status":400,"__proto__":{"polluted":1}}'],
      ['constructor.prototype', '{"status":400,"constructor":{"prototype":{"polluted":1}}}'],
      ['prototype', '{"status":400,"prototype":{"polluted":1}}'],
      ['nested __proto__', '{"status":400,"a":{"__proto__":{"polluted":1}}}'],
    ];

    it.each(pollution)('keeps %s as plain data', (_name, json) => {
      const problem = parseProblem(json);
      const [key] = Object.keys(JSON.parse(json) as object).slice(1);
      expect(Object.keys(problem ?? {})).toStrictEqual(['type', 'title', 'status', key]);
      expect(Object.hasOwn(problem ?? {}, key as string)).toBe(true);
      expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
      expect(JSON.stringify(problem)).toBe(
        `{"type":"about:blank","title":"Bad Request",${json.slice(1)}`,
      );
    });

    it('copies an own __proto__ member of a plain object as data', () => {
      const source = JSON.parse('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
      const problem = parseProblem(source, { status: 400 });
      expect(Object.getOwnPropertyDescriptor(problem, '__proto__')?.value).toStrictEqual({
        polluted: 1,
      });
      expect((problem as { polluted?: unknown }).polluted).toBeUndefined();
    });
  });
});
