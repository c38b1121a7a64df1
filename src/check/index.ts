/// <reference types="node" />
// Entry `http-error-kit/check` (Node-only): audits a running HTTP API's error responses against
// the RFCs, for people (formatReport) and for CI (the report is a stable JSON shape). Uses the
// global `fetch`; nothing here runs on import.

import { authChecks } from './auth.js';
import { cachingChecks } from './caching.js';
import { existenceChecks } from './existence.js';
import { leakChecks } from './leaks.js';
import { methodChecks } from './methods.js';
import { representationChecks } from './representation.js';
import { connectionChecks, readTarget, runPlan } from './requests.js';
import type { CheckOptions, CheckReport, Verdict } from './types.js';

export { type FormatOptions, formatReport } from './format.js';
export type {
  CheckEvidence,
  CheckExchange,
  CheckGroup,
  CheckOptions,
  CheckProgress,
  CheckReport,
  CheckResult,
  Verdict,
} from './types.js';

// In the order of CheckGroup, which is the order of the report.
const FAMILIES = [
  connectionChecks,
  authChecks,
  methodChecks,
  representationChecks,
  leakChecks,
  existenceChecks,
  cachingChecks,
];

/**
 * Audits the error responses of a running HTTP endpoint: sends at most 20 requests (ten
 * today) to `url` and to a random sibling path on the same origin — without credentials, with
 * an invalid Bearer token, with `options.token`, as HEAD, with an unsupported method and with
 * several `Accept` fields — and judges what comes back against RFC 9110, 9111, 6750 and 9457:
 * challenges on 401, 401 versus 403, Allow on 405, bodies that match their Content-Type,
 * `nosniff`, `Vary: Accept`, leaked stack traces, paths, database errors and addresses,
 * version banners, existence oracles and cacheable errors.
 *
 * Only safe methods are sent (GET, HEAD, PROPFIND), one request at a time, each with a time
 * limit (5 s by default); redirects are not followed, so nothing outside the URL's origin is
 * contacted. Never rejects for what the server does: a request that fails is reported as a
 * failed check. Bad arguments throw `TypeError`.
 *
 * @param url - The endpoint to check, an absolute `http:` or `https:` URL.
 * @returns The report; `report.ok` is `false` when any check failed.
 *
 * @example
 * const report = await checkEndpoint('http://127.0.0.1:3000/orders/42', {
 *   token: process.env.API_TOKEN,
 * });
 * for (const check of report.checks) {
 *   if (check.verdict === 'fail') console.error(check.title, check.spec, check.message);
 * }
 */
export async function checkEndpoint(
  url: string | URL,
  options?: CheckOptions,
): Promise<CheckReport> {
  const run = await runPlan(readTarget(url, options));
  const checks = FAMILIES.flatMap((family) => family(run));
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.verdict]++;
  return {
    version: 1,
    target: run.target.href,
    sibling: run.sibling.href,
    ok: counts.fail === 0,
    counts,
    checks,
    exchanges: run.answers.map((a) => a.exchange),
  };
}
