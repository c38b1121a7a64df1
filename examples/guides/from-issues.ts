// fromIssues alone, for issues you already have: a Standard Schema's own `validate` on the
// query parameters, its issues answered as a 400 whose `errors[]` name each parameter.
import { fromIssues, type StandardOutput, type StandardSchemaV1 } from 'http-error-kit';

export async function readQuery<S extends StandardSchemaV1>(
  schema: S,
  url: URL,
): Promise<StandardOutput<S>> {
  const input = Object.fromEntries(url.searchParams);
  const result = await schema['~standard'].validate(input);
  if (result.issues) throw fromIssues(result.issues, { in: 'query', status: 400 });
  return result.value as StandardOutput<S>;
}
