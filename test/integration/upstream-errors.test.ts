// The trust model of toHttpError for errors that describe another server's response: the real
// errors of real HTTP clients, thrown by requests to a real upstream on 127.0.0.1, rethrown by a
// real server of ours (a BFF). The BFF's client gets a 502 (504 for a client timeout) and nothing
// of the upstream: not its status, message, headers, type, title or instance.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import nodeFetch, { type Response as NodeFetchResponse } from 'node-fetch';
import { ofetch } from 'ofetch';
import Stripe from 'stripe';
import superagent from 'superagent';
import { Agent, interceptors, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOk, fromResponse } from '../../src/adapters/fetch/index.js';
import { handle } from '../../src/adapters/node.js';
import {
  BadGatewayError,
  ForbiddenError,
  GatewayTimeoutError,
  ServiceUnavailableError,
  toHttpError,
} from '../../src/index.js';
import { closeServers, listen, own, request } from '../helpers/http.js';

const require = createRequire(import.meta.url);
// undici 6, whose `throwOnError` option the reproduction uses (undici 7 moved it to an
// interceptor); an alias of the real package.
const undici6 = require('undici6') as typeof import('undici');

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const INTERNAL = 'http://search.internal:9200/customers-2026';

// Everything an upstream may say that must never reach our client.
const UPSTREAM_HEADERS = {
  'set-cookie': `sess=${SECRET}; HttpOnly`,
  'www-authenticate': 'Basic realm="Stripe"',
  refresh: '0; url=https://evil.example/',
  'clear-site-data': '"*"',
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'strict-transport-security': 'max-age=0',
  'x-upstream-host': 'search.internal',
  'retry-after': '3600',
};

