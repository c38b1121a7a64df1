import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// The public surface, pinned: adding, removing or renaming an export of any entry point must
// change this file. Values are read from the built package (ESM and CommonJS must agree);
// types too, from the typedoc model that `npm run docs` writes.

const VALUES: Record<string, string[]> = {
  index: [
    'BadGatewayError',
    'BadRequestError',
    'ConflictError',
    'ContentTooLargeError',
    'ExpectationFailedError',
    'FailedDependencyError',
    'ForbiddenError',
    'GatewayTimeoutError',
    'GoneError',
    'HttpError',
    'HttpVersionNotSupportedError',
    'InsufficientStorageError',
    'InternalServerError',
    'LengthRequiredError',
    'LockedError',
    'LoopDetectedError',
    'MethodNotAllowedError',
    'MisdirectedRequestError',
    'NetworkAuthenticationRequiredError',
    'NotAcceptableError',
    'NotExtendedError',
    'NotFoundError',
    'NotImplementedError',
    'PROBLEM_JSON',
    'PROBLEM_JSON_SCHEMA',
    'PROBLEM_XML',
    'PayloadTooLargeError',
    'PaymentRequiredError',
    'PreconditionFailedError',
    'PreconditionRequiredError',
    'ProxyAuthenticationRequiredError',
    'RangeNotSatisfiableError',
    'RequestEntityTooLargeError',
    'RequestHeaderFieldsTooLargeError',
    'RequestTimeoutError',
    'RequestedRangeNotSatisfiableError',
    'STATUS',
    'ServiceUnavailableError',
    'TooEarlyError',
    'TooManyRequestsError',
    'UnauthorizedError',
    'UnavailableForLegalReasonsError',
    'UnprocessableContentError',
    'UnprocessableEntityError',
    'UnsupportedMediaTypeError',
    'UpgradeRequiredError',
    'UriTooLongError',
    'VariantAlsoNegotiatesError',
    'bearerChallenge',
    'createHttpError',
    'defineProblem',
    'dpopChallenge',
    'formatChallenges',
    'formatRateLimit',
    'fromIssues',
    'isErrorStatus',
    'isHttpError',
    'isStatusCode',
    'negotiate',
    'parseChallenges',
    'parseProblem',
    'parseRateLimit',
    'problemOpenApi',
    'readChallenge',
    'reasonPhrase',
    'recordError',
    'renderError',
    'retryAdvice',
    'retryDelay',
    'serializeProblem',
    'shouldRetry',
    'statusInfo',
    'toHttpError',
    'toLog',
    'toProblem',
    'validate',
  ],
  'adapters/node': ['handle', 'sendError'],
  'adapters/express': ['errorHandler', 'notFound'],
  'adapters/fetch': ['ensureOk', 'fromResponse', 'handle', 'toResponse'],
  'adapters/next': ['handle', 'isNextSignal'],
  'adapters/fastify': ['errorPlugin'],
  'adapters/koa': ['errorMiddleware'],
  'adapters/nest': ['ProblemFilter'],
  'adapters/hono': ['notFound', 'onError', 'validationHook'],
  check: ['checkEndpoint', 'formatReport'],
};

