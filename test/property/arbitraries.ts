// Generators shared by the property tests. Every property runs a bounded number of times
// (RUNS) so that the whole suite stays well under a minute on a small machine.

import fc from 'fast-check';
import { vi } from 'vitest';
import {
  type Challenge,
  createHttpError,
  type ErrorFormat,
  type ErrorStatus,
  type HttpError,
  type HttpErrorOptions,
  isErrorStatus,
  type RenderOptions,
} from '../../src/index.js';

/**
 * Runs per property: enough to find the edge cases, small enough for `npm test`. Set
 * `PROPERTY_RUNS` for a longer hunt, e.g. `PROPERTY_RUNS=20000 npx vitest run test/property`.
 */
// Under mutation testing every mutant reruns the properties that reach it, on instrumented
// code: fewer runs and smaller huge inputs there.
const MUTATING = process.env.STRYKER_MUTATOR_WORKER !== undefined;

export const RUNS = Number(process.env.PROPERTY_RUNS) || (MUTATING ? 20 : 200);

// Every property file imports this module: a run is bounded by RUNS, not by the clock, so the
// timeout only guards against a hang, generously enough for a busy machine or a long hunt.
vi.setConfig({ testTimeout: process.env.PROPERTY_RUNS ? 3_600_000 : 60_000 });

/** Scales the sizes of the huge inputs: `huge(100_000)`. */
export const huge = (n: number): number => (MUTATING ? Math.ceil(n / 100) : n);

export const ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i).filter(
  isErrorStatus,
) as ErrorStatus[];

export const FORMATS: readonly ErrorFormat[] = [
  'problem+json',
  'json',
  'problem+xml',
  'html',
  'text',
];

export const MEDIA: Record<ErrorFormat, string> = {
  'problem+json': 'application/problem+json',
  json: 'application/json',
  'problem+xml': 'application/problem+xml',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

const chars = (s: string) => fc.constantFrom(...s.split(''));
const TCHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** RFC 9110 §5.6.2 token. */
export const token = fc.string({ unit: chars(TCHAR), minLength: 1, maxLength: 12 });

/**
 * A header name an error accepts: a token, but not `__proto__` (fast-check's string bias makes
 * that one), which is refused on purpose since Fetch `Headers` drop it.
 */
export const fieldName = token.filter((name) => name.toLowerCase() !== '__proto__');

/** RFC 9110 §11.2 token68: token68 characters, then optional `=` padding. */
export const token68 = fc
  .tuple(
    fc.string({ unit: chars(`${ALNUM}-._~+/`), minLength: 1, maxLength: 24 }),
    fc.string({ unit: fc.constant('='), maxLength: 2 }),
  )
  .map(([a, b]) => a + b);

/** One character RFC 9110 §5.5 allows in a field value: HTAB, SP, VCHAR, obs-text. */
const fieldChar = fc
  .oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 1, arbitrary: fc.constant(0x09) },
    { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  )
  .map((c) => String.fromCharCode(c));

/** Any field value RFC 9110 allows (and so also any quoted-string content). */
export const fieldValue = fc.string({ unit: fieldChar, maxLength: 30 });

/**
 * One character RFC 9110 forbids in a field value: CR, LF, NUL, the other controls except
 * HTAB, DEL, and anything above U+00FF (lone surrogates and astral characters included).
 */
export const forbiddenChar = fc.oneof(
  fc.constantFrom('\r', '\n', '\0', '\r\n', '\x7f', '\u2028', '\uFEFF', '\uD800', '\uDFFF', '😀'),
  fc
    .integer({ min: 0, max: 0x1f })
    .filter((c) => c !== 0x09)
    .map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x100, max: 0xffff }).map((c) => String.fromCharCode(c)),
);

/** A field value with at least one forbidden character somewhere. */
export const badFieldValue = fc
  .tuple(fieldValue, forbiddenChar, fieldValue)
  .map(([a, bad, b]) => a + bad + b);

/** A string that is not a token: empty, or with a separator, space, control or non-ASCII. */
export const notToken = fc.oneof(
  fc.constant(''),
  fc
    .tuple(
      fc.string({ unit: chars(TCHAR), maxLength: 5 }),
      fc.oneof(chars(' \t"(),/:;<=>?@[\\]{}'), forbiddenChar, fc.constantFrom('é', 'ÿ')),
      fc.string({ unit: chars(TCHAR), maxLength: 5 }),
    )
    .map(([a, bad, b]) => a + bad + b),
);

/** Text of every kind: any code point, lone surrogates, markup and line breaks. */
export const anyText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map(String.fromCharCode) },
    {
      weight: 3,
      arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '\\', '\r', '\n', '\0', '\u2028', ']]>'),
    },
  ),
  maxLength: 30,
});

/**
 * A secret-looking string, distinctive enough that finding it in a body means it leaked: a
 * fixed two-letter start and 16–32 characters that no serializer escapes.
 */
