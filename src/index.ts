// http-error-kit: the core entry. Edge-safe: no Node built-ins, no `process`, no `Buffer`.

export { type BearerChallengeOptions, type BearerError, bearerChallenge } from './auth/bearer.js';
export { type Challenge, formatChallenges, parseChallenges } from './auth/challenge.js';
export * from './errors/classes.js';
export {
  createHttpError,
  type ErrorFor,
  type OptionsFor,
  type StatusNeedingOptions,
} from './errors/create.js';
export { ForbiddenError, type ForbiddenOptions } from './errors/forbidden.js';
export {
  type HeaderInput,
  HttpError,
  type HttpErrorOptions,
  isHttpError,
} from './errors/http-error.js';
export {
  MethodNotAllowedError,
  type MethodNotAllowedOptions,
} from './errors/method-not-allowed.js';
export { toHttpError } from './errors/normalize.js';
export {
  RangeNotSatisfiableError,
  type RangeNotSatisfiableOptions,
  RequestedRangeNotSatisfiableError,
} from './errors/range-not-satisfiable.js';
export type { ErrorClassMap } from './errors/registry.js';
export {
  ContentTooLargeError,
  PayloadTooLargeError,
  RequestEntityTooLargeError,
  type RetryAfterOptions,
  ServiceUnavailableError,
  TooManyRequestsError,
} from './errors/retry-after.js';
export {
  ProxyAuthenticationRequiredError,
  type ProxyAuthenticationRequiredOptions,
  UnauthorizedError,
  type UnauthorizedOptions,
} from './errors/unauthorized.js';
export { UpgradeRequiredError, type UpgradeRequiredOptions } from './errors/upgrade-required.js';
export {
  BadRequestError,
  UnprocessableContentError,
  UnprocessableEntityError,
  type ValidationIssue,
  type ValidationOptions,
} from './errors/validation.js';
export {
  type RecordErrorOptions,
  recordError,
  type SpanLike,
} from './observability/record-error.js';
export {
  type CauseLog,
  type ErrorLog,
  type ToLogOptions,
  toLog,
} from './observability/to-log.js';
export {
  type DefinedProblem,
  type DefinedProblemClass,
  defineProblem,
  type ProblemArgs,
  type ProblemOptions,
  type ProblemSpec,
} from './problem/define.js';
export { negotiate } from './problem/negotiate.js';
export {
  PROBLEM_JSON_SCHEMA,
  type ProblemComponents,
  type ProblemDefinition,
  problemOpenApi,
} from './problem/openapi.js';
export { type ParseProblemOptions, parseProblem } from './problem/parse.js';
export type { ExtensionSchema, ProblemSchema } from './problem/schema.js';
export { type ProblemFormat, serializeProblem } from './problem/serialize.js';
export { type ToProblemOptions, toProblem } from './problem/to-problem.js';
export {
  type ErrorFormat,
  PROBLEM_JSON,
  PROBLEM_XML,
  type ProblemDetails,
} from './problem/types.js';
export { type RenderedError, type RenderOptions, renderError } from './render.js';
export { retryAdvice } from './retry/retry-advice.js';
export { type RetryDelayOptions, retryDelay } from './retry/retry-delay.js';
export {
  type RetryDecision,
  type ShouldRetryOptions,
  shouldRetry,
} from './retry/should-retry.js';
export {
  type ErrorStatus,
  isErrorStatus,
  isStatusCode,
  reasonPhrase,
  type StatusClass,
  type StatusInfo,
  statusInfo,
} from './status/lookup.js';
export {
  type ClientErrorStatus,
  type InformationalStatus,
  type RedirectStatus,
  type RetryAdvice,
  type ServerErrorStatus,
  STATUS,
  type StatusCode,
  type SuccessStatus,
} from './status/table.js';
export {
  type FromIssuesOptions,
  fromIssues,
  type IssueLocation,
} from './validation/from-issues.js';
export type {
  StandardOutput,
  StandardPathSegment,
  StandardResult,
  StandardSchemaIssue,
  StandardSchemaV1,
} from './validation/standard-schema.js';
export { validate } from './validation/validate.js';
