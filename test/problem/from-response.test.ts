import { describe, expect, it, vi } from 'vitest';
import { ensureOk, fromResponse, toResponse } from '../../src/adapters/fetch/index.js';
import {
  defineProblem,
  ForbiddenError,
  PaymentRequiredError,
  renderError,
} from '../../src/index.js';
import {
  CREDIT_ACCOUNTS,
  CREDIT_BODY,
  CREDIT_DETAIL,
  CREDIT_EXTENSIONS,
  CREDIT_INSTANCE,
  CREDIT_TITLE,
  CREDIT_TYPE,
  defineOutOfCredit,
} from '../helpers/out-of-credit.js';

// Defined problem types read back on the client: `fromResponse(res, { problems })`.

type Kit = typeof import('../../src/index.js');
type Fetch = typeof import('../../src/adapters/fetch/index.js');

const RFC_BODY = CREDIT_BODY;

const OutOfCredit = defineOutOfCredit();

function problemResponse(body: unknown, status = 403, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

describe('fromResponse with problems', () => {
  it('returns an occurrence of the defined class, with typed, checked extensions', async () => {
    const res = problemResponse(RFC_BODY, 403, { 'www-authenticate': 'Bearer' });
    const err = await fromResponse(res, { problems: [OutOfCredit] });
    expect(err).toBeInstanceOf(OutOfCredit);
    expect(err?.constructor).toBe(OutOfCredit);
    // A named class recognises every error of its status, a defined problem's too.
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(OutOfCredit.is(err)).toBe(true);
    if (!OutOfCredit.is(err)) throw new Error('unreachable');
    expect(err.extensions.balance).toBe(30);
    expect(err.extensions.accounts).toEqual(CREDIT_ACCOUNTS);
    expect(err).toMatchObject({
      name: 'OutOfCreditProblem',
      status: 403,
      type: CREDIT_TYPE,
      title: CREDIT_TITLE,
      detail: CREDIT_DETAIL,
      instance: CREDIT_INSTANCE,
      expose: true,
      headers: { 'www-authenticate': 'Bearer' },
    });
    expect(err.cause).toBe(res);
    // Rethrown by a server, it is a 502; passed on by an error of the server's own, the same
    // problem goes out.
    expect(renderError(err).status).toBe(502);
    const { detail, instance, extensions } = err;
    const passed = new OutOfCredit(detail, {
      ...(instance === undefined ? {} : { instance }),
      extensions,
      cause: err,
    });
    expect(JSON.parse(renderError(passed).body)).toEqual(RFC_BODY);
  });

  it('round-trips what toResponse renders', async () => {
    const thrown = new OutOfCredit(CREDIT_DETAIL, {
      instance: CREDIT_INSTANCE,
      extensions: CREDIT_EXTENSIONS,
    });
    const err = await fromResponse(toResponse(thrown), { problems: [OutOfCredit] });
    expect(OutOfCredit.is(err)).toBe(true);
    expect(err?.extensions).toEqual(thrown.extensions);
  });

  it('keeps members the schema does not list, e.g. a traceId', async () => {
    const err = await fromResponse(problemResponse({ ...RFC_BODY, traceId: 'abc' }), {
      problems: [OutOfCredit],
    });
    expect(OutOfCredit.is(err)).toBe(true);
    expect(err?.extensions).toEqual({ ...CREDIT_EXTENSIONS, traceId: 'abc' });
  });

  it.each([
    ['balance as a string', { ...RFC_BODY, balance: '30' }],
    ['balance missing', { ...RFC_BODY, balance: undefined }],
    ['balance null', { ...RFC_BODY, balance: null }],
    ['an account that is not a string', { ...RFC_BODY, accounts: ['/account/12345', 67890] }],
    ['accounts not an array', { ...RFC_BODY, accounts: '/account/12345' }],
  ])('does not trust malformed members (%s): the named class, members as data', async (_, body) => {
    const err = await fromResponse(problemResponse(body), { problems: [OutOfCredit] });
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).not.toBeInstanceOf(OutOfCredit);
    expect(OutOfCredit.is(err)).toBe(false);
    // What the server claimed is still there to see, untyped.
    expect(err).toMatchObject({
      status: 403,
      type: CREDIT_TYPE,
      title: CREDIT_TITLE,
      detail: CREDIT_DETAIL,
    });
    const { type: _t, title: _ti, status: _s, detail: _d, instance: _i, ...members } = body;
    expect(err?.extensions).toEqual(JSON.parse(JSON.stringify(members)));
  });

  it('needs the status to match too: the same type on a 402 is a PaymentRequiredError', async () => {
    const err = await fromResponse(problemResponse({ ...RFC_BODY, status: 402 }, 402), {
      problems: [OutOfCredit],
    });
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(OutOfCredit.is(err)).toBe(false);
    expect(err?.type).toBe(CREDIT_TYPE);
  });

  it('gives the named class for another type, or without problems', async () => {
    const other = await fromResponse(
      problemResponse({ ...RFC_BODY, type: 'https://example.com/probs/other' }),
      { problems: [OutOfCredit] },
    );
    expect(other).toBeInstanceOf(ForbiddenError);
    const without = await fromResponse(problemResponse(RFC_BODY));
    expect(without).toBeInstanceOf(ForbiddenError);
    expect(OutOfCredit.is(without)).toBe(false);
  });

  it('picks the class whose type matches among several', async () => {
    const NotYourTurn = defineProblem({
      type: 'https://example.com/probs/not-your-turn',
      status: 409,
      title: 'It is not your turn.',
    });
    const problems = [NotYourTurn, OutOfCredit];
    expect(OutOfCredit.is(await fromResponse(problemResponse(RFC_BODY), { problems }))).toBe(true);
    const turn = await fromResponse(
      problemResponse({ type: NotYourTurn.type, title: 'It is not your turn.' }, 409),
      { problems },
    );
    expect(NotYourTurn.is(turn)).toBe(true);
    expect(turn?.status).toBe(409);
  });

  it('reads a class without a schema unchecked, as documented', async () => {
    const Unchecked = defineProblem<{ balance: number }>({
      type: CREDIT_TYPE,
      status: 403,
      title: CREDIT_TITLE,
    });
    const err = await fromResponse(problemResponse({ ...RFC_BODY, balance: '30' }), {
      problems: [Unchecked],
    });
    expect(Unchecked.is(err)).toBe(true);
    expect(err?.extensions).toMatchObject({ balance: '30' });
  });

  it('works with a class from another copy of the package', async () => {
    vi.resetModules();
    const kit: Kit = await import('../../src/index.js');
    const fetchAdapter: Fetch = await import('../../src/adapters/fetch/index.js');
    const CreditB = defineOutOfCredit(kit.defineProblem);
    const err = await fromResponse(problemResponse(RFC_BODY), { problems: [CreditB] });
    expect(err).toBeInstanceOf(CreditB);
    expect(OutOfCredit.is(err)).toBe(true);
    const back = await fetchAdapter.fromResponse(problemResponse(RFC_BODY), {
      problems: [OutOfCredit],
    });
    expect(CreditB.is(back)).toBe(true);
  });
});

describe('ensureOk with problems', () => {
  it('throws the occurrence of the defined class', async () => {
    const caught = await ensureOk(problemResponse(RFC_BODY), { problems: [OutOfCredit] }).catch(
      (err: unknown) => err,
    );
    expect(caught).toBeInstanceOf(OutOfCredit);
    if (OutOfCredit.is(caught)) expect(caught.extensions.balance).toBe(30);
  });

  it('throws the named class for malformed members, and passes an OK response', async () => {
    const caught = await ensureOk(problemResponse({ ...RFC_BODY, balance: '30' }), {
      problems: [OutOfCredit],
    }).catch((err: unknown) => err);
    expect(caught).toBeInstanceOf(ForbiddenError);
    expect(OutOfCredit.is(caught)).toBe(false);
    const ok = new Response('{}', { status: 200 });
    expect(await ensureOk(ok, { problems: [OutOfCredit] })).toBe(ok);
  });
});