export const secret = fc
  .tuple(
    fc.constantFrom('Zq', 'password=Zq', 'postgres://admin:Zq', 'sk_live_Zq', 'Bearer Zq'),
    fc.string({ unit: chars(`${ALNUM}-_.:/@=+`), minLength: 16, maxLength: 32 }),
  )
  .map(([start, rest]) => `${start}${rest}`);

/** Member names an attacker or a careless caller would try. */
export const memberName = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: chars(`${ALNUM}_-`), minLength: 1, maxLength: 10 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'type',
      'title',
      'status',
      'detail',
      'instance',
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'stack',
      'cause',
      'errors',
      'xmlns',
      'i',
    ),
  },
  { weight: 1, arbitrary: anyText },
);

/** Values of every kind JSON knows, and several it does not. */
export const anyValue = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

/** A record built with CreateDataProperty, so a `__proto__` key is an own member. */
export function recordOf<T>(value: fc.Arbitrary<T>, maxKeys = 5): fc.Arbitrary<Record<string, T>> {
  return fc
    .array(fc.tuple(memberName, value), { maxLength: maxKeys })
    .map((entries) => Object.fromEntries(entries) as Record<string, T>);
}

export const extensions = recordOf(anyValue);

/** Valid header input: names in any case (some the renderer owns), values of every form. */
export const headers = fc
  .array(
    fc.tuple(
      fc.oneof(
        token,
        fc.constantFrom(
          'Cache-Control',
          'Content-Type',
          'content-length',
          'Transfer-Encoding',
          'Retry-After',
          'Allow',
          'Vary',
          'X-Request-Id',
          'Set-Cookie',
          'WWW-Authenticate',
          'Proxy-Authenticate',
        ),
      ),
      fc.oneof(
        fieldValue,
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(fieldValue, { maxLength: 3 }),
      ),
    ),
    { maxLength: 4 },
  )
  .map(
    (entries) =>
      Object.fromEntries(
        // A field named `__proto__` is refused on purpose (no adapter could send it alike).
        entries.filter(([name]) => name.toLowerCase() !== '__proto__'),
      ) as Record<string, string | number | string[]>,
  );

/** One valid challenge: params (names unique case-insensitively) or a token68. */
export const challenge: fc.Arbitrary<Challenge> = fc.oneof(
  token.map((scheme) => ({ scheme })),
  fc.record({ scheme: token, token68 }),
  fc.record({
    scheme: token,
    params: fc
      .uniqueArray(fc.tuple(token, fieldValue), {
        minLength: 1,
        maxLength: 4,
        selector: ([name]) => name.toLowerCase(),
      })
      .map((entries) => Object.fromEntries(entries)),
  }),
);

export const challenges = fc.array(challenge, { minLength: 1, maxLength: 4 });

/** RFC 6749 §3.3 scope-token. */
const scopeToken = fc.string({
  unit: fc
    .integer({ min: 0x21, max: 0x7e })
    .filter((c) => c !== 0x22 && c !== 0x5c)
    .map(String.fromCharCode),
  minLength: 1,
  maxLength: 10,
});

