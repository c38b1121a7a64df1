import { describe, expect, it } from 'vitest';
import { fromResponse } from '../../../src/adapters/fetch/client.js';
import { parseChallenges } from '../../../src/auth/parse-challenges.js';
import { createHttpError } from '../../../src/errors/create.js';
import { ERROR_CLASSES } from '../../../src/errors/registry.js';
import { HttpError, isHttpError } from '../../../src/index.js';
import { PHRASES } from '../../../src/status/table.js';

// fromResponse makes the base HttpError of a status, read as the named class of it would be:
// compared here, status by status, with what that class makes of the same options.

const FIELDS = {
  allow: 'GET, bad method,  HEAD',
  'retry-after': '5',
  'www-authenticate': 'Bearer realm="api", error="invalid_token"',
  upgrade: 'TLS/1.3',
};
const BODY = { type: 'https://example.com/probs/x', title: 'X', detail: 'd', instance: '/i', n: 1 };

function respond(status: number, body: unknown = BODY): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...FIELDS },
  });
}

/** What fromResponse made before: the named class of the status, with the same options. */
function named(status: keyof typeof ERROR_CLASSES, res: Response, body = true): HttpError {
  const allow = status === 405 ? { allow: ['GET', 'HEAD'] } : {};
  const problem = body
    ? { type: BODY.type, title: BODY.title, detail: BODY.detail, instance: BODY.instance }
    : {};
  const create = createHttpError as unknown as (s: number, o: object) => HttpError;
  const err = create(status, {
    cause: res,
    headers: FIELDS,
    ...problem,
    ...(body ? { extensions: { n: 1 } } : {}),
    ...allow,
  }) as HttpError & { challenges?: unknown };
  if (status === 401 || status === 403) {
    Object.defineProperty(err, 'challenges', {
      value: parseChallenges(FIELDS['www-authenticate']),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return err;
}

const STATUSES = Object.keys(ERROR_CLASSES).map(Number) as (keyof typeof ERROR_CLASSES)[];

describe('fromResponse, status by status', () => {
  it.each(STATUSES)('reads a %i as its named class would, and is an instance of it', async (s) => {
    for (const body of [true, false]) {
      const res = body ? respond(s) : new Response(null, { status: s, headers: FIELDS });
      const err = await fromResponse(res);
      const expected = named(s, res, body);
      expect(err?.constructor).toBe(HttpError);
      expect(err).toBeInstanceOf(ERROR_CLASSES[s]);
      expect(isHttpError(err)).toBe(true);
      // Every own field, in the same order, with the same value (the cause is the response).
      expect(Object.keys(err ?? {})).toEqual(Object.keys(expected));
      for (const key of Object.keys(expected)) {
        expect((err as never)[key], `${s} ${key}`).toEqual((expected as never)[key]);
      }
      expect(err?.message).toBe(expected.message);
      expect(err?.cause).toBe(res);
    }
  });

  it('names each error as the generator names the class of its status', async () => {
    for (const s of STATUSES) {
      const err = await fromResponse(new Response(null, { status: s }));
      expect(err?.name).toBe(ERROR_CLASSES[s].name);
      expect(err?.name).toBe(new ERROR_CLASSES[s](undefined as never, {} as never).name);
    }
  });

  it('names an error of a registered code without a class HttpError', async () => {
    expect(PHRASES[418]).toBe('(Unused)');
    const teapot = await fromResponse(new Response(null, { status: 418 }));
    expect(teapot?.name).toBe('HttpError');
    expect(teapot?.status).toBe(418);
  });

  it('keeps the allow list of a 405 frozen, and rewrites Allow from its valid methods', async () => {
    const err = (await fromResponse(respond(405))) as HttpError & { allow: readonly string[] };
    expect(err.allow).toEqual(['GET', 'HEAD']);
    expect(Object.isFrozen(err.allow)).toBe(true);
    expect(err.headers.allow).toBe('GET, HEAD');
    const bare = (await fromResponse(new Response(null, { status: 405 }))) as typeof err;
    expect(bare.allow).toEqual([]);
    expect(bare.headers.allow).toBe('');
  });
});
