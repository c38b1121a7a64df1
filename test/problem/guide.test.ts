import { createServer } from 'node:http';
import { validate } from '@readme/openapi-parser';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LedgerUnavailable,
  ledgerDown,
  OutOfCredit,
  outOfCredit,
} from '../../examples/guides/problems.js';
import { send } from '../../examples/guides/problems-client.js';
import { document } from '../../examples/guides/problems-openapi.js';
import { traceIdOf, server as traceServer } from '../../examples/guides/problems-trace.js';
import { handle } from '../../src/adapters/node.js';
import { ForbiddenError, type HttpError } from '../../src/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { CREDIT_EXTENSIONS } from '../helpers/out-of-credit.js';

// The examples of docs/defining-problems.md, run: what their comments say is what they do.

afterAll(closeServers);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('examples/guides/problems.ts', () => {
  it('renders the RFC 9457 §3 body, as the comment says', () => {
    expect(OutOfCredit.name).toBe('OutOfCreditProblem');
    expect(outOfCredit.status).toBe(403);
    expect(outOfCredit.headers['content-type']).toBe('application/problem+json');
    expect(outOfCredit.body).toBe(
      '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}',
    );
  });

  it('redacts the 5xx problem type but keeps the trace id', () => {
    expect(LedgerUnavailable.name).toBe('LedgerUnavailableProblem');
    expect(ledgerDown.status).toBe(503);
    expect(ledgerDown.body).toBe(
      `{"type":"https://example.com/probs/ledger-unavailable","title":"The ledger is unavailable.","status":503,"traceId":"${TRACE_ID}"}`,
    );
  });

  it('refuses mistyped members at run time too', () => {
    expect(
      () => new OutOfCredit('x', { extensions: { balance: '30', accounts: [] } as never }),
    ).toThrow('OutOfCreditProblem: options.extensions.balance must be of type number, got "30"');
  });
});

describe('examples/guides/problems-client.ts', async () => {
  const bodies: Record<string, () => unknown> = {
    '/short': () =>
      new OutOfCredit('Your current balance is 30, but that costs 50.', {
        extensions: CREDIT_EXTENSIONS,
      }),
    // A server that claims the type but sends a balance of the wrong type.
    '/malformed': () =>
      new ForbiddenError('Your current balance is 30, but that costs 50.', {
        type: OutOfCredit.type,
        title: OutOfCredit.title,
        extensions: { balance: '30', accounts: [] },
      }),
    '/other': () => new ForbiddenError('No.'),
  };
  const url = await listen(
    createServer(
      handle((req, res) => {
        const make = bodies[req.url ?? ''];
        if (make) throw make();
        res.statusCode = 201;
        res.end();
      }),
    ),
  );

  it('tells the user what to do when the credit is short', async () => {
    expect(await send(`${url}/short`, 'hi')).toBe(
      'Your balance is 30. Top up one of: /account/12345, /account/67890',
    );
    expect(await send(`${url}/sent`, 'hi')).toBe('sent');
  });

  it('does not trust a malformed out-of-credit body: it is rethrown as the named class', async () => {
    const err = await send(`${url}/malformed`, 'hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(OutOfCredit.is(err)).toBe(false);
    expect((err as HttpError).type).toBe(OutOfCredit.type);
    expect((err as HttpError).extensions).toEqual({ balance: '30', accounts: [] });
    const other = await send(`${url}/other`, 'hi').catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ForbiddenError);
  });
});

describe('examples/guides/problems-openapi.ts', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(document.components.schemas)).toEqual([
      'ProblemDetails',
      'OutOfCreditProblem',
    ]);
    expect(Object.keys(document.components.responses)).toEqual([
      'OutOfCreditProblem',
      'UnauthorizedError',
      'NotFoundError',
      'TooManyRequestsError',
    ]);
    expect(Object.keys(document.components.responses.TooManyRequestsError?.headers ?? {})).toEqual([
      'Retry-After',
      'RateLimit',
      'RateLimit-Policy',
    ]);
  });
});

describe('examples/guides/problems-trace.ts', async () => {
  const url = await listen(traceServer);

  it('sends the trace id of the traceparent field on the redacted 500', async () => {
    const res = await fetch(`${url}/reports`, {
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(
      `{"type":"about:blank","title":"Internal Server Error","status":500,"traceId":"${TRACE_ID}"}`,
    );
    const untraced = await fetch(`${url}/reports`);
    expect(await untraced.json()).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
    });
  });

  it.each([
    [`00-${TRACE_ID}-00f067aa0ba902b7-01`, TRACE_ID],
    [`01-${TRACE_ID}-00f067aa0ba902b7-00`, TRACE_ID],
    [`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, undefined],
    [`00-${TRACE_ID.toUpperCase()}-00f067aa0ba902b7-01`, undefined],
    [`00-${TRACE_ID}-00f067aa0ba902b7`, undefined],
    ['garbage', undefined],
    [undefined, undefined],
    [[`00-${TRACE_ID}-00f067aa0ba902b7-01`], undefined],
  ])('traceIdOf(%o) is %s', (traceparent, expected) => {
    expect(traceIdOf(traceparent)).toBe(expected);
  });
});
