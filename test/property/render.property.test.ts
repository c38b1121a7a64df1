// renderError obeys every rendering invariant of DESIGN.md for any error, any options and any
// format: status range, required headers, Content-Type matching a well-formed body, the
// `status` member equal to the HTTP status, clean header values.

import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toResponse } from '../../src/adapters/fetch/index.js';
import {
  type ErrorFormat,
  HttpError,
  isErrorStatus,
  isHttpError,
  negotiate,
  parseChallenges,
  type RenderedError,
  type RenderOptions,
  renderError,
} from '../../src/index.js';
import { REPEATABLE } from '../../src/internal/headers.js';
import { HTML_CSP, STYLE } from '../../src/render/html.js';
import {
  build,
  errorInput,
  FORMATS,
  fieldValue,
  MEDIA,
  materialize,
  RUNS,
  renderOptions,
  thrown,
} from './arbitraries.js';

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const HTML_TAGS = new Set([
  '!DOCTYPE html',
  'html lang="en"',
  'head',
  'meta charset="utf-8"',
  'meta name="viewport" content="width=device-width, initial-scale=1"',
  'title',
  'body',
  'main',
  'html',
  'meta name="robots" content="noindex"',
  'style',
  'h1',
  'h2',
  'p',
  'p class="status"',
  'pre',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'dl',
  'dt',
  'dd',
]);

/**
 * XML 1.0 Fifth Edition allows U+10000–U+EFFFF in names; fast-xml-parser's validator only
 * knows the BMP ones, so those become a plain letter before it looks.
 */
function bmpNames(doc: string): string {
  return doc.replace(/[\u{10000}-\u{EFFFF}]/gu, 'A');
}

/** The status an independent reading of the thrown value expects, per DESIGN.md "Errors". */
function expectedStatus(x: unknown): number {
  try {
    if (isHttpError(x)) return (x as { conceal?: unknown }).conceal === true ? 404 : x.status;
    if (typeof x === 'object' && x !== null) {
      const o = x as Record<string, unknown>;
      const output = o.output as Record<string, unknown> | undefined;
      const status =
        o.isBoom === true && typeof output === 'object' && output !== null
          ? output.statusCode
          : typeof o.status === 'number'
            ? o.status
            : o.statusCode;
      if (
        typeof status === 'number' &&
        Number.isInteger(status) &&
        status >= 400 &&
        status <= 599
      ) {
        return isErrorStatus(status) ? status : status < 500 ? 400 : 500;
      }
    }
  } catch {
    // a hostile value: unknown, so 500
  }
  return 500;
}

function formatOf(options: RenderOptions | undefined): ErrorFormat {
  return options?.format ?? negotiate(options?.accept);
}

/** Every invariant of DESIGN.md "Rendering", for one rendered error. */
function checkInvariants(r: RenderedError, status: number, options: RenderOptions | undefined) {
  expect(r.status).toBe(status);
  expect(isErrorStatus(r.status)).toBe(true);

  for (const [name, value] of Object.entries(r.headers)) {
    expect(name).toMatch(TCHAR);
    expect(name).not.toBe('__proto__');
    if (typeof value === 'string') expect(value).toMatch(FIELD_VALUE);
    else {
      // A list only for the fields whose lines stay apart, and only for several lines.
      expect(REPEATABLE.has(name)).toBe(true);
      expect(value.length).toBeGreaterThan(1);
      for (const line of value) expect(line).toMatch(FIELD_VALUE);
    }
  }
  // Every line of a 401's or 407's challenge field carries a challenge.
  const challenged = (name: string) =>
    [r.headers[name] ?? []].flat().map((line) => parseChallenges(line).length > 0);
  if (r.status === 401) {
    expect(challenged('www-authenticate')).not.toHaveLength(0);
    expect(challenged('www-authenticate')).not.toContain(false);
  }
  if (r.status === 407) {
    expect(challenged('proxy-authenticate')).not.toHaveLength(0);
    expect(challenged('proxy-authenticate')).not.toContain(false);
  }
  if (r.status === 405) expect(r.headers.allow).toBeTypeOf('string');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['cache-control']).toBeTypeOf('string');
  expect(r.headers['content-length']).toBeUndefined();
  expect(r.headers['transfer-encoding']).toBeUndefined();
  expect(r.headers['content-encoding']).toBeUndefined();

  const format = formatOf(options);
  expect(r.headers['content-type']).toBe(MEDIA[format]);
  // A negotiated format varies with Accept (or the error's own `*` says more).
  if (options?.format === undefined) {
    const members = String(r.headers.vary).split(',');
    const lower = members.map((m) => m.trim().toLowerCase());
    expect(lower.includes('accept') || lower.join() === '*').toBe(true);
    expect(new Set(lower).size).toBe(lower.length);
  }
  if (typeof options?.method === 'string' && options.method.toUpperCase() === 'HEAD') {
    expect(r.body).toBe('');
    return;
  }
  checkBody(r, format);
}

