import createError from 'http-errors';
import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  BadRequestError,
  ForbiddenError,
  HttpError,
  InternalServerError,
  NotFoundError,
  ServiceUnavailableError,
  toProblem,
} from '../../src/index.js';
import {
  CREDIT_BODY,
  CREDIT_DETAIL,
  CREDIT_EXTENSIONS,
  CREDIT_INSTANCE,
  CREDIT_TITLE,
  CREDIT_TYPE,
} from '../helpers/out-of-credit.js';

const SEED = 'You do not have permission to delete user data.';

describe('toProblem', () => {
  it('renders the seed 403 exactly', () => {
    expect(JSON.stringify(toProblem(new ForbiddenError(SEED)))).toBe(
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`,
    );
  });

  it('shows detail, instance and extensions of an exposed 4xx, in RFC order', () => {
    const err = new HttpError(403, CREDIT_DETAIL, {
      type: CREDIT_TYPE,
      title: CREDIT_TITLE,
      instance: CREDIT_INSTANCE,
      extensions: CREDIT_EXTENSIONS,
    });
    const problem = toProblem(err);
    expect(problem).toEqual(CREDIT_BODY);
    expect(Object.keys(problem)).toEqual([
      'type',
      'title',
      'status',
      'detail',
      'instance',
      'balance',
      'accounts',
    ]);
  });

  it.each([
    ['a plain Error', new Error('db password=hunter2')],
    [
      'an InternalServerError with detail, extensions and cause',
      new InternalServerError('password=hunter2', {
        extensions: { query: 'SELECT hunter2' },
        cause: new Error('hunter2'),
      }),
    ],
    ['a 503', new ServiceUnavailableError('redis at 10.0.0.5 hunter2 down', { retryAfter: 5 })],
    [
      'an unexposed 4xx',
      new NotFoundError('hunter2', { expose: false, extensions: { hunter2: 1 } }),
    ],
    ['an http-errors 500', createError(500, 'hunter2')],
    ['a thrown string', 'hunter2'],
  ])('redacts %s to type, title and status', (_, thrown) => {
    const problem = toProblem(thrown);
    expect(Object.keys(problem)).toEqual(['type', 'title', 'status']);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('keeps instance on a redacted problem', () => {
    expect(toProblem(new Error('x'), { instance: '/orders/1' })).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      instance: '/orders/1',
    });
    expect(toProblem(new NotFoundError({ instance: '/own' }), { instance: '/req' }).instance).toBe(
      '/own',
    );
  });

  it('adds request-level extensions to every problem, redacted or not', () => {
    expect(toProblem(new Error('secret'), { extensions: { traceId: 't-1' } })).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      traceId: 't-1',
    });
  });

  it('never lets extensions overwrite reserved members', () => {
    const reserved = {
      type: 'x:evil',
      title: 'Evil',
      status: 200,
      detail: 'evil',
      instance: '/evil',
    };
    const problem = toProblem(new NotFoundError('real', { extensions: { ...reserved, ok: 1 } }), {
      extensions: reserved,
    });
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'real',
      ok: 1,
    });
  });

  it('keeps __proto__ members as data', () => {
    const extensions = JSON.parse('{"__proto__":{"polluted":true}}');
    const problem = toProblem(new BadRequestError({ extensions }));
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
    expect(JSON.stringify(problem)).toBe(
      '{"type":"about:blank","title":"Bad Request","status":400,"__proto__":{"polluted":true}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('renders a concealed 403 as a plain 404', () => {
    const err = new ForbiddenError('Not yours.', {
      conceal: true,
      instance: '/users/7',
      extensions: { owner: 7 },
    });
    expect(toProblem(err)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(toProblem(err, { instance: '/req', extensions: { traceId: 't' }, debug: true })).toEqual(
      {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        instance: '/req',
        traceId: 't',
      },
    );
  });

  describe('debug', () => {
    it('shows detail, extensions, stack and the cause chain of a 5xx', () => {
      const root = new Error('connection refused');
      const mid = new Error('query failed', { cause: root });
      const err = new InternalServerError('password=hunter2', { cause: mid, extensions: { q: 1 } });
      const problem = toProblem(err, { debug: true });
      expect(problem.detail).toBe('password=hunter2');
      expect(problem.q).toBe(1);
      expect(problem.stack).toBe(err.stack);
      expect(problem.cause).toEqual({
        name: 'Error',
        message: 'query failed',
        stack: mid.stack,
        cause: { name: 'Error', message: 'connection refused', stack: root.stack },
      });
    });

    it('cuts cycles and long chains, and reads non-errors', () => {
      const a = new Error('a');
      const b = new Error('b', { cause: a });
      (a as { cause?: unknown }).cause = b;
      const problem = toProblem(new InternalServerError({ cause: a }), { debug: true });
      expect(problem.cause).toEqual({
        name: 'Error',
        message: 'a',
        stack: a.stack,
        cause: { name: 'Error', message: 'b', stack: b.stack },
      });
      expect(toProblem(new InternalServerError({ cause: 'text' }), { debug: true }).cause).toEqual({
        message: 'text',
      });
      let deep: unknown = 'root';
      for (let i = 0; i < 20; i++) deep = new Error(`e${i}`, { cause: deep });
      let depth = 0;
      let node = toProblem(new InternalServerError({ cause: deep }), { debug: true }).cause as {
        cause?: unknown;
      };
      while (node) {
        depth++;
        node = node.cause as { cause?: unknown };
      }
      expect(depth).toBe(7);
      const hostile = new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      );
      expect(toProblem(new InternalServerError({ cause: hostile }), { debug: true }).cause).toEqual(
        {
          message: '[unreadable]',
        },
      );
    });

    it('adds no cause member for an error that is its own cause', () => {
      const err = new InternalServerError();
      Object.defineProperty(err, 'cause', { value: err });
      expect('cause' in toProblem(err, { debug: true })).toBe(false);
    });

    it('adds no cause member when there is none', () => {
      expect('cause' in toProblem(new InternalServerError(), { debug: true })).toBe(false);
    });

    it('shows a plain error as the problem itself: its message as detail, its stack once', () => {
      const upstream = new BadGatewayError('The ledger answered 503.', {
        cause: new Error('ECONNRESET'),
      });
      const thrown = new TypeError('disk full', { cause: upstream });
      const problem = toProblem(thrown, { debug: true });
      expect(problem).toStrictEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'disk full',
        stack: thrown.stack,
        cause: {
          name: 'BadGatewayError',
          message: 'The ledger answered 503.',
          status: 502,
          stack: upstream.stack,
          cause: { name: 'Error', message: 'ECONNRESET', stack: (upstream.cause as Error).stack },
        },
      });
      // Without debug, none of it.
      expect(toProblem(thrown)).toStrictEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
      });
    });

    it('gives each cause its own status when it has a plausible one', () => {
      const foreign = Object.assign(new Error('upstream said no'), { statusCode: 404 });
      const odd = Object.assign(new Error('odd'), { status: 99.5, cause: foreign });
      const chain = toProblem(new InternalServerError({ cause: odd }), { debug: true }).cause;
      expect(chain).toMatchObject({ name: 'Error', message: 'odd', cause: { status: 404 } });
      expect('status' in (chain as object)).toBe(false);
    });

    it('leaves out a stack already shown higher up', () => {
      const shared = new Error('shared');
      const copy = Object.assign(new Error('copy'), { stack: shared.stack, cause: shared });
      const chain = toProblem(new InternalServerError({ cause: copy }), { debug: true }).cause;
      expect(chain).toStrictEqual({
        name: 'Error',
        message: 'copy',
        stack: shared.stack,
        cause: { name: 'Error', message: 'shared' },
      });
    });

    it('keeps an own detail over the wrapped message, and reads a hostile cause safely', () => {
      const cause = new Error('inner');
      const err = new InternalServerError('own detail', { cause });
      err.stack = cause.stack as string;
      expect(toProblem(err, { debug: true }).detail).toBe('own detail');
      const hostile = new InternalServerError({
        cause: new Proxy(
          {},
          {
            get() {
              throw new Error('trap');
            },
          },
        ),
      });
      expect(toProblem(hostile, { debug: true }).detail).toBeUndefined();
    });
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('toProblem: edges found by mutation testing', () => {
  it('has no member that is undefined', () => {
    expect(Object.keys(toProblem(new NotFoundError()))).toEqual(['type', 'title', 'status']);
    expect(Object.keys(toProblem(new ForbiddenError({ conceal: true })))).toEqual([
      'type',
      'title',
      'status',
    ]);
    const stackless = new NotFoundError();
    (stackless as { stack?: unknown }).stack = undefined;
    expect(Object.keys(toProblem(stackless, { debug: true }))).toEqual(['type', 'title', 'status']);
  });

  it('writes a null cause as its string, and leaves out what a cause does not have', () => {
    expect(toProblem(new HttpError(500, { cause: null }), { debug: true }).cause).toStrictEqual({
      message: 'null',
    });
    const looped: { name: string; message: string; cause?: unknown } = { name: 'E', message: 'm' };
    looped.cause = looped;
    const chain = toProblem(new HttpError(500, { cause: looped }), { debug: true }).cause;
    expect(chain).toStrictEqual({ name: 'E', message: 'm' });
  });
});
