// Representation: every error response explains itself in the format its Content-Type names
// (RFC 9110 §15.5, §8.3), problem documents match RFC 9457, `nosniff` keeps browsers from
// guessing, and a response chosen by Accept says so in Vary (RFC 9110 §12.5.5).

import { PROBLEM_JSON_SCHEMA } from '../problem/openapi.js';
import { schemaMismatch } from '../problem/schema.js';
import {
  type Answer,
  define,
  excerpt,
  field,
  isError,
  mediaType,
  type Run,
  seen,
  verdict,
} from './shared.js';
import type { CheckEvidence, CheckResult } from './types.js';

const BODY = define('error-body', 'representation', 'Error responses explain the error', [
  9110,
  '15.5',
]);
const CONTENT_TYPE = define('content-type', 'representation', 'Bodies match their Content-Type', [
  9110,
  '8.3',
]);
const PROBLEM = define('problem', 'representation', 'Problem documents match RFC 9457', [
  9457,
  'A',
]);
const NOSNIFF = define('nosniff', 'representation', 'Errors forbid content sniffing', [
  'Fetch Standard, X-Content-Type-Options',
  'https://fetch.spec.whatwg.org/#x-content-type-options-header',
]);
const VARY = define('vary', 'representation', 'Vary: Accept when the format follows Accept', [
  9110,
  '12.5.5',
]);

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
const isXml = (type: string) =>
  type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');

/** The errors with a body to judge: not HEAD (which has none), read whole. */
const withBody = (run: Run) =>
  run.answers.filter((a) => isError(a) && a.exchange.method !== 'HEAD' && a.text.trim() !== '');

function parse(answer: Answer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(answer.text) };
  } catch {
    return { ok: false };
  }
}

function errorBody(run: Run): CheckResult {
  const errors = run.answers.filter((a) => isError(a) && a.exchange.method !== 'HEAD');
  if (errors.length === 0) return verdict(BODY, 'skip', 'No request got an error response.');
  const empty = errors.filter((a) => a.text.trim() === '');
  if (empty.length === 0) return verdict(BODY, 'pass', 'Every error response has a body.');
  return verdict(
    BODY,
    'warn',
    `${empty.length} of ${errors.length} error responses have an empty body.`,
    empty.map((a) => seen(a, 'empty body')),
    'Send a problem document explaining the error: renderError() writes one for anything thrown.',
  );
}

function contentType(run: Run): CheckResult {
  const answers = withBody(run);
  if (answers.length === 0) return verdict(CONTENT_TYPE, 'skip', 'No error response had a body.');
  const failures: CheckEvidence[] = [];
  const warnings: CheckEvidence[] = [];
  for (const a of answers) {
    const type = mediaType(a);
    const start = a.text.trimStart();
    if (type === '') warnings.push(seen(a, `no Content-Type for ${excerpt(a.text, 0, 40)}`));
    else if (isJson(type) && !a.truncated && !parse(a).ok) {
      const html = /^<(?:!doctype|html|head|body|h\d|p|div|pre)\b/i.test(start);
      failures.push(
        seen(
          a,
          `${field('content-type', a.headers['content-type'])}, ${html ? 'an HTML' : 'a'} body that is not JSON: ${excerpt(a.text, 0, 40)}`,
        ),
      );
    } else if (isXml(type) && !start.startsWith('<')) {
      failures.push(
        seen(
          a,
          `${field('content-type', a.headers['content-type'])}, a body that is not XML: ${excerpt(a.text, 0, 40)}`,
        ),
      );
    }
  }
  if (failures.length > 0) {
    return verdict(
      CONTENT_TYPE,
      'fail',
      `${failures.length} of ${answers.length} error bodies are not what their Content-Type says.`,
      [...failures, ...warnings],
      'Label each body with its real media type; let renderError() choose the body and its Content-Type together.',
    );
  }
  if (warnings.length > 0) {
    return verdict(
      CONTENT_TYPE,
      'warn',
      `${warnings.length} of ${answers.length} error bodies have no Content-Type.`,
      warnings,
      'Send a Content-Type with every body.',
    );
  }
  return verdict(CONTENT_TYPE, 'pass', 'Every error body matches its Content-Type.');
}

