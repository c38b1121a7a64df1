// Micro-benchmarks #1–#4 of issue 9. Every candidate of a group is measured in the same run, in
// rounds (a shuffled order each round, after one warmup round that is thrown away), with
// mitata's `measure` (its generated loop, warmup and batching); a ratio is the median over the
// rounds of the ratio within each round, so that a noisy moment hits both sides alike.
//
// The clock is this process's CPU time (process.cpuUsage: getrusage), not wall time: on this
// shared 2-core machine wall time includes every moment another tenant had the core, and
// swings several-fold, while CPU time charges each candidate for its own work only (its
// garbage collection and compilation threads included).

import Boom from '@hapi/boom';
import { HttpForbidden, HttpUnauthorized } from '@httpx/exception';
import {
  ForbiddenError,
  negotiate,
  parseChallenges,
  reasonPhrase,
  renderError,
  statusInfo,
  UnauthorizedError,
} from 'http-error-kit';
import createError from 'http-errors';
import { getReasonPhrase } from 'http-status-codes';
import { do_not_optimize, measure } from 'mitata';
import statuses from 'statuses';
import { info, median, shuffle, target, time, times } from './lib.mjs';

// Express's Accept parser, for comparison: installed with Express (through `accepts`), not a
// devDependency of its own, so the row is left out when it is not hoisted where we can see it.
const Negotiator = await import('negotiator').then(
  (m) => m.default,
  () => undefined,
);

const DETAIL = 'You do not have permission to delete user data.';
const SIGN_IN = 'Sign in to delete user data.';
const NO_STACK = Object.freeze({ stack: false });
const CHALLENGE = Object.freeze({ scheme: 'Bearer', params: Object.freeze({ realm: 'api' }) });
const AUTHENTICATE = 'Bearer realm="api"';

/** Calls `fn` with `depth` more frames on the stack, so that stack capture has them to walk. */
function atDepth(depth, fn) {
  return depth <= 1 ? fn() : atDepth(depth - 1, fn);
}

/** Nanoseconds of CPU time this process has used (user + system), for mitata's `now`. */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/**
 * Measures every candidate in `rounds` rounds. Returns the time per call of each (median of the
 * rounds, ns) and `ratio(a, b)`: the median of a's time over b's time within each round.
 *
 * @param {Record<string, () => unknown>} candidates
 * @param {{ rounds: number, minTime: number }} options - `minTime` in ms per measurement
 */
async function compare(candidates, { rounds, minTime }) {
  const names = Object.keys(candidates);
  /** @type {Record<string, number>[]} */
  const perRound = [];
  for (let r = -1; r < rounds; r++) {
    /** @type {Record<string, number>} */
    const round = {};
    for (const name of shuffle([...names])) {
      const fn = candidates[name];
      const stats = await measure(() => do_not_optimize(fn()), {
        now: cpuNow,
        min_cpu_time: (r < 0 ? minTime / 2 : minTime) * 1e6,
        batch_samples: 1024,
        min_samples: 8,
      });
      round[name] = stats.avg;
    }
    if (r >= 0) perRound.push(round); // round -1 warms every candidate up
  }
  const ns = Object.fromEntries(names.map((n) => [n, median(perRound.map((r) => r[n]))]));
  const ratio = (a, b) => median(perRound.map((r) => r[a] / r[b]));
  return { ns, ratio };
}

function problemJson(title, status, detail) {
  return JSON.stringify({ type: 'about:blank', title, status, detail });
}

