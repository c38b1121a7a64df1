// The report of checkEndpoint: its JSON form (`http-error-kit check --json`) is a stable
// contract. Additions are allowed within `version: 1`; renaming or removing a member, or
// changing its meaning, needs `version: 2`.

/**
 * The outcome of one check: `fail` breaks a requirement of the cited RFC (or leaks internals)
 * and makes the command exit 1; `warn` misses a recommendation or invites a risk; `skip` means
 * the answers gave the check nothing to judge, e.g. no 401 was seen.
 *
 * @example
 * const bad = (v: Verdict) => v === 'fail';
 */
export type Verdict = 'pass' | 'warn' | 'fail' | 'skip';

/**
 * The family a check belongs to; the report lists the groups in this order.
 *
 * @example
 * const group: CheckGroup = 'authentication';
 */
export type CheckGroup =
  | 'connection'
  | 'authentication'
  | 'methods'
  | 'representation'
  | 'leaks'
  | 'existence'
  | 'caching';

/**
 * One request the check sent and what came back. Bodies are kept up to 64 KiB for the checks
 * and shown here up to 2,000 characters.
 *
 * @example
 * const line = (x: CheckExchange) => `${x.method} ${x.url} → ${x.status ?? x.error}`;
 */
export interface CheckExchange {
  /** What the request tried, e.g. `'no credentials'` or `'sibling, Accept: text/html'`. */
  label: string;
  /** The request method. */
  method: string;
  /** The request URL: the target or its random sibling. */
  url: string;
  /** The response status; absent when no response came. */
  status?: number;
  /** The response's reason phrase as sent (empty over HTTP/2). */
  statusText?: string;
  /** The response header fields, lower-case names, repeated fields joined with `, `. */
  headers?: Record<string, string>;
  /** The start of the response body, decoded as UTF-8. */
  body?: string;
  /** The number of body bytes received (at most 65,536 are read). */
  bodyBytes?: number;
  /** Why no response came: a timeout or a network error. */
  error?: string;
}

/**
 * What in one exchange shows a check's verdict.
 *
 * @example
 * const show = (e: CheckEvidence, r: CheckReport) => `${r.exchanges[e.exchange]?.label}: ${e.note}`;
 */
export interface CheckEvidence {
  /** The index of the exchange in {@link CheckReport.exchanges}. */
  exchange: number;
  /** The status line, header field or body excerpt that shows it. */
  note: string;
}

/**
 * One check and its verdict.
 *
 * @example
 * const failed = (r: CheckReport) => r.checks.filter((c: CheckResult) => c.verdict === 'fail');
 */
export interface CheckResult {
  /** A stable identifier, e.g. `'www-authenticate'`. */
  id: string;
  /** The family of the check. */
  group: CheckGroup;
  /** The outcome. */
  verdict: Verdict;
  /** What is checked, in a few words. */
  title: string;
  /** The requirement checked, e.g. `'RFC 9110 §15.5.2'`; absent for checks that cite none. */
  spec?: string;
  /** A link to that section. */
  url?: string;
  /** The finding in one sentence. */
  message: string;
  /** The exchanges that show it (empty for a skip). */
  evidence: CheckEvidence[];
  /** How to fix it, for `warn` and `fail`. */
  advice?: string;
}

/**
 * The result of {@link checkEndpoint}; `http-error-kit check --json` prints it.
 *
 * @example
 * const report: CheckReport = await checkEndpoint('http://127.0.0.1:3000/orders/42');
 * if (!report.ok) process.exitCode = 1;
 */
export interface CheckReport {
  /** The version of this shape: 1. */
  version: 1;
  /** The URL checked. */
  target: string;
  /** The random path on the same origin that the target is compared with. */
  sibling: string;
  /** `true` when no check failed. */
  ok: boolean;
  /** How many checks got each verdict. */
  counts: Record<Verdict, number>;
  /** Every check, grouped in the order of {@link CheckGroup}. */
  checks: CheckResult[];
  /** Every request sent, in order. */
  exchanges: CheckExchange[];
}

/**
 * Progress of a running check, for a progress line.
 *
 * @example
 * const onProgress = (p: CheckProgress) => process.stderr.write(`\r${p.done}/${p.total}`);
 */
export interface CheckProgress {
  /** Requests answered (or failed) so far. */
  done: number;
  /** Requests the check will send. */
  total: number;
  /** The request just finished. */
  exchange: CheckExchange;
}

/**
 * Options of {@link checkEndpoint}.
 *
 * @example
 * const options: CheckOptions = {
 *   token: process.env.API_TOKEN,
 *   headers: { 'x-tenant': 'acme' },
 * };
 */
export interface CheckOptions {
  /**
   * A valid access token, sent as `Authorization: Bearer …` on the requests that compare
   * answers with credentials (never printed). An `Authorization` or `Cookie` field in
   * `headers` counts as credentials too.
   */
  token?: string | undefined;
  /**
   * Header fields sent with every request, e.g. `{ 'x-api-version': '2' }`. The requests
   * without credentials leave out `Authorization` and `Cookie`.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /** The time limit of each request in milliseconds, 1 to 60,000; default 5,000. */
  timeout?: number | undefined;
  /** Called after each request. */
  onProgress?: ((progress: CheckProgress) => void) | undefined;
}
