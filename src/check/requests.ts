/// <reference types="node" />
// The requests a check sends: a fixed plan of at most ten, to the target and to one random
// sibling path on the same origin, one after the other, each with its own time limit. Only
// safe methods are used (GET, HEAD and the read-only PROPFIND), redirects are not followed, so
// no request ever leaves the given origin.

import { randomBytes } from 'node:crypto';
import { isFieldValue, isToken } from '../internal/syntax.js';
import {
  type Answer,
  define,
  type ProbeName,
  printable,
  type Run,
  seen,
  verdict,
} from './shared.js';
import type { CheckExchange, CheckOptions, CheckProgress, CheckResult } from './types.js';

/** Body bytes read per response; the rest is not downloaded. */
export const BODY_LIMIT = 65_536;
/** Body characters shown per exchange in the report. */
const SHOWN = 2_000;
const DEFAULT_TIMEOUT = 5_000;

/**
 * A method the resource is unlikely to support and that cannot change anything: PROPFIND only
 * reads properties (RFC 4918 §9.1). TRACE, the obvious choice, is one that `fetch` refuses.
 */
export const UNSUPPORTED_METHOD = 'PROPFIND';

interface Probe {
  name: ProbeName;
  label: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  authorized: boolean;
}

/** What checkEndpoint was given, checked. */
export interface Target {
  url: URL;
  headers: Record<string, string>;
  token: string | undefined;
  timeout: number;
  onProgress: ((progress: CheckProgress) => void) | undefined;
}

// RFC 6750 §2.1 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const CREDENTIAL_FIELDS = ['authorization', 'cookie'];

/** Reads the arguments of checkEndpoint; `TypeError` naming the argument for bad ones. */
export function readTarget(url: unknown, options: CheckOptions | undefined): Target {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url instanceof URL ? url.href : String(url));
  } catch {
    // reported below
  }
  if ((typeof url !== 'string' && !(url instanceof URL)) || parsed === undefined) {
    throw new TypeError('url must be an absolute http: or https: URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`url must be an http: or https: URL, got ${parsed.protocol}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new TypeError('url must not contain credentials; pass options.token or a header');
  }
  parsed.hash = '';
  const { token, headers = {}, timeout = DEFAULT_TIMEOUT, onProgress } = options ?? {};
  if (token !== undefined && (typeof token !== 'string' || !B64TOKEN.test(token))) {
    throw new TypeError('options.token must be a Bearer token (RFC 6750 b64token characters)');
  }
  if (typeof headers !== 'object' || headers === null) {
    throw new TypeError('options.headers must be an object of header fields');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isToken(name)) throw new TypeError(`options.headers: "${name}" is not a field name`);
    if (typeof value !== 'string' || !isFieldValue(value)) {
      throw new TypeError(`options.headers["${name}"] must be a field value without CR, LF or NUL`);
    }
    fields[name.toLowerCase()] = value.trim();
  }
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60_000) {
    throw new TypeError('options.timeout must be a whole number of milliseconds, 1 to 60000');
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError('options.onProgress must be a function');
  }
  return { url: parsed, headers: fields, token, timeout, onProgress };
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** The target's path with its last segment replaced by a random one (trailing slash kept). */
export function siblingOf(target: URL): URL {
  const sibling = new URL(target.href);
  const slash = target.pathname.endsWith('/') && target.pathname !== '/' ? '/' : '';
  const path = slash ? target.pathname.slice(0, -1) : target.pathname;
  sibling.pathname = `${path.slice(0, path.lastIndexOf('/') + 1)}check-${hex(6)}${slash}`;
  return sibling;
}

