// Helpers shared by the benchmark parts: statistics, formatting, the result table.

/** Median of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fisher–Yates, in place; returns the array. */
export function shuffle(array) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

/** Nanoseconds as `812 ns`, `4.31 µs` or `1.20 ms`. */
export function time(ns) {
  if (ns < 1000) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1000).toFixed(2)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

/** `1.234` → `1.23×`. */
export function times(ratio) {
  return `${ratio.toFixed(2)}×`;
}

/** Requests per second as `12.3k req/s`. */
export function rate(perSecond) {
  return `${(perSecond / 1000).toFixed(1)}k req/s`;
}

/**
 * One line of the result table.
 *
 * @typedef {{ id: string, what: string, result: string, target?: string, met?: boolean }} Row
 */

/** @param {string} id @param {string} what @param {string} result @returns {Row} */
export function info(id, what, result) {
  return { id, what, result };
}

/**
 * A row with a target: `met` decides the verdict column.
 *
 * @param {string} id @param {string} what @param {string} result @param {string} target
 * @param {boolean} met @returns {Row}
 */
export function target(id, what, result, targetText, met) {
  return { id, what, result, target: targetText, met };
}

/** Prints the rows as one Markdown table (readable in a terminal, pasteable into RESULTS.md). */
export function printTable(rows, print = console.log) {
  const header = ['#', 'measurement', 'result', 'target', ''];
  const cells = rows.map((r) => [
    r.id,
    r.what,
    r.result,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : '**MISSED**',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  print(line(header));
  print(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) print(line(c));
}
