// The report for people: one line per check, grouped, with the evidence and advice under each
// warning and failure. Colours only when asked for (the command line asks on a terminal).

import { plural, printable } from './shared.js';
import type { CheckGroup, CheckReport, CheckResult, Verdict } from './types.js';

/**
 * Options of {@link formatReport}.
 *
 * @example
 * const options: FormatOptions = { color: process.stdout.isTTY === true };
 */
export interface FormatOptions {
  /** Colour the verdicts with ANSI escapes; default `false`. */
  color?: boolean | undefined;
}

const GROUP_NAMES: Record<CheckGroup, string> = {
  connection: 'Connection',
  authentication: 'Authentication',
  methods: 'Methods',
  representation: 'Representation',
  leaks: 'Leaks',
  existence: 'Existence',
  caching: 'Caching',
};

const COLOURS: Record<Verdict | 'bold', string> = {
  pass: '32',
  warn: '33',
  fail: '31',
  skip: '2',
  bold: '1',
};

/** The URL without its origin: every exchange is on the target's origin. */
const pathOf = (url: string) => url.replace(/^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i, '');

/**
 * The report as text for a terminal or a log: the checks grouped by family, one line each with
 * its verdict and the section it cites, then under every warning and failure what was found,
 * the exchanges that show it and how to fix it. Ends with the counts.
 *
 * @example
 * const report = await checkEndpoint('http://127.0.0.1:3000/orders/42');
 * console.log(formatReport(report, { color: process.stdout.isTTY }));
 */
export function formatReport(report: CheckReport, options?: FormatOptions): string {
  if (typeof report !== 'object' || report === null || !Array.isArray(report.checks)) {
    throw new TypeError('report must be a CheckReport (the result of checkEndpoint)');
  }
  const paint = (code: keyof typeof COLOURS, text: string) =>
    options?.color === true ? `\u001b[${COLOURS[code]}m${text}\u001b[0m` : text;
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const exchange = (i: number) => {
    const x = report.exchanges[i];
    return x ? `${x.method} ${pathOf(x.url)} (${x.label})` : `request ${i + 1}`;
  };
  const lines = [
    `http-error-kit check ${printable(report.target)}`,
    `compared with ${printable(report.sibling)}`,
  ];
  let group: CheckGroup | undefined;
  for (const check of report.checks as CheckResult[]) {
    if (check.group !== group) {
      group = check.group;
      lines.push('', paint('bold', GROUP_NAMES[group] ?? printable(String(group))));
    }
    const title = printable(check.title);
    const label = paint(check.verdict, check.verdict.toUpperCase().padEnd(4));
    const spec = check.spec === undefined ? '' : `  ${printable(check.spec)}`;
    lines.push(`  ${label}  ${check.spec === undefined ? title : title.padEnd(width)}${spec}`);
    if (check.verdict === 'pass') continue;
    const detail = (text: string) => lines.push(`        ${text}`);
    detail(
      check.verdict === 'skip' ? paint('skip', printable(check.message)) : printable(check.message),
    );
    for (const e of check.evidence)
      detail(`${printable(exchange(e.exchange))}: ${printable(e.note)}`);
    if (check.advice !== undefined) detail(`→ ${printable(check.advice)}`);
  }
  const { pass, warn, fail, skip } = report.counts;
  lines.push(
    '',
    [
      plural(report.exchanges.length, 'request'),
      paint('pass', `${pass} passed`),
      paint('warn', plural(warn, 'warning')),
      paint('fail', `${fail} failed`),
      paint('skip', `${skip} skipped`),
    ].join(' · '),
  );
  return `${lines.join('\n')}\n`;
}
