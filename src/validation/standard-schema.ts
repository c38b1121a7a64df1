// The Standard Schema v1 interface (standardschema.dev), declared here rather than imported:
// the package has no dependencies. zod 4, valibot 1, arktype 2 and others implement it.

/**
 * A path segment of a {@link StandardSchemaIssue}: a key, or an object holding one.
 *
 * @example
 * const segments: StandardPathSegment[] = ['items', 0, { key: 'price' }];
 */
export type StandardPathSegment =
  | PropertyKey
  | {
      /** The key. */
      readonly key: PropertyKey;
    };

/**
 * One issue reported by a Standard Schema: a message and, when the issue is inside the value,
 * the path to it.
 *
 * @example
 * const issue: StandardSchemaIssue = { message: 'Expected a number', path: ['items', 0, 'price'] };
 */
export interface StandardSchemaIssue {
  /** What is wrong, as the schema library words it. */
  readonly message: string;
  /** Where it is wrong: keys from the root of the value; absent for the value itself. */
  readonly path?: readonly StandardPathSegment[] | undefined;
}

/**
 * The result of a Standard Schema's `validate`: the output value, or the issues.
 *
 * @example
 * const result: StandardResult<number> = { issues: [{ message: 'Expected a number' }] };
 */
export type StandardResult<Output> =
  | {
      /** The output value. */
      readonly value: Output;
      /** Absent on success. */
      readonly issues?: undefined;
    }
  | {
      /** What is wrong with the value. */
      readonly issues: readonly StandardSchemaIssue[];
    };

/**
 * Any schema that implements Standard Schema v1: zod 4, valibot 1, arktype 2 and others.
 *
 * @typeParam Input - the type the schema accepts
 * @typeParam Output - the type `validate` returns (after defaults and transforms)
 *
 * @example
 * import { z } from 'zod';
 *
 * const schema: StandardSchemaV1<{ age: number }> = z.object({ age: z.number() });
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': {
    /** The version of the Standard Schema interface: 1. */
    readonly version: 1;
    /** The library that made the schema, e.g. `'zod'`. */
    readonly vendor: string;
    /** Validates a value, synchronously or not. */
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    /** Types only: the input and output types of the schema. */
    readonly types?:
      | {
          /** The input type. */
          readonly input: Input;
          /** The output type. */
          readonly output: Output;
        }
      | undefined;
  };
}

/**
 * The output type of a Standard Schema: what {@link validate} resolves to.
 *
 * @example
 * import { z } from 'zod';
 *
 * const User = z.object({ name: z.string(), age: z.coerce.number() });
 * type User = StandardOutput<typeof User>; // { name: string; age: number }
 */
export type StandardOutput<S extends StandardSchemaV1> = NonNullable<
  S['~standard']['types']
>['output'];
