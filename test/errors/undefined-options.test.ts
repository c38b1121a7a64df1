import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  bearerChallenge,
  ContentTooLargeError,
  defineProblem,
  dpopChallenge,
  ForbiddenError,
  HttpError,
  ProxyAuthenticationRequiredError,
  RangeNotSatisfiableError,
  renderError,
  ServiceUnavailableError,
  TooManyRequestsError,
  toProblem,
  UnauthorizedError,
  UnprocessableContentError,
} from '../../src/index.js';

// Under `exactOptionalPropertyTypes`, every option may be given as `undefined`, and it means
// the same as leaving the option out, for the types and at run time.

const BASE = {
  detail: undefined,
  type: undefined,
  title: undefined,
  instance: undefined,
  headers: undefined,
  expose: undefined,
  extensions: undefined,
  cause: undefined,
  stack: undefined,
};

const rendered = (err: unknown) => {
  const { status, headers, body } = renderError(err);
  return { status, headers, body };
};

describe('explicit undefined options', () => {
  it('HttpErrorOptions: the same error as without options', () => {
    expect(rendered(new HttpError(418, BASE))).toEqual(rendered(new HttpError(418)));
    expect(rendered(new ForbiddenError(undefined, BASE))).toEqual(rendered(new ForbiddenError()));
    const err = new BadRequestError('Bad.', BASE);
    expect([err.expose, err.type, err.title, err.instance, err.headers, err.extensions]).toEqual([
      true,
      'about:blank',
      'Bad Request',
      undefined,
      {},
      {},
    ]);
    expect(typeof err.stack).toBe('string');
  });

  it('class options: the same headers and members as without them', () => {
    const pairs: [HttpError, HttpError][] = [
      [new ForbiddenError({ ...BASE, scope: undefined, conceal: undefined }), new ForbiddenError()],
      [new UnauthorizedError({ ...BASE, challenge: undefined }), new UnauthorizedError()],
      [new TooManyRequestsError({ ...BASE, retryAfter: undefined }), new TooManyRequestsError()],
      [
        new ServiceUnavailableError({ ...BASE, retryAfter: undefined }),
        new ServiceUnavailableError(),
      ],
      [new ContentTooLargeError({ ...BASE, retryAfter: undefined }), new ContentTooLargeError()],
      [new RangeNotSatisfiableError({ ...BASE, size: undefined }), new RangeNotSatisfiableError()],
      [new BadRequestError({ ...BASE, errors: undefined }), new BadRequestError()],
      [
        new UnprocessableContentError({
          errors: [
            {
              detail: 'must be a number',
              pointer: '/age',
              parameter: undefined,
              header: undefined,
            },
          ],
        }),
        new UnprocessableContentError({
          errors: [{ detail: 'must be a number', pointer: '/age' }],
        }),
      ],
    ];
    for (const [explicit, omitted] of pairs) expect(rendered(explicit)).toEqual(rendered(omitted));
    const proxy = new ProxyAuthenticationRequiredError({
      ...BASE,
      challenge: { scheme: 'Basic', params: { realm: 'proxy' } },
    });
    expect(proxy.headers['proxy-authenticate']).toBe('Basic realm="proxy"');
  });

  it('renderError and toProblem: the same output as without options', () => {
    const err = new ForbiddenError('No.');
    const options = {
      accept: undefined,
      method: undefined,
      debug: undefined,
      format: undefined,
      instance: undefined,
      challenge: undefined,
      body: undefined,
      onError: undefined,
      extensions: undefined,
    };
    expect(renderError(err, options)).toEqual(renderError(err));
    expect(renderError(new UnauthorizedError(), options).headers['www-authenticate']).toBe(
      'Bearer',
    );
    expect(
      toProblem(err, { debug: undefined, instance: undefined, extensions: undefined }),
    ).toEqual(toProblem(err));
  });

  it('the objects inside class options: challenges, RateLimit policies, defined extensions', () => {
    const bearer = {
      realm: undefined,
      scope: undefined,
      error: undefined,
      errorDescription: undefined,
      errorUri: undefined,
      resourceMetadata: undefined,
      acrValues: undefined,
      maxAge: undefined,
    };
    expect(bearerChallenge(bearer)).toEqual(bearerChallenge());
    expect(dpopChallenge({ ...bearer, algs: 'ES256' })).toEqual(dpopChallenge({ algs: 'ES256' }));
    const challenged = new UnauthorizedError({
      challenge: [
        { scheme: 'Negotiate', params: undefined, token68: undefined },
        { scheme: 'Basic', params: { realm: 'api' }, token68: undefined },
      ],
    });
    expect(rendered(challenged).headers['www-authenticate']).toEqual([
      'Negotiate',
      'Basic realm="api"',
    ]);
    const policy = {
      unit: undefined,
      window: undefined,
      partitionKey: undefined,
      remaining: undefined,
      reset: undefined,
    };
    expect(
      rendered(new TooManyRequestsError({ rateLimit: { name: 'day', quota: 100, ...policy } })),
    ).toEqual(rendered(new TooManyRequestsError({ rateLimit: { name: 'day', quota: 100 } })));
    const Overdrawn = defineProblem<{ balance?: number }>({
      type: 'https://example.com/problems/overdrawn',
      title: 'Overdrawn',
      status: 403,
    });
    expect(rendered(new Overdrawn('Too low.', { extensions: undefined }))).toEqual(
      rendered(new Overdrawn('Too low.')),
    );
  });
});
