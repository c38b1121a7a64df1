import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { isHttpError } from '../../src/index.js';

type Kit = typeof import('../../src/index.js');

async function loadCopy(): Promise<Kit> {
  vi.resetModules();
  return import('../../src/index.js');
}

describe('isHttpError', () => {
  it('recognises errors of a second, separately loaded copy of the package', async () => {
    const a = await loadCopy();
    const b = await loadCopy();
    expect(a.ForbiddenError).not.toBe(b.ForbiddenError); // really two copies
    const fromB = new b.ForbiddenError('No.');
    expect(fromB instanceof a.ForbiddenError).toBe(true); // a named class checks brand and status
    expect(fromB instanceof a.NotFoundError).toBe(false);
    expect(new b.HttpError(403) instanceof a.ForbiddenError).toBe(true);
    expect(new b.ContentTooLargeError() instanceof a.PayloadTooLargeError).toBe(true);
    expect(fromB instanceof a.HttpError).toBe(true); // HttpError checks the brand
    expect(a.isHttpError(fromB)).toBe(true);
    expect(b.isHttpError(new a.NotFoundError())).toBe(true);
    // and the pipeline of one copy renders errors of the other as they are
    expect(a.toHttpError(fromB)).toBe(fromB);
    expect(a.renderError(fromB).status).toBe(403);
    expect(a.renderError(new b.ForbiddenError({ conceal: true })).status).toBe(404);
  });

  it('recognises a branded object from another realm', () => {
    const other = runInNewContext(`({
      get [Symbol.for('http-error-kit.HttpError')]() { return true; },
      status: 404,
    })`);
    expect(Object.getPrototypeOf(other)).not.toBe(Object.prototype);
    expect(isHttpError(other)).toBe(true);
  });

  it.each([
    [new Error('plain')],
    [{ status: 404 }],
    [{ [Symbol('http-error-kit.HttpError')]: true }],
    [{ [Symbol.for('http-error-kit.HttpError')]: 'yes' }],
    [null],
    [undefined],
    ['ForbiddenError'],
    [403],
  ])('is false for %o', (x) => {
    expect(isHttpError(x)).toBe(false);
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
    expect(isHttpError(hostile)).toBe(false);
  });
});