/** #1 and #2: create an error and produce its JSON body. */
function errorCandidates(kind, depth) {
  const at = (fn) => (depth > 1 ? () => atDepth(depth, fn) : fn);
  if (kind === 403) {
    return {
      floor: at(() => problemJson('Forbidden', 403, DETAIL)),
      'bare Error': at(() => {
        const e = new Error(DETAIL);
        return problemJson('Forbidden', 403, e.message);
      }),
      ours: at(() => renderError(new ForbiddenError(DETAIL)).body),
      'ours stack:false': at(() => renderError(new ForbiddenError(DETAIL, NO_STACK)).body),
      'http-errors': at(() => {
        const e = new createError.Forbidden(DETAIL);
        return problemJson('Forbidden', e.status, e.message);
      }),
      Boom: at(() => JSON.stringify(Boom.forbidden(DETAIL).output.payload)),
      '@httpx/exception': at(() => {
        const e = new HttpForbidden(DETAIL);
        return problemJson('Forbidden', e.statusCode, e.message);
      }),
    };
  }
  return {
    floor: at(() => problemJson('Unauthorized', 401, SIGN_IN)),
    'bare Error': at(() => {
      const e = new Error(SIGN_IN);
      return problemJson('Unauthorized', 401, e.message);
    }),
    ours: at(() => renderError(new UnauthorizedError(SIGN_IN, { challenge: CHALLENGE })).body),
    'ours stack:false': at(
      () =>
        renderError(new UnauthorizedError(SIGN_IN, { challenge: CHALLENGE, stack: false })).body,
    ),
    'http-errors': at(() => {
      const e = createError(401, SIGN_IN, { headers: { 'WWW-Authenticate': AUTHENTICATE } });
      return problemJson('Unauthorized', e.status, e.message);
    }),
    Boom: at(() =>
      JSON.stringify(Boom.unauthorized(SIGN_IN, 'Bearer', { realm: 'api' }).output.payload),
    ),
    '@httpx/exception': at(() => {
      const e = new HttpUnauthorized(SIGN_IN);
      return problemJson('Unauthorized', e.statusCode, e.message);
    }),
  };
}

/** Every candidate but Boom (whose payload has its own shape) must write the same body. */
function checkBodies(candidates) {
  const expected = candidates.floor();
  for (const [name, fn] of Object.entries(candidates)) {
    if (name !== 'Boom' && fn() !== expected) {
      throw new Error(`bench: ${name} writes ${fn()}, not ${expected}`);
    }
  }
  const rendered = renderError(new UnauthorizedError(SIGN_IN, { challenge: CHALLENGE }));
  if (rendered.headers['www-authenticate'] !== AUTHENTICATE) {
    throw new Error('bench: the 401 does not carry the Bearer challenge');
  }
}

async function errorRows(kind, { rounds, minTime }) {
  const label = kind === 403 ? '403 + JSON' : '401 Bearer + JSON';
  const id = kind === 403 ? '1' : '2';
  /** @type {Record<string, Awaited<ReturnType<typeof compare>>>} */
  const byDepth = {};
  for (const depth of [1, 30]) {
    const candidates = errorCandidates(kind, depth);
    checkBodies(candidates);
    byDepth[depth] = await compare(candidates, { rounds, minTime });
  }
  const rows = [];
  for (const depth of [1, 30]) {
    const { ns } = byDepth[depth];
    const list = Object.entries(ns)
      .map(([name, v]) => `${name} ${time(v)}`)
      .join(' · ');
    rows.push(
      info(id, `${label}, ${depth === 1 ? 'shallow' : 'depth-30'} stack: time per call`, list),
    );
  }
  const both = (fn) => [fn(byDepth[1]), fn(byDepth[30])];
  const show = ([a, b]) => `${times(a)} / ${times(b)}`;
  const checks = [
    [
      'ours (default) / bare `new Error` + JSON',
      (c) => c.ratio('ours', 'bare Error'),
      '≤1.25×',
      (v) => v <= 1.25,
    ],
    [
      'http-errors / ours (default)',
      (c) => c.ratio('http-errors', 'ours'),
      '≥1.5×',
      (v) => v >= 1.5,
    ],
    ['Boom / ours (default)', (c) => c.ratio('Boom', 'ours'), '≥1.5×', (v) => v >= 1.5],
    [
      '@httpx/exception / ours (default)',
      (c) => c.ratio('@httpx/exception', 'ours'),
      '≥1.5×',
      (v) => v >= 1.5,
    ],
    [
      'http-errors / ours stack:false',
      (c) => c.ratio('http-errors', 'ours stack:false'),
      '≥5×',
      (v) => v >= 5,
    ],
    ['Boom / ours stack:false', (c) => c.ratio('Boom', 'ours stack:false'), '≥5×', (v) => v >= 5],
    [
      'ours stack:false / floor (object + JSON)',
      (c) => c.ratio('ours stack:false', 'floor'),
      '≤3×',
      (v) => v <= 3,
    ],
  ];
  for (const [what, get, goal, ok] of checks) {
    const values = both(get);
    rows.push(
      target(id, `${label}: ${what} (shallow / depth 30)`, show(values), goal, values.every(ok)),
    );
  }
  return rows;
}

// Two plain subclasses of Error, one and two constructors deep (ForbiddenError's own chain is
// ForbiddenError → the package's base → Error): what a level of `super()` costs stack capture.
class OneLevel extends Error {}
class TwoLevels extends OneLevel {}

