import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toResponse } from '../../src/adapters/fetch/index.js';
import {
  createHttpError,
  type ErrorFormat,
  type ErrorStatus,
  ForbiddenError,
  HttpError,
  isErrorStatus,
  MethodNotAllowedError,
  NotFoundError,
  ProxyAuthenticationRequiredError,
  parseChallenges,
  type RenderedError,
  renderError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../src/index.js';

const SEED = 'You do not have permission to delete user data.';
const FORMATS: [ErrorFormat, string][] = [
  ['problem+json', 'application/problem+json'],
  ['json', 'application/json'],
  ['problem+xml', 'application/problem+xml'],
  ['html', 'text/html; charset=utf-8'],
  ['text', 'text/plain; charset=utf-8'],
];
const ERROR_STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i).filter(isErrorStatus);
const REQUIRED: Partial<Record<number, object>> = {
  405: { allow: ['GET'] },
  407: { challenge: { scheme: 'Basic' } },
  426: { upgrade: 'HTTP/2.0' },
};

/** Every invariant of DESIGN.md "Rendering", for one rendered error. */
function checkInvariants(r: RenderedError, format: ErrorFormat, expectedStatus: number) {
  expect(r.status).toBe(expectedStatus);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThanOrEqual(599);
  if (r.status === 401)
    expect(parseChallenges(String(r.headers['www-authenticate'] ?? '')).length).toBeGreaterThan(0);
  if (r.status === 405) expect(typeof r.headers.allow).toBe('string');
  expect(r.headers['content-type']).toBe(FORMATS.find(([f]) => f === format)?.[1]);
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['cache-control']).toBeTypeOf('string');
  for (const [name, value] of Object.entries(r.headers)) {
    expect(name).toBe(name.toLowerCase());
    for (const line of [value].flat()) expect(line).not.toMatch(/[\r\n\0]/);
  }
  if (format === 'problem+json' || format === 'json') {
    const parsed = JSON.parse(r.body);
    expect(parsed.status).toBe(r.status);
  } else if (format === 'problem+xml') {
    expect(XMLValidator.validate(r.body)).toBe(true);
    expect(r.body).toContain(`<status>${r.status}</status>`);
  } else {
    expect(r.body).toContain(String(r.status));
  }
}

