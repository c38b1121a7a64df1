// #8 Cold import time: each measurement is a fresh `node` process that times one `import()`
// (or `require`) of a package, so nothing is cached in memory. Libraries are interleaved run by
// run, so that a noisy moment hits all of them alike; the median of each is reported. The
// target is judged on the CPU time the import took in that process (wall time on this shared
// machine includes whatever else ran), and both are printed.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { info, median, target, times } from './lib.mjs';

const child = fileURLToPath(new URL('./import-child.mjs', import.meta.url));

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

const ms = (v) => `${v.toFixed(2)} ms`;

/** The #8 rows: ours vs http-errors and Boom, as ESM `import()` and as CommonJS `require`. */
export function importRows({ runs = 21 } = {}) {
  const libs = ['http-error-kit', 'http-errors', '@hapi/boom'];
  const rows = [];
  for (const mode of /** @type {const} */ (['import', 'require'])) {
    // An empty module: what any import costs in a fresh process, for reference.
    const empty = fileURLToPath(
      new URL(`./fixtures/empty.${mode === 'import' ? 'mjs' : 'cjs'}`, import.meta.url),
    );
    const medians = coldImports([...libs, empty], { runs, mode });
    const ours = medians['http-error-kit'];
    const others = medians['http-errors'];
    const label = mode === 'import' ? 'ESM import()' : 'CommonJS require()';
    const show = (m) => `${ms(m.cpu)} (${ms(m.wall)} wall)`;
    rows.push(
      info(
        '8',
        `cold ${label}, CPU time, median of ${runs} fresh processes`,
        `ours ${show(ours)} · http-errors ${show(others)} · Boom ${show(medians['@hapi/boom'])} · empty module ${show(medians[empty])}`,
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
        `cold ${label}: ours / Boom`,
        `${times(ours.cpu / medians['@hapi/boom'].cpu)} (wall ${times(ours.wall / medians['@hapi/boom'].wall)})`,
      ),
    );
  }
  return rows;
}