/**
 * #1 and #2, where ours goes (shallow stack): making the error and rendering it, each against
 * the part of the bare `new Error` + JSON baseline it stands for.
 */
async function splitRows(kind, { rounds, minTime }) {
  const id = kind === 403 ? '1' : '2';
  const label = kind === 403 ? '403' : '401 Bearer';
  const make =
    kind === 403
      ? (options) => new ForbiddenError(DETAIL, options)
      : (options) => new UnauthorizedError(SIGN_IN, { challenge: CHALLENGE, ...options });
  const [title, status, message] =
    kind === 403 ? ['Forbidden', 403, DETAIL] : ['Unauthorized', 401, SIGN_IN];
  const built = make();
  if (renderError(built).body !== problemJson(title, status, message)) {
    throw new Error(`bench: the prebuilt ${label} renders another body`);
  }
  const { ns, ratio } = await compare(
    {
      'new Error': () => new Error(message),
      'Error subclass, 1 level': () => new OneLevel(message),
      'Error subclass, 2 levels': () => new TwoLevels(message),
      'new (ours)': () => make(),
      'new (ours) stack:false': () => make(NO_STACK),
      'JSON only (floor)': () => problemJson(title, status, message),
      'renderError of a prebuilt error': () => renderError(built).body,
    },
    { rounds, minTime },
  );
  const list = Object.entries(ns)
    .map(([name, v]) => `${name} ${time(v)}`)
    .join(' · ');
  return [
    info(id, `${label}, shallow stack, by part: time per call`, list),
    info(
      id,
      `${label} by part: making ours / new Error · render / JSON only · subclass 1 / 2 levels / new Error`,
      `${times(ratio('new (ours)', 'new Error'))} · ${times(ratio('renderError of a prebuilt error', 'JSON only (floor)'))} · ${times(ratio('Error subclass, 1 level', 'new Error'))} / ${times(ratio('Error subclass, 2 levels', 'new Error'))}`,
    ),
  ];
}

/** #3: status lookup over every code all three libraries know. */
async function statusRows({ rounds, minTime }) {
  const codes = [];
  for (let code = 100; code < 600; code++) {
    try {
      if (statusInfo(code) && statuses(code) && getReasonPhrase(code)) codes.push(code);
    } catch {
      // not known to one of them
    }
  }
  const over = (fn) => () => {
    let n = 0;
    for (let i = 0; i < codes.length; i++) n += fn(codes[i]).length;
    return n;
  };
  const { ns, ratio } = await compare(
    {
      'ours statusInfo': over((c) => statusInfo(c).phrase),
      'ours reasonPhrase': over((c) => reasonPhrase(c)),
      statuses: over((c) => statuses(c)),
      'http-status-codes getReasonPhrase': over((c) => getReasonPhrase(c)),
    },
    { rounds, minTime },
  );
  const per = (name) => time(ns[name] / codes.length);
  return [
    info(
      '3',
      `status lookup, per code (${codes.length} codes): time`,
      `statusInfo ${per('ours statusInfo')} · reasonPhrase ${per('ours reasonPhrase')} · statuses ${per('statuses')} · getReasonPhrase ${per('http-status-codes getReasonPhrase')}`,
    ),
    info(
      '3',
      'status lookup: statuses / ours (statusInfo · reasonPhrase)',
      `${times(ratio('statuses', 'ours statusInfo'))} · ${times(ratio('statuses', 'ours reasonPhrase'))}`,
    ),
    info(
      '3',
      'status lookup: getReasonPhrase / ours (statusInfo · reasonPhrase)',
      `${times(ratio('http-status-codes getReasonPhrase', 'ours statusInfo'))} · ${times(ratio('http-status-codes getReasonPhrase', 'ours reasonPhrase'))}`,
    ),
  ];
}

const REALISTIC_CHALLENGES = [
  'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
  'Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""',
];
const REALISTIC_ACCEPT = [
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'application/json',
  'application/problem+json, application/json;q=0.9',
];
const MEDIA = [
  'application/problem+json',
  'application/json',
  'application/problem+xml',
  'text/html',
  'text/plain',
];

