// @ts-check
// `npm run soak`: a fault-injecting load test of the built package. A node:http server wrapped
// in `handle` and an Express 5 app with `errorHandler`, both on 127.0.0.1, take a bounded load
// from a worker thread that mixes thrown errors of every status, async rejections, an `onError`
// that throws and one that rejects, errors of HTTP clients (axios, `ensureOk`) about a local
// upstream that sends a secret and a cookie, an SDK-like error with a cookie header, clients that abort mid-request and mid-upload, large unread request bodies on
// keep-alive connections, errors after the headers were sent, HEAD requests and body-parser
// failures. Every completed response is checked (status, headers, Content-Length, a body
// well-formed in the negotiated format, no secret in it).
//
// Pass: no crash, no unhandledRejection or uncaughtException, no malformed response, no
// request left hanging, the heap of live objects (compiled code aside) after the run and a
// forced GC within 10% of the same after the warm-up, and no server socket left open. Prints
// the figures; exits 1 on failure.
//
//   node scripts/soak.mjs [--duration <seconds>] [--connections <n>]    (default 20 s, 50)
//
// It imports the package by name, which resolves to dist/: `npm run soak` builds it first.

import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import axios from 'axios';
import express from 'express';
import { createHttpError, isErrorStatus, negotiate } from 'http-error-kit';
import { errorHandler, notFound } from 'http-error-kit/express';
import { ensureOk } from 'http-error-kit/fetch';
import { handle } from 'http-error-kit/node';

/** Marks what must never reach a client: found in a body, it leaked. */
const SECRET = 'SECRET-db-password-hunter2';
const STATUSES = Array.from({ length: 200 }, (_, i) => 400 + i).filter(isErrorStatus);
const REQUIRED = /** @type {Record<number, object>} */ ({
  405: { allow: ['GET', 'HEAD'] },
  407: { challenge: { scheme: 'Basic', params: { realm: 'soak' } } },
  426: { upgrade: 'h2c' },
});
const MEDIA = /** @type {Record<string, string>} */ ({
  'problem+json': 'application/problem+json',
  json: 'application/json',
  'problem+xml': 'application/problem+xml',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
});
const HEAP_LIMIT = 0.1;

// ---------------------------------------------------------------------------------------------
// Servers (main thread)

/**
 * The error a route throws: a 5xx carries the secret in its detail and an extension, which
 * must be redacted; a 4xx shows them, so it carries the secret only in its cause.
 * @param {number} status
 */
function errorFor(status) {
  const hidden = status >= 500;
  return createHttpError(/** @type {400} */ (status), hidden ? SECRET : `Detail of ${status}`, {
    ...REQUIRED[status],
    extensions: { token: hidden ? SECRET : 'visible' },
    cause: new Error(SECRET),
  });
}

/** The origin of the upstream the `upstream` routes call; set by `main`. */
let upstreamOrigin = '';

/** The status the BFF answers for each kind of upstream failure. */
const UPSTREAM_STATUS = /** @type {Record<string, number>} */ ({
  axios: 502,
  fetch: 502,
  sdk: 401,
});

/**
 * Fails like a BFF whose upstream answered 401 with a secret and a cookie: through axios, through
 * `ensureOk`, or as an SDK-like error (a status and the upstream's headers).
 * @param {string | undefined} client
 */
async function upstreamFailure(client) {
  if (client === 'axios') await axios.get(upstreamOrigin);
  else if (client === 'fetch') await ensureOk(await fetch(upstreamOrigin));
  throw Object.assign(new Error(`Invalid API key ${SECRET}`), {
    statusCode: 401,
    headers: { 'set-cookie': `sess=${SECRET}`, 'www-authenticate': 'Basic realm="upstream"' },
  });
}

/** An upstream that refuses every request, with a secret in its body and a cookie. */
function upstreamServer() {
  return http.createServer((_req, res) => {
    res.writeHead(401, {
      'content-type': 'application/problem+json',
      'set-cookie': `sess=${SECRET}`,
      'www-authenticate': 'Basic realm="upstream"',
    });
    res.end(JSON.stringify({ type: 'about:blank', status: 401, detail: SECRET }));
  });
}

