// NestJS 12 with http-error-kit/nest's ProblemFilter, on the Express and the Fastify platform,
// each a real Nest app listening on 127.0.0.1, port 0, checked with real fetch: the integration
// matrix's cases, then what is particular to Nest (HttpException's two response shapes,
// ValidationPipe with class-validator, Nest's own 404, APP_FILTER, contexts other than HTTP).

import type { ServerResponse } from 'node:http';
import 'reflect-metadata';
import {
  All,
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  HttpException,
  type INestApplication,
  Injectable,
  Module,
  Post,
  Req,
  Res,
  ServiceUnavailableException,
  ValidationPipe,
} from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { ExternalContextCreator } from '@nestjs/core/helpers/external-context-creator.js';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsEmail, IsInt, Min } from 'class-validator';
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { bootstrap } from '../../examples/frameworks/nest.js';
import { type NestOptions, ProblemFilter } from '../../src/adapters/nest.js';
import { ForbiddenError, type HttpError, TooManyRequestsError } from '../../src/index.js';
import { fieldLinesOf, type RawResponse, rawExchange } from '../helpers/http.js';
import { CASES, compare, reply, SEED } from '../runtimes/cases.mjs';
import { routeOf } from './servers.js';

const JSON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/problem+json',
  vary: 'Accept',
};

const json = (text: string): unknown => JSON.parse(text);

/** The paths of the matrix's routes, each answered by the matrix controller. */
const MATRIX_PATHS = [...new Set(CASES.map((c) => c.path.slice(1)))];

class CreateUser {
  @IsEmail()
  email!: string;

  @IsInt()
  @Min(0)
  age!: number;
}

@Controller()
class MatrixController {
  @All(MATRIX_PATHS)
  route(@Req() req: { url: string }): Promise<never> {
    const route = routeOf(req.url.split('?')[0] ?? '');
    if (!route) throw new Error(`no route ${req.url}`);
    if (route.async) return Promise.reject(route.thrown);
    throw route.thrown;
  }
}

@Controller('nest')
class NestController {
  @Get('string')
  string(): never {
    throw new HttpException(SEED, 403);
  }

  @Get('object')
  object(): never {
    throw new ForbiddenException(SEED);
  }

  @Get('custom')
  custom(): never {
    throw new HttpException({ reason: 'locked', code: 'E42' }, 409);
  }

  @Get('unavailable')
  unavailable(): never {
    throw new ServiceUnavailableException('redis down at 10.0.0.7');
  }

  @Get('list')
  list(): never {
    throw new BadRequestException(['email must be an email', 'age must not be less than 0']);
  }

  @Get('limited')
  limited(): never {
    throw new TooManyRequestsError('Slow down.', { retryAfter: 30 });
  }

  @Get('report.csv')
  @Header('Content-Type', 'text/csv')
  @Header('Content-Disposition', 'attachment; filename="report.csv"')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Vary', 'Origin')
  csv(): never {
    throw new ForbiddenError(SEED);
  }

  @Get('hostile')
  hostile(): never {
    // Shaped like an HttpException whose methods throw.
    throw {
      getStatus(): never {
        throw new Error('gotcha');
      },
      getResponse(): never {
        throw new Error('gotcha');
      },
    };
  }

  @Get('late')
  late(@Res() res: { raw?: ServerResponse } & ServerResponse): never {
    const raw = res.raw ?? res;
    raw.writeHead(200, { 'content-type': 'text/plain' });
    raw.write('partial ');
    throw new Error('failed mid-response');
  }

  @Get('ok')
  ok(): { ok: boolean } {
    return { ok: true };
  }

  @Post('users')
  create(@Body(new ValidationPipe()) user: CreateUser): CreateUser {
    return user;
  }
}

@Module({ controllers: [NestController, MatrixController] })
class AppModule {}

@Module({
  controllers: [NestController],
  providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
})
class FilterByClassModule {}

@Module({
  controllers: [NestController],
  providers: [{ provide: APP_FILTER, useValue: new ProblemFilter({ instance: '/by-value' }) }],
})
class FilterByValueModule {}

type Platform = 'Express' | 'Fastify';
const PLATFORMS: Platform[] = ['Express', 'Fastify'];
const apps: INestApplication[] = [];

afterAll(async () => {
  for (const app of apps) await app.close();
});

/** A Nest app of the module on the platform, listening on 127.0.0.1; resolves with its origin. */
async function start(
  platform: Platform,
  module: unknown = AppModule,
  options: NestOptions | false = {},
): Promise<string> {
  const adapter = platform === 'Express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(module as typeof AppModule, adapter, { logger: false });
  if (platform === 'Express')
    (app.getHttpAdapter().getInstance() as { disable(s: string): void }).disable('x-powered-by');
  if (options !== false) app.useGlobalFilters(new ProblemFilter(options));
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

let log: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
  log = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => log.mockRestore());

