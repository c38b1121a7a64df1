import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ErrorFormat } from '../../src/problem/types.js';
import { negotiate } from '../../src/render/negotiate.js';

// negotiate() against the real `negotiator` package — the one Express itself uses, resolved the
// way Express resolves it (express → accepts → negotiator) — on a corpus of Accept headers: every
// Accept header of negotiator's own test file (jshttp/negotiator test/mediaType.js at 1.1.0,
// cited by its describe/it titles), the examples of RFC 9110 §12.5.1, headers real clients send,
// and the parameter and charset cases of issue #15. Where the two disagree, the difference is
// deliberate and listed in DIFFERENCES with its reason; every other header must agree.

const requireFromExpress = createRequire(createRequire(import.meta.url).resolve('express'));
const requireFromAccepts = createRequire(requireFromExpress.resolve('accepts'));

interface NegotiatorInstance {
  mediaType(available: string[]): string | undefined;
}
const Negotiator = requireFromAccepts('negotiator') as new (request: {
  headers: Record<string, string>;
}) => NegotiatorInstance;
const negotiatorVersion = (requireFromAccepts('negotiator/package.json') as { version: string })
  .version;

/**
 * What this library offers, as negotiator sees it: each format under the media type it is sent
 * with (the text formats with `charset=utf-8`), in the server's order of preference, which is
 * negotiator's last tie-break too. The aliases (`application/xhtml+xml` for HTML,
 * `application/xml` and `text/xml` for problem+xml) are offered as well; the XML ones come last,
 * the nearest negotiator comes to "a wildcard never selects them".
 */
const OFFERED: readonly [mediaType: string, format: ErrorFormat][] = [
  ['application/problem+json', 'problem+json'],
  ['application/json', 'json'],
  ['application/problem+xml', 'problem+xml'],
  ['text/html; charset=utf-8', 'html'],
  ['application/xhtml+xml; charset=utf-8', 'html'],
  ['text/plain; charset=utf-8', 'text'],
  ['application/xml', 'problem+xml'],
  ['text/xml', 'problem+xml'],
];

/**
 * negotiator's pick among OFFERED, as a format. When it finds nothing acceptable (where a
 * negotiator user would answer 406), the answer is `problem+json`: an error response is always
 * sent, and that rule is the same on both sides, not a difference.
 */
function negotiatorChoice(accept: string | undefined): ErrorFormat {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  const chosen = new Negotiator({ headers }).mediaType(OFFERED.map(([type]) => type));
  if (chosen === undefined) return 'problem+json';
  const found = OFFERED.find(([type]) => type === chosen);
  if (found === undefined) throw new Error(`negotiator chose ${chosen}, which is not offered`);
  return found[1];
}

const SUITE = 'negotiator test/mediaType.js';
const LONG =
  'text/plain, application/json;q=0.5, text/html, text/xml, text/yaml, text/javascript, text/csv, text/css, text/rtf, text/markdown, application/octet-stream;q=0.2, */*;q=0.1';

