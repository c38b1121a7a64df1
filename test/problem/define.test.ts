import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import {
  defineProblem,
  ForbiddenError,
  HttpError,
  isHttpError,
  renderError,
  toHttpError,
  toProblem,
} from '../../src/index.js';
import {
  CREDIT_DETAIL,
  CREDIT_EXTENSIONS,
  CREDIT_INSTANCE,
  CREDIT_TITLE,
  CREDIT_TYPE,
  defineOutOfCredit,
} from '../helpers/out-of-credit.js';

type Kit = typeof import('../../src/index.js');

/** RFC 9457 §3's example body, with the `status` member this library always writes. */
const RFC_BODY =
  `{"type":"${CREDIT_TYPE}","title":"${CREDIT_TITLE}","status":403,"detail":"${CREDIT_DETAIL}",` +
  `"instance":"${CREDIT_INSTANCE}","balance":30,"accounts":["/account/12345","/account/67890"]}`;

const OutOfCredit = defineOutOfCredit();

const rfcOccurrence = () =>
  new OutOfCredit(CREDIT_DETAIL, {
    instance: CREDIT_INSTANCE,
    extensions: CREDIT_EXTENSIONS,
  });

async function loadCopy(): Promise<Kit> {
  vi.resetModules();
  return import('../../src/index.js');
}

describe('defineProblem: RFC 9457 §3 OutOfCredit', () => {
  it('renders exactly the RFC body: type, title, status, detail, instance, balance, accounts', () => {
    const { status, headers, body } = renderError(rfcOccurrence());
    expect(status).toBe(403);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(body).toBe(RFC_BODY);
  });

  it('renders the RFC 9457 Appendix B XML shape', () => {
    const { body } = renderError(rfcOccurrence(), { accept: 'application/problem+xml' });
    expect(body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">' +
        `<type>${CREDIT_TYPE}</type><title>${CREDIT_TITLE}</title><status>403</status>` +
        `<detail>${CREDIT_DETAIL}</detail><instance>${CREDIT_INSTANCE}</instance>` +
        '<balance>30</balance><accounts><i>/account/12345</i><i>/account/67890</i></accounts>' +
        '</problem>',
    );
  });

  it('is an HttpError with the spec’s type, title and status, and the given members', () => {
    const err = rfcOccurrence();
    expect(err).toBeInstanceOf(OutOfCredit);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toBeInstanceOf(Error);
    expect(isHttpError(err)).toBe(true);
    expect(toHttpError(err)).toBe(err);
    expect(err).toMatchObject({
      name: 'OutOfCreditProblem',
      message: CREDIT_DETAIL,
      type: CREDIT_TYPE,
      title: CREDIT_TITLE,
      status: 403,
      statusCode: 403,
      detail: CREDIT_DETAIL,
      instance: CREDIT_INSTANCE,
      expose: true,
    });
    expect(err.extensions).toEqual(CREDIT_EXTENSIONS);
    expect(err.stack?.split('\n')[0]).toBe(`OutOfCreditProblem: ${CREDIT_DETAIL}`);
  });

  it('has the statics of its spec, read-only', () => {
    expect(OutOfCredit.name).toBe('OutOfCreditProblem');
    expect(OutOfCredit.type).toBe(CREDIT_TYPE);
    expect(OutOfCredit.status).toBe(403);
    expect(OutOfCredit.title).toBe(CREDIT_TITLE);
    expect(OutOfCredit.schema).toEqual({
      type: 'object',
      properties: {
        balance: { type: 'number' },
        accounts: { type: 'array', items: { type: 'string' } },
      },
      required: ['balance', 'accounts'],
    });
    expect(Object.isFrozen(OutOfCredit.schema)).toBe(true);
    expect(Object.isFrozen(OutOfCredit.schema?.properties.accounts)).toBe(true);
    expect(() => {
      (OutOfCredit as { type: string }).type = 'https://example.com/other';
    }).toThrow(TypeError);
    expect(OutOfCredit.type).toBe(CREDIT_TYPE);
  });

  it('takes the (options) form, with detail inside, and the usual options', () => {
    const cause = new Error('ledger says 30');
    const err = new OutOfCredit({
      detail: CREDIT_DETAIL,
      extensions: { balance: 30, accounts: [] },
      headers: { 'Retry-After': 60 },
      cause,
      stack: false,
    });
    expect(err.detail).toBe(CREDIT_DETAIL);
    expect(err.headers).toEqual({ 'retry-after': '60' });
    expect(err.cause).toBe(cause);
    expect(err.stack).toBe(`OutOfCreditProblem: ${CREDIT_DETAIL}`);
    expect(renderError(err).headers['retry-after']).toBe('60');
  });

  it('keeps its own type and title whatever the options say (as fromResponse passes them)', () => {
    const options = {
      type: 'https://example.com/other',
      title: 'Other',
      extensions: { balance: 1, accounts: [] },
    };
    const err = new OutOfCredit(undefined, options as never);
    expect(err.type).toBe(CREDIT_TYPE);
    expect(err.title).toBe(CREDIT_TITLE);
    expect(err.message).toBe(CREDIT_TITLE);
  });

  it('copies the members: later changes to the input do not reach the error', () => {
    const extensions = { ...CREDIT_EXTENSIONS };
    const err = new OutOfCredit(CREDIT_DETAIL, { extensions });
    extensions.balance = 0;
    expect(err.extensions.balance).toBe(30);
  });

  it('can be subclassed', () => {
    class WithTopUp extends OutOfCredit {
      readonly topUp = '/account/12345/top-up';
    }
    const err = new WithTopUp(CREDIT_DETAIL, { extensions: { balance: 30, accounts: [] } });
    expect(err).toBeInstanceOf(OutOfCredit);
    expect(OutOfCredit.is(err)).toBe(true);
    expect(err.topUp).toBe('/account/12345/top-up');
  });
});