function problem(run: Run): CheckResult {
  const documents = withBody(run).filter(
    (a) => mediaType(a) === 'application/problem+json' && !a.truncated,
  );
  if (documents.length === 0)
    return verdict(PROBLEM, 'skip', 'No response was a problem document.');
  const failures: CheckEvidence[] = [];
  for (const a of documents) {
    const parsed = parse(a);
    if (!parsed.ok) continue; // reported by the content-type check
    const value = parsed.value as Record<string, unknown>;
    const why =
      typeof value !== 'object' || value === null || Array.isArray(value)
        ? 'the document is not a JSON object'
        : schemaMismatch(PROBLEM_JSON_SCHEMA, value, 'problem');
    if (why !== undefined) failures.push(seen(a, why));
    else if (value.status !== undefined && value.status !== a.status) {
      failures.push(
        seen(a, `"status": ${JSON.stringify(value.status)} in the body (RFC 9457 §3.1.2)`),
      );
    }
  }
  if (failures.length === 0) {
    return verdict(
      PROBLEM,
      'pass',
      `${documents.length} problem documents match the schema of RFC 9457.`,
    );
  }
  return verdict(
    PROBLEM,
    'fail',
    `${failures.length} of ${documents.length} problem documents break RFC 9457.`,
    failures,
    'Give type and instance as strings, title and detail as strings, status as the integer the response has.',
  );
}

function nosniff(run: Run): CheckResult {
  const errors = run.answers.filter(isError);
  if (errors.length === 0) return verdict(NOSNIFF, 'skip', 'No request got an error response.');
  const missing = errors.filter(
    (a) => a.headers['x-content-type-options']?.trim().toLowerCase() !== 'nosniff',
  );
  if (missing.length === 0)
    return verdict(NOSNIFF, 'pass', 'Every error response forbids content sniffing.');
  return verdict(
    NOSNIFF,
    'warn',
    `${missing.length} of ${errors.length} error responses let a browser guess their type.`,
    missing.map((a) =>
      seen(a, field('x-content-type-options', a.headers['x-content-type-options'])),
    ),
    'Send X-Content-Type-Options: nosniff with every error (renderError() does).',
  );
}

function vary(run: Run): CheckResult {
  const { sibling, siblingJson, siblingProblem, siblingHtml } = run.by;
  const variants = [sibling, siblingJson, siblingProblem, siblingHtml].filter(
    (a): a is Answer => a?.status !== undefined,
  );
  if (variants.length < 2) return verdict(VARY, 'skip', 'Too few Accept variants were answered.');
  const types = new Set(variants.map(mediaType));
  if (types.size === 1) return verdict(VARY, 'pass', 'Every Accept gets the same Content-Type.');
  const names = (a: Answer) =>
    (a.headers.vary ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim());
  const missing = variants.filter((a) => !names(a).some((n) => n === 'accept' || n === '*'));
  if (missing.length === 0) {
    return verdict(
      VARY,
      'pass',
      `The format follows Accept (${[...types].join(', ')}) and Vary says so.`,
    );
  }
  return verdict(
    VARY,
    'warn',
    `The format follows Accept (${[...types].join(', ')}), but not every response has Vary: Accept.`,
    missing.map((a) =>
      seen(
        a,
        `${field('content-type', a.headers['content-type'])}, ${field('vary', a.headers.vary)}`,
      ),
    ),
    'Send Vary: Accept with every response whose format was negotiated, so that caches keep the formats apart.',
  );
}

/** The representation checks. */
export function representationChecks(run: Run): CheckResult[] {
  return [errorBody(run), contentType(run), problem(run), nosniff(run), vary(run)];
}
