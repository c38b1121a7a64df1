// Under `exactOptionalPropertyTypes` (this project's own setting, and a common one), an optional
// member that does not list `undefined` refuses `{ member: undefined }`, which users write when
// they forward an optional value. Every options type of the library lists it.

import type { IncomingMessage } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorHandlerOptions, NotFoundOptions } from '../../src/adapters/express.js';
import type { FastifyErrorOptions } from '../../src/adapters/fastify.js';
import type {
  FromResponseOptions,
  HandleOptions,
  ToResponseOptions,
} from '../../src/adapters/fetch/index.js';
import { handle as fetchHandle } from '../../src/adapters/fetch/index.js';
import type { HonoOptions, ValidationHookOptions } from '../../src/adapters/hono.js';
import type { KoaOptions } from '../../src/adapters/koa.js';
import type { NestOptions } from '../../src/adapters/nest.js';
import { type NextHandleOptions, handle as nextHandle } from '../../src/adapters/next.js';
import type {
  HandleOptions as NodeHandleOptions,
  SendErrorOptions,
} from '../../src/adapters/node.js';
import { handle as nodeHandle } from '../../src/adapters/node.js';
import type { CheckOptions, FormatOptions } from '../../src/check/index.js';
import {
  type BadRequestOptions,
  type BearerChallengeOptions,
  bearerChallenge,
  type Challenge,
  type DpopChallengeOptions,
  defineProblem,
  type ForbiddenOptions,
  type FromIssuesOptions,
  type HttpErrorOptions,
  type MethodNotAllowedOptions,
  type ParseProblemOptions,
  type PerRequestOptions,
  type ProblemOpenApiOptions,
  type ProblemOptions,
  type ProxyAuthenticationRequiredOptions,
  type RangeNotSatisfiableOptions,
  type RateLimit,
  type RateLimitOptions,
  type ReadChallengeOptions,
  type RecordErrorOptions,
  type RenderOptions,
  type RetryAfterOptions,
  type RetryDelayOptions,
  renderError,
  type ShouldRetryOptions,
  type ToLogOptions,
  TooManyRequestsError,
  type ToProblemOptions,
  UnauthorizedError,
  type UnauthorizedOptions,
  type UpgradeRequiredOptions,
  type ValidationOptions,
} from '../../src/index.js';

/** The optional members of T that refuse an explicit `undefined`: `never` when there is none. */
type RefusingUndefined<T> = {
  [K in keyof T]-?: Record<never, never> extends Pick<T, K>
    ? { [P in K]: undefined } extends Pick<T, K>
      ? never
      : K
    : never;
}[keyof T];

describe('every optional member accepts an explicit undefined', () => {
  it('the core: render, problem and error class options', () => {
    expectTypeOf<RefusingUndefined<RenderOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ToProblemOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<HttpErrorOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<UnauthorizedOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ProxyAuthenticationRequiredOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ForbiddenOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<MethodNotAllowedOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RetryAfterOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RateLimitOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RangeNotSatisfiableOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<UpgradeRequiredOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ValidationOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<BadRequestOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<FromIssuesOptions>>().toBeNever();
    // The objects inside class options: a challenge, a RateLimit policy, a defined problem's
    // extensions (optional when none of its members is required).
    expectTypeOf<RefusingUndefined<Challenge>>().toBeNever();
    expectTypeOf<RefusingUndefined<BearerChallengeOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<DpopChallengeOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RateLimit>>().toBeNever();
    expectTypeOf<RefusingUndefined<ProblemOptions<{ balance?: number }>>>().toBeNever();
    expectTypeOf<RefusingUndefined<ProblemOptions<Record<string, never>>>>().toBeNever();
  });

  it('the helpers: client, problems, observability, retry, check', () => {
    expectTypeOf<RefusingUndefined<FromResponseOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ParseProblemOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ProblemOpenApiOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ReadChallengeOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ToLogOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RecordErrorOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<RetryDelayOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ShouldRetryOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<CheckOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<FormatOptions>>().toBeNever();
  });

  it('the adapters: per-request options and both handles', () => {
    expectTypeOf<RefusingUndefined<PerRequestOptions<unknown>>>().toBeNever();
    expectTypeOf<RefusingUndefined<SendErrorOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<NodeHandleOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ToResponseOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<HandleOptions<Request>>>().toBeNever();
    expectTypeOf<RefusingUndefined<NextHandleOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ErrorHandlerOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<NotFoundOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<HonoOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<ValidationHookOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<KoaOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<NestOptions>>().toBeNever();
    expectTypeOf<RefusingUndefined<FastifyErrorOptions>>().toBeNever();
  });

  it('the checker itself finds a member without undefined', () => {
    expectTypeOf<
      RefusingUndefined<{ a?: string; b?: number | undefined; c: string }>
    >().toEqualTypeOf<'a'>();
  });

  it('forwarding optional values compiles', () => {
    const given: { instance?: string | undefined; debug?: boolean | undefined } = {};
    renderError(new Error('x'), {
      instance: given.instance,
      debug: given.debug,
      accept: undefined,
    });
    nodeHandle((_req: IncomingMessage) => {}, { instance: given.instance, traceId: undefined });
    fetchHandle(async (_request: Request) => new Response(), {
      instance: given.instance,
      rethrow: undefined,
      onError: undefined,
    });
    nextHandle(async () => new Response(), { instance: undefined, debug: given.debug });
    const realm: string | undefined = given.instance;
    new UnauthorizedError({
      challenge: [
        bearerChallenge({ realm, scope: undefined }),
        { scheme: 'Basic', token68: realm },
      ],
    });
    new TooManyRequestsError({ rateLimit: { name: 'default', remaining: 0, reset: undefined } });
    const Overdrawn = defineProblem<{ balance?: number }>({
      type: 'https://example.com/problems/overdrawn',
      title: 'Overdrawn',
      status: 403,
    });
    new Overdrawn('Your balance is too low.', { extensions: undefined, instance: realm });
  });
});
