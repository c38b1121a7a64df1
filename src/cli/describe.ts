import { ERROR_CLASSES } from '../errors/registry.js';
// The public entry, as a user imports it: the samples are the code the CLI tells them to write.
import {
  BadRequestError,
  bearerChallenge,
  ForbiddenError,
  HttpError,
  MethodNotAllowedError,
  ProxyAuthenticationRequiredError,
  RangeNotSatisfiableError,
  renderError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableContentError,
  UpgradeRequiredError,
} from '../index.js';
import { isErrorStatus, type StatusInfo } from '../status/lookup.js';
import type { StatusCode } from '../status/table.js';
import { className } from './find.js';

const CLASS_WORDS: Record<StatusInfo['class'], string> = {
  informational: 'informational',
  success: 'success',
  redirection: 'redirection',
  'client-error': 'client error',
  'server-error': 'server error',
};

/**
 * The name to print for a code. 418's registered phrase is "(Unused)" (RFC 9110 §15.5.19);
 * everyone knows it by RFC 2324's name.
 */
export function displayPhrase(info: StatusInfo): string {
  return info.code === 418 ? "I'm a teapot" : info.phrase;
}

/** The retry advice in plain words, with the wording that matters most for 401 and 403. */
function retryWords(info: StatusInfo): string {
  if (info.code < 400) return 'nothing to retry';
  switch (info.code) {
    case 401:
      return 'authenticate, then retry';
    case 403:
      return 'do not retry; the server knows who you are and refuses';
    case 407:
      return 'authenticate with the proxy, then retry';
    case 511:
      return 'log in to the network (e.g. a captive portal), then retry';
  }
  switch (info.retry) {
    case 'later':
      return 'retry later, after the delay in Retry-After';
    case 'idempotent':
      return 'retry idempotent requests (GET, HEAD, PUT, DELETE) after a pause; do not repeat a POST blindly';
    default:
      return 'do not retry; the same request will fail the same way';
  }
}

const NOTES: Partial<Record<StatusCode, string>> = {
  401: 'The request lacks valid credentials. If the caller is known but not allowed, send 403.',
  403: 'The caller is known but not allowed. If credentials are missing or invalid, send 401.',
  404: 'A 403 can be sent as 404 to hide that a resource exists: new ForbiddenError({ conceal: true }).',
  418: 'RFC 9110 §15.5.19 marks 418 "(Unused)": it is reserved because RFC 2324\'s joke code was deployed.',
};

/**
 * The `throw` to write for the codes whose class takes the options that produce their required
 * fields (or whose sample is clearer with a detail): the line printed, and the same error built.
 */
const SAMPLES: Partial<Record<StatusCode, readonly [string, () => HttpError]>> = {
  400: [
    "throw new BadRequestError({ errors: [{ detail: 'must be a number', parameter: 'limit' }] });",
    () => new BadRequestError({ errors: [{ detail: 'must be a number', parameter: 'limit' }] }),
  ],
  401: [
    "throw new UnauthorizedError('Sign in to continue.', { challenge: bearerChallenge({ realm: 'api' }) });",
    () =>
      new UnauthorizedError('Sign in to continue.', {
        challenge: bearerChallenge({ realm: 'api' }),
      }),
  ],
  403: [
    "throw new ForbiddenError('You do not have permission to delete user data.');",
    () => new ForbiddenError('You do not have permission to delete user data.'),
  ],
  405: [
    "throw new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });",
    () => new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }),
  ],
  407: [
    "throw new ProxyAuthenticationRequiredError({ challenge: { scheme: 'Basic', params: { realm: 'proxy' } } });",
    () =>
      new ProxyAuthenticationRequiredError({
        challenge: { scheme: 'Basic', params: { realm: 'proxy' } },
      }),
  ],
  416: [
    'throw new RangeNotSatisfiableError({ size: 1024 });',
    () => new RangeNotSatisfiableError({ size: 1024 }),
  ],
  422: [
    "throw new UnprocessableContentError({ errors: [{ detail: 'must be a positive integer', pointer: '/quantity' }] });",
    () =>
      new UnprocessableContentError({
        errors: [{ detail: 'must be a positive integer', pointer: '/quantity' }],
      }),
  ],
  426: [
    "throw new UpgradeRequiredError({ upgrade: 'HTTP/2.0' });",
    () => new UpgradeRequiredError({ upgrade: 'HTTP/2.0' }),
  ],
  429: [
    "throw new TooManyRequestsError('Two searches a minute.', { retryAfter: 30 });",
    () => new TooManyRequestsError('Two searches a minute.', { retryAfter: 30 }),
  ],
  503: [
    'throw new ServiceUnavailableError({ retryAfter: 120 });',
    () => new ServiceUnavailableError({ retryAfter: 120 }),
  ],
};

/**
 * The `throw` line for an error code and the error it throws: the sample above, or the named
 * class (`HttpError` for 418) without arguments.
 */
export function sample(code: StatusCode): readonly [string, () => HttpError] | undefined {
  const own = SAMPLES[code];
  if (own) return own;
  if (!isErrorStatus(code)) return undefined;
  const named = (ERROR_CLASSES as Partial<Record<number, new () => HttpError>>)[code];
  if (named) return [`throw new ${named.name}();`, () => new named()];
  return [`throw new HttpError(${code});`, () => new HttpError(code)];
}

/** Response fields worth showing with a sample, in their usual spelling. */
const SHOWN_FIELDS = ['Retry-After', 'Content-Type'];

/** The sample response: status line, the fields the spec requires and Content-Type, the body. */
function sampleResponse(info: StatusInfo, error: HttpError): string[] {
  const { status, headers, body } = renderError(error, { format: 'problem+json' });
  const lines = [`  HTTP/1.1 ${status} ${displayPhrase(info)}`];
  for (const name of [...info.headers, ...SHOWN_FIELDS]) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) lines.push(`  ${name}: ${value}`);
  }
  lines.push('', `  ${body}`);
  return lines;
}

/** The class to throw for a code, as the CLI names it: 418 has none of its own. */
export function classLabel(code: StatusCode): string {
  return className(code) ?? (isErrorStatus(code) ? `HttpError (new HttpError(${code}))` : 'none');
}

/** What `http-error-kit <code>` prints. */
export function describeStatus(info: StatusInfo): string {
  const cls = classLabel(info.code);
  const lines = [
    `${info.code} ${displayPhrase(info)}`,
    `  Class:     ${cls} (${CLASS_WORDS[info.class]})`,
    `  Spec:      ${info.spec}`,
    `             ${info.url}`,
    `  Cacheable: ${info.cacheable ? 'yes, heuristically (RFC 9110 §15.1)' : 'no, not without explicit freshness'}`,
    `  Content:   ${info.allowsContent ? 'may carry content' : 'never carries content'}`,
    `  Retry:     ${retryWords(info)}`,
    `  Headers:   ${info.headers.length > 0 ? info.headers.join(', ') : 'none required'}`,
  ];
  if (info.obsolete) lines.push('  Obsolete:  yes, the registry marks this code as obsoleted');
  const note = NOTES[info.code];
  if (note) lines.push(`  Note:      ${note}`);
  const thrown = sample(info.code);
  if (thrown) {
    const [source, build] = thrown;
    lines.push('', 'Throw it:', `  ${source}`, '', 'Response:', ...sampleResponse(info, build()));
  }
  return `${lines.join('\n')}\n`;
}