const TYPES: Record<string, string[]> = {
  index: [
    'BadRequestOptions',
    'BearerChallengeOptions',
    'BearerError',
    'CauseLog',
    'Challenge',
    'ChallengeFields',
    'ClientErrorStatus',
    'DefinedProblem',
    'DefinedProblemClass',
    'DpopChallengeOptions',
    'DpopError',
    'ErrorClassMap',
    'ErrorFor',
    'ErrorFormat',
    'ErrorLog',
    'ErrorOptionsMap',
    'ErrorStatus',
    'ExtensionSchema',
    'ForbiddenOptions',
    'FromIssuesOptions',
    'HeaderInput',
    'HttpErrorOptions',
    'InformationalStatus',
    'IssueLocation',
    'MethodNotAllowedOptions',
    'OpenApiHeader',
    'OptionsFor',
    'ParseProblemOptions',
    'ParsedProblem',
    'ParsedRateLimit',
    'PerRequestOptions',
    'ProblemArgs',
    'ProblemComponents',
    'ProblemDefinition',
    'ProblemDetails',
    'ProblemFormat',
    'ProblemOpenApiOptions',
    'ProblemOptions',
    'ProblemSchema',
    'ProblemSpec',
    'ProxyAuthenticationRequiredOptions',
    'RangeNotSatisfiableOptions',
    'RateLimit',
    'RateLimitFields',
    'RateLimitHeaders',
    'RateLimitOptions',
    'ReadChallengeOptions',
    'RecordErrorOptions',
    'RedirectStatus',
    'RenderOptions',
    'RenderedError',
    'RetryAdvice',
    'RetryAfterOptions',
    'RetryDecision',
    'RetryDelayOptions',
    'ServerErrorStatus',
    'ShouldRetryOptions',
    'SpanLike',
    'StandardOutput',
    'StandardPathSegment',
    'StandardResult',
    'StandardSchemaIssue',
    'StandardSchemaV1',
    'StatusClass',
    'StatusCode',
    'StatusInfo',
    'StatusNeedingOptions',
    'SuccessStatus',
    'ToLogOptions',
    'ToProblemOptions',
    'UnauthorizedOptions',
    'UpgradeRequiredOptions',
    'ValidationIssue',
    'ValidationOptions',
  ],
  'adapters/node': ['HandleOptions', 'NodeListener', 'SendErrorOptions'],
  'adapters/express': ['ErrorHandlerOptions', 'ExpressRequest', 'NextFunction', 'NotFoundOptions'],
  'adapters/fetch': [
    'FromResponseOptions',
    'HandleOptions',
    'ProblemClass',
    'RequestLike',
    'ResponseLike',
    'ToResponseOptions',
  ],
  'adapters/next': ['NextHandleOptions', 'NextRouteContext'],
  'adapters/fastify': ['FastifyErrorOptions'],
  'adapters/koa': ['KoaOptions'],
  'adapters/nest': ['NestOptions'],
  'adapters/hono': ['HonoOptions', 'ValidationHookOptions', 'ValidationResult'],
  check: [
    'CheckEvidence',
    'CheckExchange',
    'CheckGroup',
    'CheckOptions',
    'CheckProgress',
    'CheckReport',
    'CheckResult',
    'FormatOptions',
    'Verdict',
  ],
};

const require = createRequire(import.meta.url);
const root = new URL('../', import.meta.url);

/** The built file of an entry (`index`, `adapters/fetch`, …) for a format, from package.json. */
function dist(entry: string, format: 'import' | 'require'): URL {
  const subpath = entry === 'index' ? '.' : `./${entry.replace(/^adapters\//, '')}`;
  const exportsMap: Record<string, unknown> = pkg.exports;
  const conditions = exportsMap[subpath] as Record<string, { default: string }> | undefined;
  const file = conditions?.[format]?.default;
  if (file === undefined) throw new Error(`package.json exports has no ${subpath} ${format}`);
  return new URL(file, root);
}

describe.each(Object.keys(VALUES))('%s', (entry) => {
  it('exports exactly these values, as ESM and as CommonJS', async () => {
    expect(existsSync(dist(entry, 'import')), 'run `npm run build` first').toBe(true);
    const esm = Object.keys(await import(dist(entry, 'import').href)).sort();
    const cjs = Object.keys(require(dist(entry, 'require').pathname)).sort();
    expect(esm).toEqual(VALUES[entry]);
    expect(cjs).toEqual(VALUES[entry]);
  });

  it('exports exactly these types besides', () => {
    const api = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
    const module = api.children.find((m: { name: string }) => m.name === entry);
    const names = new Set<string>(module.children.map((c: { name: string }) => c.name));
    const values = new Set(VALUES[entry]);
    expect([...names].filter((n) => !values.has(n)).sort()).toEqual(TYPES[entry]);
  });
});