function checkBody(r: RenderedError, format: ErrorFormat) {
  switch (format) {
    case 'problem+json':
    case 'json': {
      const problem = JSON.parse(r.body);
      expect(problem.status).toBe(r.status);
      expect(problem.type).toBeTypeOf('string');
      expect(problem.title).toBeTypeOf('string');
      break;
    }
    case 'problem+xml': {
      expect(XMLValidator.validate(bmpNames(r.body))).toBe(true);
      const status =
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<problem xmlns="urn:ietf:rfc:7807"><type>[^<]*<\/type><title>[^<]*<\/title><status>(\d+)<\/status>/.exec(
          r.body,
        )?.[1];
      expect(Number(status)).toBe(r.status);
      expect(r.body.endsWith('</problem>')).toBe(true);
      break;
    }
    case 'html': {
      expect(r.body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(r.body).toContain(`<p class="status">${r.status}</p><h1>`);
      expect(r.headers['content-security-policy']).toBe(HTML_CSP);
      // Everything printed is escaped: the only markup is the page's own (and its style sheet).
      const markup = r.body.replace(`<style>${STYLE}</style>`, '');
      for (const [, tag] of markup.matchAll(/<\/?([^>]*)>/g)) expect(HTML_TAGS).toContain(tag);
      break;
    }
    case 'text': {
      expect(r.body.endsWith('\n')).toBe(true);
      expect(r.body.startsWith(`${r.status} `)).toBe(true);
      expect(r.body).not.toMatch(/[\r\0\u2028\u2029]/);
      break;
    }
  }
}

describe('renderError: invariants for any error, options and format', () => {
  it('holds for every registered 4xx/5xx status built by createHttpError', () => {
    fc.assert(
      fc.property(errorInput, fc.option(renderOptions, { nil: undefined }), (input, options) => {
        const err = build(input);
        const r = renderError(err, options);
        checkInvariants(r, expectedStatus(err), options);
        if ((err as { conceal?: unknown }).conceal === true) {
          // A concealed 403 is a plain 404: none of its own headers, no detail.
          expect(r.headers['www-authenticate']).toBeUndefined();
          if (r.body !== '' && formatOf(options).endsWith('json')) {
            expect(JSON.parse(r.body).detail).toBeUndefined();
          }
        } else if (err.headers['cache-control']) {
          expect(r.headers['cache-control']).toBe(err.headers['cache-control']);
        } else {
          // None, or an empty one (nothing left after trimming), which counts as none.
          expect(r.headers['cache-control']).toBe('no-store');
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('holds for anything thrown: foreign errors, plain values, hostile objects', () => {
    fc.assert(
      fc.property(thrown, fc.option(renderOptions, { nil: undefined }), (generated, options) => {
        const x = materialize(generated);
        checkInvariants(renderError(x, options), expectedStatus(x), options);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('holds in every format, forced', () => {
    fc.assert(
      fc.property(
        thrown,
        fc.constantFrom(...FORMATS),
        renderOptions,
        (generated, format, options) => {
          const x = materialize(generated);
          const forced = { ...options, format };
          checkInvariants(renderError(x, forced), expectedStatus(x), forced);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a 401 or 407 always carries a challenge, whatever its own fields say', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(401, 407),
        fc.oneof(
          fieldValue,
          fc.constantFrom('', ' ', '\t', '"', ',', '=', 'a=b', '@'),
          // Several lines, some with a challenge and some without.
          fc.array(fc.oneof(fieldValue, fc.constantFrom('', ',', '=', 'Negotiate', 'Basic')), {
            maxLength: 4,
          }),
        ),
        fc.option(renderOptions, { nil: undefined }),
        fc.boolean(),
        (status, value, options, foreign) => {
          const name = status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
          const x = foreign
            ? { status, headers: { [name]: value } }
            : new HttpError(status, { headers: { [name]: value } });
          checkInvariants(renderError(x, options), status, options);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('HEAD gets the headers GET gets, and no body', () => {
    fc.assert(
      fc.property(errorInput, renderOptions, (input, options) => {
        const err = build(input);
        const get = renderError(err, { ...options, method: 'GET' });
        const head = renderError(err, { ...options, method: 'HEAD' });
        expect(head.body).toBe('');
        expect(head.status).toBe(get.status);
        expect(head.headers).toEqual(get.headers);
      }),
      { numRuns: RUNS },
    );
  });

  it('the body option reshapes JSON into application/json, or falls back to the problem', () => {
    const shapes = [
      (p: { title: string; detail?: string }) => ({ error: p.detail ?? p.title }),
      () => undefined,
      () => {
        throw new Error('shape failed');
      },
      () => 1n,
      (_p: unknown, e: HttpError) => ({ code: e.status }),
    ];
    fc.assert(
      fc.property(
        thrown,
        fc.constantFrom(...shapes),
        fc.constantFrom<ErrorFormat>('problem+json', 'json'),
        (generated, body, format) => {
          const x = materialize(generated);
          const r = renderError(x, { body, format });
          expect(r.status).toBe(expectedStatus(x));
          const parsed = JSON.parse(r.body);
          if (r.headers['content-type'] === 'application/json' && parsed.status === undefined) {
            expect(Object.keys(parsed).length).toBe(1);
          } else {
            expect(parsed.status).toBe(r.status);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('every rendered error is a valid Fetch Response (Headers refuses bad fields)', async () => {
    await fc.assert(
      fc.asyncProperty(
        thrown,
        fc.option(renderOptions, { nil: undefined }),
        async (generated, options) => {
          const x = materialize(generated);
          const response = toResponse(x, options);
          const r = renderError(x, options);
          expect(response.status).toBe(r.status);
          // Every field, with its lines apart: Headers joins a list's lines with `, ` in
          // `get`, and keeps Set-Cookie's apart in `getSetCookie`.
          for (const [name, value] of Object.entries(r.headers)) {
            expect(response.headers.get(name)).toBe([value].flat().join(', '));
          }
          expect(response.headers.getSetCookie()).toEqual([r.headers['set-cookie'] ?? []].flat());
          expect([...new Set(response.headers.keys())].sort()).toEqual(
            Object.keys(r.headers).sort(),
          );
          // The body goes out as UTF-8, where a lone surrogate (kept by the text format) is U+FFFD.
          expect(await response.text()).toBe(Buffer.from(r.body, 'utf8').toString('utf8'));
        },
      ),
      { numRuns: RUNS / 2 },
    );
  });

  it('never throws, and never lets onError break the response', () => {
    fc.assert(
      fc.property(thrown, renderOptions, (generated, options) => {
        let reported = 0;
        const r = renderError(materialize(generated), {
          ...options,
          onError: () => {
            reported++;
            throw new Error('logger down');
          },
        });
        expect(reported).toBe(1);
        expect(isErrorStatus(r.status)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
