// Existence: a resource the caller may not see must answer like one that is not there, or the
// difference tells which resources exist (RFC 9110 §15.5.4, §15.5.5).

import {
  type Answer,
  baseline,
  define,
  type Run,
  seen,
  stableNames,
  statusLine,
  verdict,
} from './shared.js';
import type { CheckEvidence, CheckResult } from './types.js';

const EXISTENCE = define(
  'existence',
  'existence',
  'A forbidden resource answers like a missing one',
  [9110, '15.5.4'],
);

/** The body length once each response's own path and URL are taken out (many echo them). */
function length(answer: Answer, url: URL): number {
  let text = answer.text;
  for (const echo of [url.href, url.pathname + url.search, url.pathname])
    text = text.split(echo).join('');
  return new TextEncoder().encode(text).byteLength;
}

/** How two 404s differ, or `undefined` when a client cannot tell them apart. */
function difference(target: Answer, sibling: Answer, run: Run): string | undefined {
  const a = length(target, run.target);
  const b = length(sibling, run.sibling);
  if (a !== b) return `${a} bytes against ${b} (each one's own path taken out)`;
  const type = (x: Answer) => x.headers['content-type'] ?? '';
  if (type(target) !== type(sibling))
    return `content-type "${type(target)}" against "${type(sibling)}"`;
  const names = stableNames(target).join(', ');
  const other = stableNames(sibling).join(', ');
  return names === other ? undefined : `fields ${names} against ${other}`;
}

export function existenceChecks(run: Run): CheckResult[] {
  const pairs: [Answer | undefined, Answer | undefined][] = [[baseline(run), run.by.sibling]];
  if (run.credentials) pairs.push([run.by.anonymous, run.by.siblingAnonymous]);
  const failures: CheckEvidence[] = [];
  let judged = 0;
  for (const [target, sibling] of pairs) {
    if (target?.status === undefined || sibling?.status === undefined) continue;
    if (target.status !== 403 && target.status !== 404) continue;
    judged++;
    if (target.status === 403 && sibling.status === 404) {
      failures.push(seen(target), seen(sibling, 'the random sibling path'));
    } else if (target.status === 404 && sibling.status === 404) {
      const why = difference(target, sibling, run);
      if (why !== undefined)
        failures.push(seen(target), seen(sibling, `the random sibling path: ${why}`));
    }
  }
  if (judged === 0) {
    const status = statusLine(baseline(run));
    return [verdict(EXISTENCE, 'skip', `The target answers ${status}: there is nothing to hide.`)];
  }
  if (failures.length === 0) {
    return [verdict(EXISTENCE, 'pass', 'The target and a path that does not exist answer alike.')];
  }
  return [
    verdict(
      EXISTENCE,
      'fail',
      'The answer for the target differs from the answer for a path that does not exist, so it tells that the resource exists.',
      failures,
      'Answer a resource the caller may not know about exactly as a missing one: new ForbiddenError({ conceal: true }) sends a plain 404.',
    ),
  ];
}
