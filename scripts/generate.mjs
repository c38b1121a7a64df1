#!/usr/bin/env node
// Generates, from the IANA "HTTP Status Codes" registry snapshot in
// scripts/data/iana-http-status-codes.csv and the per-code semantics below (which the registry
// does not carry):
//   src/status/table.ts       status code types, reason phrases, STATUS (what the classes need)
//   src/status/metadata.ts    spec section, retry advice, cacheability… (what statusInfo needs)
//   src/errors/classes.ts     the named classes whose options add nothing of their own
//   src/errors/registry.ts    the class and options maps, by status
// The tables are split by who uses them, so that a bundle with one error class carries no
// metadata. Run `npm run generate` after changing the data or this file; a test fails when the
// committed files and this generator's output drift apart.
//
//   node scripts/generate.mjs    write the four files

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CSV = join(root, 'scripts/data/iana-http-status-codes.csv');
const OUTPUTS = {
  table: join(root, 'src/status/table.ts'),
  metadata: join(root, 'src/status/metadata.ts'),
  classes: join(root, 'src/errors/classes.ts'),
  registry: join(root, 'src/errors/registry.ts'),
};

// The registry names only the RFC for codes defined outside RFC 9110; these are the sections
// that define them, so that `spec` and `url` can point at the exact place.
const SECTIONS = {
  102: '10.1', // RFC 2518 §10.1 102 Processing
  103: '2', // RFC 8297 §2 Early Hints
  207: '11.1', // RFC 4918 §11.1 Multi-Status
  208: '7.1', // RFC 5842 §7.1 Already Reported
  226: '10.4.1', // RFC 3229 §10.4.1 IM Used
  423: '11.3', // RFC 4918 §11.3 Locked
  424: '11.4', // RFC 4918 §11.4 Failed Dependency
  425: '5.2', // RFC 8470 §5.2 Too Early
  428: '3', // RFC 6585 §3 Precondition Required
  429: '4', // RFC 6585 §4 Too Many Requests
  431: '5', // RFC 6585 §5 Request Header Fields Too Large
  451: '3', // RFC 7725 §3 Unavailable For Legal Reasons
  506: '8.1', // RFC 2295 §8.1 Variant Also Negotiates
  507: '11.5', // RFC 4918 §11.5 Insufficient Storage
  508: '7.2', // RFC 5842 §7.2 Loop Detected
  510: '7', // RFC 2774 §7 Not Extended
  511: '6', // RFC 6585 §6 Network Authentication Required
};

// Heuristically cacheable by default: RFC 9110 §15.1 lists 200, 203, 204, 206, 300, 301, 308,
// 404, 405, 410, 414 and 501; RFC 7725 §3 adds 451.
const CACHEABLE = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501]);

// Responses that cannot carry content: every 1xx, 204 and 304 (RFC 9110 §6.4.1), and 205
// (RFC 9110 §15.3.6: "MUST NOT generate content").
const NO_CONTENT = new Set([204, 205, 304]);

// Retry advice for a client that got this status for a request. Anything not listed is 'no':
// repeating the same request fails the same way (success and redirect codes included: there is
// nothing to retry). Each entry says why.
const RETRY = {
  401: [
    'authenticate',
    'RFC 9110 §15.5.2: the client may repeat the request with new or replaced credentials',
  ],
  407: ['authenticate', 'RFC 9110 §15.5.8: as 401, for the proxy'],
  408: ['idempotent', 'RFC 9110 §15.5.9: the client may repeat the request on a new connection'],
  421: [
    'idempotent',
    'RFC 9110 §15.5.20: may be retried over another connection; idempotent is the safe subset',
  ],
  423: ['later', 'RFC 4918 §11.3: the lock is held by someone else; retry once it is released'],
  425: [
    'idempotent',
    'RFC 8470 §5.2: may be retried once the TLS handshake is complete; idempotent is the safe subset',
  ],
  429: ['later', 'RFC 6585 §4: rate limited; wait for Retry-After'],
  500: [
    'idempotent',
    'RFC 9110 §15.6.1: unexpected condition; safe to retry only idempotent methods',
  ],
  502: ['idempotent', 'RFC 9110 §15.6.3: upstream failure; safe to retry only idempotent methods'],
  503: ['later', 'RFC 9110 §15.6.4: temporary overload or maintenance; wait for Retry-After'],
  504: ['idempotent', 'RFC 9110 §15.6.5: upstream timeout; safe to retry only idempotent methods'],
  507: ['later', 'RFC 4918 §11.5: the condition is considered temporary'],
  511: ['authenticate', 'RFC 6585 §6: the client must log in to the network first'],
};