describe.each(PLATFORMS)('NestJS 12 on the %s platform: ProblemFilter', (platform) => {
  let url = '';
  const reported: [HttpError, unknown, string | undefined][] = [];
  let traced = '';

  it('serves on 127.0.0.1', async () => {
    url = await start(platform);
    traced = await start(platform, AppModule, {
      instance: (host) => host.switchToHttp().getRequest<{ url: string }>().url,
      traceId: true,
      onError: (error, original, _host, traceId) => reported.push([error, original, traceId]),
    });
    const ok = await reply(`${url}/nest/ok`);
    expect([ok.status, json(ok.body)]).toEqual([200, { ok: true }]);
  });

  it.each(CASES)('matrix: $name', async (kase) => {
    expect(compare(kase, await reply(`${url}${kase.path}`, kase.init))).toEqual([]);
  });

  it('several challenges and cookies: one field line each (raw socket read)', async () => {
    const request = 'GET /challenges HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const [r] = (await rawExchange(url, request, ['GET'])) as [RawResponse];
    expect(r.statusLine).toMatch(/^HTTP\/1\.1 401 /);
    expect(fieldLinesOf(r, 'www-authenticate')).toStrictEqual([
      'DPoP algs="ES256"',
      'Bearer realm="matrix"',
    ]);
    expect(fieldLinesOf(r, 'set-cookie')).toStrictEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it("a 5xx is logged once to console.error: toLog's entry as JSON, with the request", async () => {
    expect((await reply(`${url}/crash?token=secret`)).status).toBe(500);
    expect(log).toHaveBeenCalledTimes(1);
    const entry = JSON.parse(String(log.mock.calls[0]?.[0]));
    expect(entry).toMatchObject({
      level: 'error',
      status: 500,
      name: 'Error',
      message: 'db password=x',
      request: { method: 'GET', url: '/crash' },
    });
    expect(entry.stack).toMatch(/^Error: db password=x\n/);
  });

  it('HttpException with a string response: its status and the string as detail', async () => {
    const r = await reply(`${url}/nest/string`);
    expect([r.status, r.headers, r.body]).toEqual([
      403,
      JSON_HEADERS,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
  });

  it("HttpException with an object response: its message as detail, Nest's fields dropped", async () => {
    const r = await reply(`${url}/nest/object`);
    expect([r.status, r.headers, r.body]).toEqual([
      403,
      JSON_HEADERS,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
    const custom = await reply(`${url}/nest/custom`);
    expect([custom.status, custom.body]).toEqual([
      409,
      '{"type":"about:blank","title":"Conflict","status":409}',
    ]);
  });

  it('an exception whose methods throw is a redacted 500, not a crash', async () => {
    const r = await reply(`${url}/nest/hostile`);
    expect([r.status, r.headers, r.body]).toEqual([
      500,
      JSON_HEADERS,
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    ]);
  });

  it("a 5xx HttpException's message is redacted", async () => {
    const r = await reply(`${url}/nest/unavailable`);
    expect([r.status, r.body]).toEqual([
      503,
      '{"type":"about:blank","title":"Service Unavailable","status":503}',
    ]);
  });

  it('a list of messages becomes errors[]: BadRequestException and ValidationPipe', async () => {
    const list = await reply(`${url}/nest/list`);
    expect([list.status, list.headers, json(list.body)]).toEqual([
      400,
      JSON_HEADERS,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        errors: [{ detail: 'email must be an email' }, { detail: 'age must not be less than 0' }],
      },
    ]);
    const invalid = await reply(`${url}/nest/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', age: -1 }),
    });
    expect([invalid.status, json(invalid.body)]).toEqual([
      400,
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        errors: [{ detail: 'email must be an email' }, { detail: 'age must not be less than 0' }],
      },
    ]);
    const valid = await reply(`${url}/nest/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', age: 36 }),
    });
    expect([valid.status, json(valid.body)]).toEqual([201, { email: 'ada@example.com', age: 36 }]);
  });

  it("our errors keep the fields Nest's own filter drops: Retry-After, WWW-Authenticate", async () => {
    const limited = await reply(`${url}/nest/limited`);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '30']);
    const unauthorized = await reply(`${url}/unauthorized-basic`);
    expect(unauthorized.headers['www-authenticate']).toBe('Basic realm="matrix"');
  });

  it('fields set by @Header() for the abandoned representation go, CORS stays, Vary merged', async () => {
    const r = await reply(`${url}/nest/report.csv`);
    expect([r.status, r.headers, r.body]).toEqual([
      403,
      { ...JSON_HEADERS, 'access-control-allow-origin': '*', vary: 'Origin, Accept' },
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    ]);
  });

  it("Nest's 404 for a path no route takes, and a body that does not parse", async () => {
    const missing = await reply(`${url}/nowhere`);
    expect([missing.status, missing.headers, missing.body]).toEqual([
      404,
      JSON_HEADERS,
      // Nest's NotFoundException, with its message, on both platforms.
      '{"type":"about:blank","title":"Not Found","status":404,"detail":"Cannot GET /nowhere"}',
    ]);
    const malformed = await reply(`${url}/nest/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"password":"hunter2',
    });
    expect([malformed.status, malformed.headers, malformed.body]).toEqual([
      400,
      JSON_HEADERS,
      platform === 'Express'
        ? // body-parser's error, which Nest wraps in a BadRequestException with its message
          '{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request content could not be parsed."}'
        : `{"type":"about:blank","title":"Bad Request","status":400,"detail":"Body is not valid JSON but content-type is set to 'application/json'"}`,
    ]);
    // JSON.parse's message quotes the body; Nest would send it.
    const quoted = await reply(`${url}/nest/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'hunter2-secret',
    });
    expect([quoted.status, quoted.body.includes('hunter2')]).toEqual([400, false]);
  });

  it('after the headers were sent: the response breaks off, the error is logged once', async () => {
    const outcome = await fetch(`${url}/nest/late`)
      .then((res) => res.text())
      .then(
        () => 'complete',
        () => 'broken',
      );
    expect(outcome).toBe('broken');
    await vi.waitFor(() => expect(log).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({
      status: 500,
      message: 'failed mid-response',
      request: { method: 'GET', url: '/nest/late' },
    });
    expect((await reply(`${url}/nest/ok`)).status).toBe(200);
  });

  it('per-request options get the host; onError gets the thrown value and the trace id', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const r = await reply(`${traced}/nest/unavailable?x=1`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(json(r.body)).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      instance: '/nest/unavailable?x=1',
      traceId,
    });
    expect(reported).toHaveLength(1);
    const [error, original, id] = reported[0] as [HttpError, unknown, string];
    expect(error.status).toBe(503);
    expect(original).toBeInstanceOf(ServiceUnavailableException);
    expect(error.cause).toBe(original);
    expect(id).toBe(traceId);
    // onError replaces the default log.
    expect(log).not.toHaveBeenCalled();
  });

  it('as an APP_FILTER provider, by class and by value', async () => {
    const byClass = await start(platform, FilterByClassModule, false);
    const limited = await reply(`${byClass}/nest/limited`);
    expect([limited.status, limited.headers, json(limited.body)]).toEqual([
      429,
      { ...JSON_HEADERS, 'retry-after': '30' },
      { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.' },
    ]);
    const byValue = await start(platform, FilterByValueModule, false);
    expect(json((await reply(`${byValue}/nest/string`)).body)).toMatchObject({
      status: 403,
      instance: '/by-value',
    });
  });

  it('without the filter, Nest itself drops Retry-After (what the filter is for)', async () => {
    const bare = await start(platform, NestOnlyModule, false);
    const limited = await reply(`${bare}/nest/limited`);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeUndefined();
  });
});

@Module({ controllers: [NestController] })
class NestOnlyModule {}

describe('the example (examples/frameworks/nest.ts)', () => {
  it('401 with its challenge and instance, 403, 204', async () => {
    const app = await bootstrap();
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const anonymous = await reply(`${url}/user-data/123`, { method: 'DELETE' });
    expect([anonymous.status, anonymous.headers, anonymous.body]).toEqual([
      401,
      { ...JSON_HEADERS, 'www-authenticate': 'Bearer', 'x-powered-by': 'Express' },
      '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Sign in to delete user data.","instance":"/user-data/123"}',
    ]);
    const other = await reply(`${url}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-456' },
    });
    expect([other.status, json(other.body)]).toEqual([
      403,
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: SEED,
        instance: '/user-data/123',
      },
    ]);
    const own = await reply(`${url}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-123' },
    });
    expect([own.status, own.body]).toEqual([204, '']);
  });
});

