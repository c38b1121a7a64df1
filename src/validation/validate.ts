import { describe } from '../internal/syntax.js';
import { type FromIssuesOptions, fromIssues } from './from-issues.js';
import type { StandardOutput, StandardSchemaV1 } from './standard-schema.js';

/**
 * Validates a value with any Standard Schema (zod 4, valibot 1, arktype 2, …; synchronous or
 * asynchronous) and resolves to the schema's output, typed; when validation fails, rejects
 * with the error {@link fromIssues} makes of the issues: a 422 {@link UnprocessableContentError}
 * (or a 400 {@link BadRequestError} with `status: 400`) listing each issue with its JSON
 * Pointer, which every adapter renders as problem details.
 *
 * A `schema` without a `~standard.validate` function rejects with `TypeError`.
 *
 * @typeParam S - the schema; the result is its output type
 * @param schema - a Standard Schema v1
 * @param value - the value to check, e.g. the parsed request body
 * @param options - see {@link FromIssuesOptions}
 *
 * @example
 * import { z } from 'zod';
 *
 * const Order = z.object({ items: z.array(z.object({ sku: z.string(), quantity: z.int() })) });
 *
 * const order = await validate(Order, await request.json());
 * // order: { items: { sku: string; quantity: number }[] }, or a 422 was thrown
 */
export async function validate<S extends StandardSchemaV1>(
  schema: S,
  value: unknown,
  options?: FromIssuesOptions,
): Promise<StandardOutput<S>> {
  const props = (schema as Partial<StandardSchemaV1> | null | undefined)?.['~standard'];
  if (typeof props?.validate !== 'function') {
    throw new TypeError(
      `validate: schema must be a Standard Schema (with a ~standard.validate function), got ${describe(schema)}`,
    );
  }
  const result = await props.validate(value);
  if (result.issues !== undefined) throw fromIssues(result.issues, options);
  return result.value as StandardOutput<S>;
}