/** The class-specific options each status needs or accepts. */
function classOptions(status: ErrorStatus): fc.Arbitrary<Record<string, unknown>> {
  switch (status) {
    case 400:
    case 422:
      return fc.record(
        {
          errors: fc.array(
            fc.record(
              {
                detail: anyText,
                pointer: fc.constantFrom('', '/a', '/a~0b/~1', '#/items/0'),
                parameter: anyText,
                header: token,
              },
              { requiredKeys: ['detail'] },
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: [] },
      );
    case 401:
      return fc.record({ challenge: fc.oneof(challenge, challenges) }, { requiredKeys: [] });
    case 403:
      return fc.record(
        {
          scope: fc.oneof(scopeToken, fc.array(scopeToken, { minLength: 1, maxLength: 3 })),
          conceal: fc.boolean(),
        },
        { requiredKeys: [] },
      );
    case 405:
      return fc.record({ allow: fc.array(token, { maxLength: 4 }) });
    case 407:
      return fc.record({ challenge: fc.oneof(challenge, challenges) });
    case 413:
    case 429:
    case 503:
      return fc.record(
        {
          retryAfter: fc.oneof(
            fc.nat(),
            // The dates an IMF-fixdate can express: a 4-digit year (RFC 9110 §5.6.7).
            fc.date({
              min: new Date(0),
              max: new Date('9999-12-31T23:59:59.999Z'),
              noInvalidDate: true,
            }),
          ),
        },
        { requiredKeys: [] },
      );
    case 416:
      return fc.record({ size: fc.nat() }, { requiredKeys: [] });
    case 426:
      return fc.record({
        upgrade: fc.oneof(
          token,
          fc.array(
            fc
              .tuple(token, fc.option(token, { nil: undefined }))
              .map(([a, b]) => (b ? `${a}/${b}` : a)),
            { minLength: 1, maxLength: 3 },
          ),
        ),
      });
    default:
      return fc.constant({});
  }
}

/** Everything an HttpError can be built with, for any registered 4xx/5xx status. */
export const errorInput = fc
  .constantFrom(...ERROR_STATUSES)
  .chain((status) =>
    fc.record({
      status: fc.constant(status),
      detail: fc.option(anyText, { nil: undefined }),
      options: fc.tuple(
        fc.record(
          {
            type: fc.oneof(fc.constant('about:blank'), anyText),
            title: anyText,
            instance: anyText,
            headers,
            expose: fc.boolean(),
            extensions,
            cause: anyValue,
            stack: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        classOptions(status),
      ),
    }),
  )
  .map(({ status, detail, options: [common, special] }) => ({
    status,
    detail,
    options: { ...common, ...special } as HttpErrorOptions,
  }));

export function build(input: {
  status: ErrorStatus;
  detail: string | undefined;
  options: HttpErrorOptions;
}): HttpError {
  return createHttpError(input.status as 400, input.detail, input.options);
}

/** Errors of other libraries and plain objects shaped like them. */
export const foreignError = fc.oneof(
  // http-errors, Koa
  fc
    .record(
      {
        status: fc.integer({ min: 300, max: 700 }),
        message: anyText,
        expose: fc.boolean(),
        headers,
      },
      { requiredKeys: ['status'] },
    )
    .map((fields) => Object.assign(new Error(fields.message ?? ''), fields)),
  // Node's statusCode
  fc.record({ statusCode: fc.integer({ min: 300, max: 700 }), message: anyText }),
  // Boom
  fc.record({
    isBoom: fc.constant(true),
    message: anyText,
    output: fc.record({ statusCode: fc.integer({ min: 300, max: 700 }), headers }),
  }),
  // body-parser: the raw request body must never come back
  fc.record({
    status: fc.constantFrom(400, 413, 415),
    type: fc.constantFrom('entity.parse.failed', 'entity.too.large', 'charset.unsupported'),
    body: anyText,
    message: anyText,
    expose: fc.constant(true),
  }),
);

/**
 * A value whose reads throw: a revoked Proxy, a Proxy with throwing traps, an error whose
 * `status` getter throws. fast-check inspects generated values, so the generator yields this
 * marker and {@link materialize} builds the hostile value inside the property.
 */
export class Hostile {
  constructor(readonly kind: 'revoked' | 'traps' | 'getter') {}
}

export const hostile = fc.constantFrom('revoked', 'traps', 'getter').map((k) => new Hostile(k));

function throwing(what: string): () => never {
  return () => {
    throw new Error(what);
  };
}

/** The value to throw for a generated one: hostile markers become hostile values. */
export function materialize(x: unknown): unknown {
  if (!(x instanceof Hostile)) return x;
  switch (x.kind) {
    case 'revoked': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 'traps':
      return new Proxy(
        {},
        {
          get: throwing('get trap'),
          has: throwing('has trap'),
          ownKeys: throwing('ownKeys trap'),
          getPrototypeOf: throwing('getPrototypeOf trap'),
          getOwnPropertyDescriptor: throwing('getOwnPropertyDescriptor trap'),
        },
      );
    default:
      return Object.defineProperty(new Error('getter'), 'status', { get: throwing('status') });
  }
}

/** Anything a handler might throw. */
export const thrown = fc.oneof(
  errorInput.map(build),
  foreignError,
  anyText.map((m) => new Error(m)),
  anyValue,
  hostile,
);

/** Accept headers: real ones, composed ones and noise. */
export const accept = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/problem+json',
    'application/json, application/problem+json;q=0',
    'application/xml',
    'text/xml;q=0.5, */*;q=0.1',
    'application/problem+xml',
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'text/plain',
    '*/*',
    'image/png',
    '',
  ),
  fc
    .array(
      fc
        .tuple(
          fc.constantFrom(
            'application/json',
            'application/problem+json',
            'application/problem+xml',
            'application/xml',
            'text/html',
            'text/plain',
            'application/*',
            'text/*',
            '*/*',
          ),
          fc.option(fc.constantFrom('0', '1', '0.5', '0.001', '2', 'x'), { nil: undefined }),
        )
        .map(([range, q]) => (q === undefined ? range : `${range};q=${q}`)),
      { minLength: 1, maxLength: 4 },
    )
    .map((ranges) => ranges.join(', ')),
  anyText,
);

/** Render options of every kind, hostile callbacks included. */
export const renderOptions: fc.Arbitrary<RenderOptions> = fc.record(
  {
    accept: fc.oneof(accept, fc.constant(null)),
    method: fc.constantFrom('GET', 'HEAD', 'head', 'POST', 'DELETE'),
    debug: fc.boolean(),
    format: fc.constantFrom(...FORMATS),
    instance: anyText,
    challenge: fc.oneof(
      challenge,
      challenges,
      fc.constant({ scheme: 'a b' }),
      fc.constant([] as Challenge[]),
    ),
    extensions,
    onError: fc.constantFrom(
      () => {},
      () => {
        throw new Error('reporting failed');
      },
    ),
  },
  { requiredKeys: [] },
);