function upstreamListener(req: IncomingMessage, res: ServerResponse): void {
  if (req.url?.startsWith('/slow')) {
    const timer = setTimeout(() => res.end('late'), 5_000);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (req.url?.startsWith('/problem')) {
    res.writeHead(500, { 'content-type': 'application/problem+json', ...UPSTREAM_HEADERS });
    res.end(
      JSON.stringify({
        type: 'https://search.internal/probs/shard-failure',
        title: `Shard failure at ${INTERNAL}`,
        status: 500,
        detail: `index ${INTERNAL} is read-only`,
        instance: 'https://search.internal/ops/4711',
      }),
    );
    return;
  }
  // Stripe's API error shape, which its SDK turns into a StripeAuthenticationError.
  res.writeHead(401, { 'content-type': 'application/json', ...UPSTREAM_HEADERS });
  const message = `Invalid API Key provided: ${SECRET}`;
  res.end(JSON.stringify({ error: { type: 'invalid_request_error', message } }));
}

let upstream = '';
let closedPort = 0;

beforeAll(async () => {
  upstream = await listen(upstreamListener);
  // A port nothing listens on: a refused connection.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(closeServers);

/** The error `call` rejects with. */
async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

/** node-fetch's README pattern: an Error that carries the Response it is about. */
class HTTPResponseError extends Error {
  response: NodeFetchResponse;
  constructor(response: NodeFetchResponse) {
    super(`HTTP Error Response: ${response.status} ${response.statusText}`);
    this.response = response;
  }
}

const stripeClient = () => {
  const { port } = new URL(upstream);
  return new Stripe(SECRET, {
    host: '127.0.0.1',
    port: Number(port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
};

type Case = [name: string, call: () => Promise<unknown>, status: 502 | 504];

const CASES: Case[] = [
  ['axios (AxiosError)', () => axios.get(`${upstream}/`), 502],
  ['axios timeout', () => axios.get(`${upstream}/slow`, { timeout: 50 }), 504],
  [
    'undici 7 (responseError interceptor)',
    () =>
      undiciRequest(`${upstream}/`, {
        dispatcher: new Agent().compose(interceptors.responseError()),
      }),
    502,
  ],
  [
    'undici 7 headers timeout',
    () => undiciRequest(`${upstream}/slow`, { headersTimeout: 50 }),
    504,
  ],
  ['undici 6 throwOnError', () => undici6.request(`${upstream}/`, { throwOnError: true }), 502],
  ['got (HTTPError)', () => got(`${upstream}/`, { retry: { limit: 0 } }), 502],
  [
    'got timeout',
    () => got(`${upstream}/slow`, { retry: { limit: 0 }, timeout: { request: 50 } }),
    504,
  ],
  ['ky (HTTPError)', () => ky(`${upstream}/`, { retry: 0 }), 502],
  ['ky timeout', () => ky(`${upstream}/slow`, { retry: 0, timeout: 50 }), 504],
  ['ofetch (FetchError)', () => ofetch(`${upstream}/`, { retry: 0 }), 502],
  ['ofetch timeout', () => ofetch(`${upstream}/slow`, { retry: 0, timeout: 50 }), 504],
  [
    'node-fetch, rejected by the README pattern',
    async () => {
      const res = await nodeFetch(`${upstream}/`);
      if (!res.ok) throw new HTTPResponseError(res);
    },
    502,
  ],
  [
    'node-fetch FetchError (connection refused)',
    () => nodeFetch(`http://127.0.0.1:${closedPort}/`),
    502,
  ],
  ['superagent', () => superagent.get(`${upstream}/`), 502],
  ['superagent timeout', () => superagent.get(`${upstream}/slow`).timeout(50), 504],
  ['stripe (StripeAuthenticationError)', () => stripeClient().customers.retrieve('cus_1'), 502],
  [
    'fromResponse, rethrown',
    async () => Promise.reject(await fromResponse(await fetch(`${upstream}/`))),
    502,
  ],
  ['ensureOk on a problem+json 500', async () => ensureOk(await fetch(`${upstream}/problem`)), 502],
];

const BODY = {
  502: '{"type":"about:blank","title":"Bad Gateway","status":502}',
  504: '{"type":"about:blank","title":"Gateway Timeout","status":504}',
};

describe.each(CASES)('%s', (_, call, status) => {
  it(`toHttpError: ${status}, with the original as cause and nothing else of it`, async () => {
    const original = await thrownBy(call);
    const err = toHttpError(original);
    expect(err).toBeInstanceOf(status === 502 ? BadGatewayError : GatewayTimeoutError);
    expect(err.cause).toBe(original);
    expect(err.headers).toEqual({});
    expect(err.detail).toBeUndefined();
    expect(err.extensions).toEqual({});
    expect([err.type, err.expose]).toEqual(['about:blank', false]);
  });

  it(`a server that rethrows it answers ${status} with nothing of the upstream`, async () => {
    const bff = await listen(
      handle(
        async () => {
          await call();
        },
        { onError: () => {} },
      ),
    );
    const reply = await request(bff);
    expect(reply.status).toBe(status);
    expect(own(reply.headers)).toEqual({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      vary: 'Accept',
      'content-type': 'application/problem+json',
      'content-length': String(reply.body.length),
    });
    expect(reply.text).toBe(BODY[status]);
  });
});

describe('errors of SDKs and clients not installed here, by their documented shapes', () => {
  it("the Elasticsearch client's ResponseError (meta: statusCode, headers, body)", () => {
    const meta = {
      body: { error: { type: 'index_not_found_exception', index: 'customers-2026' } },
      statusCode: 404,
      headers: UPSTREAM_HEADERS,
      warnings: null,
      meta: { context: null, name: 'elasticsearch-js', attempts: 0, aborted: false },
    };
    const original = Object.assign(new Error(`index_not_found_exception: ${INTERNAL}`), {
      name: 'ResponseError',
      meta,
      statusCode: 404,
      headers: UPSTREAM_HEADERS,
      body: meta.body,
    });
    const err = toHttpError(original);
    expect([err.status, err.headers, err.detail, err.cause]).toEqual([
      502,
      {},
      undefined,
      original,
    ]);
  });

  it('an AWS SDK v3 service exception ($metadata.httpStatusCode)', () => {
    const original = Object.assign(new Error(`Access denied to ${INTERNAL}`), {
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 403, requestId: 'r-1', attempts: 1 },
    });
    expect(toHttpError(original).status).toBe(502);
  });
});

describe('passing an upstream error on is explicit: an error of your own', () => {
  it('with a status, detail and headers of your choice, and the upstream as cause', async () => {
    const upstreamErr = await thrownBy(() => axios.get(`${upstream}/`));
    const passed = new ServiceUnavailableError('Payments are unavailable; try again later.', {
      retryAfter: 30,
      cause: upstreamErr,
    });
    expect(toHttpError(passed)).toBe(passed);
    const bff = await listen(
      handle(
        () => {
          throw passed;
        },
        { onError: () => {} },
      ),
    );
    const reply = await request(bff);
    expect([reply.status, reply.headers['retry-after']]).toEqual([503, '30']);
    expect(reply.text).not.toContain(SECRET);
  });

  it("or fromResponse's error rebuilt as a class of the status: its detail and the fields the status requires", async () => {
    const err = await fromResponse(await fetch(`${upstream}/`));
    if (!err) throw new Error('unreachable');
    const passed = new ForbiddenError(err.detail, { cause: err });
    expect(toHttpError(passed)).toBe(passed);
    expect(toHttpError(err)).toBeInstanceOf(BadGatewayError);
  });
});