// Response fields the spec requires (MUST) or strongly expects (SHOULD) with this status.
const HEADERS = {
  101: [['Upgrade'], 'RFC 9110 §15.2.2: MUST send Upgrade naming the new protocols'],
  103: [['Link'], 'RFC 8297 §2: the hints are Link fields'],
  201: [['Location'], 'RFC 9110 §15.3.2: identifies the new resource unless it is the target URI'],
  206: [
    ['Content-Range'],
    'RFC 9110 §15.3.7.1: MUST for a single part (multipart uses Content-Type)',
  ],
  301: [['Location'], 'RFC 9110 §15.4.2: SHOULD generate Location'],
  302: [['Location'], 'RFC 9110 §15.4.3: SHOULD generate Location'],
  303: [['Location'], 'RFC 9110 §15.4.4: SHOULD generate Location'],
  307: [['Location'], 'RFC 9110 §15.4.8: SHOULD generate Location'],
  308: [['Location'], 'RFC 9110 §15.4.9: SHOULD generate Location'],
  401: [['WWW-Authenticate'], 'RFC 9110 §15.5.2: MUST send at least one challenge'],
  405: [['Allow'], 'RFC 9110 §15.5.6: MUST send Allow'],
  407: [['Proxy-Authenticate'], 'RFC 9110 §15.5.8: MUST send at least one challenge'],
  416: [['Content-Range'], 'RFC 9110 §15.5.17: SHOULD send Content-Range: bytes */length'],
  426: [['Upgrade'], 'RFC 9110 §15.5.22: MUST send Upgrade'],
};

/** Parses the registry CSV (quoted fields, no embedded newlines). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const fields = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        fields.push(line.slice(i + 1, end));
        i = end + 2;
      } else {
        const end = line.indexOf(',', i);
        const stop = end === -1 ? line.length : end;
        fields.push(line.slice(i, stop));
        i = stop + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}

function readRegistry() {
  const [header, ...rows] = parseCsv(readFileSync(CSV, 'utf8'));
  if (header.join(',') !== 'Value,Description,Reference') {
    throw new Error(`unexpected CSV header: ${header.join(',')}`);
  }
  return rows
    .map(([value, description, reference]) => {
      const code = Number(value);
      if (!Number.isInteger(code) || code < 100 || code > 599) {
        throw new Error(`not a single status code: ${value}`);
      }
      const obsolete = description.includes('(OBSOLETED)');
      const phrase = description.replace(' (OBSOLETED)', '');
      const match = /^\[RFC(\d+)(?:, Section ([\d.]+))?\]/.exec(reference);
      if (!match) throw new Error(`no RFC reference for ${code}: ${reference}`);
      const rfc = Number(match[1]);
      const section = match[2] ?? SECTIONS[code];
      if (!section) throw new Error(`no section known for ${code} (RFC ${rfc})`);
      return { code, phrase, obsolete, rfc, section };
    })
    .sort((a, b) => a.code - b.code);
}

/** Upper snake case constant name for a phrase, or undefined for the "(Unused)" codes. */
function constantName(phrase) {
  if (phrase.startsWith('(')) return undefined;
  return phrase
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

const GENERATED = [
  '// Generated by scripts/generate.mjs from scripts/data/iana-http-status-codes.csv.',
  '// Do not edit: change the data or the generator and run `npm run generate`.',
];

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function generateTable(codes) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const union = (list) => list.map((c) => c.code).join(' | ');
  const range = (lo, hi) => codes.filter((c) => c.code >= lo && c.code <= hi);

  for (const line of GENERATED) out(line);
  out();
  const unionType = (name, doc, example, list) => {
    out(`/**\n * ${doc}\n *\n * @example\n * ${example}\n */`);
    out(`export type ${name} = ${union(list)};`);
  };
  unionType(
    'StatusCode',
    'Every status code in the IANA HTTP Status Code Registry.',
    'const code: StatusCode = 404;',
    codes,
  );
  unionType(
    'InformationalStatus',
    'Registered 1xx codes.',
    'const code: InformationalStatus = 103;',
    range(100, 199),
  );
  unionType(
    'SuccessStatus',
    'Registered 2xx codes.',
    'const code: SuccessStatus = 204;',
    range(200, 299),
  );
  unionType(
    'RedirectStatus',
    'Registered 3xx codes.',
    'const code: RedirectStatus = 308;',
    range(300, 399),
  );
  unionType(
    'ClientErrorStatus',
    'Registered 4xx codes.',
    'const code: ClientErrorStatus = 403;',
    range(400, 499),
  );
  unionType(
    'ServerErrorStatus',
    'Registered 5xx codes.',
    'const code: ServerErrorStatus = 503;',
    range(500, 599),
  );
  out();
  // The 4xx and 5xx phrases are a table of their own, so that a bundle that only makes and
  // renders errors (the base class, the normalizer, the renderer) carries none of the others.
  // It is filled into a new object rather than written as a literal: V8 keeps the elements of a
  // literal whose first key is 400 in a dictionary, and looking a phrase up there made checking
  // an error at render about 60% slower; an object filled in order keeps them as an array.
  out('/** Reason phrases of the 4xx and 5xx codes (RFC 9110 wording), by code. */');
  out(
    'export const ERROR_PHRASES: { readonly [S in ClientErrorStatus | ServerErrorStatus]: string } =',
  );
  out('  /* @__PURE__ */ Object.assign(');
  out('    {},');
  out('    {');
  for (const c of codes.filter((c) => c.code >= 400)) out(`      ${c.code}: ${q(c.phrase)},`);
  out('    },');
  out('  );');
  out();
  out('/** Reason phrases (RFC 9110 wording), by code. */');
  out(
    'export const PHRASES: { readonly [S in StatusCode]: string } = /* @__PURE__ */ Object.assign(',
  );
  out('  {');
  for (const c of codes.filter((c) => c.code < 400)) out(`    ${c.code}: ${q(c.phrase)},`);
  out('  },');
  out('  ERROR_PHRASES,');
  out(');');
  out();
  out('/**');
  out(' * Named constants for every registered status code, e.g. `STATUS.FORBIDDEN === 403`.');
  out(' * The two "(Unused)" codes, 306 and 418, have no name.');
  out(' *');
  out(' * @example');
  out(" * import { STATUS } from 'http-error-kit';");
  out(' * res.statusCode = STATUS.FORBIDDEN; // 403');
  out(' */');
  out('export const STATUS = /* @__PURE__ */ Object.freeze({');
  for (const c of codes) {
    const name = constantName(c.phrase);
    if (!name) continue;
    out(`  /** ${c.code} ${c.phrase} */`);
    out(`  ${name}: ${c.code},`);
  }
  out('} as const);');
  return `${lines.join('\n')}\n`;
}

