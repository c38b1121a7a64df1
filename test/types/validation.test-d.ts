import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type BadRequestError,
  fromIssues,
  type StandardOutput,
  type UnprocessableContentError,
  validate,
} from '../../src/index.js';

describe('validate returns the schema output type', () => {
  it('zod: output after coercion and defaults, not input', () => {
    const User = z.object({ age: z.coerce.number(), tags: z.array(z.string()).default([]) });
    expectTypeOf(validate(User, {})).resolves.toEqualTypeOf<{ age: number; tags: string[] }>();
    expectTypeOf<StandardOutput<typeof User>>().toEqualTypeOf<{ age: number; tags: string[] }>();
  });

  it('valibot: transforms change the type', () => {
    const Id = v.pipe(v.string(), v.transform(Number));
    expectTypeOf(validate(Id, '1')).resolves.toEqualTypeOf<number>();
  });

  it('arktype: morphs change the type', () => {
    const Age = type({ age: 'string.integer.parse' });
    expectTypeOf(validate(Age, {})).resolves.toEqualTypeOf<{ age: number }>();
  });

  it('refuses what is not a schema', () => {
    // @ts-expect-error a plain object is no Standard Schema
    validate({ parse: () => 1 }, 1);
  });
});

describe('fromIssues', () => {
  it('returns a 422 unless status is 400', () => {
    expectTypeOf(fromIssues([])).toEqualTypeOf<UnprocessableContentError>();
    expectTypeOf(fromIssues([], { status: 400 })).toEqualTypeOf<BadRequestError>();
    expectTypeOf(
      fromIssues([], { status: 422, in: 'query' }),
    ).toEqualTypeOf<UnprocessableContentError>();
    // @ts-expect-error only 400 and 422
    fromIssues([], { status: 409 });
    // @ts-expect-error an unknown location
    fromIssues([], { in: 'cookie' });
  });
});
