// The validation guide (docs/validation.md): examples/guides/validation.ts answers what zod
// rejects with problem details that point at each issue.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readQuery } from '../examples/guides/from-issues.js';
import { orders } from '../examples/guides/validation.js';
import { toResponse } from '../src/adapters/fetch/index.js';
import { BadRequestError } from '../src/index.js';

const post = (body: string) =>
  orders(
    new Request('https://shop.example/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }),
  );

describe('guide: validation', () => {
  it('accepts a valid order', async () => {
    const res = await post('{"items":[{"sku":"a-1","quantity":2}]}');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ accepted: 1 });
  });

  it('answers 422 with a JSON Pointer per issue', async () => {
    const res = await post('{"items":[{"sku":"","quantity":0},{"quantity":1.5}],"note":7}');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [
        { detail: 'Too small: expected string to have >=1 characters', pointer: '/items/0/sku' },
        { detail: 'Too small: expected number to be >0', pointer: '/items/0/quantity' },
        { detail: 'Invalid input: expected string, received undefined', pointer: '/items/1/sku' },
        { detail: 'Invalid input: expected int, received number', pointer: '/items/1/quantity' },
        { detail: 'Invalid input: expected string, received number', pointer: '/note' },
      ],
    });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post('{"items":');
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toBe('The request body is not JSON.');
  });

  it('names the query parameter of a bad query, with 400', async () => {
    const ok = await orders(new Request('https://shop.example/orders?limit=5'));
    expect(await ok.json()).toEqual({ limit: 5 });
    const res = await orders(new Request('https://shop.example/orders?limit=500'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [{ detail: 'Too big: expected number to be <=100', parameter: 'limit' }],
    });
  });
});

describe('guide: fromIssues alone (examples/guides/from-issues.ts)', () => {
  const Search = z.object({ q: z.string().min(2), page: z.coerce.number().int().min(1) });

  it('gives the schema output for a valid query', async () => {
    const url = new URL('https://shop.example/search?q=tea&page=2');
    await expect(readQuery(Search, url)).resolves.toEqual({ q: 'tea', page: 2 });
  });

  it('throws a 400 whose errors[] name each parameter, rendered as the client sees it', async () => {
    const url = new URL('https://shop.example/search?q=t&page=0');
    const err = await readQuery(Search, url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    const res = toResponse(err);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [
        { detail: 'Too small: expected string to have >=2 characters', parameter: 'q' },
        { detail: 'Too small: expected number to be >=1', parameter: 'page' },
      ],
    });
  });
});