function generateMetadata(codes) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  for (const line of GENERATED) out(line);
  out();
  out("import type { StatusCode } from './table.js';");
  out();
  out('/**');
  out(' * Retry advice, see {@link StatusInfo.retry}.');
  out(' *');
  out(' * @example');
  out(" * if (statusInfo(res.status)?.retry === 'later') scheduleRetry();");
  out(' */');
  out("export type RetryAdvice = 'no' | 'authenticate' | 'later' | 'idempotent';");
  out();
  out('/**');
  out(' * Per-code semantics the registry does not carry: defining RFC and section, retry advice,');
  out(' * heuristic cacheability, whether content is allowed, and expected response fields.');
  out(' * Row: [rfc, section, retry, cacheable, allowsContent, headers, obsolete].');
  out(' * @internal');
  out(' */');
  out(
    'export const SEMANTICS: { readonly [S in StatusCode]: readonly [number, string, RetryAdvice, boolean, boolean, readonly string[], boolean] } = {',
  );
  for (const c of codes) {
    const retry = RETRY[c.code];
    const headers = HEADERS[c.code];
    const notes = [];
    if (retry) notes.push(`retry: ${retry[1]}`);
    if (headers) notes.push(`headers: ${headers[1]}`);
    if (c.code === 451) notes.push('cacheable: RFC 7725 §3');
    if (c.code === 205) notes.push('no content: RFC 9110 §15.3.6');
    if (c.obsolete) notes.push('obsoleted in the IANA registry (RFC 2774 moved to Historic)');
    for (const note of notes) out(`  // ${c.code} ${note}`);
    const row = [
      c.rfc,
      q(c.section),
      q(retry ? retry[0] : 'no'),
      CACHEABLE.has(c.code),
      !(c.code < 200 || NO_CONTENT.has(c.code)),
      `[${(headers ? headers[0] : []).map(q).join(', ')}]`,
      c.obsolete,
    ];
    out(`  ${c.code}: [${row.join(', ')}],`);
  }
  out('};');
  return `${lines.join('\n')}\n`;
}

