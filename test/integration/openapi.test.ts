import { dereference, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/adapters/node.js';
import {
  BadRequestError,
  bearerChallenge,
  ConflictError,
  ContentTooLargeError,
  dpopChallenge,
  ForbiddenError,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  type OpenApiHeader,
  problemOpenApi,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableContentError,
} from '../../src/index.js';
import { closeServers, listen, request } from '../helpers/http.js';

// What problemOpenApi's status responses declare is what a real server sends: a node:http
// server throws each error, and every response is checked against its response object in the
// document — the body against the content schema (JSON Schema 2020-12, with formats), each
// declared header against its schema, every required header present, and every protocol field
// the server sent declared.

const components = problemOpenApi([], { statuses: true });
const NAMES = Object.keys(components.responses);
const STATUS_OF: Record<string, number> = {
  BadRequestError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  MethodNotAllowedError: 405,
  ConflictError: 409,
  ContentTooLargeError: 413,
  UnprocessableContentError: 422,
  TooManyRequestsError: 429,
  InternalServerError: 500,
  ServiceUnavailableError: 503,
};

const document = {
  openapi: '3.1.0',
  info: { title: 'Wire', version: '1.0.0' },
  paths: Object.fromEntries(
    NAMES.map((name) => [
      `/${name}`,
      {
        get: {
          operationId: `get${name}`,
          responses: {
            '200': { description: 'Fine.' },
            [String(STATUS_OF[name])]: { $ref: `#/components/responses/${name}` },
          },
        },
      },
    ]),
  ),
  components,
};

// Each status as a route would send it, with the fields the status may carry.
const ROUTES: Record<string, (() => unknown)[]> = {
  BadRequestError: [
    () => new BadRequestError({ errors: [{ detail: 'must be a number', parameter: 'limit' }] }),
    () => new BadRequestError({ dpopNonce: 'eyJ7S_zG.eyJH0-Z.HX4w-7v' }),
  ],
  UnauthorizedError: [
    () => new UnauthorizedError(),
    () =>
      new UnauthorizedError({
        challenge: [
          dpopChallenge({ algs: 'ES256', error: 'use_dpop_nonce' }),
          bearerChallenge({ error: 'invalid_token', realm: 'a "quoted" realm' }),
        ],
        dpopNonce: 'n-1',
      }),
  ],
  ForbiddenError: [() => new ForbiddenError({ scope: 'admin' })],
  NotFoundError: [() => new NotFoundError({ instance: '/orders/42' })],
  MethodNotAllowedError: [
    () => new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }),
    () => new MethodNotAllowedError({ allow: [] }),
  ],
  ConflictError: [() => new ConflictError('Already shipped.')],
  ContentTooLargeError: [
    () => new ContentTooLargeError(),
    () => new ContentTooLargeError({ retryAfter: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }),
  ],
  UnprocessableContentError: [
    () => new UnprocessableContentError({ errors: [{ detail: 'is required', pointer: '/email' }] }),
  ],
  TooManyRequestsError: [
    () => new TooManyRequestsError(),
    () =>
      new TooManyRequestsError({
        retryAfter: 30,
        rateLimit: [
          { name: 'a "b"', quota: 10, unit: 'requests', window: 60, remaining: 0, reset: 30 },
          { name: 'pk', remaining: 5, partitionKey: new Uint8Array([0, 1, 254, 255]) },
        ],
      }),
  ],
  InternalServerError: [() => new Error('secret'), () => new InternalServerError()],
  ServiceUnavailableError: [
    () =>
      new ServiceUnavailableError({
        retryAfter: 120,
        rateLimit: { name: 'reduced', quota: 1, window: 10 },
      }),
  ],
};

// Fields this library derives for some status; each one sent must be declared for it.
const PROTOCOL_FIELDS = [
  'www-authenticate',
  'proxy-authenticate',
  'allow',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'dpop-nonce',
  'content-range',
  'upgrade',
];

type Resolved = {
  responses: Record<
    string,
    {
      headers?: Record<string, OpenApiHeader>;
      content: Record<string, { schema: Record<string, unknown> }>;
    }
  >;
};

