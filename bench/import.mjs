// #8 Cold import time: each measurement is a fresh `node` process that times one `import()`
// (or `require`) of a package, so nothing is cached in memory. Libraries are interleaved run by
// run, so that a noisy moment hits all of them alike; the median of each is reported. The
// target is judged on the CPU time the import took in that process (wall time on this shared
// machine includes whatever else ran), and both are printed.
//
// Two references are measured alongside: an empty module imported by path (what any import
// costs in a fresh process) and an empty package imported by name (bench/fixtures/node_modules/
// empty-package: that plus resolving a package by name, which on Node 20 costs a few ms the
// first time in a process). What a library adds on top of the empty package is its own cost.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { info, median, target, times } from './lib.mjs';

// A third measurement splits our own cold ESM import into the loader's phases (bench/fixtures/
// phases-child.mjs): reading the files, compiling them, linking, evaluating. It says where a
// cut would come from: compiling grows with the amount of code in the files, evaluating with
// the work done at load.

// The child lives next to the fixture package, so that `empty-package` resolves by name from it
// (and `http-error-kit` still resolves to this package, and the others from its node_modules).
const child = fileURLToPath(new URL('./fixtures/import-child.mjs', import.meta.url));

/**
 * Milliseconds one fresh process took to load `specifier` (`mode`: `import` or `require`), as
 * `{ wall, cpu }`.
 */
export function coldImport(specifier, mode) {
  const out = execFileSync(process.execPath, [child, specifier, mode], { encoding: 'utf8' });
  const [wall, cpu] = out.trim().split(' ').map(Number);
  return { wall, cpu };
}

/**
 * Median cold load time of each specifier, in ms: `{ wall, cpu }` by specifier.
 *
 * @param {string[]} specifiers
 * @param {{ runs?: number, mode?: 'import' | 'require' }} [options]
 */
export function coldImports(specifiers, { runs = 21, mode = 'import' } = {}) {
  /** @type {Record<string, { wall: number, cpu: number }[]>} */
  const samples = Object.fromEntries(specifiers.map((s) => [s, []]));
  for (const s of specifiers) coldImport(s, mode); // the disk cache, not the process, warms up
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? specifiers : [...specifiers].reverse();
    for (const s of order) samples[s].push(coldImport(s, mode));
  }
  return Object.fromEntries(
    specifiers.map((s) => [
      s,
      { wall: median(samples[s].map((x) => x.wall)), cpu: median(samples[s].map((x) => x.cpu)) },
    ]),
  );
}

const phasesChild = fileURLToPath(new URL('./fixtures/phases-child.mjs', import.meta.url));

/**
 * Median of each phase of loading `specifier` (an ESM entry and all it imports) over `runs`
 * fresh processes: `{ files, bytes, read, compile, link, evaluate }`, times in ms.
 */
export function importPhases(specifier, { runs = 21 } = {}) {
  const samples = [];
  for (let run = 0; run < runs; run++) {
    const out = execFileSync(
      process.execPath,
      ['--experimental-vm-modules', '--no-warnings', phasesChild, specifier],
      { encoding: 'utf8' },
    );
    samples.push(JSON.parse(out));
  }
  return Object.fromEntries(
    Object.keys(samples[0]).map((key) => [key, median(samples.map((s) => s[key]))]),
  );
}

const ms = (v) => `${v.toFixed(2)} ms`;

/** The #8 rows: ours vs http-errors and Boom, as ESM `import()` and as CommonJS `require`. */
export function importRows({ runs = 21 } = {}) {
  const libs = ['http-error-kit', 'http-errors', '@hapi/boom'];
  const rows = [];
  for (const mode of /** @type {const} */ (['import', 'require'])) {
    const empty = fileURLToPath(
      new URL(`./fixtures/empty.${mode === 'import' ? 'mjs' : 'cjs'}`, import.meta.url),
    );
    const medians = coldImports([...libs, empty, 'empty-package'], { runs, mode });
    const ours = medians['http-error-kit'];
    const others = medians['http-errors'];
    const byName = medians['empty-package'];
    const label = mode === 'import' ? 'ESM import()' : 'CommonJS require()';
    const show = (m) => `${ms(m.cpu)} (${ms(m.wall)} wall)`;
    rows.push(
      info(
        '8',
        `cold ${label}, CPU time, median of ${runs} fresh processes`,
        `ours ${show(ours)} · http-errors ${show(others)} · Boom ${show(medians['@hapi/boom'])} · empty module by path ${show(medians[empty])} · empty package by name ${show(byName)}`,
      ),
      target(
        '8',
        `cold ${label}: ours / http-errors`,
        `${times(ours.cpu / others.cpu)} (wall ${times(ours.wall / others.wall)})`,
        '≤0.5×',
        ours.cpu / others.cpu <= 0.5,
      ),
      info(
        '8',
        `cold ${label}: ours / http-errors, each less the empty package (own cost)`,
        `${ms(ours.cpu - byName.cpu)} / ${ms(others.cpu - byName.cpu)} = ${times((ours.cpu - byName.cpu) / (others.cpu - byName.cpu))}`,
      ),
      info(
        '8',
        `cold ${label}: ours / Boom`,
        `${times(ours.cpu / medians['@hapi/boom'].cpu)} (wall ${times(ours.wall / medians['@hapi/boom'].wall)})`,
      ),
    );
  }
  const empty = fileURLToPath(new URL('./fixtures/empty.mjs', import.meta.url));
  const core = importPhases('http-error-kit', { runs });
  const none = importPhases(empty, { runs });
  rows.push(
    info(
      '8',
      `cold ESM import() of ours, by phase (vm.SourceTextModule), median of ${runs} processes`,
      `${core.files} files, ${(core.bytes / 1000).toFixed(1)} kB · read ${ms(core.read)} · compile ${ms(core.compile)} (an empty module ${ms(none.compile)}) · link ${ms(core.link)} · evaluate ${ms(core.evaluate)}`,
    ),
  );
  return rows;
}
