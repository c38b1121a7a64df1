#!/usr/bin/env node
// `npm run bench`: every measurement of issue 9 against the built package (dist/, imported by
// name through the package's own exports), printed as one table of ratios measured side by
// side in this run, each target marked met or missed. Absolute times on a shared machine mean
// little; the ratios are what the targets are about.
//
//   node bench/run.mjs                  everything (about three and a half minutes on 2 cores)
//   node bench/run.mjs micro http       only some parts: micro, http, size, import
//   node bench/run.mjs --quick micro    shorter measurements, to try the script out
//
// The throughput servers listen on 127.0.0.1 only and stop with the run.

import { cpus } from 'node:os';
import { checkBudgets, kb, measureCompetitors, measureOurs } from '../scripts/size.mjs';
import { httpRows } from './http.mjs';
import { importRows } from './import.mjs';
import { info, printTable, target } from './lib.mjs';
import { microRows } from './micro.mjs';

const PARTS = ['micro', 'http', 'size', 'import'];

async function sizeRows() {
  const ours = await measureOurs();
  const rows = (await checkBudgets(ours)).map((row) =>
    target('7', `size, gzip: ${row.name}`, kb(row.gzip), `≤${kb(row.budget)}`, row.met),
  );
  const competitors = await measureCompetitors();
  for (const [label, size] of Object.entries(competitors)) {
    rows.push(info('7', `size, gzip: ${label}`, kb(size.gzip)));
  }
  return rows;
}

async function main(argv) {
  const quick = argv.includes('--quick');
  const asked = argv.filter((a) => !a.startsWith('--'));
  const unknown = asked.filter((a) => !PARTS.includes(a));
  if (unknown.length > 0) {
    console.error(`unknown part ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const parts = asked.length > 0 ? PARTS.filter((p) => asked.includes(p)) : PARTS;
  const started = Date.now();
  const rows = [];
  for (const part of parts) {
    const t0 = Date.now();
    process.stderr.write(`bench: ${part}…`);
    if (part === 'micro') rows.push(...(await microRows({ quick })));
    if (part === 'http') rows.push(...(await httpRows({ quick })));
    if (part === 'size') rows.push(...(await sizeRows()));
    if (part === 'import') rows.push(...importRows({ runs: quick ? 7 : 21 }));
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nhttp-error-kit benchmarks — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}${quick ? ', --quick' : ''}\n`,
  );
  printTable(rows);
  const targets = rows.filter((r) => r.met !== undefined);
  const missed = targets.filter((r) => !r.met).length;
  console.log(
    `\n${targets.length - missed} of ${targets.length} targets met, ${missed} missed (see bench/RESULTS.md); ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

await main(process.argv.slice(2));
