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
    expect(fromB instanceof a.ForbiddenError).toBe(false);
    expect(fromB instanceof a.HttpError).toBe(false);
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