describe('defineProblem: extension members are checked when an occurrence is made', () => {
  it.each([
    [
      { balance: '30', accounts: [] },
      'options.extensions.balance must be of type number, got "30"',
    ],
    [
      { balance: 30, accounts: [1] },
      'options.extensions.accounts[0] must be of type string, got 1',
    ],
    [{ balance: 30, accounts: 'a' }, 'options.extensions.accounts must be of type array, got "a"'],
    [{ balance: 30 }, 'options.extensions.accounts is required'],
    [{ accounts: [], balance: undefined }, 'options.extensions.balance is required'],
    [{ balance: Number.NaN, accounts: [] }, 'options.extensions.balance must be of type number'],
    [undefined, 'options.extensions.balance is required'],
  ])('%o is refused: %s', (extensions, message) => {
    const make = () => new OutOfCredit(CREDIT_DETAIL, { extensions } as never);
    expect(make).toThrow(TypeError);
    expect(make).toThrow(`OutOfCreditProblem: ${message}`);
  });

  it('allows members the schema does not list, such as a traceId', () => {
    const err = new OutOfCredit({
      extensions: { balance: 30, accounts: [], traceId: 'abc' } as never,
    });
    expect(err.extensions).toEqual({ balance: 30, accounts: [], traceId: 'abc' });
  });

  it('checks nothing without a schema', () => {
    const Unchecked = defineProblem<{ balance: number }>({
      type: 'https://example.com/probs/unchecked',
      status: 403,
      title: 'Unchecked.',
    });
    expect(Unchecked.schema).toBeUndefined();
    const err = new Unchecked({ extensions: { balance: '30' } as never });
    expect(err.extensions).toEqual({ balance: '30' });
    expect(new Unchecked({} as never).extensions).toEqual({});
  });

  it('refuses extensions that are not an object, as every HttpError does', () => {
    const Plain = defineProblem({ type: 'https://example.com/probs/p', status: 409, title: 'P.' });
    expect(() => new Plain({ extensions: 'nope' as never })).toThrow(TypeError);
  });
});

