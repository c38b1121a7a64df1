// Throughput #5 (node:http) and #6 (Express 5) with autocannon on 127.0.0.1. Each server runs
// in its own process (bench/servers.mjs), the load generator in this one: one core each. The
// variants of a comparison are run in alternating rounds, short and bounded, and every ratio is
// the median of the ratios within each round.
//
// Two figures per variant: requests per second of wall time, as autocannon saw them, and
// requests per second of the server's own CPU time (its process.cpuUsage() before and after
// each run, over IPC). On a dedicated core a saturated server reaches the second figure; on
// this shared machine the first swings with whatever else runs, so the targets are judged on
// the second, and both are printed.

import { fork } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { info, median, rate, target, times } from './lib.mjs';

const serverScript = fileURLToPath(new URL('./servers.mjs', import.meta.url));

/** Forks the server of `variant`; resolves with its port and a `stop` function. */
function startServer(variant) {
  return new Promise((resolve, reject) => {
    const child = fork(serverScript, [variant], {
      // Express's default handler logs every error's stack: production mode, and out of sight.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`bench: server ${variant} did not start`));
    }, 10_000);
    child.once('message', ({ port }) => {
      clearTimeout(timer);
      resolve({
        port,
        /** @returns {Promise<{ served: number, cpu: { user: number, system: number } }>} */
        usage: () =>
          new Promise((done) => {
            child.once('message', done);
            child.send('usage');
          }),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(undefined);
            child.once('exit', () => done(undefined));
            child.disconnect();
            setTimeout(() => child.kill(), 2000).unref();
          }),
      });
    });
    child.once('error', reject);
  });
}

/** The raw bytes of one response to `GET /`, without the Date field. */
function rawResponse(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve(data.replace(/^Date: .*\r\n/im, '')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('bench: no response')));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  });
}

/**
 * Loads `server` for `seconds`; every answer must be a 403. Returns requests per second of wall
 * time and per second of the server's CPU time.
 */
async function load(server, seconds, connections) {
  const before = await server.usage();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/`,
    connections,
    duration: seconds,
    pipelining: 1,
  });
  if (result.errors > 0 || result.timeouts > 0 || result['4xx'] !== result.requests.total) {
    throw new Error(
      `bench: ${result.errors} errors, ${result.timeouts} timeouts, ${result['4xx']} 4xx of ${result.requests.total}`,
    );
  }
  const after = await server.usage();
  const cpuSeconds =
    (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;
  return {
    wall: result.requests.total / result.duration,
    cpu: (after.served - before.served) / cpuSeconds,
  };
}

/**
 * Runs the variants in `rounds` alternating rounds of `seconds` each, after a warmup. `wall`
 * and `cpu` are the medians of each figure; `ratio` is on the CPU figure, `wallRatio` on the
 * wall one.
 */
async function race(variants, { rounds, seconds, connections }) {
  const servers = {};
  try {
    for (const v of variants) servers[v] = await startServer(v);
    for (const v of variants) await load(servers[v], 1, connections); // warm up the JIT
    /** @type {Record<string, number>[]} */
    const perRound = [];
    for (let r = 0; r < rounds; r++) {
      const round = {};
      // Rotate the order, so that no variant always runs first (or last) in a round.
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const v of order) round[v] = await load(servers[v], seconds, connections);
      perRound.push(round);
    }
    const figure = (key) =>
      Object.fromEntries(variants.map((v) => [v, median(perRound.map((r) => r[v][key]))]));
    return {
      wall: figure('wall'),
      cpu: figure('cpu'),
      ratio: (a, b) => median(perRound.map((r) => r[a].cpu / r[b].cpu)),
      wallRatio: (a, b) => median(perRound.map((r) => r[a].wall / r[b].wall)),
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

const percent = (ratio) => `${(ratio * 100).toFixed(1)}%`;

/** The #5 and #6 rows. */
export async function httpRows({ quick = false } = {}) {
  const options = quick
    ? { rounds: 2, seconds: 1, connections: 8 }
    : { rounds: 8, seconds: 1.25, connections: 8 };
  const rows = [];

  // #5: first check that the three listeners write the identical bytes.
  const nodeVariants = ['node handle()', 'node hand-written', 'node constant bytes'];
  const probes = {};
  for (const v of nodeVariants) {
    const server = await startServer(v);
    try {
      probes[v] = await rawResponse(server.port);
    } finally {
      await server.stop();
    }
  }
  const identical = nodeVariants.every((v) => probes[v] === probes['node handle()']);
  if (!identical) {
    throw new Error(
      `bench: the #5 listeners answer different bytes:\n${JSON.stringify(probes, null, 2)}`,
    );
  }
  const node = await race(nodeVariants, options);
  const short = (v) => v.replace(/^(node|express) /, '');
  const figures = (result, variants) =>
    variants
      .map((v) => `${short(v)} ${rate(result.cpu[v])} (${rate(result.wall[v])} wall)`)
      .join(' · ');
  const both = (result, a, b, show) =>
    `${show(result.ratio(a, b))} (wall ${show(result.wallRatio(a, b))})`;
  rows.push(
    info(
      '5',
      `node:http, req per server CPU-second, ${options.connections} conns, ${options.rounds}×${options.seconds} s (same bytes: yes)`,
      figures(node, nodeVariants),
    ),
    target(
      '5',
      'node:http: handle() + thrown ForbiddenError / hand-written throw-catch-write',
      both(node, 'node handle()', 'node hand-written', percent),
      '≥95%',
      node.ratio('node handle()', 'node hand-written') >= 0.95,
    ),
    info(
      '5',
      'node:http: handle() / constant-bytes listener (the ceiling)',
      both(node, 'node handle()', 'node constant bytes', percent),
    ),
  );

  const expressVariants = [
    'express errorHandler()',
    'express hand-written',
    'express default + http-errors',
  ];
  const app = await race(expressVariants, options);
  rows.push(
    info(
      '6',
      `Express 5, req per server CPU-second, ${options.connections} conns, ${options.rounds}×${options.seconds} s`,
      figures(app, expressVariants),
    ),
    target(
      '6',
      'Express 5: errorHandler() / hand-written res.status().json()',
      both(app, 'express errorHandler()', 'express hand-written', times),
      '≥1×',
      app.ratio('express errorHandler()', 'express hand-written') >= 1,
    ),
    info(
      '6',
      "Express 5: errorHandler() / Express's default handler + http-errors",
      both(app, 'express errorHandler()', 'express default + http-errors', times),
    ),
  );
  return rows;
}
