import { Writable } from 'node:stream';
import axios from 'axios';
import createError from 'http-errors';
import ky from 'ky';
import { ofetch } from 'ofetch';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { fromResponse } from '../../src/adapters/fetch/index.js';
import {
  BadGatewayError,
  ForbiddenError,
  fromIssues,
  HttpError,
  InternalServerError,
  NotFoundError,
  toLog,
  UnauthorizedError,
} from '../../src/index.js';
import { closeServers, listen } from '../helpers/http.js';

afterAll(closeServers);

describe('toLog: the error', () => {
  it('a 4xx HttpError: level warn, problem fields, name, message, stack', () => {
    const err = new ForbiddenError('You do not have permission to delete user data.');
    const log = toLog(err);
    expect(log).toEqual({
      level: 'warn',
      status: 403,
      type: 'about:blank',
      title: 'Forbidden',
      detail: 'You do not have permission to delete user data.',
      name: 'ForbiddenError',
      message: 'You do not have permission to delete user data.',
      stack: err.stack,
    });
    expect(Object.keys(log).slice(0, 2)).toEqual(['level', 'status']);
  });

  it('a 5xx: level error, the detail kept (logs are not redacted like bodies)', () => {
    const log = toLog(new InternalServerError('db pool exhausted', { stack: false }));
    expect(log).toMatchObject({
      level: 'error',
      status: 500,
      detail: 'db pool exhausted',
      message: 'db pool exhausted',
      stack: 'InternalServerError: db pool exhausted',
    });
  });

  it('response headers, with credentials redacted', () => {
    const err = new UnauthorizedError({
      challenge: { scheme: 'Bearer', params: { realm: 'api' } },
      headers: { 'Set-Cookie': 'session=s3cr3t; HttpOnly', Authorization: 'Bearer t0k3n' },
    });
    expect(toLog(err).headers).toEqual({
      'www-authenticate': 'Bearer realm="api"',
      'set-cookie': '[REDACTED]',
      authorization: '[REDACTED]',
    });
    expect(JSON.stringify(toLog(err))).not.toMatch(/s3cr3t|t0k3n/);
    expect(toLog(new NotFoundError()).headers).toBeUndefined();
  });

  it('validation errors keep their status; the errors member is not logged', () => {
    const log = toLog(fromIssues([{ message: 'bad', path: ['pw'] }], { status: 400 }));
    expect(log).toMatchObject({ level: 'warn', status: 400, name: 'BadRequestError' });
    expect(JSON.stringify(log)).not.toContain('errors');
  });

  it.each([
    [new TypeError('x is undefined'), 'error', 500, 'TypeError'],
    [createError(404, 'no such user'), 'warn', 404, 'NotFoundError'],
    [createError(503), 'error', 503, 'ServiceUnavailableError'],
    [{ isBoom: true, output: { statusCode: 429 }, message: 'slow' }, 'warn', 429, 'Error'],
    [{ statusCode: 499, message: 'closed' }, 'warn', 499, 'Error'],
    [{ status: 200, message: 'odd' }, 'error', 500, 'Error'],
  ])('%s: level %s, status %d, name %s', (err, level, status, name) => {
    expect(toLog(err)).toMatchObject({ level, status, name });
  });

  it.each([
    [undefined, { name: 'undefined', message: 'undefined' }],
    [null, { name: 'object', message: 'null' }],
    ['boom', { name: 'string', message: 'boom' }],
    [42, { name: 'number', message: '42' }],
    [Symbol('s'), { name: 'symbol', message: 'Symbol(s)' }],
    [{}, { name: 'Error', message: '' }],
  ])('a thrown %s', (value, fields) => {
    expect(toLog(value)).toEqual({ level: 'error', status: 500, ...fields });
  });

  it('a thrown function is read as an object, even one whose toString throws', () => {
    const hostile = Object.assign(function named() {}, {
      toString() {
        throw new Error('trap');
      },
    });
    expect(toLog(hostile)).toEqual({ level: 'error', status: 500, name: 'named', message: '' });
  });
});

