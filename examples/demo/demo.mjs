// @ts-check
// `npm run demo`: starts the demo server on an ephemeral port of 127.0.0.1, runs the scripted
// client against it and prints every exchange. Exits 0 when every exchange got the status it
// expected, 1 otherwise, so the demo doubles as a smoke test of the built package.
//
//   node examples/demo/demo.mjs           run the exchanges, then stop
//   node examples/demo/demo.mjs --serve   run them, then keep serving until Ctrl-C

import { runScenarios, SCENARIOS, TRACEPARENT } from './client.mjs';
import { createDemoServer } from './server.mjs';

const args = process.argv.slice(2);
const serve = args.includes('--serve');
const unknown = args.filter((arg) => arg !== '--serve');
if (unknown.length > 0) {
  process.stderr.write(`Unknown argument: ${unknown[0]}\nUsage: demo.mjs [--serve]\n`);
  process.exit(2);
}

/** @param {string} line */
const print = (line) => process.stdout.write(`${line}\n`);

/** Server log lines not printed yet; printed live once the script is over. */
let logged = /** @type {string[] | undefined} */ ([]);
const server = createDemoServer({
  log: (line) => {
    if (logged) logged.push(line);
    else print(`server log: ${line}`);
  },
});

await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
const origin = `http://127.0.0.1:${address.port}`;

print('http-error-kit demo');
print(`A node:http server wrapped in handle() from http-error-kit/node, on ${origin}`);
print('Tokens: user-token is user 456 (role user), admin-token is user 1 (role admin);');
print('any other Bearer token is invalid.');
print('Each exchange: "> " the request, "< " the status line and headers, then the body.');

const { exchanges, failures } = await runScenarios({
  origin,
  print,
  serverLog: () => (logged ? logged.splice(0) : []),
});
logged = undefined;

print('');
if (failures.length > 0) {
  process.stderr.write(
    `${failures.length} of ${exchanges} exchanges did not go as expected:\n${failures
      .map((failure) => `  ${failure}\n`)
      .join('')}`,
  );
  process.exitCode = 1;
} else {
  print(`All ${exchanges} exchanges in ${SCENARIOS.length} scenarios got the expected status.`);
  if (!serve) print('Run it with --serve to keep the server running and try it with curl.');
}

function stop() {
  server.close();
  server.closeAllConnections();
}

if (serve && failures.length === 0) {
  const curl = `curl -i ${origin}`;
  print(
    [
      '',
      `Serving on ${origin} until Ctrl-C. Try:`,
      `  ${curl}/user-data/123 -X DELETE -H 'Authorization: Bearer user-token'`,
      `  ${curl}/user-data/123 -X DELETE -H 'Authorization: Bearer wrong-token'`,
      `  ${curl}/admin-dashboard -H 'Authorization: Bearer admin-token'`,
      `  ${curl}/protected -H 'Authorization: Bearer user-token' -H 'Accept: text/html'`,
      `  ${curl}/search    (twice)`,
      `  ${curl}/crash -H 'traceparent: ${TRACEPARENT}'`,
    ].join('\n'),
  );
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      print('');
      print('Stopped.');
      stop();
    });
  }
} else {
  stop();
}
