/// <reference types="node" />
// `http-error-kit check <url>`: runs checkEndpoint and prints its report, as a table for people
// or as JSON for machines. A progress line goes to stderr, only when stderr is a terminal (so
// logs and pipes get the report alone); colours only when stdout is a terminal and NO_COLOR is
// unset.

import { checkEndpoint, formatReport } from '../check/index.js';
import type { CheckProgress } from '../check/types.js';

/** Where the command writes, and the environment it reads. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

export const CHECK_HELP = `Usage: http-error-kit check <url> [--token TOKEN] [--header 'Name: value']... [--json]

Audits the error responses of a running HTTP API against the RFCs: sends at most
20 requests (GET, HEAD and PROPFIND only) to <url> and to a random path next to
it, on that origin only, and reports each check as PASS, WARN, FAIL or SKIP with
the section it cites and the evidence.

Options:
  --token TOKEN          a valid Bearer token, for the answers with credentials
  --header 'Name: value' a header field for every request (repeatable); the
                         requests without credentials leave out Authorization
                         and Cookie
  --json                 print the report as JSON (the CheckReport type of
                         http-error-kit/check)
  -h, --help             show this help

Exit status: 0 when no check failed, 1 when one did, 2 for bad usage.
`;

const usage = (io: CliIo, message: string): number => {
  io.stderr.write(`http-error-kit check: ${message}\nRun http-error-kit check --help for usage.\n`);
  return 2;
};

// JSON.stringify escapes C0 controls but not C1 controls or bidirectional overrides, which a
// terminal may act on: these come from the server under test, so they are escaped too.
const escapeUnprintable = (json: string) =>
  json.replace(
    /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * Runs `check` with the arguments after the word `check`; resolves with the exit code.
 *
 * @example
 * const code = await runCheck(['http://127.0.0.1:3000/orders/42', '--json'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 * });
 */
export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const words: string[] = [];
  const headers: Record<string, string> = {};
  let token: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '-h' || flag === '--help') {
      io.stdout.write(CHECK_HELP);
      return 0;
    } else if (flag === '--json') json = true;
    else if (flag === '--token') {
      token = value();
      if (token === undefined) return usage(io, '--token needs a value');
    } else if (flag === '--header' || flag === '-H') {
      const field = value() ?? '';
      const colon = field.indexOf(':');
      if (colon < 1) return usage(io, `--header needs "Name: value", got ${JSON.stringify(field)}`);
      headers[field.slice(0, colon).trim()] = field.slice(colon + 1).trim();
    } else if (flag.startsWith('-')) return usage(io, `unknown option ${flag}`);
    else words.push(arg);
  }
  if (words.length !== 1)
    return usage(
      io,
      words.length === 0
        ? 'which URL? Give one, e.g. http://127.0.0.1:3000/orders/42'
        : 'give one URL',
    );
  const progress = io.stderr.isTTY === true;
  const onProgress = ({ done, total, exchange }: CheckProgress) => {
    const answer = exchange.status ?? exchange.error;
    io.stderr.write(
      `\r\u001b[2Kchecking ${done}/${total}: ${exchange.method} (${exchange.label}) → ${answer}`,
    );
  };
  let report: Awaited<ReturnType<typeof checkEndpoint>>;
  try {
    report = await checkEndpoint(words[0] as string, {
      token,
      headers,
      onProgress: progress ? onProgress : undefined,
    });
  } catch (err) {
    // checkEndpoint throws only TypeError, for arguments it refuses.
    return usage(io, (err as TypeError).message);
  } finally {
    if (progress) io.stderr.write('\r\u001b[2K');
  }
  const color = io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
  io.stdout.write(
    json
      ? `${escapeUnprintable(JSON.stringify(report, null, 2))}\n`
      : formatReport(report, { color }),
  );
  return report.ok ? 0 : 1;
}
