import { describe, expect, it } from 'vitest';
import type { ErrorFormat } from '../../src/problem/types.js';
import { negotiate } from '../../src/render/negotiate.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const cases: [accept: string | null | undefined, expected: ErrorFormat][] = [
  // No preference at all.
  [undefined, 'problem+json'],
  [null, 'problem+json'],
  ['', 'problem+json'],
  ['   ', 'problem+json'],
  [',, ,\t,', 'problem+json'],
  ['*/*', 'problem+json'],
  ['application/*', 'problem+json'],
  ['application/problem+json', 'problem+json'],
  ['APPLICATION/PROBLEM+JSON', 'problem+json'],
  ['application/problem+json; charset=utf-8', 'problem+json'],
  // application/json is served a problem document unless problem+json is refused.
  ['application/json', 'problem+json'],
  ['application/json;q=0.5', 'problem+json'],
  ['application/json, application/problem+json;q=0', 'json'],
  ['application/problem+json;q=0, application/json', 'json'],
  ['application/problem+json;q=0, application/json;q=0.1', 'json'],
  ['application/*;q=0, application/json', 'json'],
  ['*/*;q=0, application/json', 'json'],
  ['*/*, application/problem+json;q=0', 'json'],
  ['application/json, application/problem+json', 'problem+json'],
  ['application/json;q=1, application/problem+json;q=0.5', 'problem+json'],
  ['application/json;q=0.5, application/problem+json;q=1', 'problem+json'],
  ['application/*;q=0.1, application/json', 'problem+json'],
  ['text/plain, application/json;q=0.5', 'text'],
  ['text/html;q=0.9, application/json', 'problem+json'],
  // More specific ranges override less specific ones.
  ['application/*;q=0, application/problem+json', 'problem+json'],
  ['*/*;q=0, application/problem+json', 'problem+json'],
  ['*/*;q=0, text/*', 'html'],
  ['text/*;q=0, text/plain', 'text'],
  ['*/*;q=0.1, application/*;q=0, text/plain;q=0.05', 'html'],
  ['*/*;q=0, application/*;q=0, text/plain;q=0.05', 'text'],
  ['application/problem+json;q=0, */*', 'json'],
  ['application/*;q=0, */*', 'html'],
  ['application/*;q=0, text/*;q=0.5, text/plain', 'text'],
  // Equally specific duplicates: the highest weight counts.
  ['text/html;q=0, text/html;q=0.5, application/json;q=0.4', 'html'],
  ['text/html;q=0.3, text/html;q=0.2, application/json;q=0.4', 'problem+json'],
  // XML.
  ['application/problem+xml', 'problem+xml'],
  ['application/xml', 'problem+xml'],
  ['text/xml', 'problem+xml'],
  ['application/xml;q=0.5, text/xml;q=0.9, text/plain;q=0.8', 'problem+xml'],
  ['application/problem+xml;q=0.2, application/xml, text/plain;q=0.5', 'text'],
  ['application/xml;q=0, application/*', 'problem+json'],
  ['application/xml;q=0, application/problem+json;q=0, application/*', 'json'],
  ['application/xml;q=0, application/problem+json;q=0, application/json;q=0, */*', 'html'],
  ['text/*', 'html'],
  ['application/problem+json;q=0.5, application/problem+xml', 'problem+xml'],
  ['application/problem+json, application/problem+xml', 'problem+json'],
  // HTML and text.
  [BROWSER, 'html'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['text/html;q=0, application/xhtml+xml;q=0.3', 'html'],
  ['text/plain', 'text'],
  ['text/plain;q=0.5, text/html;q=0.4', 'text'],
  ['text/plain, text/html', 'html'],
  // A parameter the offered text/plain; charset=utf-8 lacks (RFC 9110 §12.5.1).
  ['text/plain;format=flowed', 'problem+json'],
  ['*/*;q=0.8, text/plain', 'text'],
  ['Text/HTML;Q=0.5, text/plain;q=0.4', 'html'],
  // Nothing acceptable, or nothing known: still a problem document, never a 406.
  ['application/problem+json;q=0', 'problem+json'],
  ['*/*;q=0', 'problem+json'],
  ['image/png', 'problem+json'],
  ['image/*, audio/*;q=0.2', 'problem+json'],
  ['text/html;q=0, text/plain;q=0', 'problem+json'],
  // q values: RFC 9110 qvalues only; an invalid weight drops its range.
  ['text/plain;q=0.001, text/html;q=0', 'text'],
  ['text/plain;q=1.000', 'text'],
  ['text/plain;q=1.', 'text'],
  ['text/plain;q=0., text/html', 'html'],
  ['text/plain;q=0.', 'problem+json'],
  ['text/plain;q=0.000', 'problem+json'],
  ['text/html;q=0.5, text/plain;q=0.50', 'html'],
  ['text/html;q=0.499, text/plain;q=0.5', 'text'],
  ['text/plain;q=2', 'problem+json'],
  ['text/plain;q=1.5', 'problem+json'],
  ['text/plain;q=1.001', 'problem+json'],
  ['text/plain;q=0.0001', 'problem+json'],
  ['text/plain;q=-1', 'problem+json'],
  ['text/plain;q=.5', 'problem+json'],
  ['text/plain;q=05', 'problem+json'],
  ['text/plain;q=0.5x', 'problem+json'],
  ['text/plain;q=0.x', 'problem+json'],
  ['text/plain;q=abc', 'problem+json'],
  ['text/plain;q="0.5"', 'problem+json'],
  ['text/plain;q=', 'problem+json'],
  ['text/plain;q', 'problem+json'],
  ['text/plain;q=0.5;q=0, text/html;q=0.4', 'text'],
  ['text/plain;q=0.5;q="x", text/html;q=0.4', 'text'],
  // `qq` is not a weight but a parameter nothing offered has: the range matches nothing.
  ['text/plain;qq=0, text/html;q=0.4', 'html'],
  ['text/plain;qq=0;q=0.5, text/html;q=0.4', 'html'],
  ['text/html;q=0, text/html;q=bogus', 'problem+json'],
  // Parameters and whitespace.
  ['text/plain ; charset=utf-8 ; q=0.9 , text/html;q=0.8', 'text'],
  ['text/plain;\tq=0.9,\ttext/html;q=0.8', 'text'],
  ['text/plain;;q=0.9;, text/html;q=0.8', 'text'],
  ['text/plain;, text/html;q=0.8', 'text'],
  ['text/plain;', 'text'],
  // A quoted comma does not end the element (misread, ` text/html` would be a range of its own).
  ['image/png;a="x, text/html, y", text/plain;q=0.5', 'text'],
  // An escaped quote does not end the quoted-string (misread, ` text/html` again).
  ['image/png;a="\\", text/html, x", text/plain;q=0.5', 'text'],
  // A weight inside a quoted-string is not a weight.
  ['text/plain;charset="utf-8";a="q=0", text/html;q=0.8', 'html'],
  ['text/plain;charset="utf-8";a="\\"q=0\\"";q=0.9, text/html;q=0.8', 'html'],
  ['text/plain;charset="utf-8";q=0.9, text/html;q=0.8', 'text'],
  ['text/plain;a="x, y";q=0.9, text/html;q=0.8', 'html'],
  ['text/plain;a="x", text/html;q=0.8', 'html'],
  // Malformed elements are skipped; the well-formed ones still count.
  ['text', 'problem+json'],
  ['text/', 'problem+json'],
  ['/html', 'problem+json'],
  ['*/html', 'problem+json'],
  ['*/plain, text/plain', 'text'],
  ['text/plain garbage, text/html;q=0.1', 'html'],
  ['text/pla in, text/html;q=0.1', 'html'],
  ['text/plain;=x, text/html;q=0.1', 'html'],
  ['text/plain;a, text/html;q=0.1', 'html'],
  ['text/plain;a =x, text/html;q=0.1', 'html'],
  ['text/plain;a="unterminated, text/html;q=0.1', 'html'],
  ['text/plain;a="unterminated', 'problem+json'],
  ['text/plain;q="0.5, text/html;q=0.1', 'html'],
  ['"text/plain", text/html', 'html'],
  ['text/plain;q=0.5 x, text/html;q=0.1', 'html'],
  ['text/plain\u0000, text/html', 'html'],
  ['text/plain, \u00ff/\u00ff', 'text'],
  ['text\u00e9/plain, text/html;q=0.1', 'html'],
];