function plan(target: Target): { sibling: URL; credentials: boolean; probes: Probe[] } {
  const { url } = target;
  const sibling = siblingOf(url);
  const base: Record<string, string> = { 'user-agent': 'http-error-kit-check', ...target.headers };
  const anonymous = Object.fromEntries(
    Object.entries(base).filter(([name]) => !CREDENTIAL_FIELDS.includes(name)),
  );
  const given =
    target.token === undefined ? base : { ...base, authorization: `Bearer ${target.token}` };
  const credentials = Object.keys(given).some((name) => CREDENTIAL_FIELDS.includes(name));
  const probe = (
    name: ProbeName,
    label: string,
    method: string,
    at: URL,
    headers: Record<string, string>,
    authorized = credentials,
  ): Probe => ({ name, label, method, url: at, headers, authorized });
  const accept = (value: string) => ({ ...given, accept: value });
  const as = credentials ? 'with credentials' : 'no credentials';
  const probes = [
    probe('anonymous', 'no credentials', 'GET', url, anonymous, false),
    // A made-up credential, not the caller's.
    probe(
      'invalidToken',
      'invalid Bearer token',
      'GET',
      url,
      {
        ...anonymous,
        authorization: `Bearer ${hex(16)}`,
      },
      false,
    ),
    ...(credentials ? [probe('token', 'with credentials', 'GET', url, given)] : []),
    probe('head', as, 'HEAD', url, given),
    probe('method', as, UNSUPPORTED_METHOD, url, { ...given, depth: '0' }),
    // fetch sends `Accept: */*` when a request has none, so "no Accept" is this request too.
    probe('sibling', 'sibling, Accept: */*', 'GET', sibling, accept('*/*')),
    probe(
      'siblingJson',
      'sibling, Accept: application/json',
      'GET',
      sibling,
      accept('application/json'),
    ),
    probe(
      'siblingProblem',
      'sibling, Accept: application/problem+json',
      'GET',
      sibling,
      accept('application/problem+json'),
    ),
    probe('siblingHtml', 'sibling, Accept: text/html', 'GET', sibling, accept('text/html')),
    ...(credentials
      ? [probe('siblingAnonymous', 'sibling, no credentials', 'GET', sibling, anonymous, false)]
      : []),
  ];
  return { sibling, credentials, probes };
}

/** Reads at most BODY_LIMIT bytes of a body, then stops the download. */
async function readBody(response: Response): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (reader === undefined) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = Buffer.concat(chunks);
  return { bytes: bytes.subarray(0, BODY_LIMIT), truncated: size > BODY_LIMIT };
}

function failure(err: unknown, timeout: number): string {
  // fetch rejects with a TypeError whose cause is the network error (with a code, mostly).
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeout} ms`;
  return printable(`request failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
}

async function send(probe: Probe, index: number, timeout: number): Promise<Answer> {
  const exchange: CheckExchange = { label: probe.label, method: probe.method, url: probe.url.href };
  const answer: Answer = {
    index,
    exchange,
    authorized: probe.authorized,
    status: undefined,
    headers: {},
    text: '',
    truncated: false,
  };
  try {
    const response = await fetch(probe.url, {
      method: probe.method,
      headers: probe.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
    });
    answer.status = response.status;
    exchange.status = response.status;
    exchange.statusText = printable(response.statusText);
    for (const [name, value] of response.headers) {
      const before = answer.headers[name];
      answer.headers[name] = before === undefined ? value : `${before}, ${value}`;
    }
    exchange.headers = answer.headers;
    const { bytes, truncated } = await readBody(response);
    answer.text = new TextDecoder().decode(bytes);
    answer.truncated = truncated;
    exchange.bodyBytes = bytes.byteLength;
    exchange.body = answer.text.slice(0, SHOWN);
  } catch (err) {
    exchange.error = failure(err, timeout);
  }
  return answer;
}

/** Sends the plan, one request after the other, and collects the answers. */
export async function runPlan(target: Target): Promise<Run> {
  const { sibling, credentials, probes } = plan(target);
  const run: Run = { target: target.url, sibling, credentials, answers: [], by: {} };
  for (const [index, probe] of probes.entries()) {
    const answer = await send(probe, index, target.timeout);
    run.answers.push(answer);
    run.by[probe.name] = answer;
    try {
      target.onProgress?.({ done: index + 1, total: probes.length, exchange: answer.exchange });
    } catch {
      // A progress display must never break the check.
    }
  }
  return run;
}

const ANSWERS = define('answers', 'connection', 'Every request gets an answer');

/** The connection check: every request of the plan was answered in time. */
export function connectionChecks(run: Run): CheckResult[] {
  const failed = run.answers.filter((a) => a.status === undefined);
  if (failed.length === 0) {
    return [verdict(ANSWERS, 'pass', `All ${run.answers.length} requests were answered.`)];
  }
  return [
    verdict(
      ANSWERS,
      'fail',
      `${failed.length} of ${run.answers.length} requests got no answer.`,
      failed.map((a) => seen(a)),
      'Check that the URL is right and the server is up; every request must be answered within the time limit.',
    ),
  ];
}