/** Hostile shapes from the test suite, as [prefix, unit] repeated to the wanted length. */
const HOSTILE_CHALLENGES = {
  'escaped quotes': ['A a="', '\\"'],
  'open quote then commas': ['A a="', ', '],
  'a=': ['A ', 'a='],
  'scheme-space pairs': ['', 'A '],
  'bad schemes': ['', 'A@'],
  quotes: ['', '"'],
  'one token': ['', 'a'],
};
const HOSTILE_ACCEPT = {
  'many parameters': ['text/plain', ';a=b'],
  'an open quote': ['text/plain;a="', 'x'],
  'backslashes in a quote': ['text/plain;a="', '\\'],
  quotes: ['', '"'],
  'many bad ranges': ['', 'a/,'],
  'long q': ['text/plain;q=', '0'],
  alternating: ['', '*/'],
  semicolons: ['text/plain', ';'],
};

function hostile([prefix, unit], length) {
  return prefix + unit.repeat(Math.ceil((length - prefix.length) / unit.length));
}

/** #4: realistic and 1 kB hostile headers, and how the cost grows from 1 kB to 100 kB. */
async function parserRows({ rounds, minTime }) {
  const rows = [];
  /** @type {Record<string, () => unknown>} */
  const candidates = {
    parseChallenges: () => {
      let n = 0;
      for (const h of REALISTIC_CHALLENGES) n += parseChallenges(h).length;
      return n;
    },
    negotiate: () => {
      let n = 0;
      for (const h of REALISTIC_ACCEPT) n += negotiate(h).length;
      return n;
    },
  };
  if (Negotiator) {
    candidates['negotiator (Express)'] = () => {
      let n = 0;
      for (const h of REALISTIC_ACCEPT) {
        n += new Negotiator({ headers: { accept: h } }).mediaType(MEDIA).length;
      }
      return n;
    };
  }
  const realistic = await compare(candidates, { rounds, minTime });
  const perHeader = (name, count) => time(realistic.ns[name] / count);
  rows.push(
    info(
      '4',
      'realistic headers: time per header',
      [
        `parseChallenges ${perHeader('parseChallenges', REALISTIC_CHALLENGES.length)}`,
        `negotiate ${perHeader('negotiate', REALISTIC_ACCEPT.length)}`,
        ...(Negotiator
          ? [`negotiator ${perHeader('negotiator (Express)', REALISTIC_ACCEPT.length)}`]
          : []),
      ].join(' · '),
    ),
  );
  if (Negotiator) {
    rows.push(
      info(
        '4',
        'realistic Accept: negotiator (Express) / negotiate',
        times(realistic.ratio('negotiator (Express)', 'negotiate')),
      ),
    );
  }
  for (const [name, fn, shapes] of [
    ['parseChallenges', parseChallenges, HOSTILE_CHALLENGES],
    ['negotiate', negotiate, HOSTILE_ACCEPT],
  ]) {
    /** @type {Record<string, () => unknown>} */
    const candidates = {};
    for (const [shape, parts] of Object.entries(shapes)) {
      for (const size of [1_000, 100_000]) {
        const header = hostile(parts, size);
        candidates[`${shape}@${size}`] = () => fn(header);
      }
    }
    const { ns, ratio } = await compare(candidates, {
      rounds: Math.max(2, rounds >> 1),
      minTime: minTime / 2,
    });
    const growth = (shape) => ratio(`${shape}@100000`, `${shape}@1000`);
    const shapeNames = Object.keys(shapes);
    const worst1k = shapeNames.reduce((a, b) => (ns[`${b}@1000`] > ns[`${a}@1000`] ? b : a));
    const worstGrowth = shapeNames.reduce((a, b) => (growth(b) > growth(a) ? b : a));
    const slowest100k = Math.max(...shapeNames.map((s) => ns[`${s}@100000`]));
    rows.push(
      info(
        '4',
        `${name}, 1 kB hostile header: slowest shape`,
        `${time(ns[`${worst1k}@1000`])} (${worst1k})`,
      ),
      target(
        '4',
        `${name}: cost growth 1 kB → 100 kB, worst of ${shapeNames.length} shapes; slowest 100 kB`,
        `${times(growth(worstGrowth))} (${worstGrowth}); ${time(slowest100k)}`,
        '≤200× (linear: 100×); <100 ms',
        growth(worstGrowth) <= 200 && slowest100k < 100e6,
      ),
    );
  }
  return rows;
}

/** All micro-benchmark rows. `quick` shortens every measurement (for trying the script out). */
export async function microRows({ quick = false } = {}) {
  const options = quick ? { rounds: 2, minTime: 20 } : { rounds: 6, minTime: 60 };
  return [
    ...(await errorRows(403, options)),
    ...(await errorRows(401, options)),
    ...(await splitRows(403, options)),
    ...(await splitRows(401, options)),
    ...(await statusRows(options)),
    ...(await parserRows(options)),
  ];
}