/** @param {string | undefined} segment */
function statusOf(segment) {
  const status = Number(segment);
  return isErrorStatus(status) ? status : 500;
}

/** The routes both servers share, by the first path segment. */
const nodeRoutes = /** @type {import('node:http').RequestListener} */ (
  async (req, res) => {
    const [, kind, code] = (req.url ?? '/').split('/');
    const status = statusOf(code);
    switch (kind) {
      case 'throw':
        throw errorFor(status);
      case 'async':
        await delay(1);
        throw errorFor(status);
      case 'plain':
        throw new Error(`${SECRET} in a plain error`);
      case 'slow':
        await delay(30);
        throw errorFor(status);
      case 'body':
        // The request body is never read.
        throw errorFor(status);
      case 'partial':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial content, then ');
        await delay(1);
        throw new Error(`${SECRET} after the headers were sent`);
      case 'upstream':
        return upstreamFailure(code);
      case 'ok':
        res.end('ok');
        return;
      default:
        throw createHttpError(404);
    }
  }
);

/**
 * @param {{ reported: number, reportFailed: number }} counters
 */
function nodeServer(counters) {
  const normal = handle(nodeRoutes, {
    instance: (req) => req.url,
    extensions: { service: 'soak' },
    onError: () => {
      counters.reported++;
    },
  });
  const throwing = handle(nodeRoutes, {
    onError: () => {
      counters.reportFailed++;
      throw new Error('the logger is down');
    },
  });
  const rejecting = handle(nodeRoutes, {
    onError: async () => {
      counters.reportFailed++;
      throw new Error('the logger is down');
    },
  });
  return http.createServer((req, res) => {
    if (req.url?.startsWith('/onerror-async')) {
      req.url = req.url.slice('/onerror-async'.length);
      rejecting(req, res);
    } else if (req.url?.startsWith('/onerror')) {
      req.url = req.url.slice('/onerror'.length);
      throwing(req, res);
    } else {
      normal(req, res);
    }
  });
}

/**
 * @param {{ reported: number, reportFailed: number }} counters
 */
function expressServer(counters) {
  const app = express();
  const routes = express.Router();
  routes.get('/throw/:code', (req) => {
    throw errorFor(statusOf(req.params.code));
  });
  routes.get('/async/:code', async (req) => {
    await delay(1);
    throw errorFor(statusOf(req.params.code));
  });
  routes.get('/slow/:code', async (req) => {
    await delay(30);
    throw errorFor(statusOf(req.params.code));
  });
  routes.get('/plain', () => {
    throw new Error(`${SECRET} in a plain error`);
  });
  routes.post('/body/:code', (req) => {
    throw errorFor(statusOf(req.params.code));
  });
  routes.post('/json', express.json({ limit: '1kb' }), (_req, res) => {
    res.json({ ok: true });
  });
  routes.get('/partial', async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial content, then ');
    await delay(1);
    throw new Error(`${SECRET} after the headers were sent`);
  });
  routes.get('/upstream/:client', async (req) => {
    await upstreamFailure(req.params.client);
  });
  routes.get('/ok', (_req, res) => {
    res.send('ok');
  });

  const throwing = express.Router();
  throwing.use(routes);
  throwing.use(
    errorHandler({
      onError: () => {
        counters.reportFailed++;
        throw new Error('the logger is down');
      },
    }),
  );
  const rejecting = express.Router();
  rejecting.use(routes);
  rejecting.use(
    errorHandler({
      onError: async () => {
        counters.reportFailed++;
        throw new Error('the logger is down');
      },
    }),
  );
  app.use('/onerror-async', rejecting);
  app.use('/onerror', throwing);
  app.use(routes);
  app.use(notFound());
  app.use(
    errorHandler({
      instance: (req) => req.originalUrl,
      extensions: () => ({ service: 'soak' }),
      onError: () => {
        counters.reported++;
      },
    }),
  );
  // Express's final handler, which gets the errors after the headers were sent and closes
  // the connection, logs their stacks unless the env is 'test'.
  app.set('env', 'test');
  return http.createServer(app);
}

