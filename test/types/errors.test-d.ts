import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorOptionsMap } from '../../src/errors/registry.js';
import {
  type ClientErrorStatus,
  createHttpError,
  type ErrorStatus,
  ForbiddenError,
  HttpError,
  isErrorStatus,
  isHttpError,
  isStatusCode,
  MethodNotAllowedError,
  type NotFoundError,
  type ProblemDetails,
  ProxyAuthenticationRequiredError,
  type RenderedError,
  renderError,
  type ServerErrorStatus,
  STATUS,
  type StatusCode,
  type StatusInfo,
  type StatusNeedingOptions,
  statusInfo,
  TooManyRequestsError,
  toHttpError,
  toProblem,
  UnauthorizedError,
  UpgradeRequiredError,
} from '../../src/index.js';

describe('status types', () => {
  it('STATUS members are literal codes', () => {
    expectTypeOf(STATUS.FORBIDDEN).toEqualTypeOf<403>();
    expectTypeOf(STATUS.UNAUTHORIZED).toEqualTypeOf<401>();
  });

  it('the unions hold registered codes only', () => {
    expectTypeOf<403>().toExtend<ClientErrorStatus>();
    expectTypeOf<503>().toExtend<ServerErrorStatus>();
    expectTypeOf<499>().not.toExtend<ErrorStatus>();
    expectTypeOf<302>().not.toExtend<ErrorStatus>();
    expectTypeOf<ErrorStatus>().toExtend<StatusCode>();
  });

  it('lookups are typed', () => {
    expectTypeOf(statusInfo(403)).toEqualTypeOf<StatusInfo>();
    expectTypeOf(statusInfo(499 as number)).toEqualTypeOf<StatusInfo | undefined>();
  });

  it('guards narrow', () => {
    const x: unknown = 404;
    if (isErrorStatus(x)) expectTypeOf(x).toEqualTypeOf<ErrorStatus>();
    if (isStatusCode(x)) expectTypeOf(x).toEqualTypeOf<StatusCode>();
  });
});

describe('error types', () => {
  it('named classes carry their literal status', () => {
    expectTypeOf(new ForbiddenError().status).toEqualTypeOf<403>();
    expectTypeOf(new UnauthorizedError().statusCode).toEqualTypeOf<401>();
    expectTypeOf(new ForbiddenError()).toExtend<HttpError<403>>();
    expectTypeOf(new HttpError(418).status).toEqualTypeOf<418>();
  });

  it('createHttpError returns the named class for a literal status', () => {
    expectTypeOf(createHttpError(404)).toEqualTypeOf<NotFoundError>();
    expectTypeOf(createHttpError(403, 'no', { conceal: true })).toEqualTypeOf<ForbiddenError>();
    expectTypeOf(createHttpError(429, { retryAfter: 5 })).toEqualTypeOf<TooManyRequestsError>();
    expectTypeOf(createHttpError(405, { allow: ['GET'] })).toEqualTypeOf<MethodNotAllowedError>();
    expectTypeOf(createHttpError(418)).toEqualTypeOf<HttpError<418>>();
    expectTypeOf(createHttpError(500 as number)).toEqualTypeOf<HttpError>();
  });

  it('requires the options that carry required fields', () => {
    // @ts-expect-error -- a 405 must list the allowed methods
    new MethodNotAllowedError();
    // @ts-expect-error -- allow is required in the options too
    new MethodNotAllowedError({ detail: 'x' });
    // @ts-expect-error -- createHttpError(405) needs them as well
    createHttpError(405);
    // @ts-expect-error -- a 426 must name the protocol
    new UpgradeRequiredError();
    // @ts-expect-error -- a 407 must carry a challenge
    new ProxyAuthenticationRequiredError();
    // @ts-expect-error -- options of another class are refused
    createHttpError(404, { allow: ['GET'] });
    // @ts-expect-error -- retryAfter is a number or a Date
    new TooManyRequestsError({ retryAfter: '5' });
    // @ts-expect-error -- not a registered error status
    new HttpError(499);
    // @ts-expect-error -- not an error status
    createHttpError(200);
  });

  it('StatusNeedingOptions is every status whose generated options type requires a member', () => {
    // The one status list written by hand beside the generated maps: it must not drift from them.
    type Needing = {
      [S in keyof ErrorOptionsMap]: Record<never, never> extends ErrorOptionsMap[S] ? never : S;
    }[keyof ErrorOptionsMap];
    expectTypeOf<StatusNeedingOptions>().toEqualTypeOf<Needing>();
  });

  it('isHttpError narrows unknown', () => {
    const x: unknown = new ForbiddenError();
    if (isHttpError(x)) expectTypeOf(x).toEqualTypeOf<HttpError>();
    expectTypeOf(toHttpError(x)).toEqualTypeOf<HttpError>();
  });

  it('status, headers and extensions are read-only', () => {
    const err = new ForbiddenError();
    // @ts-expect-error -- readonly
    err.status = 401;
    // @ts-expect-error -- readonly
    err.headers['x-a'] = 'b';
    // @ts-expect-error -- readonly
    err.extensions.a = 1;
  });
});

describe('rendering types', () => {
  it('renderError and toProblem return plain data', () => {
    expectTypeOf(renderError(new Error('x'))).toEqualTypeOf<RenderedError>();
    expectTypeOf(toProblem(new Error('x'))).toEqualTypeOf<ProblemDetails>();
    expectTypeOf(toProblem(new Error('x')).status).toEqualTypeOf<number>();
  });

  it('the body option gets the problem and the error', () => {
    renderError(new Error('x'), {
      body: (problem, error) => {
        expectTypeOf(problem).toEqualTypeOf<ProblemDetails>();
        expectTypeOf(error).toEqualTypeOf<HttpError>();
        return { error: problem.detail };
      },
    });
  });
});

describe('dynamic statuses', () => {
  it('createHttpError accepts a status typed number or ErrorStatus, checked at run time', () => {
    expectTypeOf(createHttpError(404 as ErrorStatus)).toEqualTypeOf<HttpError>();
    expectTypeOf(createHttpError(404 as number, 'x')).toEqualTypeOf<HttpError>();
  });
});