describe('toLog: the cause chain', () => {
  it('follows every cause, each with its own status when it has one', () => {
    const root = new Error('ECONNREFUSED');
    const upstream = createError(502, 'upstream down');
    (upstream as { cause?: unknown }).cause = root;
    const err = new InternalServerError({ cause: new HttpError(504, { cause: upstream }) });
    const log = toLog(err);
    expect(log.cause).toMatchObject({
      name: 'HttpError',
      status: 504,
      cause: {
        name: 'BadGatewayError',
        message: 'upstream down',
        status: 502,
        cause: { name: 'Error', message: 'ECONNREFUSED' },
      },
    });
    expect(log.cause?.cause?.cause?.cause).toBeUndefined();
    expect(log.cause?.cause?.cause?.stack).toBe(root.stack);
  });

  it('is cycle-safe', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const log = toLog(new InternalServerError({ cause: a }));
    expect(log.cause?.message).toBe('a');
    expect(log.cause?.cause?.message).toBe('b');
    expect(log.cause?.cause?.cause).toBeUndefined();
    const self = new Error('self');
    (self as { cause?: unknown }).cause = self;
    expect(toLog(self).cause).toBeUndefined();
  });

  it('is depth-bounded: 8 causes by default, options.depth otherwise', () => {
    let err: unknown = 'bottom';
    for (let i = 0; i < 100; i++) err = new Error(`level ${i}`, { cause: err });
    const depthOf = (log: { cause?: unknown }) => {
      let n = 0;
      for (let c = log.cause as { cause?: unknown } | undefined; c; c = c.cause as never) n++;
      return n;
    };
    expect(depthOf(toLog(err))).toBe(8);
    expect(depthOf(toLog(err, { depth: 2 }))).toBe(2);
    expect(depthOf(toLog(err, { depth: 0 }))).toBe(0);
    expect(depthOf(toLog(new Error('x', { cause: 'root' }), { depth: 5 }))).toBe(1);
    expect(toLog(new Error('x', { cause: 'root' })).cause).toEqual({
      name: 'string',
      message: 'root',
    });
    expect(() => toLog(err, { depth: -1 })).toThrow(
      new TypeError('toLog: options.depth must be a whole number, got -1'),
    );
  });

  it('never throws on hostile errors', () => {
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error('trap');
      },
    });
    expect(toLog(hostile)).toEqual({ level: 'error', status: 500, name: 'Error', message: '' });
    const getters = Object.defineProperties(new Error('y'), {
      cause: {
        get: () => {
          throw new Error('trap');
        },
      },
      name: {
        get: () => {
          throw new Error('trap');
        },
      },
    });
    expect(toLog(getters)).toMatchObject({ name: 'Error', message: 'y' });
    const badString = {
      toString: () => {
        throw new Error('trap');
      },
    };
    expect(toLog(new Error('z', { cause: Object.create(null) }))).toMatchObject({
      cause: { name: 'Error', message: '' },
    });
    expect(() => toLog(new Error('z', { cause: badString }))).not.toThrow();
  });
});