/** @param {http.Server} server */
async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** @param {http.Server} server @param {Set<import('node:net').Socket>} open */
function trackSockets(server, open) {
  let opened = 0;
  server.on('connection', (socket) => {
    opened++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  return () => opened;
}

/** @param {http.Server} server */
function trackResponses(server) {
  const inFlight = new Set();
  server.on('request', (_req, res) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  return inFlight;
}

function gcFunction() {
  v8.setFlagsFromString('--expose-gc');
  return /** @type {() => void} */ (vm.runInNewContext('gc'));
}

/**
 * The bytes of live objects: the heap in use without the code spaces. Compiled code grows while
 * the load keeps optimizing hot functions (about 0.5 MB in a 3 s run here), which is not a leak
 * and would otherwise be most of the growth a short run measures.
 */
function objectHeap() {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (!space.space_name.startsWith('code_')) used += space.space_used_size;
  }
  return used;
}

/** Collects until the heap stops shrinking, then returns the bytes of live objects. */
async function settledHeap(/** @type {() => void} */ gc) {
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 10; i++) {
    await delay(50);
    gc();
    const used = objectHeap();
    if (used >= last * 0.995) return used;
    last = used;
  }
  return last;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { duration: 20, connections: 50 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = String(argv[i]).split('=', 2);
    const value = inline ?? argv[++i];
    const number = Number(value);
    if ((flag === '--duration' || flag === '--connections') && number > 0) {
      options[flag === '--duration' ? 'duration' : 'connections'] = number;
    } else {
      process.stderr.write(
        `soak: bad argument ${argv[i] ?? flag}\nUsage: soak.mjs [--duration <seconds>] [--connections <n>]\n`,
      );
      process.exit(2);
    }
  }
  options.connections = Math.max(2, Math.round(options.connections));
  return options;
}

const mb = (/** @type {number} */ bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;

async function main() {
  const { duration, connections } = parseArgs(process.argv.slice(2));
  const faults = { uncaughtException: 0, unhandledRejection: 0 };
  process.on('uncaughtException', (err) => {
    faults.uncaughtException++;
    process.stderr.write(`uncaughtException: ${err?.stack ?? err}\n`);
  });
  process.on('unhandledRejection', (err) => {
    faults.unhandledRejection++;
    process.stderr.write(`unhandledRejection: ${/** @type {Error} */ (err)?.stack ?? err}\n`);
  });
  const gc = gcFunction();
  // Whatever happens, the soak ends: a run that hangs is a failure.
  const limit = (duration + 60) * 1000;
  setTimeout(() => {
    process.stdout.write(`soak: FAIL (still running after ${limit / 1000} s)\n`);
    process.exit(1);
  }, limit).unref();

  const counters = {
    node: { reported: 0, reportFailed: 0 },
    express: { reported: 0, reportFailed: 0 },
  };
  const upstream = upstreamServer();
  upstreamOrigin = `http://127.0.0.1:${await listen(upstream)}/`;
  // Load both clients (Node's fetch is loaded on first use) before the heap is measured.
  for (const client of Object.keys(UPSTREAM_STATUS)) await upstreamFailure(client).catch(() => {});
  const servers = { node: nodeServer(counters.node), express: expressServer(counters.express) };
  const open = new Set();
  const opened = [trackSockets(servers.node, open), trackSockets(servers.express, open)];
  const inFlight = [trackResponses(servers.node), trackResponses(servers.express)];
  const ports = { node: await listen(servers.node), express: await listen(servers.express) };

  const warmup = Math.min(3, Math.max(1, duration * 0.15));
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { ports, connections, duration, warmup },
  });
  const started = performance.now();
  /** @type {number | undefined} */
  let heapBefore;
  /** @type {any} */
  const result = await new Promise((resolve, reject) => {
    worker.on('message', async (message) => {
      if (message.type === 'warm') {
        heapBefore = await settledHeap(gc);
        worker.postMessage({ type: 'go' });
      } else if (message.type === 'done') {
        resolve(message);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the load worker exited with ${code}`)));
  });
  await worker.terminate();

  // The clients have closed their sockets: every server socket must follow.
  const closedBy = performance.now() + 3000;
  while (open.size > 0 && performance.now() < closedBy) await delay(20);
  const leftOpen = open.size;
  const hanging = inFlight[0].size + inFlight[1].size;
  for (const socket of open) socket.destroy();
  upstream.closeAllConnections();
  await Promise.all(
    [...Object.values(servers), upstream].map(
      (server) => new Promise((resolve) => server.close(resolve)),
    ),
  );
  const heapAfter = await settledHeap(gc);
  const elapsed = (performance.now() - started) / 1000;

  // Figures.
  const print = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
  const totals = result.totals;
  print(
    `soak: ${duration} s of load (+${warmup.toFixed(1)} s warm-up), ${connections} connections, ` +
      `node:http handle + Express 5 errorHandler on 127.0.0.1, ${elapsed.toFixed(1)} s in all`,
  );
  print(
    `requests: ${totals.sent} sent, ${totals.completed} completed and checked ` +
      `(${Math.round(totals.sent / duration)}/s)`,
  );
  const columns = ['sent', 'checked', 'aborted', 'broken', 'reset', 'FAILED', 'mean ms'];
  print(`  ${'kind'.padEnd(14)}${columns.map((h) => h.padStart(9)).join('')}`);
  for (const [kind, row] of Object.entries(result.kinds).sort()) {
    const mean = row.sent > 0 ? (row.ms / row.sent).toFixed(1) : '-';
    const cells = [row.sent, row.checked, row.aborted, row.broken, row.reset, row.failed, mean];
    print(`  ${kind.padEnd(14)}${cells.map((n) => String(n).padStart(9)).join('')}`);
  }
  print(
    '  (aborted: the client gave up mid-request or mid-upload, as meant; broken: the response ' +
      'was cut off after the headers were sent, as meant; reset: the server closed a connection ' +
      'whose body was over drainLimit)',
  );
  const statuses = Object.entries(result.statuses)
    .map(([range, n]) => `${range} ${n}`)
    .join(', ');
  print(`statuses: ${statuses}`);
  print(
    `onError calls: node ${counters.node.reported} (+${counters.node.reportFailed} that threw ` +
      `or rejected), express ${counters.express.reported} (+${counters.express.reportFailed} ` +
      'that threw or rejected)',
  );
  const growth = heapBefore === undefined ? Number.NaN : heapAfter / heapBefore - 1;
  print(
    `heap (live objects): ${mb(heapBefore ?? 0)} after warm-up, ${mb(heapAfter)} after the run and a forced GC ` +
      `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%, limit +${HEAP_LIMIT * 100}%)`,
  );
  print(
    `sockets: ${opened[0]() + opened[1]()} opened on the servers, ${leftOpen} left open, ` +
      `${hanging} responses left unfinished`,
  );
  print(
    `faults: ${faults.uncaughtException} uncaughtException, ${faults.unhandledRejection} ` +
      `unhandledRejection (server); ${result.faults} in the load worker`,
  );

  const failures = [];
  if (faults.uncaughtException + faults.unhandledRejection + result.faults > 0) {
    failures.push('uncaught exceptions or unhandled rejections');
  }
  if (totals.failed > 0) failures.push(`${totals.failed} malformed or failed requests`);
  if (totals.completed === 0) failures.push('no request completed');
  if (!(growth <= HEAP_LIMIT)) failures.push(`heap grew by more than ${HEAP_LIMIT * 100}%`);
  if (leftOpen > 0) failures.push(`${leftOpen} sockets left open`);
  if (hanging > 0) failures.push(`${hanging} responses never finished`);
  for (const example of result.examples) print(`  failure: ${example}`);
  if (failures.length > 0) {
    print(`soak: FAIL (${failures.join('; ')})`);
    process.exitCode = 1;
  } else {
    print(
      `soak: PASS (${totals.sent} requests, heap ${(growth * 100).toFixed(1)}%, 0 sockets open)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Load (worker thread)

/**
 * @typedef {{ sent: number, checked: number, aborted: number, broken: number, reset: number, failed: number, ms: number }} Row
 * @typedef {{ server: 'node' | 'express', method: string, path: string, status: number,
 *   body?: Buffer, accept?: string, expect: 'response' | 'abort' | 'abort-upload' | 'broken' | 'maybe-reset',
 *   contentType?: string, secretInRequest?: boolean }} Plan
 */

const ACCEPTS = [
  undefined,
  'application/json',
  'application/problem+json',
  'application/json, application/problem+json;q=0',
  'application/xml',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'text/plain',
  '*/*',
];
const SMALL_BODY = Buffer.alloc(256 * 1024, 'a');
const LARGE_BODY = Buffer.alloc(2 * 1024 * 1024, 'b');
const BAD_JSON = Buffer.from(`{"password":"${SECRET}", oops`);
const BIG_JSON = Buffer.from(JSON.stringify({ password: SECRET, pad: 'x'.repeat(4096) }));

/** @template T @param {readonly T[]} list @returns {T} */
const pick = (list) => /** @type {T} */ (list[Math.floor(Math.random() * list.length)]);

/** One request of a kind chosen at random, with what its answer must be. */
function plan() {
  const server = Math.random() < 0.5 ? 'node' : 'express';
  const status = pick(STATUSES);
  const accept = pick(ACCEPTS);
  const weighted = [
    ['throw', 6],
    ['async', 3],
    ['onerror', 2],
    ['onerror-async', 1],
    ['upstream', 2],
    ['plain', 1],
    ['head', 2],
    ['abort', 1],
    ['abort-upload', 1],
    ['body-small', 1],
    ['body-large', 1],
    ['partial', 1],
    ['ok', 1],
    ['not-found', 1],
    ...(server === 'express'
      ? [
          ['json-bad', 1],
          ['json-large', 1],
        ]
      : []),
  ];
  let roll = Math.random() * weighted.reduce((sum, [, w]) => sum + Number(w), 0);
  let kind = 'throw';
  for (const [name, w] of weighted) {
    roll -= Number(w);
    if (roll < 0) {
      kind = String(name);
      break;
    }
  }
  /** @type {Plan} */
  const base = { server, method: 'GET', path: `/throw/${status}`, status, expect: 'response' };
  if (accept !== undefined) base.accept = accept;
  switch (kind) {
    case 'async':
      return { kind, ...base, path: `/async/${status}` };
    case 'onerror':
      return { kind, ...base, path: `/onerror/${pick(['throw', 'async'])}/${status}` };
    case 'onerror-async':
      return { kind, ...base, path: `/onerror-async/${pick(['throw', 'async'])}/${status}` };
    case 'upstream': {
      const client = pick(Object.keys(UPSTREAM_STATUS));
      return { kind, ...base, path: `/upstream/${client}`, status: UPSTREAM_STATUS[client] ?? 500 };
    }
    case 'plain':
      return { kind, ...base, path: '/plain', status: 500 };
    case 'head':
      return { kind, ...base, method: 'HEAD' };
    case 'abort':
      return { kind, ...base, path: `/slow/${status}`, expect: 'abort' };
    case 'abort-upload':
      return {
        kind,
        ...base,
        method: 'POST',
        path: `/body/${status}`,
        body: LARGE_BODY,
        expect: 'abort-upload',
      };
    case 'body-small':
      return { kind, ...base, method: 'POST', path: `/body/${status}`, body: SMALL_BODY };
    case 'body-large':
      return {
        kind,
        ...base,
        method: 'POST',
        path: `/body/${status}`,
        body: LARGE_BODY,
        expect: 'maybe-reset',
      };
    case 'partial':
      return { kind, ...base, path: '/partial', status: 200, expect: 'broken' };
    case 'ok':
      return { kind, ...base, path: '/ok', status: 200 };
    case 'not-found':
      return { kind, ...base, path: '/no/such/route', status: 404 };
    case 'json-bad':
      return {
        kind,
        ...base,
        method: 'POST',
        path: '/json',
        status: 400,
        body: BAD_JSON,
        contentType: 'application/json',
      };
    case 'json-large':
      return {
        kind,
        ...base,
        method: 'POST',
        path: '/json',
        status: 413,
        body: BIG_JSON,
        contentType: 'application/json',
      };
    default:
      return { kind: 'throw', ...base };
  }
}

/**
 * Checks a completed response against its plan; returns what is wrong, or undefined.
 * @param {Plan} p @param {http.IncomingMessage} res @param {Buffer} raw
 */
function check(p, res, raw) {
  const body = raw.toString('utf8');
  if (res.statusCode !== p.status) return `status ${res.statusCode}, expected ${p.status}`;
  if (body.includes(SECRET)) return 'a secret leaked into the body';
  if (res.headers['set-cookie'] !== undefined) return 'a Set-Cookie reached the client';
  if (p.status === 200) return body === (p.method === 'HEAD' ? '' : 'ok') ? undefined : 'bad 200';
  const h = res.headers;
  const type = MEDIA[negotiate(p.accept)];
  if (h['content-type'] !== type) return `content-type ${h['content-type']}, expected ${type}`;
  if (h['x-content-type-options'] !== 'nosniff') return 'no nosniff';
  if (h['cache-control'] !== 'no-store') return 'no Cache-Control: no-store';
  if (p.status === 401 && !h['www-authenticate']) return '401 without WWW-Authenticate';
  if (p.status === 405 && h.allow === undefined) return '405 without Allow';
  const length = Number(h['content-length']);
  if (p.method === 'HEAD') {
    if (raw.length !== 0) return 'a body for HEAD';
    return length > 0 ? undefined : 'HEAD without the Content-Length of GET';
  }
  if (length !== raw.length) return `content-length ${length}, body ${raw.length} bytes`;
  switch (negotiate(p.accept)) {
    case 'problem+json':
    case 'json': {
      let problem;
      try {
        problem = JSON.parse(body);
      } catch {
        return 'invalid JSON';
      }
      return problem.status === p.status ? undefined : `status member ${problem.status}`;
    }
    case 'problem+xml':
      return body.startsWith('<?xml') && body.includes(`<status>${p.status}</status>`)
        ? undefined
        : 'bad XML';
    case 'html':
      return body.includes(`<p class="status">${p.status}</p><h1>`) ? undefined : 'bad HTML';
    default:
      return body.startsWith(`${p.status} `) ? undefined : 'bad text';
  }
}

/**
 * @param {{ ports: Record<string, number>, connections: number, duration: number, warmup: number }} options
 */
async function load({ ports, connections, duration, warmup }) {
  let faults = 0;
  process.on('uncaughtException', () => faults++);
  process.on('unhandledRejection', () => faults++);
  const port = /** @type {MessagePort} */ (/** @type {unknown} */ (parentPort));

  /** @type {Record<string, Row>} */
  const kinds = {};
  /** @type {Record<string, number>} */
  const statuses = {};
  /** @type {string[]} */
  const examples = [];
  const totals = { sent: 0, completed: 0, failed: 0 };
  let counting = false;

  /** @param {string} kind @param {keyof Row} outcome @param {string} [why] */
  function record(kind, outcome, why) {
    if (!counting) return;
    kinds[kind] ??= { sent: 0, checked: 0, aborted: 0, broken: 0, reset: 0, failed: 0, ms: 0 };
    const row = /** @type {Row} */ (kinds[kind]);
    row[outcome]++;
    if (outcome === 'failed') {
      totals.failed++;
      if (why !== undefined && examples.length < 10) examples.push(`${kind}: ${why}`);
    }
  }

  /** One request on `agent`; resolves once it is settled, whatever happened. */
  function request(/** @type {http.Agent} */ agent) {
    const p = /** @type {Plan & { kind: string }} */ (plan());
    if (counting) {
      totals.sent++;
      record(p.kind, 'sent');
    }
    const start = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (/** @type {keyof Row} */ outcome, /** @type {string} */ why = '') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        record(p.kind, outcome, why);
        const row = kinds[p.kind];
        if (counting && row !== undefined) row.ms += performance.now() - start;
        resolve(undefined);
      };
      /** @type {http.OutgoingHttpHeaders} */
      const headers = {};
      if (p.accept !== undefined) headers.accept = p.accept;
      if (p.body !== undefined) {
        headers['content-type'] = p.contentType ?? 'application/octet-stream';
        headers['content-length'] = p.body.length;
      }
      const req = http.request({
        agent,
        host: '127.0.0.1',
        port: ports[p.server],
        method: p.method,
        path: p.path,
        headers,
      });
      const timer = setTimeout(() => {
        done('failed', `no answer in 10 s to ${p.method} ${p.path}`);
        req.destroy();
      }, 10_000);
      req.on('error', (err) => {
        const code = /** @type {NodeJS.ErrnoException} */ (err).code ?? err.message;
        if (p.expect === 'abort' || p.expect === 'abort-upload') done('aborted');
        else if (p.expect === 'broken') done('broken');
        else if (p.expect === 'maybe-reset' && (code === 'ECONNRESET' || code === 'EPIPE'))
          done('reset');
        else done('failed', `${p.method} ${p.path}: ${code}`);
      });
      req.on('response', (res) => {
        const chunks = /** @type {Buffer[]} */ ([]);
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('aborted', () => {
          if (p.expect === 'broken') done('broken');
          else if (p.expect === 'abort' || p.expect === 'abort-upload') done('aborted');
          else done('failed', `${p.method} ${p.path}: response cut off`);
        });
        res.on('error', () => {});
        res.on('end', () => {
          if (settled) return;
          if (p.expect === 'broken') {
            done('failed', `${p.path}: a cut-off response looked complete`);
            return;
          }
          if (counting) {
            totals.completed++;
            const range = `${String(res.statusCode).slice(0, 1)}xx`;
            statuses[range] = (statuses[range] ?? 0) + 1;
          }
          const why = check(p, res, Buffer.concat(chunks));
          done(why === undefined ? 'checked' : 'failed', why);
        });
      });
      if (p.expect === 'abort') {
        req.end();
        setTimeout(() => req.destroy(), 2 + Math.random() * 20);
      } else if (p.expect === 'abort-upload') {
        req.write(/** @type {Buffer} */ (p.body).subarray(0, 64 * 1024));
        setTimeout(() => req.destroy(), 1 + Math.random() * 5);
      } else {
        req.end(p.body);
      }
    });
  }

  let stopAt = 0;
  /** @type {http.Agent[]} */
  const agents = [];
  async function run(/** @type {number} */ seconds) {
    stopAt = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async (_, i) => {
        agents[i] ??= new http.Agent({ keepAlive: true, maxSockets: 1 });
        while (performance.now() < stopAt) await request(/** @type {http.Agent} */ (agents[i]));
      }),
    );
  }

  await run(warmup);
  port.postMessage({ type: 'warm' });
  await new Promise((resolve) => port.once('message', resolve));
  counting = true;
  await run(duration);
  counting = false;
  for (const agent of agents) agent.destroy();
  port.postMessage({ type: 'done', kinds, statuses, totals, examples, faults });
}

// Last, so that every constant above is initialized: the main thread serves and measures, the
// worker thread (this same file) makes the load.
if (isMainThread) {
  try {
    await main();
  } catch (err) {
    process.stdout.write(`soak: FAIL (${/** @type {Error} */ (err)?.stack ?? err})\n`);
    process.exit(1);
  }
} else {
  await load(workerData);
}
