import { ERROR_CLASSES } from '../errors/registry.js';
import { PHRASES, type StatusCode } from '../status/table.js';

/** Every registered code, ascending. */
export const CODES = Object.keys(PHRASES).map(Number) as StatusCode[];

/**
 * Names people use for a code besides its RFC 9110 phrase: the phrases of earlier RFCs, which
 * older libraries and the deprecated aliases (`PayloadTooLargeError`, …) still carry, and 418's
 * name from RFC 2324.
 */
const OTHER_NAMES: Partial<Record<StatusCode, readonly string[]>> = {
  302: ['Moved Temporarily'], // RFC 1945
  408: ['Request Time-out'], // RFC 2616
  413: ['Payload Too Large', 'Request Entity Too Large'], // RFC 7231, RFC 2616
  414: ['Request-URI Too Long', 'Request-URI Too Large'], // RFC 2616, RFC 2068
  416: ['Requested Range Not Satisfiable'], // RFC 2616
  418: ["I'm a teapot", 'Teapot'], // RFC 2324
  422: ['Unprocessable Entity'], // RFC 4918
  504: ['Gateway Time-out'], // RFC 2616
};

/** A name as the lookup compares it: lower case, letters and digits only, no `Error` suffix. */
export function normalize(name: string): string {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key.length > 5 && key.endsWith('error') ? key.slice(0, -5) : key;
}

/** The class to throw for a code: its named class, or `HttpError` for 418. */
export function className(code: StatusCode): string | undefined {
  return (ERROR_CLASSES as Partial<Record<number, { name: string }>>)[code]?.name;
}

/**
 * Every name of each code, normalized: the phrase, the names of earlier RFCs (which are also
 * the deprecated class aliases, with `Error`) and the class name.
 */
const NAMES: ReadonlyMap<StatusCode, readonly string[]> = new Map(
  CODES.map((code) => {
    const names = [PHRASES[code], ...(OTHER_NAMES[code] ?? []), className(code) ?? '']
      .map(normalize)
      .filter((name) => name !== '');
    return [code, [...new Set(names)]];
  }),
);

/** Finds a code by its number, phrase, earlier phrase, class name, alias or `STATUS` name. */
export function find(query: string): StatusCode | undefined {
  if (/^\d{3}$/.test(query)) return CODES.find((c) => c === Number(query));
  const key = normalize(query);
  if (key === '') return undefined;
  return CODES.find((c) => NAMES.get(c)?.includes(key));
}

/** Levenshtein distance, for "did you mean" suggestions (inputs are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The registered codes one typed digit away from `digits` (one added, dropped or changed). */
function oneDigitAway(digits: string): StatusCode[] {
  const near = new Set<string>();
  for (let i = 0; i <= digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      near.add(digits.slice(0, i) + d + digits.slice(i));
      if (i < digits.length) near.add(digits.slice(0, i) + d + digits.slice(i + 1));
    }
    if (i < digits.length) near.add(digits.slice(0, i) + digits.slice(i + 1));
  }
  return CODES.filter((c) => near.has(String(c)));
}

/**
 * Up to three codes the user may have meant. A number of three digits in 100–599 gets the
 * nearest codes of its own class (499 is a client error, so 451 is nearer than 500); any other
 * number of another length gets the codes one digit away, nearest to it as a three-digit number
 * first (`40` → 400, 401, 402; `4030` → 403, 400), and 600–999 get none. A word gets the codes whose names contain it (`payload` → 413),
 * then those within a few typos of one of their names (`forbiden` → 403).
 */
export function suggestions(query: string): StatusCode[] {
  if (/^\d+$/.test(query)) {
    const n = Number(query);
    if (query.length === 3 && n >= 100 && n < 600) {
      const rank = (c: number) =>
        (Math.floor(c / 100) === Math.floor(n / 100) ? 0 : 1000) + Math.abs(c - n);
      return [...CODES].sort((a, b) => rank(a) - rank(b) || a - b).slice(0, 3);
    }
    // Three digits outside 100–599 are no typo of a code: nothing is one digit away that helps.
    if (query.length === 3) return [];
    const scaled = Number(query.padEnd(3, '0').slice(0, 3));
    return oneDigitAway(query)
      .sort((a, b) => Math.abs(a - scaled) - Math.abs(b - scaled) || a - b)
      .slice(0, 3);
  }
  const key = normalize(query);
  if (key === '') return [];
  const scored: [StatusCode, number][] = [];
  for (const [code, names] of NAMES) {
    let best = Number.POSITIVE_INFINITY;
    for (const name of names) {
      // Containing the whole query beats any typo: rank by how much of the name is left over.
      if (key.length >= 3 && name.includes(key)) best = Math.min(best, -1 / name.length);
      const d = distance(key, name);
      if (d <= Math.max(2, Math.floor(name.length / 3))) best = Math.min(best, d);
    }
    if (best !== Number.POSITIVE_INFINITY) scored.push([code, best]);
  }
  return scored
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([code]) => code);
}
