// Caching: an error response a shared cache may store can be served to the next client, or
// keep serving a failure after it is fixed (RFC 9111 §3, §3.5, §4.2.2).

import { statusInfo } from '../status/lookup.js';
import { type Answer, define, field, isError, type Run, seen, verdict } from './shared.js';
import type { CheckResult } from './types.js';

const CACHE = define('cache', 'caching', 'Shared caches cannot store error responses', [9111, '3']);

/** Whether a shared cache may store the response (RFC 9111 §3 and, with credentials, §3.5). */
function storable(answer: Answer): boolean {
  const directives = (answer.headers['cache-control'] ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.replace(/=.*/s, '').trim());
  const has = (d: string) => directives.includes(d);
  if (has('no-store') || has('private')) return false;
  if (answer.authorized && !(has('public') || has('s-maxage') || has('must-revalidate')))
    return false;
  const explicit =
    has('max-age') || has('s-maxage') || has('public') || answer.headers.expires !== undefined;
  return explicit || statusInfo(answer.status as number)?.cacheable === true;
}

export function cachingChecks(run: Run): CheckResult[] {
  const errors = run.answers.filter(isError);
  if (errors.length === 0) return [verdict(CACHE, 'skip', 'No request got an error response.')];
  const open = errors.filter(storable);
  if (open.length === 0)
    return [verdict(CACHE, 'pass', 'No error response can be stored by a shared cache.')];
  return [
    verdict(
      CACHE,
      'warn',
      `${open.length} of ${errors.length} error responses may be stored and reused by a shared cache.`,
      open.map((a) => seen(a, field('cache-control', a.headers['cache-control']))),
      'Send Cache-Control: no-store with errors (renderError() does unless the error sets its own).',
    ),
  ];
}