describe('renderError invariants: every 4xx/5xx status × every format', () => {
  const cases = ERROR_STATUSES.flatMap((status) =>
    FORMATS.map(([format]) => [status, format] as const),
  );
  it.each(cases)('%i as %s', (status, format) => {
    const secret = `secret-${status}-<script>&"'`;
    const err = createHttpError(status as ErrorStatus, secret, {
      ...REQUIRED[status],
      extensions: { hint: secret },
    } as never);
    const r = renderError(err, { format });
    checkInvariants(r, format, status);
    if (status >= 500) expect(r.body).not.toContain('secret');
    if (format === 'html' || format === 'problem+xml') expect(r.body).not.toContain('<script>');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it.each(FORMATS.map(([f]) => [f]))('anything thrown, as %s', (format) => {
    for (const thrown of [
      new Error('x'),
      'x',
      undefined,
      null,
      { status: 200 },
      Symbol('x'),
      12n,
    ]) {
      checkInvariants(renderError(thrown, { format }), format, 500);
    }
  });
});

describe('renderError', () => {
  it('renders the seed 403 as problem+json', () => {
    const r = renderError(new ForbiddenError(SEED));
    expect(r).toEqual({
      status: 403,
      headers: {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        vary: 'Accept',
        'content-type': 'application/problem+json',
      },
      body: `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    });
  });

  describe('Vary: Accept (RFC 9110 §12.5.5, #15)', () => {
    it('is sent whenever the format was negotiated, for every Accept, and never when forced', () => {
      for (const accept of [undefined, null, '', '*/*', 'text/html', 'application/xml', 'x/y']) {
        expect(renderError(new NotFoundError(), { accept }).headers.vary).toBe('Accept');
      }
      for (const [format] of FORMATS) {
        expect(renderError(new NotFoundError(), { format }).headers.vary).toBeUndefined();
      }
      // A format that is no format is ignored: negotiated.
      expect(renderError(new NotFoundError(), { format: 'pdf' as never }).headers.vary).toBe(
        'Accept',
      );
    });

    it("is merged with the error's own Vary: each member once, case-insensitively", () => {
      const vary = (value: string | string[], format?: ErrorFormat) =>
        renderError(new NotFoundError({ headers: { Vary: value } }), { format }).headers.vary;
      expect(vary('Origin')).toBe('Origin, Accept');
      expect(vary(['Origin', 'Accept-Language'])).toBe('Origin, Accept-Language, Accept');
      expect(vary('accept, Origin')).toBe('accept, Origin');
      expect(vary(' ACCEPT ')).toBe('ACCEPT');
      expect(vary('Origin,, ,Cookie')).toBe('Origin, Cookie, Accept');
      expect(vary('')).toBe('Accept');
      // `*` says the response varies on more than fields: it stands alone.
      expect(vary('*')).toBe('*');
      expect(vary('Origin, *')).toBe('*');
      // Forced: the error's own Vary as it is.
      expect(vary('Origin', 'html')).toBe('Origin');
    });

    it("keeps the error's own Cache-Control and adds Vary, so a cache keys the body by Accept", () => {
      const err = new NotFoundError({ headers: { 'Cache-Control': 'public, max-age=60' } });
      const html = renderError(err, { accept: 'text/html' });
      expect([html.headers['cache-control'], html.headers.vary]).toEqual([
        'public, max-age=60',
        'Accept',
      ]);
    });

    it('is sent by a concealed 403 like by any 404, and for HEAD', () => {
      const concealed = renderError(new ForbiddenError({ conceal: true, headers: { Vary: 'X' } }));
      expect(concealed.headers.vary).toBe('Accept');
      expect(renderError(new NotFoundError(), { method: 'HEAD' }).headers.vary).toBe('Accept');
    });
  });

  it('renders the legacy {"error": …} shape with the body option', () => {
    const r = renderError(new ForbiddenError(SEED), { body: (p) => ({ error: p.detail }) });
    expect(r.body).toBe(`{"error":"${SEED}"}`);
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('falls back to the problem when the body function throws or returns nothing JSON can say', () => {
    const expected = renderError(new ForbiddenError(SEED)).body;
    for (const body of [
      () => {
        throw new Error('bad shape');
      },
      () => undefined,
      () => 1n,
    ]) {
      const r = renderError(new ForbiddenError(SEED), { body });
      expect(r.body).toBe(expected);
      expect(r.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('ignores the body option for XML, HTML and text', () => {
    const r = renderError(new ForbiddenError(SEED), {
      format: 'text',
      body: () => ({ error: 'x' }),
    });
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toContain(SEED);
  });

  it.each([
    [undefined, 'application/problem+json'],
    ['application/json', 'application/problem+json'],
    ['application/json, application/problem+json;q=0', 'application/json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
    ['application/problem+xml', 'application/problem+xml'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['image/png', 'application/problem+json'],
  ])('negotiates Accept %s → %s', (accept, type) => {
    expect(renderError(new ForbiddenError(SEED), { accept }).headers['content-type']).toBe(type);
  });

  it('lets format override Accept', () => {
    expect(
      renderError(new ForbiddenError(), { accept: 'text/html', format: 'text' }).headers[
        'content-type'
      ],
    ).toBe('text/plain; charset=utf-8');
  });

  it('sends no body for HEAD but keeps the headers', () => {
    const get = renderError(new TooManyRequestsError({ retryAfter: 5 }));
    const head = renderError(new TooManyRequestsError({ retryAfter: 5 }), { method: 'head' });
    expect(head.body).toBe('');
    expect(head.headers).toEqual(get.headers);
    expect(head.headers['retry-after']).toBe('5');
  });

  it('ignores a method that is not a string (plain JavaScript callers)', () => {
    const r = renderError(new NotFoundError(), { method: 42 as unknown as string });
    expect(JSON.parse(r.body).status).toBe(404);
  });

  describe('401', () => {
    it('gets the default Bearer challenge when it has none', () => {
      expect(renderError(new UnauthorizedError()).headers['www-authenticate']).toBe('Bearer');
      expect(renderError(createHttpError(401)).headers['www-authenticate']).toBe('Bearer');
      expect(renderError(new HttpError(401)).headers['www-authenticate']).toBe('Bearer');
      expect(renderError({ status: 401, message: 'who?' }).headers['www-authenticate']).toBe(
        'Bearer',
      );
    });

    it('gets the challenge option when it has none', () => {
      const r = renderError(new UnauthorizedError(), {
        challenge: { scheme: 'Basic', params: { realm: 'x' } },
      });
      expect(r.headers['www-authenticate']).toBe('Basic realm="x"');
    });

    it('keeps its own challenge over the option', () => {
      const err = new UnauthorizedError({ challenge: { scheme: 'Negotiate' } });
      expect(renderError(err, { challenge: { scheme: 'Basic' } }).headers['www-authenticate']).toBe(
        'Negotiate',
      );
    });

    it('falls back to Bearer when the challenge option is invalid', () => {
      expect(
        renderError(new UnauthorizedError(), { challenge: { scheme: 'a b' } }).headers[
          'www-authenticate'
        ],
      ).toBe('Bearer');
    });

    it.each([[''], ['  '], ['"junk"'], ['=x'], [',']])(
      'replaces an own WWW-Authenticate of %j, which holds no challenge (regression)',
      (value) => {
        for (const err of [
          new UnauthorizedError({ headers: { 'WWW-Authenticate': value } }),
          { status: 401, headers: { 'www-authenticate': value } },
        ]) {
          const r = renderError(err, { challenge: { scheme: 'Basic', params: { realm: 'r' } } });
          expect(r.headers['www-authenticate']).toBe('Basic realm="r"');
        }
        const proxy = renderError({ status: 407, headers: { 'Proxy-Authenticate': value } });
        expect(proxy.headers['proxy-authenticate']).toBe('Bearer');
      },
    );

    it('keeps an own WWW-Authenticate that holds at least one challenge', () => {
      const err = new UnauthorizedError({ headers: { 'WWW-Authenticate': 'Basic, "junk"' } });
      expect(renderError(err).headers['www-authenticate']).toBe('Basic, "junk"');
    });

    it('sends several challenges as one field line each (#18: DPoP and Bearer)', () => {
      const err = new UnauthorizedError({
        challenge: [
          { scheme: 'DPoP', params: { algs: 'ES256' } },
          { scheme: 'Bearer', params: { realm: 'api' } },
        ],
      });
      expect(renderError(err).headers['www-authenticate']).toStrictEqual([
        'DPoP algs="ES256"',
        'Bearer realm="api"',
      ]);
      // The default challenges of the option, the same way.
      const option = renderError(new UnauthorizedError(), {
        challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'r' } }],
      });
      expect(option.headers['www-authenticate']).toStrictEqual(['Negotiate', 'Basic realm="r"']);
      const one = renderError(new UnauthorizedError(), { challenge: [{ scheme: 'Negotiate' }] });
      expect(one.headers['www-authenticate']).toBe('Negotiate');
      const proxy = renderError(
        new ProxyAuthenticationRequiredError({
          challenge: [{ scheme: 'Negotiate' }, { scheme: 'Basic', params: { realm: 'p' } }],
        }),
      );
      expect(proxy.headers['proxy-authenticate']).toStrictEqual(['Negotiate', 'Basic realm="p"']);
    });

    it('drops the lines of its own WWW-Authenticate that hold no challenge', () => {
      const lines = (value: string[]) =>
        renderError(
          { status: 401, headers: { 'www-authenticate': value } },
          {
            challenge: { scheme: 'Basic' },
          },
        ).headers['www-authenticate'];
      expect(lines(['', 'Negotiate', '=x', 'Bearer realm="a"'])).toStrictEqual([
        'Negotiate',
        'Bearer realm="a"',
      ]);
      expect(lines(['"junk"', 'Negotiate'])).toBe('Negotiate');
      expect(lines(['', ','])).toBe('Basic');
    });

    it('gives a 407 a Proxy-Authenticate challenge the same way', () => {
      expect(
        renderError(createHttpError(407, { challenge: undefined } as never)).headers[
          'proxy-authenticate'
        ],
      ).toBe('Bearer');
    });
  });

  it('sends a 403 with scope as insufficient_scope', () => {
    const r = renderError(new ForbiddenError({ scope: 'admin' }));
    expect(r.status).toBe(403);
    expect(r.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="admin"');
  });

  it('renders a concealed 403 as a plain 404, without its headers', () => {
    const concealed = renderError(
      new ForbiddenError(SEED, { conceal: true, scope: 'admin', headers: { 'x-a': '1' } }),
    );
    expect(concealed).toEqual(renderError(new NotFoundError()));
    expect(concealed.body).toBe('{"type":"about:blank","title":"Not Found","status":404}');
  });

  it('sends Allow on every 405, empty when unknown', () => {
    expect(renderError(new MethodNotAllowedError({ allow: ['GET', 'HEAD'] })).headers.allow).toBe(
      'GET, HEAD',
    );
    expect(renderError({ status: 405 }).headers.allow).toBe('');
    expect(renderError(new HttpError(405)).headers.allow).toBe('');
  });

  it('drops a forged header named __proto__, as Fetch Headers would (regression: property seed 115106761)', () => {
    // Put on after construction, which refuses it: the renderer drops it, so that what
    // renderError returns, the Response toResponse builds and every adapter sends agree.
    const forged = {
      [Symbol.for('http-error-kit.HttpError')]: true,
      status: 404,
      headers: JSON.parse('{"__proto__":"v"}'),
    };
    const mutated = (name: string) => {
      const err = new NotFoundError();
      Object.defineProperty(err.headers, name, { value: 'v', enumerable: true });
      return err;
    };
    for (const err of [forged, mutated('__proto__'), mutated('__PROTO__')]) {
      const { headers } = renderError(err);
      expect(Object.keys(headers)).toStrictEqual([
        'x-content-type-options',
        'cache-control',
        'vary',
        'content-type',
      ]);
      expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
      expect([...toResponse(err).headers.keys()]).toStrictEqual([
        'cache-control',
        'content-type',
        'vary',
        'x-content-type-options',
      ]);
    }
  });

  it("keeps the error's own Cache-Control", () => {
    const err = new NotFoundError({ headers: { 'Cache-Control': 'public, max-age=60' } });
    expect(renderError(err).headers['cache-control']).toBe('public, max-age=60');
  });

  it.each([[''], ['  '], ['\t'], [[]]])(
    'counts a Cache-Control of %j, empty after trimming, as absent: no-store (#15)',
    (value) => {
      const err = new NotFoundError({ headers: { 'Cache-Control': value } });
      expect(renderError(err).headers['cache-control']).toBe('no-store');
      const forged = { status: 404, expose: true, headers: { 'cache-control': value } };
      expect(renderError(forged).headers['cache-control']).toBe('no-store');
    },
  );

  it('sends several cookies as several Set-Cookie lines, one a string (RFC 9110 §5.3)', () => {
    const cookies = ['session=; Max-Age=0; Path=/', 'csrf=; Max-Age=0; Path=/'];
    const err = new UnauthorizedError({ headers: { 'Set-Cookie': cookies } });
    expect(renderError(err).headers['set-cookie']).toStrictEqual(cookies);
    const one = new UnauthorizedError({ headers: { 'Set-Cookie': cookies.slice(0, 1) } });
    expect(renderError(one).headers['set-cookie']).toBe(cookies[0]);
    // A list of any other field is one line, as it always was.
    const link = new NotFoundError({ headers: { Link: ['</a>; rel="a"', '</b>; rel="b"'] } });
    expect(renderError(link).headers.link).toBe('</a>; rel="a", </b>; rel="b"');
  });

  it('checks again the lines of an error whose list was changed after construction', () => {
    const err = new NotFoundError({ headers: { 'Set-Cookie': ['a=1', 'b=2'] } });
    (err.headers as Record<string, string[]>)['set-cookie'] = ['a=1', 'b=2\r\nX-Evil: 1'];
    expect(renderError(err).headers['set-cookie']).toBeUndefined();
    (err.headers as Record<string, unknown>)['set-cookie'] = ['a=1', 2];
    expect(renderError(err).headers['set-cookie']).toBeUndefined();
    // A list of another field is one line: joined, then checked.
    (err.headers as Record<string, string[]>).link = ['</a>', '</b>'];
    expect(renderError(err).headers.link).toBe('</a>, </b>');
  });

  it("never sends the error's framing and representation fields", () => {
    const err = new NotFoundError({
      headers: {
        'Content-Type': 'text/html',
        'Content-Length': '1',
        'Content-Encoding': 'gzip',
        'Transfer-Encoding': 'chunked',
        Vary: 'Accept',
      },
    });
    expect(renderError(err).headers).toEqual({
      vary: 'Accept',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-type': 'application/problem+json',
    });
  });

  it('drops a header value broken after construction rather than sending it', () => {
    const err = new NotFoundError({ headers: { 'x-a': 'ok' } });
    (err.headers as Record<string, string>)['x-a'] = 'a\r\nSet-Cookie: evil=1';
    (err.headers as Record<string, string>)['x-b'] = 'fine';
    expect(renderError(err).headers['x-a']).toBeUndefined();
    expect(renderError(err).headers['x-b']).toBe('fine');
  });

  it('redacts a plain Error completely', () => {
    const r = renderError(new Error('db password=x'), { accept: 'text/html' });
    expect(r.status).toBe(500);
    expect(r.body).not.toContain('password');
    expect(r.body).not.toContain('db ');
  });

  it('shows everything with debug', () => {
    const r = renderError(new Error('db password=x'), { debug: true });
    const body = JSON.parse(r.body);
    // The plain Error is the problem itself: its message is the detail, its stack is shown
    // once, and there is no cause chain since it has no cause.
    expect(body.detail).toBe('db password=x');
    expect(body.stack).toMatch(/^Error: db password=x\n {4}at /);
    expect(body.cause).toBeUndefined();
  });

  it('adds request-level extensions, also to a redacted 500', () => {
    const r = renderError(new Error('x'), {
      extensions: { traceId: '4bf92f3577b34da6' },
      instance: '/a',
    });
    expect(r.body).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500,"instance":"/a","traceId":"4bf92f3577b34da6"}',
    );
  });

  it('calls onError with the normalized error and the original, and survives its throws', () => {
    const original = new Error('boom');
    const seen: unknown[] = [];
    const r = renderError(original, {
      onError(error, thrown) {
        seen.push(error.status, thrown);
        throw new Error('logger down');
      },
    });
    expect(seen).toEqual([500, original]);
    expect(r.status).toBe(500);
  });

  it('falls back to problem+json for an unknown forced format', () => {
    const r = renderError(new NotFoundError(), { format: 'yaml' as ErrorFormat });
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(r.body).status).toBe(404);
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('renderError: edges found by mutation testing', () => {
  it.each([['a =b'], ['a"'], ['a =x, "y"'], ['a="b"']])(
    'replaces an own WWW-Authenticate of %j, whose first element is no challenge and which holds none',
    (value) => {
      const r = renderError(new UnauthorizedError({ headers: { 'WWW-Authenticate': value } }));
      expect(r.headers['www-authenticate']).toBe('Bearer');
    },
  );

  it.each([['"junk", Basic realm="r"'], ['a=b, Basic'], [', Negotiate abc=='], ['Basic']])(
    'keeps an own WWW-Authenticate of %j, which holds a challenge',
    (value) => {
      const r = renderError(new UnauthorizedError({ headers: { 'WWW-Authenticate': value } }));
      expect(r.headers['www-authenticate']).toBe(value);
    },
  );

  it("keeps a 407's own Proxy-Authenticate challenge", () => {
    const err = new ProxyAuthenticationRequiredError({
      challenge: { scheme: 'Basic', params: { realm: 'proxy' } },
    });
    const r = renderError(err, { challenge: { scheme: 'Negotiate' } });
    expect(r.headers['proxy-authenticate']).toBe('Basic realm="proxy"');
    expect(r.headers['www-authenticate']).toBeUndefined();
  });

  it('reshapes the body for the json format too', () => {
    const r = renderError(new ForbiddenError(SEED), {
      format: 'json',
      body: (p) => ({ error: p.detail }),
    });
    expect(r.body).toBe(`{"error":"${SEED}"}`);
    expect(r.headers['content-type']).toBe('application/json');
  });
});