describe('defineProblem: rendering', () => {
  const LedgerUnavailable = defineProblem<{ ledger: string }>({
    type: 'https://example.com/probs/ledger-unavailable',
    status: 503,
    title: 'The ledger is unavailable.',
    schema: { type: 'object', properties: { ledger: { type: 'string' } }, required: ['ledger'] },
  });
  const down = (expose?: boolean) =>
    new LedgerUnavailable('Ledger eu-1 refused the connection.', {
      extensions: { ledger: 'eu-1' },
      ...(expose === undefined ? {} : { expose }),
    });

  it('redacts a 5xx problem type down to type, title and status', () => {
    expect(renderError(down()).body).toBe(
      '{"type":"https://example.com/probs/ledger-unavailable","title":"The ledger is unavailable.","status":503}',
    );
  });

  it('adds request-level members to a redacted 5xx, and reserved members still win', () => {
    const body = renderError(down(), {
      extensions: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', type: 'forged', status: 200 },
    }).body;
    expect(JSON.parse(body)).toEqual({
      type: 'https://example.com/probs/ledger-unavailable',
      title: 'The ledger is unavailable.',
      status: 503,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it('shows the members of a 5xx with expose: true, and hides those of a 4xx with false', () => {
    expect(toProblem(down(true))).toMatchObject({ ledger: 'eu-1' });
    const hidden = new OutOfCredit(CREDIT_DETAIL, {
      extensions: { balance: 30, accounts: [] },
      expose: false,
    });
    expect(toProblem(hidden)).toEqual({ type: CREDIT_TYPE, title: CREDIT_TITLE, status: 403 });
  });

  it('renders text and HTML with the type', () => {
    const text = renderError(rfcOccurrence(), { accept: 'text/plain' }).body;
    expect(text).toBe(
      `403 ${CREDIT_TITLE}\n${CREDIT_DETAIL}\ntype: ${CREDIT_TYPE}\ninstance: ${CREDIT_INSTANCE}\n` +
        'balance: 30\naccounts: ["/account/12345","/account/67890"]\n',
    );
    const html = renderError(rfcOccurrence(), { accept: 'text/html' }).body;
    expect(html).toContain(`<title>403 ${CREDIT_TITLE}</title>`);
  });
});

describe('defineProblem: name', () => {
  it.each([
    ['https://example.com/probs/out-of-credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/probs/out-of-credit/', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/probs/out-of-credit.html', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/probs/out-of-credit?lang=en', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/problems#out-of-credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/problems/out_of_credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/problems/OUT_OF_CREDIT', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/problems/outOfCredit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/problems/out%20of%20credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['urn:problem-type:example:out-of-credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['tag:example.com,2026:out-of-credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['/probs/rate-limit-problem', 'Slow down.', 'RateLimitProblem'],
    ['out-of-credit', CREDIT_TITLE, 'OutOfCreditProblem'],
    // No usable words in the URI: the title's words instead.
    ['https://example.com/probs/1234', CREDIT_TITLE, 'YouDoNotHaveEnoughCreditProblem'],
    ['https://example.com/probs/2fa-required', 'Second factor needed', 'SecondFactorNeededProblem'],
    ['https://example.com/', 'Café fermé', 'CaféFerméProblem'],
    ['https://example.com/', '!!!', 'Problem'],
    ['https://example.com', 'Out of credit', 'OutOfCreditProblem'],
    ['https://example.com/probs/out-of-credit?x#', CREDIT_TITLE, 'OutOfCreditProblem'],
    ['https://example.com/probs/%E0%A4', 'Bad escape', 'E0A4Problem'],
  ])('%s with title %o is %s', (type, title, name) => {
    const Defined = defineProblem({ type, status: 400, title });
    expect(Defined.name).toBe(name);
    expect(new Defined().name).toBe(name);
  });

  it('is the name option when given', () => {
    const Defined = defineProblem({
      type: CREDIT_TYPE,
      status: 403,
      title: CREDIT_TITLE,
      name: 'InsufficientCredit',
    });
    expect(Defined.name).toBe('InsufficientCredit');
    expect(new Defined().name).toBe('InsufficientCredit');
    expect(new Defined('x').stack?.split('\n')[0]).toBe('InsufficientCredit: x');
  });
});

describe('defineProblem: the spec is checked', () => {
  const ok = { type: CREDIT_TYPE, status: 403, title: CREDIT_TITLE };
  it.each([
    [null, 'defineProblem: spec must be an object'],
    ['https://example.com', 'defineProblem: spec must be an object'],
    [{ ...ok, type: undefined }, 'defineProblem: spec.type must be a URI reference'],
    [{ ...ok, type: '' }, 'spec.type'],
    [{ ...ok, type: 'about:blank' }, 'spec.type'],
    [{ ...ok, type: 'https://example.com/probs/out of credit' }, 'spec.type'],
    [{ ...ok, type: 'https://example.com/probs/%zz' }, 'spec.type'],
    [{ ...ok, type: 'https://example.com/probs#a#b' }, 'spec.type'],
    [{ ...ok, type: '_probs:out-of-credit' }, 'spec.type'],
    [{ ...ok, type: '1http://example.com' }, 'spec.type'],
    [{ ...ok, type: 'https://example.com/\nprobs' }, 'spec.type'],
    [
      { ...ok, status: 200 },
      'defineProblem: spec.status must be a registered 4xx or 5xx code, got 200',
    ],
    [{ ...ok, status: 499 }, 'spec.status'],
    [{ ...ok, status: '403' }, 'spec.status'],
    [{ ...ok, title: '' }, 'defineProblem: spec.title must be a non-empty string'],
    [{ ...ok, title: '  ' }, 'spec.title'],
    [{ ...ok, title: 403 }, 'spec.title'],
    [{ ...ok, name: '' }, 'defineProblem: spec.name must be a non-empty string'],
    [{ ...ok, name: 7 }, 'spec.name'],
    [{ ...ok, schema: 'object' }, 'defineProblem: spec.schema must be a JSON Schema object'],
  ])('%o is refused (%s)', (spec, message) => {
    expect(() => defineProblem(spec as never)).toThrow(TypeError);
    expect(() => defineProblem(spec as never)).toThrow(message);
  });

  it.each([
    ['https://example.com/probs/out-of-credit'],
    ['/probs/out-of-credit'],
    ['out-of-credit'],
    ['urn:example:problem:out-of-credit'],
    ['tag:example.com,2026:problems/out-of-credit'],
    ['https://example.com/probs?type=out%20of%20credit#x'],
    ["https://[::1]:8080/p/it's-(fine);a=b,c@d!$&*+~"],
  ])('accepts the URI reference %s', (type) => {
    expect(defineProblem({ type, status: 400, title: 'T' }).type).toBe(type);
  });
});

describe('is()', () => {
  it('is true for occurrences only: not for an HttpError of the same type', () => {
    const err = rfcOccurrence();
    expect(OutOfCredit.is(err)).toBe(true);
    const lookalike = new ForbiddenError(CREDIT_DETAIL, {
      type: CREDIT_TYPE,
      title: CREDIT_TITLE,
      extensions: { balance: '30' },
    });
    expect(OutOfCredit.is(lookalike)).toBe(false);
  });

  it('tells problem types apart by type URI and status', () => {
    const SameTypeOtherStatus = defineProblem({
      type: CREDIT_TYPE,
      status: 402,
      title: CREDIT_TITLE,
    });
    const Other = defineProblem({
      type: 'https://example.com/probs/other',
      status: 403,
      title: 'O',
    });
    expect(OutOfCredit.is(new SameTypeOtherStatus())).toBe(false);
    expect(OutOfCredit.is(new Other())).toBe(false);
    expect(Other.is(rfcOccurrence())).toBe(false);
    // Defined twice with the same spec (say, in two modules): the same problem type.
    const Again = defineOutOfCredit();
    expect(Again.is(rfcOccurrence())).toBe(true);
    expect(rfcOccurrence()).not.toBeInstanceOf(Again);
  });

  it('works unbound', () => {
    const { is } = OutOfCredit;
    expect(is(rfcOccurrence())).toBe(true);
    expect([rfcOccurrence(), new Error('x')].filter(OutOfCredit.is)).toHaveLength(1);
  });

  it.each([
    [null],
    [undefined],
    [CREDIT_TYPE],
    [403],
    [new Error('x')],
    [{ type: CREDIT_TYPE, status: 403 }],
    [{ [Symbol.for('http-error-kit.Problem')]: CREDIT_TYPE, type: CREDIT_TYPE, status: 403 }],
  ])('is false for %o', (x) => {
    expect(OutOfCredit.is(x)).toBe(false);
  });

  it('is false, not a throw, for a hostile proxy', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    expect(OutOfCredit.is(hostile)).toBe(false);
    const throwingBrand = {
      get [Symbol.for('http-error-kit.HttpError')]() {
        return true;
      },
      get [Symbol.for('http-error-kit.Problem')]() {
        throw new Error('trap');
      },
    };
    expect(OutOfCredit.is(throwingBrand)).toBe(false);
  });

  it('recognises occurrences made by a second, separately loaded copy of the package', async () => {
    const a = await loadCopy();
    const b = await loadCopy();
    expect(a.defineProblem).not.toBe(b.defineProblem); // really two copies
    const CreditA = defineOutOfCredit(a.defineProblem);
    const CreditB = defineOutOfCredit(b.defineProblem);
    const fromB = new CreditB(CREDIT_DETAIL, {
      instance: CREDIT_INSTANCE,
      extensions: CREDIT_EXTENSIONS,
    });
    expect(fromB).not.toBeInstanceOf(CreditA);
    expect(fromB instanceof a.HttpError).toBe(true); // HttpError checks the brand
    expect(CreditA.is(fromB)).toBe(true);
    if (CreditA.is(fromB)) expect(fromB.extensions.balance).toBe(30);
    expect(a.isHttpError(fromB)).toBe(true);
    // and the pipeline of one copy renders the other's occurrence as it is
    expect(a.renderError(fromB).body).toBe(RFC_BODY);
  });

  it('recognises a branded occurrence from another realm', () => {
    const other = runInNewContext(`({
      get [Symbol.for('http-error-kit.HttpError')]() { return true; },
      get [Symbol.for('http-error-kit.Problem')]() { return ${JSON.stringify(CREDIT_TYPE)}; },
      type: ${JSON.stringify(CREDIT_TYPE)},
      status: 403,
    })`);
    expect(Object.getPrototypeOf(other)).not.toBe(Object.prototype);
    expect(OutOfCredit.is(other)).toBe(true);
  });
});
