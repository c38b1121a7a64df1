import { NextRequest } from 'next/server.js';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { handle, isNextSignal, type NextRouteContext } from '../../src/adapters/next.js';
import { ForbiddenError } from '../../src/index.js';

// The route module behaviour on a real Next.js server is in test/integration/next.test.ts; here
// the wrapper is called directly with Next's own NextRequest.

const SEED = 'You do not have permission to delete user data.';
const SEED_BODY = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;

const request = (path = '/user-data/123', init?: ConstructorParameters<typeof NextRequest>[1]) =>
  new NextRequest(`http://localhost${path}`, init);
const context = (params: Record<string, string> = {}): NextRouteContext => ({
  params: Promise.resolve(params),
});
const signal = (digest: unknown) => Object.assign(new Error('signal'), { digest });

describe('isNextSignal', () => {
  it.each([
    'NEXT_REDIRECT;replace;/login;307;',
    'NEXT_REDIRECT;push;/a;308;',
    'NEXT_HTTP_ERROR_FALLBACK;404',
    'NEXT_HTTP_ERROR_FALLBACK;403',
    'NEXT_HTTP_ERROR_FALLBACK;401',
    'NEXT_PRERENDER_INTERRUPTED',
    'NEXT_STATIC_GEN_BAILOUT',
    'DYNAMIC_SERVER_USAGE',
    'BAILOUT_TO_CLIENT_SIDE_RENDERING',
    'HANGING_PROMISE_REJECTION',
  ])('%s is a signal', (digest) => {
    expect(isNextSignal(signal(digest))).toBe(true);
    expect(isNextSignal({ digest })).toBe(true);
  });

  it.each([
    ['an HttpError', new ForbiddenError(SEED)],
    ['a plain Error', new Error('NEXT_REDIRECT')],
    ['another digest', signal('1234567')],
    ['a lower-case prefix', signal('next_redirect')],
    ['a digest that is not a string', signal(['NEXT_REDIRECT'])],
    ['a string', 'NEXT_REDIRECT'],
    ['null', null],
    ['undefined', undefined],
  ])('%s is not', (_name, thrown) => {
    expect(isNextSignal(thrown)).toBe(false);
  });

  it('follows the cause chain a few steps, as unstable_rethrow does', () => {
    const wrapped = new Error('outer', {
      cause: new Error('inner', { cause: signal('NEXT_REDIRECT;replace;/;307;') }),
    });
    expect(isNextSignal(wrapped)).toBe(true);
    let deep: unknown = signal('NEXT_REDIRECT;replace;/;307;');
    for (let i = 0; i < 10; i++) deep = new Error(`level ${i}`, { cause: deep });
    expect(isNextSignal(deep)).toBe(false);
    const cycle: { cause?: unknown } = {};
    cycle.cause = cycle;
    expect(isNextSignal(cycle)).toBe(false);
  });

  it('a value whose digest or cause cannot be read is not a signal, and nothing throws', () => {
    const hostile = Object.defineProperty({}, 'digest', {
      get() {
        throw new Error('no digest');
      },
    });
    expect(isNextSignal(hostile)).toBe(false);
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(isNextSignal(proxy)).toBe(false);
  });
});

describe('handle', () => {
  it('renders an error from the request (NextRequest), negotiated', async () => {
    const route = handle(() => {
      throw new ForbiddenError(SEED);
    });
    const json = await route(request(), context());
    expect([json.status, json.headers.get('content-type'), await json.text()]).toEqual([
      403,
      'application/problem+json',
      SEED_BODY,
    ]);
    const html = await route(request('/', { headers: { accept: 'text/html' } }), context());
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it("rethrows Next's signals untouched and does not report them", async () => {
    const redirect = signal('NEXT_REDIRECT;replace;/login;307;');
    const onError = vi.fn();
    const route = handle(
      async () => {
        throw redirect;
      },
      { onError },
    );
    await expect(route(request(), context())).rejects.toBe(redirect);
    expect(onError).not.toHaveBeenCalled();
  });

  it('an own rethrow predicate adds to Next’s signals', async () => {
    class Abort extends Error {}
    const abort = new Abort('aborted');
    const route = handle(
      (req) => {
        const path = req.nextUrl.pathname;
        if (path === '/abort') throw abort;
        if (path === '/redirect') throw signal('NEXT_REDIRECT;replace;/;307;');
        throw new ForbiddenError(SEED);
      },
      { rethrow: (thrown) => thrown instanceof Abort },
    );
    await expect(route(request('/abort'), context())).rejects.toBe(abort);
    await expect(route(request('/redirect'), context())).rejects.toMatchObject({
      digest: 'NEXT_REDIRECT;replace;/;307;',
    });
    expect(await (await route(request(), context())).text()).toBe(SEED_BODY);
  });

  it('passes the route context through and takes per-request options', async () => {
    const route = handle(
      async (req, { params }) => {
        const { id } = await params;
        throw new ForbiddenError(`${req.method} of ${String(id)} refused.`);
      },
      {
        instance: (req) => req.nextUrl.pathname,
        extensions: (req) => ({ traceId: req.headers.get('x-trace-id') ?? undefined }),
        rethrow: undefined,
        onError: undefined,
      },
    );
    const res = await route(
      request('/user-data/7', { method: 'DELETE', headers: { 'x-trace-id': 't-1' } }),
      context({ id: '7' }),
    );
    expect(JSON.parse(await res.text())).toEqual({
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'DELETE of 7 refused.',
      instance: '/user-data/7',
      traceId: 't-1',
    });
  });

  it('infers NextRequest and the route context without annotations, and keeps annotated ones', () => {
    const inferred = handle(async (req, ctx) => {
      expectTypeOf(req).toEqualTypeOf<NextRequest>();
      expectTypeOf(ctx).toEqualTypeOf<NextRouteContext>();
      return new Response(null);
    });
    expectTypeOf(inferred).parameters.toEqualTypeOf<[NextRequest, NextRouteContext]>();
    const annotated = handle(async (_req: Request, ctx: { params: Promise<{ id: string }> }) =>
      Response.json(await ctx.params),
    );
    expectTypeOf(annotated).parameters.toEqualTypeOf<
      [Request, { params: Promise<{ id: string }> }]
    >();
    // What Next's build checks a route module's GET against, as Next declares it.
    type RouteHandler = (
      request: NextRequest,
      context: { params: Promise<{ id: string }> },
      // biome-ignore lint/suspicious/noConfusingVoidType: Next's own declaration
    ) => Promise<Response | void> | Response | void;
    expectTypeOf(inferred).toExtend<RouteHandler>();
    expectTypeOf(annotated).toExtend<RouteHandler>();
  });
});