@Injectable()
class Resolver {
  field(): never {
    throw new ForbiddenError('Not in GraphQL.');
  }
}

@Module({ providers: [Resolver] })
class ResolverModule {}

describe('contexts other than HTTP are left to Nest', () => {
  it('a GraphQL-style external context: the error is rethrown untouched, nothing is written', async () => {
    const app = await NestFactory.create(ResolverModule, new ExpressAdapter(), { logger: false });
    apps.push(app);
    let calls = 0;
    const filter = new ProblemFilter({ onError: () => calls++ });
    const spied = Object.assign(Object.create(filter), {
      catch: (exception: unknown, host: ExecutionContextHost) => {
        calls++;
        return filter.catch(exception, host);
      },
    });
    app.useGlobalFilters(spied);
    await app.init();
    const resolver = app.get(Resolver);
    const call = app
      .get(ExternalContextCreator)
      .create(
        resolver,
        resolver.field,
        'field',
        undefined,
        undefined,
        undefined,
        undefined,
        { filters: true },
        'graphql',
      );
    const thrown = await call({}, {}, {}, {}).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect((thrown as ForbiddenError).detail).toBe('Not in GraphQL.');
    // The filter was asked (and returned nothing); onError was not called.
    expect(calls).toBe(1);
  });

  it('returns nothing for rpc and ws hosts, without reading their arguments', () => {
    for (const type of ['rpc', 'ws']) {
      const host = new ExecutionContextHost([
        {},
        {
          get headersSent(): never {
            throw new Error('read');
          },
        },
      ]);
      host.setType(type);
      expect(new ProblemFilter().catch(new ForbiddenError(), host)).toBeUndefined();
    }
  });
});
