import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BadGatewayError,
  ForbiddenError,
  renderError,
  serializeProblem,
  UnprocessableContentError,
} from '../../src/index.js';
import { HTML_CSP, STYLE } from '../../src/render/html.js';
import { HTML_CSP as MATRIX_CSP } from '../runtimes/cases.mjs';

/** The page's `<main>`, where everything but the head and the style sheet is. */
function main(page: string): string {
  return /<main>(.*)<\/main>/s.exec(page)?.[1] ?? '';
}

describe('the HTML page', () => {
  it("allows its style sheet by the style's SHA-256, computed ahead for the edge-safe core", () => {
    const digest = createHash('sha256').update(STYLE, 'utf8').digest('base64');
    expect(
      HTML_CSP,
      'after changing STYLE, put this in HTML_CSP (and in test/runtimes/cases.mjs)',
    ).toBe(
      `default-src 'none'; style-src 'sha256-${digest}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(MATRIX_CSP).toBe(HTML_CSP);
  });

  it('has the style sheet, noindex, and nothing that loads or runs', () => {
    const page = serializeProblem({ type: 'about:blank', title: 'Forbidden', status: 403 }, 'html');
    expect(page).toBe(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<meta name="robots" content="noindex"><title>403 Forbidden</title><style>${STYLE}</style>` +
        '</head><body><main><p class="status">403</p><h1>Forbidden</h1></main></body></html>',
    );
    expect(STYLE).toContain('@media (prefers-color-scheme:dark)');
    expect(STYLE).toContain('system-ui');
    expect(STYLE).not.toMatch(/url\(|@import|expression/);
  });

  it('shows strings as text, lists as lists and errors[] as a table', () => {
    const r = renderError(
      new UnprocessableContentError('Check the order.', {
        instance: '/orders/42',
        extensions: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', tags: ['a', 'b'] },
        errors: [
          { detail: 'must be a positive integer', pointer: '/quantity' },
          { detail: 'is required', parameter: 'email' },
        ],
      }),
      { format: 'html' },
    );
    expect(main(r.body)).toBe(
      '<p class="status">422</p><h1>Unprocessable Content</h1><p>Check the order.</p><dl>' +
        '<dt>instance</dt><dd>/orders/42</dd>' +
        '<dt>traceId</dt><dd>4bf92f3577b34da6a3ce929d0e0e4736</dd>' +
        '<dt>tags</dt><dd><ul><li>a</li><li>b</li></ul></dd>' +
        '<dt>errors</dt><dd><table><thead><tr><th>detail</th><th>pointer</th><th>parameter</th></tr></thead><tbody>' +
        '<tr><td>must be a positive integer</td><td>/quantity</td><td></td></tr>' +
        '<tr><td>is required</td><td></td><td>email</td></tr></tbody></table></dd></dl>',
    );
  });

  it('shows a value on several lines as preformatted text, escaped', () => {
    const page = serializeProblem(
      { type: 'about:blank', title: 'Bad Request', status: 400, query: 'a\n<b>' },
      'html',
    );
    expect(main(page)).toContain('<dt>query</dt><dd><pre>a\n&lt;b&gt;</pre></dd>');
  });

  it('shows debug output as a stack and a cause chain, each once, with statuses', () => {
    const upstream = new BadGatewayError('The <ledger> answered 503.', {
      cause: new Error('ECONNRESET'),
    });
    const thrown = new TypeError('disk full', { cause: upstream });
    const esc = (s: string | undefined) =>
      (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const page = renderError(thrown, { debug: true, format: 'html' }).body;
    expect(main(page)).toBe(
      '<p class="status">500</p><h1>Internal Server Error</h1><p>disk full</p>' +
        `<h2>Stack</h2><pre>${esc(thrown.stack)}</pre>` +
        '<h2>Caused by</h2><ol>' +
        `<li><p>502 BadGatewayError: The &lt;ledger&gt; answered 503.</p><pre>${esc(upstream.stack)}</pre></li>` +
        `<li><p>Error: ECONNRESET</p><pre>${esc((upstream.cause as Error).stack)}</pre></li></ol>`,
    );
    expect(page.split(esc(thrown.stack)).length).toBe(2);
  });

  it('reads a cause chain of any shape', () => {
    const page = serializeProblem(
      {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        cause: { message: 'text', cause: { name: 'E', cause: { status: 503 } } },
      },
      'html',
    );
    expect(main(page)).toContain(
      '<h2>Caused by</h2><ol><li><p>text</p></li><li><p>E</p></li><li><p>503</p></li></ol>',
    );
  });
});

describe('the text format in debug', () => {
  it('writes the stack and each cause as indented lines under their field', () => {
    const root = new Error('ECONNRESET');
    root.stack = 'Error: ECONNRESET\n    at socket (net.js:1:1)';
    const upstream = new BadGatewayError('upstream', { cause: root });
    upstream.stack = 'BadGatewayError: upstream\n    at call (client.js:2:2)\ncause: forged';
    const thrown = new Error('disk full', { cause: upstream });
    thrown.stack = 'Error: disk full\n    at handler (app.js:3:3)';
    expect(renderError(thrown, { debug: true, format: 'text' }).body).toBe(
      '500 Internal Server Error\n' +
        'disk full\n' +
        'stack:\n' +
        '  Error: disk full\n' +
        '      at handler (app.js:3:3)\n' +
        'cause: 502 BadGatewayError: upstream\n' +
        '  BadGatewayError: upstream\n' +
        '      at call (client.js:2:2)\n' +
        '  cause: forged\n' +
        'cause: Error: ECONNRESET\n' +
        '  Error: ECONNRESET\n' +
        '      at socket (net.js:1:1)\n',
    );
  });
});

describe('the Content-Security-Policy field', () => {
  it('goes with HTML bodies only, in place of any the error set', () => {
    const err = new ForbiddenError({
      headers: { 'Content-Security-Policy': "default-src 'self'" },
    });
    expect(renderError(err, { format: 'html' }).headers['content-security-policy']).toBe(HTML_CSP);
    expect(renderError(err, { accept: 'text/html' }).headers['content-security-policy']).toBe(
      HTML_CSP,
    );
    expect(renderError(err).headers['content-security-policy']).toBe("default-src 'self'");
    for (const format of ['problem+json', 'json', 'problem+xml', 'text'] as const) {
      const r = renderError(new ForbiddenError(), { format });
      expect(r.headers['content-security-policy'], format).toBeUndefined();
    }
    const head = renderError(new ForbiddenError(), { format: 'html', method: 'HEAD' });
    expect([head.body, head.headers['content-security-policy']]).toEqual(['', HTML_CSP]);
  });
});