describe('instanceof HttpError', () => {
  it('is true for every error of the package; the named classes keep their own chain', async () => {
    const kit = await import('../../src/index.js');
    const forbidden = new kit.ForbiddenError();
    expect(forbidden instanceof kit.HttpError).toBe(true);
    expect(forbidden instanceof kit.ForbiddenError).toBe(true);
    expect(forbidden instanceof Error).toBe(true);
    expect(forbidden instanceof kit.NotFoundError).toBe(false);
    expect(new kit.NotFoundError() instanceof kit.ForbiddenError).toBe(false);
    expect(new kit.HttpError(418) instanceof kit.HttpError).toBe(true);
    // A named class recognises every error of its status, whatever made it.
    expect(new kit.HttpError(403) instanceof kit.ForbiddenError).toBe(true);
    expect(new kit.HttpError(404) instanceof kit.ForbiddenError).toBe(false);
    expect(kit.createHttpError(429) instanceof kit.TooManyRequestsError).toBe(true);
    expect(new kit.HttpError(503) instanceof kit.ServiceUnavailableError).toBe(true);
    expect(kit.createHttpError(404) instanceof kit.HttpError).toBe(true);
    expect(kit.toHttpError(new Error('x')) instanceof kit.InternalServerError).toBe(true);
  });

  it('gives an error that is instanceof a named class the fields of that class', async () => {
    const kit = await import('../../src/index.js');
    const { normalizeError } = await import('../../src/errors/normalize.js');
    const { renderError } = await import('../../src/render/render-error.js');
    // Made with the base class, of a defined problem type, and by the render path's normalizer.
    const forbidden = [
      new kit.HttpError(403),
      new (kit.defineProblem({ type: 'https://example.com/c', status: 403, title: 'C' }))(),
      normalizeError({ status: 403, message: 'no' }),
    ];
    for (const err of forbidden) {
      expect(err instanceof kit.ForbiddenError).toBe(true);
      const named = err as InstanceType<typeof kit.ForbiddenError>;
      expect(named.conceal).toBe(false);
      expect(named.challenges).toEqual([]);
      expect(Object.isFrozen(named.challenges)).toBe(true);
    }
    const unauthorized = [
      new kit.HttpError(401, { headers: { 'www-authenticate': 'Basic realm="a"' } }),
      normalizeError({ status: 401, headers: { 'WWW-Authenticate': 'Basic realm="a"' } }),
    ];
    for (const err of unauthorized) {
      expect(err instanceof kit.UnauthorizedError).toBe(true);
      // As a named class's: the challenges of its option (none), not of a raw header.
      expect((err as InstanceType<typeof kit.UnauthorizedError>).challenges).toEqual([]);
      expect(err.headers['www-authenticate']).toBe('Basic realm="a"');
      expect('conceal' in err).toBe(false);
    }
    // A 405's methods come from its Allow field, as MethodNotAllowedError writes it.
    const methods = (err: unknown) => (err as InstanceType<typeof kit.MethodNotAllowedError>).allow;
    expect(methods(new kit.HttpError(405, { headers: { allow: 'GET, HEAD' } }))).toEqual([
      'GET',
      'HEAD',
    ]);
    expect(methods(new kit.HttpError(405, { headers: { allow: ' GET ,, x y, PUT' } }))).toEqual([
      'GET',
      'PUT',
    ]);
    expect(methods(new kit.HttpError(405))).toEqual([]);
    expect(Object.isFrozen(methods(new kit.HttpError(405)))).toBe(true);
    const foreign = normalizeError({ status: 405, headers: { Allow: ['GET', 'POST'] } });
    expect(methods(foreign)).toEqual(['GET', 'POST']);
    expect(foreign.headers.allow).toBe('GET, POST');
    expect(Object.hasOwn(new kit.HttpError(404), 'allow')).toBe(false);
    expect(Object.hasOwn(new kit.HttpError(404), 'challenges')).toBe(false);
    // What onError is given for a thrown plain object of status 401 can be used as the class.
    let length: number | undefined;
    renderError(
      { status: 401 },
      {
        onError: (err) => {
          if (err instanceof kit.UnauthorizedError) length = err.challenges.length;
        },
      },
    );
    expect(length).toBe(0);
  });

  it('keeps the ordinary check for subclasses: defined problems and your own', async () => {
    const kit = await import('../../src/index.js');
    class Teapot extends kit.HttpError<418> {
      constructor() {
        super(418);
      }
    }
    const Credit = kit.defineProblem({ type: 'https://example.com/c', status: 403, title: 'C' });
    expect(new Teapot() instanceof kit.HttpError).toBe(true);
    expect(new Teapot() instanceof Teapot).toBe(true);
    expect(new kit.HttpError(418) instanceof Teapot).toBe(false);
    expect(new kit.ForbiddenError() instanceof Credit).toBe(false);
    expect(new kit.HttpError(403) instanceof Credit).toBe(false);
    expect(new Credit() instanceof kit.HttpError).toBe(true);
    // A subclass of a named class is not a named class of the package: the ordinary check.
    class MyForbidden extends kit.ForbiddenError {}
    expect(new MyForbidden() instanceof MyForbidden).toBe(true);
    expect(new MyForbidden() instanceof kit.ForbiddenError).toBe(true);
    expect(new kit.ForbiddenError() instanceof MyForbidden).toBe(false);
    expect(new kit.HttpError(403) instanceof MyForbidden).toBe(false);
  });

  it('is false for anything else, and never throws', async () => {
    const kit = await import('../../src/index.js');
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('get');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf');
        },
      },
    );
    const lookalike = { status: 403, title: 'Forbidden', name: 'ForbiddenError' };
    for (const x of [null, undefined, 403, 'HttpError', {}, lookalike, new Error('x'), throwing]) {
      expect(x instanceof kit.HttpError).toBe(false);
    }
    expect(kit.HttpError.prototype instanceof kit.HttpError).toBe(false);
    for (const x of [
      null,
      403,
      lookalike,
      new Error('x'),
      throwing,
      kit.ForbiddenError.prototype,
    ]) {
      expect(x instanceof kit.ForbiddenError).toBe(false);
    }
    // An object with the brand (from another copy, realm or build) is one.
    const branded = { [Symbol.for('http-error-kit.HttpError')]: true };
    expect(branded instanceof kit.HttpError).toBe(true);
    expect(branded instanceof kit.ForbiddenError).toBe(false);
    expect({ ...branded, status: 403 } instanceof kit.ForbiddenError).toBe(true);
  });
});