// 4xx/5xx codes whose classes take options of their own; they are written by hand, in the
// file named here, and only listed by the generator: [class, its file, its options type, the
// file of that type].
const HANDWRITTEN = {
  400: ['BadRequestError', './bad-request.js', 'BadRequestOptions', './bad-request.js'],
  401: ['UnauthorizedError', './unauthorized.js', 'UnauthorizedOptions', './unauthorized.js'],
  403: ['ForbiddenError', './forbidden.js', 'ForbiddenOptions', './forbidden.js'],
  405: [
    'MethodNotAllowedError',
    './method-not-allowed.js',
    'MethodNotAllowedOptions',
    './method-not-allowed.js',
  ],
  407: [
    'ProxyAuthenticationRequiredError',
    './proxy-authentication-required.js',
    'ProxyAuthenticationRequiredOptions',
    './proxy-authentication-required.js',
  ],
  413: ['ContentTooLargeError', './content-too-large.js', 'RetryAfterOptions', './retry-after.js'],
  416: [
    'RangeNotSatisfiableError',
    './range-not-satisfiable.js',
    'RangeNotSatisfiableOptions',
    './range-not-satisfiable.js',
  ],
  422: [
    'UnprocessableContentError',
    './unprocessable-content.js',
    'ValidationOptions',
    './validation.js',
  ],
  426: [
    'UpgradeRequiredError',
    './upgrade-required.js',
    'UpgradeRequiredOptions',
    './upgrade-required.js',
  ],
  429: [
    'TooManyRequestsError',
    './too-many-requests.js',
    'RateLimitOptions',
    '../rate-limit/format.js',
  ],
  503: [
    'ServiceUnavailableError',
    './service-unavailable.js',
    'RateLimitOptions',
    '../rate-limit/format.js',
  ],
};

// When to use each generated class: the first line of its TSDoc.
const USE = {
  402: 'reserved for future use; some APIs use it when a payment or subscription is needed',
  404: 'there is no current representation of the target resource, or the server will not say that there is',
  406: 'no representation matches the proactive negotiation headers (Accept, Accept-Language…) of the request',
  408: 'the server did not receive a complete request in the time it was prepared to wait',
  409: 'the request conflicts with the current state of the resource, e.g. an edit based on an old version',
  410: 'the resource is gone for good and no forwarding address is known',
  411: 'the server refuses a request without Content-Length',
  412: 'a condition in the request headers (If-Match, If-Unmodified-Since…) evaluated to false',
  414: 'the target URI is longer than the server is willing to interpret',
  415: 'the content is in a format (Content-Type or Content-Encoding) the server does not support for this method and resource',
  417: 'the expectation in the Expect header cannot be met',
  421: 'the request reached a server that cannot produce a response for this target URI',
  423: 'the resource is locked (WebDAV)',
  424: 'the method could not be performed because an action it depends on failed (WebDAV)',
  425: 'the server will not risk processing a request that might be replayed (TLS early data)',
  428: 'the server requires the request to be conditional, to prevent lost updates',
  431: 'the header section, or one field in it, is too large',
  451: 'access is denied as a consequence of a legal demand',
  500: 'an unexpected condition; the default for anything thrown that is not an HTTP error',
  501: 'the server does not support the functionality required, e.g. an unrecognised method',
  502: 'a gateway or proxy got an invalid response from an upstream server',
  504: 'a gateway or proxy did not get a response from an upstream server in time',
  505: 'the server does not support the major HTTP version of the request',
  506: 'transparent content negotiation resolved to a variant that negotiates itself',
  507: 'the server cannot store the representation needed to complete the request (WebDAV)',
  508: 'the server found an infinite loop while processing the request (WebDAV)',
  510: 'the policy for accessing the resource was not met (HTTP Extension Framework)',
  511: 'the client must authenticate to gain network access, e.g. a captive portal',
};

const EXAMPLE_DETAIL = {
  404: 'No order 42 here.',
  409: 'The order was changed by someone else; reload it and try again.',
  500: undefined,
};

/** Class name for an error phrase: PascalCase, acronyms as words (URI → Uri), "Error" once. */
function className(phrase) {
  const words = phrase.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');
  return name.endsWith('Error') ? name : `${name}Error`;
}

