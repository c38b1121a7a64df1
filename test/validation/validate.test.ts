import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BadRequestError,
  type StandardSchemaV1,
  UnprocessableContentError,
  validate,
} from '../../src/index.js';

const Order = z.object({
  items: z.array(z.object({ sku: z.string(), quantity: z.coerce.number().int().positive() })),
  note: z.string().default(''),
});

describe('validate', () => {
  it('resolves to the schema output (defaults and coercion applied)', async () => {
    await expect(validate(Order, { items: [{ sku: 'a', quantity: '2' }] })).resolves.toEqual({
      items: [{ sku: 'a', quantity: 2 }],
      note: '',
    });
  });

  it('rejects with a 422 listing the issues', async () => {
    const err = await validate(Order, { items: [{ sku: 1, quantity: 0 }] }).catch((e) => e);
    expect(err).toBeInstanceOf(UnprocessableContentError);
    expect(err.extensions.errors).toEqual([
      { detail: 'Invalid input: expected string, received number', pointer: '/items/0/sku' },
      { detail: 'Too small: expected number to be >0', pointer: '/items/0/quantity' },
    ]);
  });

  it('passes options to fromIssues: status 400 and a query', async () => {
    const Query = v.object({ limit: v.pipe(v.string(), v.regex(/^\d+$/, 'must be digits')) });
    const err = await validate(Query, { limit: 'ten' }, { status: 400, in: 'query' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.extensions.errors).toEqual([{ detail: 'must be digits', parameter: 'limit' }]);
  });

  it('awaits asynchronous schemas (zod async refinements)', async () => {
    const taken = new Set(['ada']);
    const Signup = z.object({
      user: z.string().refine(async (name) => !taken.has(name), 'is taken'),
    });
    await expect(validate(Signup, { user: 'grace' })).resolves.toEqual({ user: 'grace' });
    const err = await validate(Signup, { user: 'ada' }).catch((e) => e);
    expect(err.extensions.errors).toEqual([{ detail: 'is taken', pointer: '/user' }]);
  });

  it('works with arktype morphs', async () => {
    const Age = type({ age: 'string.integer.parse' });
    await expect(validate(Age, { age: '42' })).resolves.toEqual({ age: 42 });
    const err = await validate(Age, { age: 'x' }).catch((e) => e);
    expect(err.extensions.errors).toEqual([
      { detail: 'age must be a well-formed integer string (was "x")', pointer: '/age' },
    ]);
  });

  it('takes any object implementing Standard Schema v1', async () => {
    const even: StandardSchemaV1<number> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (x) =>
          typeof x === 'number' && x % 2 === 0
            ? { value: x }
            : { issues: [{ message: 'must be even' }] },
      },
    };
    await expect(validate(even, 4)).resolves.toBe(4);
    const err = await validate(even, 3).catch((e) => e);
    expect(err.extensions.errors).toEqual([{ detail: 'must be even', pointer: '' }]);
  });

  it('rejects a schema that is not a Standard Schema with a TypeError', async () => {
    await expect(validate({} as never, 1)).rejects.toThrow(
      new TypeError(
        'validate: schema must be a Standard Schema (with a ~standard.validate function), got an object',
      ),
    );
    await expect(validate(null as never, 1)).rejects.toThrow(TypeError);
  });
});