describe('toLog: upstream failures', () => {
  it('an error from fromResponse: the status and URL of the other server, no query', async () => {
    const origin = await listen((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end('{"title":"Service Unavailable","status":503,"detail":"maintenance"}');
    });
    const res = await fetch(`${origin}/v1/orders?token=s3cr3t#frag`);
    const err = await fromResponse(res);
    const log = toLog(new BadGatewayError({ cause: err }));
    expect(log).toMatchObject({ level: 'error', status: 502 });
    expect(log.upstream).toEqual({ status: 503, url: `${origin}/v1/orders` });
    expect(log.cause).toMatchObject({
      name: 'ServiceUnavailableError',
      status: 503,
      message: 'maintenance',
    });
    expect(JSON.stringify(log)).not.toContain('s3cr3t');
    // Thrown as it is, the client error itself names the upstream too.
    expect(toLog(err).upstream).toEqual({ status: 503, url: `${origin}/v1/orders` });
  });

  it("ofetch's FetchError and axios's AxiosError (the real clients against a real server)", async () => {
    const origin = await listen((_req, res) => {
      res.writeHead(503);
      res.end('down');
    });
    const fetched = await ofetch(`${origin}/v1/stock?key=s3cr3t`, { retry: 0 }).catch(
      (e: unknown) => e,
    );
    expect(toLog(new BadGatewayError({ cause: fetched })).upstream).toEqual({
      status: 503,
      url: `${origin}/v1/stock`,
    });
    const asked = await axios.get(`${origin}/v1/stock?key=s3cr3t`).catch((e: unknown) => e);
    expect(toLog(asked).upstream).toEqual({ status: 503, url: `${origin}/v1/stock` });
    // (ofetch's own message names the URL asked, query included: messages are logged as they are.)
    expect(JSON.stringify(toLog(asked))).not.toContain('s3cr3t');
  });

  it("ky's HTTPError (real ky against a real server); user information is dropped", async () => {
    const origin = await listen((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const withUser = origin.replace('http://', 'http://alice:pa55word@');
    const failure = await ky(`${origin}/users/7?expand=1`, { retry: 0 }).catch((e: unknown) => e);
    const log = toLog(new BadGatewayError({ cause: failure }));
    expect(log.upstream).toEqual({ status: 404, url: `${origin}/users/7` });
    expect(log.cause).toMatchObject({ name: 'HTTPError' });
    const axiosLike = {
      message: 'Request failed',
      config: { url: `${withUser}/x?y=1` },
      response: { status: 500 },
    };
    expect(toLog(axiosLike).upstream).toEqual({ status: 500, url: `${origin}/x` });
    expect(JSON.stringify(toLog(axiosLike))).not.toContain('pa55word');
    const relative = { message: 'x', config: { url: '/relative?q=1' }, response: { status: 400 } };
    expect(toLog(relative).upstream).toEqual({ status: 400, url: '/relative' });
    expect(toLog({ response: { status: 418 } }).upstream).toEqual({ status: 418 });
  });
});

describe('toLog: request and traceId', () => {
  it('a node:http request: method, path without query, headers redacted', async () => {
    let log: ReturnType<typeof toLog> | undefined;
    const origin = await listen((req, res) => {
      log = toLog(new NotFoundError(), {
        request: req,
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      });
      res.end();
    });
    await fetch(`${origin}/orders/9?secret=1`, {
      headers: { authorization: 'Bearer t0k3n', cookie: 'sid=s3cr3t', 'x-request-id': 'r1' },
    });
    expect(log?.request?.method).toBe('GET');
    expect(log?.request?.url).toBe('/orders/9');
    expect(log?.request?.headers).toMatchObject({
      authorization: '[REDACTED]',
      cookie: '[REDACTED]',
      'x-request-id': 'r1',
    });
    expect(log?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(JSON.stringify(log)).not.toMatch(/t0k3n|s3cr3t|secret=1/);
  });

  it('a Fetch Request (Headers object), or just method and url', () => {
    const request = new Request('https://api.example.com/a?b=c', {
      method: 'DELETE',
      headers: { 'Proxy-Authorization': 'Basic eA==', Accept: 'application/json' },
    });
    expect(toLog(new ForbiddenError(), { request }).request).toEqual({
      method: 'DELETE',
      url: 'https://api.example.com/a',
      headers: { accept: 'application/json', 'proxy-authorization': '[REDACTED]' },
    });
    expect(
      toLog(new ForbiddenError(), { request: { method: 'GET', url: '/x#y' } }).request,
    ).toEqual({
      method: 'GET',
      url: '/x',
    });
  });
});

describe('toLog as the pino err serializer', () => {
  it('writes the log object into the line', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ serializers: { err: toLog }, base: null, timestamp: false }, stream);
    const err = new InternalServerError({ cause: new Error('db down'), stack: false });
    logger.error({ err }, 'request failed');
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      level: 50,
      msg: 'request failed',
      err: {
        level: 'error',
        status: 500,
        name: 'InternalServerError',
        message: 'Internal Server Error',
        cause: { name: 'Error', message: 'db down' },
      },
    });
  });
});
