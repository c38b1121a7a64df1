// Values at render are checked, not trusted: errors whose fields were mutated after
// construction, objects that forge the brand, and render options that are not what their types
// say still give a valid 4xx/5xx response with every invariant.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { sendError } from '../../src/adapters/node.js';
import {
  ForbiddenError,
  type HttpError,
  renderError,
  UnauthorizedError,
  UpgradeRequiredError,
} from '../../src/index.js';
import { checkError } from '../../src/internal/checked.js';
import { closeServers, listen, own, request } from '../helpers/http.js';

afterAll(closeServers);

const BRAND = Symbol.for('http-error-kit.HttpError');
const BASE = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', vary: 'Accept' };
const JSON_TYPE = { 'content-type': 'application/problem+json' };
const PLAIN_500 = '{"type":"about:blank","title":"Internal Server Error","status":500}';
const FORBIDDEN = '{"type":"about:blank","title":"Forbidden","status":403,"detail":"No."}';

/** A ForbiddenError with `field` set to `value` after construction. */
function mutated(field: string, value: unknown): HttpError {
  const err = new ForbiddenError('No.', { headers: { 'x-a': 'a' } });
  Object.defineProperty(err, field, { value, configurable: true, writable: true });
  return err;
}

const throwing = () => {
  throw new Error('trap');
};

describe('renderError with mutated or forged errors', () => {
  it.each([200, 302, 700, 99, Number.NaN, Infinity, 403.5, '403', null, undefined])(
    'status %s: a plain, unexposed 500 without the headers of the error',
    (status) => {
      const r = renderError(mutated('status', status));
      expect(r).toEqual({ status: 500, headers: { ...BASE, ...JSON_TYPE }, body: PLAIN_500 });
    },
  );

  it('an unregistered status in 400–599: the generic code of its class, the rest kept', () => {
    const r = renderError(mutated('status', 499));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'No.',
    });
    expect(r.headers['x-a']).toBe('a');
  });

  it.each([
    ['null', null],
    ['a string', 'x-a: a'],
    ['an array', ['x-a']],
    ['a Proxy whose keys throw', new Proxy({}, { ownKeys: throwing })],
  ])('headers set to %s: no own fields, the response intact', (_, headers) => {
    const r = renderError(mutated('headers', headers));
    expect(r).toEqual({ status: 403, headers: { ...BASE, ...JSON_TYPE }, body: FORBIDDEN });
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a Proxy whose keys throw', new Proxy({}, { ownKeys: throwing })],
  ])('extensions set to %s: no members', (_, extensions) => {
    const r = renderError(mutated('extensions', extensions));
    expect([r.status, r.body]).toEqual([403, FORBIDDEN]);
  });

  it('expose set to something other than true: redacted', () => {
    for (const expose of ['yes', 1, {}, null]) {
      const r = renderError(mutated('expose', expose));
      expect(r.body).toBe('{"type":"about:blank","title":"Forbidden","status":403}');
    }
  });

  it('type, title, detail and instance of the wrong type are ignored; about:blank keeps the phrase', () => {
    const err = mutated('title', 'Nope');
    Object.assign(err, { type: 42, detail: { s: 1 }, instance: ['/x'] });
    expect(renderError(err).body).toBe('{"type":"about:blank","title":"Forbidden","status":403}');
  });

  it('a forged brand with junk in every field: a valid 401 with the default challenge', () => {
    const forged = {
      [BRAND]: true,
      status: 401,
      expose: 'yes',
      detail: 'secret',
      headers: { 'set-cookie': 'a=1\r\nx: y', connection: 'close', 'www-authenticate': '' },
      extensions: null,
    };
    expect(renderError(forged)).toEqual({
      status: 401,
      headers: { 'www-authenticate': 'Bearer', ...BASE, ...JSON_TYPE },
      body: '{"type":"about:blank","title":"Unauthorized","status":401}',
    });
  });

  it.each([
    ['detail', '{"type":"about:blank","title":"Forbidden","status":403}', 403],
    ['type', FORBIDDEN, 403],
    ['cause', FORBIDDEN, 403],
    ['status', PLAIN_500, 500],
  ])('a getter of %s that throws: that field alone counts as absent', (field, body, status) => {
    const err = new ForbiddenError('No.', { headers: { 'x-a': 'a' } });
    Object.defineProperty(err, field, { get: throwing });
    const r = renderError(err);
    expect([r.status, r.body]).toEqual([status, body]);
    // The headers of an error whose status cannot be read are not sent.
    expect(r.headers['x-a']).toBe(status === 403 ? 'a' : undefined);
  });

  it('a forged brand whose every field throws: a plain 500', () => {
    const forged = new Proxy(
      { [BRAND]: true },
      { get: (target, key) => (key === BRAND ? Reflect.get(target, key) : throwing()) },
    );
    expect(renderError(forged)).toEqual({
      status: 500,
      headers: { ...BASE, ...JSON_TYPE },
      body: PLAIN_500,
    });
    expect(checkError(forged as unknown as HttpError).status).toBe(500);
  });
});