const CORPUS: readonly [accept: string | undefined, source: string][] = [
  // Every Accept header of negotiator's test/mediaType.js, with one title that uses it.
  [undefined, `${SUITE}: negotiator.mediaType() › when no Accept › should return */*`],
  [
    '*/*',
    `${SUITE}: negotiator.mediaType(array) › when Accept: */* › should return first item in list`,
  ],
  [
    'application/json',
    `${SUITE}: negotiator.mediaType(array) › when Accept: application/json › should only return application/json`,
  ],
  [
    'application/json;q=0',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: application/json;q=0 › should not accept other media types`,
  ],
  [
    'application/json;q=0.2, text/html',
    `${SUITE}: negotiator.mediaType(array) › when Accept: application/json;q=0.2, text/html › should prefer text/html over application/json`,
  ],
  [
    'text/*',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/* › should prefer text media types`,
  ],
  [
    'text/plain, application/json;q=0.5, text/html, */*;q=0.1',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/plain, application/json;q=0.5, text/html, */*;q=0.1 › should prefer text/plain over text/html`,
  ],
  [
    LONG,
    `${SUITE}: negotiator.mediaType(array) › when Accept: ${LONG} › should return the client-preferred order`,
  ],
  [
    'text/*, text/plain;q=0',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/*, text/plain;q=0 › should prefer text media types except text/plain`,
  ],
  [
    'text/html;LEVEL=1',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;LEVEL=1 › should accept text/html;level=1`,
  ],
  [
    'text/html;foo="bar,text/css;";fizz="buzz,5", text/plain',
    `${SUITE}: negotiator.mediaTypes() › when Accept: text/html;foo="bar,text/css;";fizz="buzz,5", text/plain › should return text/html, text/plain`,
  ],
  [
    'text/html;foo="bar\\"", application/json',
    `${SUITE}: negotiator.mediaTypes() › when Accept: text/html;foo="bar\\"", application/json › should handle escaped quotes`,
  ],
  [
    '*/*;q=0.8, text/*, image/*',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: */*;q=0.8, text/*, image/* › should return return stable-sorted list`,
  ],
  [
    'application/json;q=0.9, text/html;q=0.8, application/json;q=0.7',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: application/json;q=0.9, text/html;q=0.8, application/json;q=0.7 › should prefer application/json over text/html`,
  ],
  [
    'application/json, */*;q=0.1',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: application/json, */*;q=0.1 › should prefer application/json over text/html`,
  ],
  [
    'application/xhtml+xml;profile="http://www.wapforum.org/xhtml"',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: application/xhtml+xml;profile="http://www.wapforum.org/xhtml" › should accept application/xhtml+xml;profile="http://www.wapforum.org/xhtml"`,
  ],
  [
    'text/*, text/html;level',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/*, text/html;level › should accept text/html`,
  ],
  [
    'text/*, text/plain;q=0.5',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/*, text/plain;q=0.5 › should prefer text/plain below other text types`,
  ],
  [
    'text/html;level=1',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=1 › should not accept text/html`,
  ],
  [
    'text/html;level=1;foo=bar',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=1;foo=bar › should not accept text/html;level=1`,
  ],
  [
    'text/html;level=1;foo="bar"',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=1;foo="bar" › should accept text/html;level=1;foo=bar`,
  ],
  [
    'text/html;foo=";level=2;"',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;foo=";level=2;" › should not accept text/html;level=2`,
  ],
  [
    'text/html;LEVEL=1;level=2',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;LEVEL=1;level=2 › should accept the first parameter value`,
  ],
  [
    'text/html;level=2',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=2 › should not accept text/html;level=1`,
  ],
  [
    'text/html;level=2, text/html',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=2, text/html › should prefer text/html;level=2 over text/html`,
  ],
  [
    'text/html;level=2;q=0.1, text/html',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=2;q=0.1, text/html › should prefer text/html over text/html;level=2`,
  ],
  [
    'text/html;level=2;q=0.1;level=1',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=2;q=0.1;level=1 › should not accept text/html;level=1`,
  ],
  [
    'text/html;level=2;q=0.1, text/html;level=1, text/html;q=0.5',
    `${SUITE}: negotiator.mediaTypes(array) › when Accept: text/html;level=2;q=0.1, text/html;level=1, text/html;q=0.5 › should prefer text/html;level=1, text/html, text/html;level=2`,
  ],
  // RFC 9110 §12.5.1's examples.
  ['audio/*; q=0.2, audio/basic', 'RFC 9110 §12.5.1, first example'],
  ['text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c', 'RFC 9110 §12.5.1, second example'],
  ['text/*, text/plain, text/plain;format=flowed, */*', 'RFC 9110 §12.5.1, precedence example'],
  [
    'text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5',
    'RFC 9110 §12.5.1, quality example',
  ],
  // What clients send.
  [
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
    'Chrome, navigation',
  ],
  [
    'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'Firefox and Safari, navigation',
  ],
  [
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'Firefox with image types, navigation',
  ],
  [
    'image/gif, image/jpeg, image/pjpeg, application/x-ms-application, application/xaml+xml, application/x-ms-xbap, */*',
    'Internet Explorer 8, navigation',
  ],
  ['application/json, text/plain, */*', 'axios default'],
  ['application/json, */*;q=0.5', 'HTTPie --json'],
  [
    'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2',
    "Java HttpURLConnection's default (with the invalid `*` and `q=.2`)",
  ],
  ['application/json, application/*+json', "Spring's RestTemplate with Jackson"],
  ['application/problem+json, application/json', 'a client of RFC 9457 problems'],
  ['application/problem+json', 'RFC 9457 §3'],
  ['application/problem+xml', 'RFC 9457 Appendix B'],
  ['TEXT/PLAIN', 'RFC 9110 §8.3.1: type and subtype are case-insensitive'],
  // XML alias (issue #15).
  ['application/xml', 'issue #15: a lone application/xml still answers problem+xml'],
  ['text/xml', 'issue #15: XML alias'],
  ['text/plain, text/xml', 'issue #15: the XML alias never beats a format the client named'],
  ['application/xml, text/plain', 'issue #15: the XML alias never beats a format the client named'],
  ['application/xml, */*', 'issue #15: the XML alias beats a wildcard'],
  ['text/xml;q=0.5, text/plain;q=0.4', 'issue #15: the alias at its own weight'],
  ['application/problem+xml, text/plain', 'issue #15: a named problem+xml is named'],
  // Parameters (RFC 9110 §12.5.1, §5.6.6, §8.3.2; issue #15).
  ['text/html;level=1, text/plain;q=0.1', 'issue #15: text/html;level=1 does not answer HTML'],
  ['text/html;foo="bar", text/plain', 'issue #15: text/html;foo="bar", text/plain answers text'],
  ['text/html;charset=utf-8', 'RFC 9110 §8.3.2: the charset HTML is sent with'],
  ['text/html;charset=UTF-8', 'RFC 9110 §8.3.2: charset values are case-insensitive'],
  ['text/html;Charset="utf-8"', 'RFC 9110 §5.6.6: names case-insensitive; quoted equals token'],
  ['text/plain;charset="UTF-8"', 'RFC 9110 §5.6.6: quoted equals token'],
  [
    'text/plain;charset=iso-8859-1, text/html;q=0.5',
    'RFC 9110 §12.5.1: another charset is not offered',
  ],
  [
    'text/plain;charset=utf-8;format=flowed, text/html;q=0.5',
    'RFC 9110 §12.5.1: every parameter must match',
  ],
  [
    'application/json;charset=utf-8, text/html;q=0.5',
    'RFC 8259 §11: JSON is offered without charset',
  ],
  ['application/xhtml+xml;charset=utf-8', 'the HTML alias with the charset HTML is sent with'],
  ['text/*;charset=utf-8', 'a wildcard with parameters'],
  ['*/*;charset=utf-8', 'a wildcard with parameters: only the text formats have the charset'],
  [
    'text/plain;charset=utf-8;q=0, text/*;q=0.5',
    'RFC 9110 §12.5.1: the more specific range refuses text/plain',
  ],
  [
    'text/plain;q=0.2, text/plain;charset=utf-8;q=0.9, text/html;q=0.5',
    'RFC 9110 §12.5.1: parameters are more specific',
  ],
  // Weights and ties.
  [
    'application/problem+json;q=0, application/json',
    'negotiate TSDoc: json only when problem+json is refused',
  ],
  [
    'application/json, application/problem+json;q=0',
    'negotiate TSDoc: json only when problem+json is refused',
  ],
  ['application/*;q=0, application/json', 'RFC 9110 §12.5.1: the more specific range decides'],
  ['*/*;q=0', 'nothing acceptable: never a 406'],
  ['text/plain;q=2, text/html;q=0.5', 'RFC 9110 §12.4.2: 2 is not a qvalue'],
  ['text/plain;q=0.0001, text/html;q=0', 'RFC 9110 §12.4.2: at most three decimals'],
  ['text/html;q=0.5, text/plain;q=0.5', 'equal weights'],
  ['text/plain, text/html', 'equal weights, client order against server order'],
  ['*/*, text/plain', 'a named type before a wildcard'],
  ['text/*, text/plain', 'a named type before type/*'],
  ['application/*, text/plain;q=0.9', 'weight before specificity'],
  ['image/png', 'nothing offered'],
  ['', 'an empty field value'],
  ['garbage', 'not a media range'],
];

const JSON_FAMILY =
  'A problem document is a JSON document: application/json gets problem+json unless the client refuses problem+json (negotiate TSDoc; RFC 9457 §3). negotiator, knowing nothing of that, picks the plain type.';
const LIST_ORDER =
  'Equal weights and equally specific ranges: RFC 9110 (§12.4.2, §12.5.1) gives the order of the list no meaning, so the server order decides (problem+json, json, problem+xml, html, text). negotiator takes the client order.';
const XML_ALIAS =
  'The XML alias never beats a format the client named at the same weight (issue #15). negotiator sees application/xml as a type like any other and takes the client order.';
const QVALUE =
  'Not an RFC 9110 qvalue (§12.4.2): the range is dropped, as it may have been meant as a refusal. negotiator reads it with parseFloat.';

/** Each header on which negotiate() deliberately differs from negotiator, with both answers. */
const DIFFERENCES = new Map<string, { ours: ErrorFormat; negotiator: ErrorFormat; reason: string }>(
  [
    ['application/json', { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY }],
    [
      'text/html;foo="bar\\"", application/json',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'application/json;q=0.9, text/html;q=0.8, application/json;q=0.7',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'application/json, */*;q=0.1',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'application/json, text/plain, */*',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'application/json, */*;q=0.5',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'application/json, application/*+json',
      { ours: 'problem+json', negotiator: 'json', reason: JSON_FAMILY },
    ],
    [
      'text/plain, application/json;q=0.5, text/html, */*;q=0.1',
      { ours: 'html', negotiator: 'text', reason: LIST_ORDER },
    ],
    [LONG, { ours: 'html', negotiator: 'text', reason: LIST_ORDER }],
    ['text/plain, text/html', { ours: 'html', negotiator: 'text', reason: LIST_ORDER }],
    ['application/xml, text/plain', { ours: 'text', negotiator: 'problem+xml', reason: XML_ALIAS }],
    ['text/plain;q=2, text/html;q=0.5', { ours: 'html', negotiator: 'text', reason: QVALUE }],
    [
      'text/plain;q=0.0001, text/html;q=0',
      { ours: 'problem+json', negotiator: 'text', reason: QVALUE },
    ],
  ],
);

describe('negotiate compared with negotiator', () => {
  it('uses the negotiator Express uses, at the version whose test file the corpus cites', () => {
    expect(negotiatorVersion).toBe('1.1.0');
  });

  it('has at least 60 distinct headers, and every difference is one of them', () => {
    const headers = CORPUS.map(([accept]) => accept);
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(headers).size).toBe(headers.length);
    for (const accept of DIFFERENCES.keys()) expect(headers).toContain(accept);
  });

  it.each(CORPUS.filter(([accept]) => accept === undefined || !DIFFERENCES.has(accept)))(
    '%j agrees (%s)',
    (accept) => {
      expect(negotiate(accept)).toBe(negotiatorChoice(accept));
    },
  );

  it.each([...DIFFERENCES].map(([accept, d]) => [accept, d.ours, d.negotiator, d.reason] as const))(
    '%j: %s here, %s for negotiator, deliberately: %s',
    (accept, ours, theirs) => {
      expect(negotiate(accept)).toBe(ours);
      expect(negotiatorChoice(accept)).toBe(theirs);
    },
  );
});
