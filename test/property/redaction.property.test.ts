// Nothing of an unexposed error reaches the client, in any format: not the message, the
// detail, an extension value, the stack or the message of any cause. The secrets are
// generated to be distinctive (see `secret`), so finding one in a body means it leaked.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHttpError,
  type ErrorStatus,
  type HttpError,
  renderError,
  toHttpError,
  toProblem,
} from '../../src/index.js';
import { ERROR_STATUSES, FORMATS, headers, RUNS, renderOptions, secret } from './arbitraries.js';

const SERVER_ERRORS = ERROR_STATUSES.filter((s) => s >= 500);
const CLIENT_ERRORS = ERROR_STATUSES.filter((s) => s < 500 && s !== 405 && s !== 407 && s !== 426);

/** Secrets in every place an error can hold them, and the error built from them. */
const secrets = fc.record({
  detail: secret,
  extension: secret,
  nested: secret,
  cause: secret,
  deepCause: secret,
  key: secret,
});
type Secrets = {
  detail: string;
  extension: string;
  nested: string;
  cause: string;
  deepCause: string;
  key: string;
};

function causeOf(s: Secrets): Error {
  return new Error(s.cause, { cause: new Error(s.deepCause, { cause: { message: s.deepCause } }) });
}

function extensionsOf(s: Secrets): Record<string, unknown> {
  return {
    token: s.extension,
    nested: { deeper: [s.nested, { value: s.nested }] },
    // A secret in a member name leaks as much as one in a value.
    [s.key]: 1,
  };
}

/** Every string of `s`, each of the stack's frames, in every body of every format. */
function expectNoLeak(err: unknown, s: Secrets, options: object, stack?: string) {
  const frames = (stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.length > 8);
  for (const format of FORMATS) {
    const r = renderError(err, { ...options, format, debug: false });
    for (const value of Object.values(s)) expect(r.body).not.toContain(value);
    for (const frame of frames) expect(r.body).not.toContain(frame);
    for (const value of Object.values(r.headers)) {
      for (const hidden of [s.detail, s.extension, s.cause]) expect(value).not.toContain(hidden);
    }
    expect(r.body).not.toContain('    at ');
  }
}

describe('redaction: no secret of an unexposed error in any format', () => {
  it('5xx errors of every status (expose defaults to false)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SERVER_ERRORS),
        secrets,
        headers,
        renderOptions,
        (status, s, extraHeaders, options) => {
          const err = createHttpError(status as 500, s.detail, {
            extensions: extensionsOf(s),
            cause: causeOf(s),
            headers: extraHeaders,
          });
          expectNoLeak(err, s, options, err.stack);
          expect(err.stack).toContain(s.detail);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('4xx errors with expose: false, the detail in options or as argument', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLIENT_ERRORS),
        secrets,
        fc.boolean(),
        renderOptions,
        (status, s, inOptions, options) => {
          const common = { expose: false, extensions: extensionsOf(s), cause: causeOf(s) };
          const err: HttpError = inOptions
            ? createHttpError(status as 404, { ...common, detail: s.detail })
            : createHttpError(status as 404, s.detail, common);
          expectNoLeak(err, s, options, err.stack);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('anything else thrown: plain errors, strings, objects, errors of other libraries', () => {
    const thrownWith = (s: Secrets) =>
      fc.constantFrom<unknown[]>(
        [Object.assign(new Error(s.detail, { cause: causeOf(s) }), extensionsOf(s))],
        [new TypeError(s.detail)],
        [s.detail],
        [{ message: s.detail, secret: s.extension, [s.key]: s.nested }],
        // http-errors / Koa: a 5xx, or a 4xx marked as not exposed
        [Object.assign(new Error(s.detail), { status: 500, expose: false, cause: causeOf(s) })],
        [Object.assign(new Error(s.detail), { status: 418, expose: false })],
        [Object.assign(new Error(s.detail), { statusCode: 503, token: s.extension })],
        // an unregistered 5xx code
        [Object.assign(new Error(s.detail), { status: 520 })],
        // Boom
        [
          {
            isBoom: true,
            message: s.detail,
            output: { statusCode: 502, payload: { message: s.extension } },
          },
        ],
        // body-parser: the raw body is never echoed, whatever the status
        [
          {
            status: 400,
            type: 'entity.parse.failed',
            body: s.detail,
            message: `Unexpected token in ${s.detail}`,
            expose: true,
          },
        ],
        [
          {
            status: 413,
            type: 'entity.too.large',
            body: s.detail,
            expose: true,
            message: 'too large',
          },
        ],
      );
    fc.assert(
      fc.property(
        secrets.chain((s) => fc.tuple(fc.constant(s), thrownWith(s))),
        renderOptions,
        ([s, [x]], options) => {
          const stack = x instanceof Error ? x.stack : undefined;
          expectNoLeak(x, s, options, stack);
          // The secret is still there for the server's logs.
          const cause = toHttpError(x).cause;
          expect(cause).toBe(x);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the search is not vacuous: with debug on, the same secrets are found', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVER_ERRORS), secrets, (status, s) => {
        const err = createHttpError(status as 500, s.detail, {
          extensions: extensionsOf(s),
          cause: causeOf(s),
        });
        for (const format of FORMATS) {
          const { body } = renderError(err, { format, debug: true });
          for (const value of [s.detail, s.extension, s.nested, s.cause]) {
            expect(body).toContain(value);
          }
        }
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it('toProblem carries only type, title, status and instance for an unexposed error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVER_ERRORS), secrets, (status, s) => {
        const err = createHttpError(status as ErrorStatus as 500, s.detail, {
          extensions: extensionsOf(s),
          cause: causeOf(s),
        });
        const problem = toProblem(err, { instance: '/x' });
        expect(Object.keys(problem).sort()).toEqual(['instance', 'status', 'title', 'type']);
      }),
      { numRuns: RUNS },
    );
  });
});
