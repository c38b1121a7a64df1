import { describe, expectTypeOf, it } from 'vitest';
import {
  ensureOk,
  type FromResponseOptions,
  fromResponse,
  type HandleOptions,
  handle,
  type RequestLike,
  type ResponseLike,
  toResponse,
} from '../../src/adapters/fetch/index.js';
import { ForbiddenError, type HttpError } from '../../src/index.js';

interface Env {
  readonly TOKEN: string;
  readonly KV: { get(key: string): Promise<string | null> };
}
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

describe('toResponse', () => {
  it('returns something assignable to the DOM Response', () => {
    const res = toResponse(new ForbiddenError(), { request: new Request('https://x/') });
    expectTypeOf(res).toExtend<Response>();
    const dom: Response = res;
    expectTypeOf(dom.headers).toEqualTypeOf<Headers>();
  });

  it('accepts a real Request', () => {
    expectTypeOf<Request>().toExtend<RequestLike>();
    expectTypeOf(toResponse).toBeCallableWith(new Error(), {
      request: new Request('https://x/', { method: 'HEAD' }),
      accept: 'text/html',
    });
  });
});

describe('handle', () => {
  it('keeps the (request, env, ctx) parameter types of a Workers handler', () => {
    const wrapped = handle(async (request: Request, env: Env, ctx: Ctx) => {
      ctx.waitUntil(env.KV.get(request.url));
      return new Response(env.TOKEN);
    });
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[Request, Env, Ctx]>();
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<Response>>();
    const worker: { fetch(request: Request, env: Env, ctx: Ctx): Promise<Response> } = {
      fetch: wrapped,
    };
    expectTypeOf(worker.fetch).returns.resolves.toExtend<Response>();
  });

  it('keeps optional rest parameters (Hono app.fetch)', () => {
    const appFetch = (request: Request, env?: Env, ctx?: Ctx): Response | Promise<Response> =>
      new Response(`${request.url}${env?.TOKEN}${ctx ? '' : '-'}`);
    const wrapped = handle(appFetch);
    expectTypeOf(wrapped).parameters.toEqualTypeOf<
      [Request, (Env | undefined)?, (Ctx | undefined)?]
    >();
  });

  it('types the options functions with the handler request type', () => {
    handle((request: Request) => new Response(request.url), {
      instance: (request) => {
        expectTypeOf(request).toEqualTypeOf<Request>();
        return new URL(request.url).pathname;
      },
      extensions: (request) => ({ traceId: request.headers.get('x-trace-id') }),
    });
    expectTypeOf<HandleOptions<Request>['instance']>().toEqualTypeOf<
      string | ((request: Request) => string | undefined) | undefined
    >();
  });

  it('refuses a handler whose first parameter is not a request', () => {
    // @ts-expect-error a number is not a Request
    handle((n: number) => new Response(String(n)));
    // @ts-expect-error a handler must return a Response
    handle((request: Request) => request.url);
  });
});

describe('fromResponse and ensureOk', () => {
  it('fromResponse returns Promise<HttpError | undefined>', () => {
    expectTypeOf(fromResponse).returns.toEqualTypeOf<Promise<HttpError | undefined>>();
    expectTypeOf<Response>().toExtend<ResponseLike>();
    expectTypeOf(fromResponse).toBeCallableWith(new Response(null, { status: 403 }));
    expectTypeOf(fromResponse).toBeCallableWith(new Response(), { maxBodyBytes: 1024 });
  });

  it('ensureOk returns the response type it was given', () => {
    expectTypeOf(ensureOk(new Response())).toEqualTypeOf<Promise<Response>>();
    expectTypeOf<FromResponseOptions['maxBodyBytes']>().toEqualTypeOf<number | undefined>();
  });
});