function generateClasses(codes) {
  const errors = codes.filter((c) => c.code >= 400 && !c.phrase.startsWith('('));
  const lines = [];
  const out = (s = '') => lines.push(s);
  for (const line of GENERATED) out(line);
  out('// Classes whose options add response fields are written by hand and imported below.');
  out();
  out("import { type HttpErrorOptions, NamedError } from './http-error.js';");
  for (const c of errors) {
    if (HANDWRITTEN[c.code]) continue;
    const name = className(c.phrase);
    if (!USE[c.code]) throw new Error(`no description for ${c.code}`);
    const spec = c.rfc === 9110 ? `RFC 9110 §${c.section}` : `RFC ${c.rfc} §${c.section}`;
    const detail = EXAMPLE_DETAIL[c.code];
    out();
    out('/**');
    out(` * ${c.code} ${c.phrase} (${spec}): ${USE[c.code]}.`);
    if (c.obsolete) out(' * The registry marks this code as obsoleted; prefer another status.');
    if (c.code >= 500)
      out(' * Its detail and extensions are not shown to clients unless `expose` is set.');
    out(' *');
    out(' * @example');
    out(` * throw new ${name}(${detail === undefined ? '' : q(detail)});`);
    out(' */');
    out(`export class ${name} extends NamedError<${c.code}> {`);
    out(
      '  /** The status `instanceof` recognises in an error of any copy of the package. @internal */',
    );
    out(`  static readonly '~status' = ${c.code};`);
    out();
    out('  constructor(detail?: string | HttpErrorOptions, options?: HttpErrorOptions) {');
    out(`    super(${c.code}, ${q(c.phrase)}, ${q(name)}, detail, options);`);
    out('  }');
    out('}');
  }
  return `${lines.join('\n')}\n`;
}

function generateRegistry(codes) {
  const errors = codes.filter((c) => c.code >= 400 && !c.phrase.startsWith('('));
  const lines = [];
  const out = (s = '') => lines.push(s);
  for (const line of GENERATED) out(line);
  out();
  // Values (the classes) and types (the options) by module, one import statement per module.
  const values = new Map([['./classes.js', new Set()]]);
  const types = new Map([['./http-error.js', new Set(['HttpErrorOptions'])]]);
  const add = (map, file, name) => map.set(file, (map.get(file) ?? new Set()).add(name));
  for (const c of errors) {
    const [name, file, options, optionsFile] = HANDWRITTEN[c.code] ?? [
      className(c.phrase),
      './classes.js',
    ];
    add(values, file, name);
    if (options) add(types, optionsFile, options);
  }
  const files = [...new Set([...values.keys(), ...types.keys()])].sort();
  for (const file of files) {
    const names = [
      ...[...(values.get(file) ?? [])].map((n) => [n, n]),
      ...[...(types.get(file) ?? [])].map((n) => [n, `type ${n}`]),
    ].sort(([a], [b]) => (a < b ? -1 : 1));
    const onlyTypes = !values.has(file);
    const list = names.map(([n, entry]) => `  ${onlyTypes ? n : entry},\n`).join('');
    out(`import ${onlyTypes ? 'type ' : ''}{\n${list}} from '${file}';`);
  }
  out();
  out('/**');
  out(' * The named error class of every registered 4xx and 5xx code, by status (418, "(Unused)",');
  out(' * has none). {@link createHttpError} returns these.');
  out(' *');
  out(' * @example');
  out(' * const err: ErrorClassMap[403] = new ForbiddenError();');
  out(' */');
  out('export interface ErrorClassMap {');
  for (const c of errors) {
    const name = HANDWRITTEN[c.code]?.[0] ?? className(c.phrase);
    out(`  /** {@link ${name}} */`);
    out(`  ${c.code}: ${name};`);
  }
  out('}');
  out();
  out('/**');
  out(' * The options of the named class of every registered 4xx and 5xx code, by status: what');
  out(' * {@link createHttpError} accepts with that status (see {@link OptionsFor}).');
  out(' *');
  out(' * @example');
  out(" * const options: ErrorOptionsMap[405] = { allow: ['GET', 'HEAD'] };");
  out(' */');
  out('export interface ErrorOptionsMap {');
  for (const c of errors) {
    const options = HANDWRITTEN[c.code]?.[2] ?? 'HttpErrorOptions';
    out(`  /** {@link ${options}} */`);
    out(`  ${c.code}: ${options};`);
  }
  out('}');
  out();
  out('/**');
  out(' * The named class of every registered 4xx and 5xx code (418, "(Unused)", has none).');
  out(' * @internal');
  out(' */');
  out(
    'export const ERROR_CLASSES: { readonly [S in keyof ErrorClassMap]: new (...args: never[]) => ErrorClassMap[S] } = {',
  );
  for (const c of errors) out(`  ${c.code}: ${HANDWRITTEN[c.code]?.[0] ?? className(c.phrase)},`);
  out('};');
  return `${lines.join('\n')}\n`;
}

export function generate() {
  const codes = readRegistry();
  return {
    table: generateTable(codes),
    metadata: generateMetadata(codes),
    classes: generateClasses(codes),
    registry: generateRegistry(codes),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = generate();
  for (const [key, path] of Object.entries(OUTPUTS)) writeFileSync(path, files[key]);
}