describe('renderError options that are not what their types say', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'JSON', 42])(
    'format %s is ignored: the negotiated format',
    (format) => {
      const options = { format: format as never };
      const json = renderError(new ForbiddenError('No.'), options);
      expect([json.headers['content-type'], json.body]).toEqual([
        JSON_TYPE['content-type'],
        FORBIDDEN,
      ]);
      const html = renderError(new ForbiddenError('No.'), { ...options, accept: 'text/html' });
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    },
  );

  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  it.each([
    ['a getter that throws', Object.defineProperty({}, 'extensions', { get: throwing })],
    ['a Proxy whose keys throw', { extensions: new Proxy({}, { ownKeys: throwing }) }],
    ['a Proxy whose get throws', { extensions: new Proxy({ a: 1 }, { get: throwing }) }],
    ['a revoked Proxy', { extensions: revoked }],
  ])('extensions as %s is treated as absent', (_, options) => {
    const r = renderError(new ForbiddenError('No.'), options as never);
    expect(r).toEqual({ status: 403, headers: { ...BASE, ...JSON_TYPE }, body: FORBIDDEN });
  });

  it('instance and debug of the wrong type are ignored', () => {
    const r = renderError(new Error('db down'), { instance: 42, debug: 'yes' } as never);
    expect(r.body).toBe(PLAIN_500);
  });

  it('options whose other getters throw: still a valid response', () => {
    const options = Object.defineProperty({}, 'accept', { get: throwing });
    // The fixed fallback does not depend on Accept: no Vary.
    const { vary: _vary, ...fixed } = BASE;
    expect(renderError(new ForbiddenError('No.'), options)).toStrictEqual({
      status: 500,
      headers: { ...fixed, ...JSON_TYPE },
      body: PLAIN_500,
    });
  });
});

describe('hop-by-hop and refused fields are never taken from an error', () => {
  const HOP = {
    connection: 'close',
    'keep-alive': 'timeout=5',
    'proxy-connection': 'keep-alive',
    'transfer-encoding': 'chunked',
    te: 'trailers',
    trailer: 'x-checksum',
    upgrade: 'h2c',
    'content-length': '1',
    'content-encoding': 'gzip',
  };

  it('none of them is rendered; other fields are', () => {
    const err = new ForbiddenError('No.', { headers: { ...HOP, 'x-kept': 'yes' } });
    expect(renderError(err).headers).toEqual({ 'x-kept': 'yes', ...BASE, ...JSON_TYPE });
  });

  it('Upgrade is sent with a 426 only', () => {
    const err = new UpgradeRequiredError({
      upgrade: 'HTTP/2.0',
      headers: { connection: 'upgrade' },
    });
    expect(renderError(err).headers.upgrade).toBe('HTTP/2.0');
    expect(renderError(err).headers.connection).toBeUndefined();
  });

  it('on node:http, an error with Trailer and Transfer-Encoding still gets its response', async () => {
    const err = new UnauthorizedError('Sign in.', { headers: HOP });
    const origin = await listen((req: IncomingMessage, res: ServerResponse) =>
      sendError(res, err, { req }),
    );
    const reply = await request(origin);
    expect(reply.status).toBe(401);
    expect(own(reply.headers)).toEqual({
      'www-authenticate': 'Bearer',
      ...BASE,
      ...JSON_TYPE,
      'content-length': String(reply.body.length),
    });
    expect(reply.text).toBe(
      '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Sign in."}',
    );
  });
});
