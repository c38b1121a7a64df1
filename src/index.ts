// http-error-kit: the core entry. Edge-safe: no Node built-ins, no `process`, no `Buffer`.

export type { PerRequestOptions } from './adapters/per-request.js';
export { type BearerChallengeOptions, type BearerError, bearerChallenge } from './auth/bearer.js';
export { type DpopChallengeOptions, type DpopError, dpopChallenge } from './auth/dpop.js';
export { type Challenge, formatChallenges } from './auth/format-challenges.js';
export { parseChallenges } from './auth/parse-challenges.js';
export {
  type ChallengeFields,
  type ReadChallengeOptions,
  readChallenge,
} from './auth/read-challenge.js';
export { BadRequestError, type BadRequestOptions } from './errors/bad-request.js';
export { isHttpError } from './errors/brand.js';
export * from './errors/classes.js';
export {
  ContentTooLargeError,
  PayloadTooLargeError,
  RequestEntityTooLargeError,
} from './errors/content-too-large.js';
export {
  createHttpError,
  type ErrorFor,
  type OptionsFor,
  type StatusNeedingOptions,
} from './errors/create.js';
export { ForbiddenError, type ForbiddenOptions } from './errors/forbidden.js';
export { type HeaderInput, HttpError, type HttpErrorOptions } from './errors/http-error.js';
export {
  MethodNotAllowedError,
  type MethodNotAllowedOptions,
} from './errors/method-not-allowed.js';
export { toHttpError } from './errors/normalize.js';
export {
  ProxyAuthenticationRequiredError,
  type ProxyAuthenticationRequiredOptions,
} from './errors/proxy-authentication-required.js';
export {
  RangeNotSatisfiableError,
  type RangeNotSatisfiableOptions,
  RequestedRangeNotSatisfiableError,
} from './errors/range-not-satisfiable.js';
export type { ErrorClassMap, ErrorOptionsMap } from './errors/registry.js';
export type { RetryAfterOptions } from './errors/retry-after.js';
export { ServiceUnavailableError } from './errors/service-unavailable.js';
export { TooManyRequestsError } from './errors/too-many-requests.js';
export { UnauthorizedError, type UnauthorizedOptions } from './errors/unauthorized.js';
export {
  UnprocessableContentError,
  UnprocessableEntityError,
} from './errors/unprocessable-content.js';
export { UpgradeRequiredError, type UpgradeRequiredOptions } from './errors/upgrade-required.js';
export type { ValidationIssue, ValidationOptions } from './errors/validation.js';
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
export {
  type OpenApiHeader,
  PROBLEM_JSON_SCHEMA,
  type ProblemComponents,
  type ProblemDefinition,
  type ProblemOpenApiOptions,
  problemOpenApi,
} from './problem/openapi.js';
export { type ParsedProblem, type ParseProblemOptions, parseProblem } from './problem/parse.js';
export type { ExtensionSchema, ProblemSchema } from './problem/schema.js';
export {
  type ErrorFormat,
  PROBLEM_JSON,
  PROBLEM_XML,
  type ProblemDetails,
} from './problem/types.js';
export {
  formatRateLimit,
  type RateLimit,
  type RateLimitFields,
  type RateLimitOptions,
} from './rate-limit/format.js';
export { type ParsedRateLimit, parseRateLimit, type RateLimitHeaders } from './rate-limit/parse.js';
export { negotiate } from './render/negotiate.js';
export { type RenderedError, type RenderOptions, renderError } from './render/render-error.js';
export { type ProblemFormat, serializeProblem } from './render/serialize.js';
export { type ToProblemOptions, toProblem } from './render/to-problem.js';
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
export type { RetryAdvice } from './status/metadata.js';
export {
  type ClientErrorStatus,
  type InformationalStatus,
  type RedirectStatus,
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