describe('negotiate', () => {
  it.each(cases)('%j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });

  it('treats a non-string at runtime as no header', () => {
    const hostile: unknown[] = [
      0,
      1,
      true,
      {},
      [],
      ['text/html'],
      Symbol('x'),
      () => 'text/html',
      10n,
      { toString: () => 'text/html' },
      new String('text/html'),
    ];
    for (const value of hostile) expect(negotiate(value as string)).toBe('problem+json');
  });

  it('looks at the first 64 list elements only', () => {
    const filler = Array.from({ length: 63 }, () => 'image/png').join(', ');
    expect(negotiate(`${filler}, text/plain`)).toBe('text');
    expect(negotiate(`${filler}, image/gif, text/plain`)).toBe('problem+json');
    // Malformed elements count, empty ones do not.
    const malformed = Array.from({ length: 64 }, () => 'junk').join(',');
    expect(negotiate(`${malformed},text/plain`)).toBe('problem+json');
    expect(negotiate(`${',,, '.repeat(1000)}text/plain`)).toBe('text');
  });

  describe('hostile headers stay fast', () => {
    const big = 100_000;
    const hostile: [name: string, header: string, expected: ErrorFormat][] = [
      ['one long token', 'a'.repeat(big), 'problem+json'],
      ['one long subtype', `text/${'a'.repeat(big)}`, 'problem+json'],
      ['commas', ','.repeat(big), 'problem+json'],
      ['spaces', ' '.repeat(big), 'problem+json'],
      ['slashes', '/'.repeat(big), 'problem+json'],
      ['semicolons', `text/plain${';'.repeat(big)}`, 'text'],
      ['semicolons and spaces', `text/plain${'; '.repeat(big / 2)}`, 'text'],
      ['many parameters', `text/plain${';a=b'.repeat(big / 4)}`, 'problem+json'],
      ['many charset parameters', `text/plain${';charset=utf-8'.repeat(big / 14)}`, 'text'],
      ['many q parameters', `text/plain;q=0.5${';q=1'.repeat(big / 4)}`, 'text'],
      ['an open quote', `text/plain;a="${'x'.repeat(big)}`, 'problem+json'],
      ['backslashes in a quote', `text/plain;a="${'\\'.repeat(big)}"`, 'problem+json'],
      ['backslashes in a charset', `text/plain;charset="${'\\'.repeat(big)}"`, 'problem+json'],
      ['a long charset', `text/plain;charset=utf-8${'8'.repeat(big)}`, 'problem+json'],
      ['quotes', '"'.repeat(big), 'problem+json'],
      ['many ranges', 'text/plain;q=0.1,'.repeat(big / 16), 'text'],
      ['many bad ranges', 'a/,'.repeat(big / 3), 'problem+json'],
      ['long q', `text/plain;q=${'0'.repeat(big)}`, 'problem+json'],
      ['stars', '*'.repeat(big), 'problem+json'],
      ['alternating', '*/'.repeat(big / 2), 'problem+json'],
      ['equals', `text/plain;${'='.repeat(big)}`, 'problem+json'],
    ];
    // No timing assertions (this machine is shared and noisy): a quadratic scan of these
    // inputs would run for minutes and fail on vitest's timeout instead.
    it.each(hostile)('%s', (_name, header, expected) => {
      expect(negotiate(header)).toBe(expected);
    });

    it('scans a 1 MB header of one list element to the end', () => {
      // One list element, so the 64-element cap does not shorten the scan. A repeated charset
      // keeps its first value, so the range stays acceptable until a parameter at the very end.
      const unit = ';q=0.5;charset="b,c"';
      const element = `text/plain;charset=utf-8${unit.repeat(1_000_000 / unit.length)}`;
      expect(negotiate(element)).toBe('text');
      expect(negotiate(`${element};level=1`)).toBe('problem+json');
    });
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('negotiate: edges found by mutation testing', () => {
  it.each<[string, ErrorFormat]>([
    // Of two ranges equally specific for a type, the higher weight counts, wherever it is.
    ['text/plain;q=0.5, text/html;q=0.9, text/html;q=0.1', 'html'],
    ['text/plain;q=0.5, text/html;q=0.1, text/html;q=0.9', 'html'],
    // Only application/xml and text/xml are XML aliases, not any */xml.
    ['image/xml', 'problem+json'],
    ['image/xml, text/plain;q=0.1', 'text'],
    // A tab is whitespace before a list element too.
    ['\ttext/html', 'html'],
    ['application/json;q=0.1,\ttext/html', 'html'],
    // An unterminated quoted-string ends only its own element.
    ['text/plain;q=0.1, text/html;a="x, application/xml', 'problem+xml'],
    // An empty parameter value makes the element malformed.
    ['text/html;level=', 'problem+json'],
    ['text/plain;q=0.1, text/html;level=, text/*;q=0.01', 'text'],
    // An invalid weight drops its element, so a wildcard still counts for that type.
    ['text/*;q=0.5, text/html;q=3, application/json;q=0.4', 'html'],
    ['text/html;q=10', 'problem+json'],
    ['text/html;q=0.9!', 'problem+json'],
    ['text/html;q=1.', 'html'],
    ['text/html;q=0.', 'problem+json'],
    // Three decimals are compared exactly.
    ['text/plain;q=0.5, text/html;q=0.55', 'html'],
    ['text/plain;q=0.551, text/html;q=0.55', 'text'],
    ['text/plain;q=0.05, text/html;q=0.049', 'text'],
  ])('%j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});

// Media-range parameters (RFC 9110 §12.5.1: a range with parameters matches only an offered
// type with the same parameters; §5.6.6: names case-insensitive, quoted equals token; §8.3.2:
// charset values case-insensitive). Offered: text/html; charset=utf-8, text/plain; charset=utf-8,
// and the JSON and XML types without parameters. Cases from issue #15.
describe('negotiate: media-range parameters (RFC 9110 §12.5.1)', () => {
  it.each<[string, ErrorFormat]>([
    // issue #15: parameters were ignored.
    ['text/html;level=1', 'problem+json'],
    ['text/html;foo="bar", text/plain', 'text'],
    ['text/html;level=1, text/plain;q=0.1', 'text'],
    // The charset the text formats are sent with, in any spelling.
    ['text/html;charset=utf-8', 'html'],
    ['text/html;charset=UTF-8', 'html'],
    ['text/html;CHARSET=Utf-8', 'html'],
    ['text/html;charset="utf-8"', 'html'],
    ['text/html;charset="UTF\\-8"', 'html'],
    ['text/plain ;\tcharset = utf-8', 'problem+json'], // no whitespace around `=` (§5.6.6)
    ['text/plain; charset=utf-8', 'text'],
    ['application/xhtml+xml;charset=utf-8', 'html'],
    // Another charset, or something that only looks like utf-8, is not offered.
    ['text/html;charset=iso-8859-1, text/plain;q=0.1', 'text'],
    ['text/html;charset=utf8, text/plain;q=0.1', 'text'],
    ['text/html;charset=utf-, text/plain;q=0.1', 'text'],
    ['text/html;charset=utf-88, text/plain;q=0.1', 'text'],
    ['text/html;charset="utf-8 ", text/plain;q=0.1', 'text'],
    ['text/html;charset="", text/plain;q=0.1', 'text'],
    ['text/html;charset="utf-8, text/plain;q=0.1', 'text'],
    // Every parameter must match.
    ['text/html;charset=utf-8;level=1, text/plain;q=0.1', 'text'],
    ['text/html;level=1;charset=utf-8, text/plain;q=0.1', 'text'],
    // Of a parameter given twice the first value counts (as negotiator: "should accept the first
    // parameter value").
    ['text/html;charset=utf-8;charset=latin1', 'html'],
    ['text/html;charset=latin1;charset=utf-8, text/plain;q=0.1', 'text'],
    // `q` is the weight wherever it is, not a parameter.
    ['text/html;q=0.5;charset=utf-8, text/plain;q=0.4', 'html'],
    ['text/html;charset=utf-8;q=0.3, text/plain;q=0.4', 'text'],
    // JSON and XML are offered without a charset (RFC 8259 §11 defines none for JSON).
    ['application/problem+json;charset=utf-8', 'problem+json'],
    ['application/problem+json;charset=utf-8, text/plain;q=0.5', 'text'],
    ['application/json;charset=utf-8, text/html;q=0.5', 'html'],
    ['application/xml;charset=utf-8, text/plain;q=0.5', 'text'],
    ['application/problem+xml;charset=utf-8, text/plain;q=0.5', 'text'],
    // Wildcards with parameters reach only the types that have them.
    ['text/*;charset=utf-8', 'html'],
    ['*/*;charset=utf-8', 'html'],
    ['*/*;charset=utf-8, application/json;q=0.5', 'html'],
    ['*/*;level=1', 'problem+json'],
    ['*/*;level=1, text/plain;q=0.1', 'text'],
    // A range with parameters is more specific than the same range without (RFC 9110 §12.5.1).
    ['text/plain;charset=utf-8;q=0, text/plain', 'problem+json'],
    ['text/plain;charset=utf-8;q=0, text/*;q=0.5', 'html'],
    ['text/plain;q=0.2, text/plain;charset=utf-8;q=0.9, text/html;q=0.5', 'text'],
    ['text/plain;charset=utf-8;q=0.2, text/plain;q=0.9, text/html;q=0.5', 'html'],
    // ...and a range that matches nothing refuses nothing.
    ['text/html;level=1;q=0, text/*', 'html'],
    ['text/plain;format=flowed;q=0, text/plain, text/html;q=0.5', 'text'],
  ])('%j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});

// At equal weight the more specific range wins across formats (named type, with parameters
// more so, then the XML alias, then type/*, then */*); then the server's order. The XML alias
// never beats a format the client named (issue #15).
describe('negotiate: equal weights', () => {
  it.each<[string, ErrorFormat]>([
    // issue #15: the XML alias loses to a named format at the same weight.
    ['text/plain, text/xml', 'text'],
    ['text/xml, text/plain', 'text'],
    ['application/xml, text/plain', 'text'],
    ['application/xml, text/html', 'html'],
    ['application/xml, application/json', 'problem+json'],
    ['text/plain;q=0.5, text/xml;q=0.5', 'text'],
    // ...but not at a lower weight, and a lone alias still answers problem+xml.
    ['text/plain;q=0.5, application/xml', 'problem+xml'],
    ['application/xml', 'problem+xml'],
    // The alias beats wildcards.
    ['application/xml, */*', 'problem+xml'],
    ['*/*, text/xml', 'problem+xml'],
    ['application/*, application/xml', 'problem+xml'],
    // A named problem+xml is named.
    ['application/problem+xml, text/plain', 'problem+xml'],
    // Named before wildcards.
    ['*/*, text/plain', 'text'],
    ['text/plain, */*', 'text'],
    ['text/*, text/plain', 'text'],
    ['application/*, text/html', 'html'],
    ['*/*, text/*', 'html'],
    // With parameters before without.
    ['text/html, text/plain;charset=utf-8', 'text'],
    // Equally specific: the server's order, not the list's.
    ['text/plain, text/html', 'html'],
    ['text/plain, application/json;q=0.5, text/html, text/xml, */*;q=0.1', 'html'],
    ['application/json, text/plain, */*', 'problem+json'],
    ['text/*, application/*', 'problem+json'],
  ])('%j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected);
  });
});
