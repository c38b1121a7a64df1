import http from 'node:http';
import express from 'express';
// @ts-expect-error: the Express 4 alias has no types of its own; it is used through Express 5's.
import express4Untyped from 'express4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerUnavailable, OutOfCredit } from '../../examples/guides/problems.js';
import { errorHandler } from '../../src/adapters/express.js';
import { handle as fetchHandle, fromResponse } from '../../src/adapters/fetch/index.js';
import { handle as nodeHandle } from '../../src/adapters/node.js';
import { CREDIT_EXTENSIONS } from '../helpers/out-of-credit.js';
import { fetchBridge, listen } from './servers.js';

// Problem types and request correlation on real servers: the same routes behind node:http
// `handle`, Express 4 and 5 `errorHandler`, and a Fetch handler wrapped by `handle`, each with
// `extensions` computed from the request's W3C `traceparent` field.

const express4 = express4Untyped as typeof express;

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const SECRET = 'connect ECONNREFUSED 10.0.0.5:5432 (user=app password=hunter2)';

const RFC_BODY =
  '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.",' +
  '"status":403,"detail":"Your current balance is 30, but that costs 50.",' +
  '"instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}';

/** `{ traceId }` from a `traceparent` field, or nothing. */
function traceMembers(traceparent: unknown): Record<string, string> | undefined {
  const id =
    typeof traceparent === 'string'
      ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent)?.[1]
      : undefined;
  return id === undefined ? undefined : { traceId: id };
}

/** What each route throws. */
const ROUTES: Record<string, () => unknown> = {
  '/crash': () => new Error(SECRET),
  '/account/12345/msgs': () =>
    new OutOfCredit('Your current balance is 30, but that costs 50.', {
      instance: '/account/12345/msgs/abc',
      extensions: CREDIT_EXTENSIONS,
    }),
  '/ledger': () =>
    new LedgerUnavailable('Ledger eu-1 refused the connection.', {
      extensions: { ledger: 'eu-1' },
    }),
};

function thrownFor(path: string): unknown {
  const make = ROUTES[path];
  return make ? make() : new Error(`no route ${path}`);
}

function expressApp(make: typeof express) {
  const app = make();
  app.disable('x-powered-by');
  app.use((req) => {
    throw thrownFor(req.path);
  });
  app.use(errorHandler({ extensions: (req) => traceMembers(req.headers.traceparent) }));
  return app;
}

type Kind = 'node:http' | 'Express 4' | 'Express 5' | 'Fetch';

function createServer(kind: Kind): http.Server {
  switch (kind) {
    case 'node:http':
      return http.createServer(
        nodeHandle(
          (req) => {
            throw thrownFor(req.url ?? '/');
          },
          { extensions: (req) => traceMembers(req.headers.traceparent) },
        ),
      );
    case 'Express 4':
      return http.createServer(expressApp(express4));
    case 'Express 5':
      return http.createServer(expressApp(express));
    case 'Fetch':
      return fetchBridge(
        fetchHandle(
          async (request: Request) => {
            throw thrownFor(new URL(request.url).pathname);
          },
          { extensions: (request) => traceMembers(request.headers.get('traceparent')) },
        ),
      );
  }
}

describe.each<Kind>(['node:http', 'Express 4', 'Express 5', 'Fetch'])('%s', (kind) => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = createServer(kind);
    base = await listen(server);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a redacted 500 carries the traceId of the traceparent field, and nothing else', async () => {
    const res = await fetch(`${base}/crash`, { headers: { traceparent: TRACEPARENT } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.text();
    expect(body).toBe(
      `{"type":"about:blank","title":"Internal Server Error","status":500,"traceId":"${TRACE_ID}"}`,
    );
    expect(body).not.toContain('hunter2');
  });

  it('without a traceparent field, the 500 has no traceId', async () => {
    const res = await fetch(`${base}/crash`);
    expect(await res.text()).toBe(
      '{"type":"about:blank","title":"Internal Server Error","status":500}',
    );
  });

  it('a 5xx problem type is redacted to type, title and status, plus the traceId', async () => {
    const res = await fetch(`${base}/ledger`, { headers: { traceparent: TRACEPARENT } });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      type: 'https://example.com/probs/ledger-unavailable',
      title: 'The ledger is unavailable.',
      status: 503,
      traceId: TRACE_ID,
    });
  });

  it('renders OutOfCredit as the RFC 9457 §3 body', async () => {
    const res = await fetch(`${base}/account/12345/msgs`, { method: 'POST' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(RFC_BODY);
  });

  it('adds the traceId after the members of OutOfCredit', async () => {
    const res = await fetch(`${base}/account/12345/msgs`, {
      method: 'POST',
      headers: { traceparent: TRACEPARENT },
    });
    expect(await res.text()).toBe(`${RFC_BODY.slice(0, -1)},"traceId":"${TRACE_ID}"}`);
  });

  it('is read back by fromResponse as an OutOfCredit with typed members', async () => {
    const res = await fetch(`${base}/account/12345/msgs`, {
      method: 'POST',
      headers: { traceparent: TRACEPARENT },
    });
    const err = await fromResponse(res, { problems: [OutOfCredit, LedgerUnavailable] });
    expect(err).toBeInstanceOf(OutOfCredit);
    if (!OutOfCredit.is(err)) throw new Error('not an OutOfCredit');
    expect(err.extensions.balance).toBe(30);
    expect(err.extensions).toEqual({
      balance: 30,
      accounts: ['/account/12345', '/account/67890'],
      traceId: TRACE_ID,
    });
    // The redacted 503 lacks the required `ledger` member: not trusted as a LedgerUnavailable.
    const ledger = await fromResponse(await fetch(`${base}/ledger`), {
      problems: [OutOfCredit, LedgerUnavailable],
    });
    expect(LedgerUnavailable.is(ledger)).toBe(false);
    expect(ledger?.type).toBe(LedgerUnavailable.type);
  });
});