let origin: string;
let resolved: Resolved;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);

/** JSON Schema 2020-12 has `$schema` at the root only; the inlined ProblemDetails keeps its own. */
function withoutNestedDialect(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema, (key, value) => (key === '$schema' ? undefined : value)),
  );
}

beforeAll(async () => {
  resolved = (
    (await dereference(structuredClone(document) as never)) as unknown as { components: Resolved }
  ).components;
  origin = await listen(
    handle((req) => {
      const [, name, i] = /^\/(\w+)\/(\d+)$/.exec(req.url ?? '') ?? [];
      throw (ROUTES[name ?? '']?.[Number(i)] ?? (() => new Error('no route')))();
    }),
  );
});
afterAll(closeServers);

/** The reasons a response does not match its response object; empty when it matches. */
function mismatches(name: string, status: number, headers: Record<string, unknown>, body: string) {
  const out: string[] = [];
  const response = resolved.responses[name];
  if (response === undefined) return [`no response object ${name}`];
  if (status !== STATUS_OF[name]) out.push(`status ${status}`);
  const contentType = String(headers['content-type']);
  const media = response.content[contentType];
  if (media === undefined) out.push(`undeclared content type ${contentType}`);
  else {
    const check = ajv.compile(withoutNestedDialect(media.schema) as object);
    if (!check(JSON.parse(body))) out.push(`body: ${ajv.errorsText(check.errors)}`);
  }
  const declared = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([field, object]) => [field.toLowerCase(), object]),
  );
  for (const [field, object] of Object.entries(declared)) {
    const value = headers[field];
    if (value === undefined) {
      if (object.required) out.push(`required ${field} missing`);
      continue;
    }
    const check = ajv.compile(object.schema);
    if (!check(value))
      out.push(`${field} ${JSON.stringify(value)}: ${ajv.errorsText(check.errors)}`);
  }
  for (const field of PROTOCOL_FIELDS) {
    if (headers[field] !== undefined && declared[field] === undefined) {
      out.push(`undeclared ${field}`);
    }
  }
  return out;
}

describe('problemOpenApi status responses against a real server', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  const cases = Object.entries(ROUTES).flatMap(([name, routes]) =>
    routes.map((_, i) => [name, i] as const),
  );
  it.each(cases)('%s #%i: what the server sends matches the document', async (name, i) => {
    const reply = await request(`${origin}/${name}/${i}`);
    expect(mismatches(name, reply.status, reply.headers, reply.text)).toEqual([]);
  });

  it('covers every status it declares', () => {
    expect(Object.keys(ROUTES)).toEqual(NAMES);
  });

  it('tells a mismatch: the checks can fail', async () => {
    const unauthorized = await request(`${origin}/UnauthorizedError/0`);
    // A 401 checked against the 404 description: wrong status const, undeclared challenge.
    expect(mismatches('NotFoundError', 404, unauthorized.headers, unauthorized.text)).toEqual([
      'body: data/status must be equal to constant',
      'undeclared www-authenticate',
    ]);
    const headers = { ...unauthorized.headers };
    delete headers['www-authenticate'];
    expect(mismatches('UnauthorizedError', 401, headers, unauthorized.text)).toEqual([
      'required www-authenticate missing',
    ]);
    const limited = await request(`${origin}/TooManyRequestsError/1`);
    const broken = {
      ...limited.headers,
      'retry-after': 'soon',
      ratelimit: 'default;r=0',
      'ratelimit-policy': '"x";q=1,',
    };
    expect(mismatches('TooManyRequestsError', 429, broken, limited.text)).toEqual([
      expect.stringMatching(/^retry-after "soon": data must match pattern/),
      expect.stringMatching(/^ratelimit "default;r=0": data must match pattern/),
      expect.stringMatching(/^ratelimit-policy "\\"x\\";q=1,": data must match pattern/),
    ]);
    expect(
      mismatches('NotFoundError', 404, { 'content-type': 'text/html; charset=utf-8' }, ''),
    ).toEqual(['undeclared content type text/html; charset=utf-8']);
  });
});
