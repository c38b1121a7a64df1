import { types } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, HttpError, InternalServerError, NotFoundError } from '../../src/index.js';

describe('HttpError', () => {
  it('takes the status first', () => {
    const err = new HttpError(409, 'The order was already shipped.', { instance: '/orders/42' });
    expect(err.status).toBe(409);
    expect(err.name).toBe('HttpError');
    expect(err.title).toBe('Conflict');
    expect(err.detail).toBe('The order was already shipped.');
    expect(err.instance).toBe('/orders/42');
    expect(new HttpError(409, { detail: 'x' }).detail).toBe('x');
    expect(new HttpError(503).expose).toBe(false);
  });

  it.each([
    [200, '200'],
    [399, '399'],
    [499, '499'],
    [600, '600'],
    [404.5, '404.5'],
    ['404', '"404"'],
    [undefined, 'undefined'],
  ])('refuses status %s with a TypeError', (status, shown) => {
    expect(() => new HttpError(status as 404)).toThrow(
      new TypeError(`HttpError: status must be a registered 4xx or 5xx code, got ${shown}`),
    );
  });

  it('keeps the reason phrase as title for about:blank, and a custom title otherwise', () => {
    expect(new NotFoundError({ title: 'Nope' }).title).toBe('Not Found');
    expect(new NotFoundError({ type: 'about:blank', title: 'Nope' }).title).toBe('Not Found');
    const typed = new NotFoundError({
      type: 'https://example.com/probs/no-order',
      title: 'No such order',
    });
    expect(typed.type).toBe('https://example.com/probs/no-order');
    expect(typed.title).toBe('No such order');
    expect(typed.message).toBe('No such order');
    expect(new NotFoundError({ type: 'https://example.com/p' }).title).toBe('Not Found');
  });

  it('lets expose be overridden both ways', () => {
    expect(new NotFoundError({ expose: false }).expose).toBe(false);
    expect(new InternalServerError({ expose: true }).expose).toBe(true);
  });

  it.each([
    ['yes', '"yes"'],
    [1, '1'],
    [null, 'null'],
    [{}, 'an object'],
  ])('refuses an expose flag that is not a boolean: %s', (expose, shown) => {
    const make = () => new NotFoundError({ expose: expose as never });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(`HttpError: options.expose must be a boolean, got ${shown}`);
  });

  it('keeps the standard cause', () => {
    const cause = new Error('db down');
    const err = new InternalServerError({ cause });
    expect(err.cause).toBe(cause);
    expect('cause' in new InternalServerError()).toBe(false);
  });

  it('with stack: false is still a native Error, with a one-line stack', () => {
    const err = new ForbiddenError('No.', { stack: false });
    expect(types.isNativeError(err)).toBe(true);
    expect(err.stack).toBe('ForbiddenError: No.');
    // the engine's limit is restored
    expect(new ForbiddenError('Yes.').stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('normalizes header names to lower case and values to strings', () => {
    const err = new NotFoundError({
      headers: {
        'X-Trace': 'abc',
        'Retry-After': 120,
        Vary: ['Accept', 'Origin'],
        Skip: undefined,
      },
    });
    expect(err.headers).toEqual({ 'x-trace': 'abc', 'retry-after': '120', vary: 'Accept, Origin' });
  });

  it('strips optional whitespace around values but keeps obs-text', () => {
    const err = new NotFoundError({ headers: { 'x-a': ' \tv a\t ', 'x-b': '\u00a0é' } });
    expect(err.headers).toEqual({ 'x-a': 'v a', 'x-b': '\u00a0é' });
  });

  it.each([
    ['CR', { 'x-a': 'a\rb' }],
    ['LF', { 'x-a': 'a\nSet-Cookie: x=1' }],
    ['CRLF', { 'x-a': 'a\r\nb' }],
    ['NUL', { 'x-a': 'a\0b' }],
    ['another control', { 'x-a': 'a\u0007b' }],
    ['DEL', { 'x-a': 'a\u007fb' }],
    ['a char above 0xFF', { 'x-a': 'a\u2028b' }],
  ])('refuses a header value with %s', (_, headers) => {
    expect(() => new NotFoundError({ headers })).toThrow(
      new TypeError(
        'HttpError: header x-a contains a character not allowed in a field value (CR, LF, NUL or another control)',
      ),
    );
  });

  it.each([['bad name'], ['x-a\r\n'], [''], ['a:b'], ['x\0']])('refuses header name %j', (name) => {
    expect(() => new NotFoundError({ headers: { [name]: 'v' } })).toThrow(TypeError);
    expect(() => new NotFoundError({ headers: { [name]: 'v' } })).toThrow(
      /header name .* is not a token/,
    );
  });

  it.each([
    [{ 'x-a': {} }],
    [{ 'x-a': Number.NaN }],
    [{ 'x-a': Number.POSITIVE_INFINITY }],
    [{ 'x-a': [1, 2] }],
    [{ 'x-a': true }],
    [{ 'x-a': ['a', { toString: () => 'b' }] }],
  ])('refuses header values of the wrong type: %j', (headers) => {
    expect(() => new NotFoundError({ headers: headers as never })).toThrow(
      new TypeError('HttpError: header x-a must be a string, number or string array'),
    );
  });

  it.each([
    ['detail', { detail: 5 }, 'HttpError: detail must be a string, got 5'],
    ['type', { type: {} }, 'HttpError: options.type must be a string, got an object'],
    ['title', { type: 'x:y', title: 1 }, 'HttpError: options.title must be a string, got 1'],
    ['instance', { instance: null }, 'HttpError: options.instance must be a string, got null'],
    ['extensions', { extensions: [] }, 'HttpError: options.extensions must be a plain object'],
  ])('refuses a non-string %s', (_, options, message) => {
    expect(() => new NotFoundError(options as never)).toThrow(new TypeError(message));
  });

  it('reports the first bad option, in the order of HttpErrorOptions', () => {
    const bad = { detail: 1, type: 2, instance: 3, expose: 4, extensions: [] } as never;
    expect(() => new NotFoundError(bad)).toThrow('HttpError: detail must be a string, got 1');
    const { detail: _, ...rest } = bad as Record<string, unknown>;
    expect(() => new NotFoundError(rest as never)).toThrow(
      'HttpError: options.type must be a string, got 2',
    );
    expect(() => new NotFoundError({ instance: 3, expose: 4 } as never)).toThrow(
      'HttpError: options.instance must be a string, got 3',
    );
    expect(() => new NotFoundError({ expose: 4, headers: { 'a b': 'v' } } as never)).toThrow(
      'HttpError: options.expose must be a boolean, got 4',
    );
  });

  it('copies the string-keyed members of extensions only', () => {
    const secret = Symbol('secret');
    const err = new NotFoundError({ extensions: { [secret]: 1, balance: 30 } });
    expect(Reflect.ownKeys(err.extensions)).toEqual(['balance']);
  });

  it('copies extensions without letting __proto__ or constructor change anything', () => {
    const extensions = JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"balance":30}');
    const err = new NotFoundError({ extensions });
    expect(Object.keys(err.extensions)).toEqual(['__proto__', 'constructor', 'balance']);
    expect(Object.getPrototypeOf(err.extensions)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(err.extensions.balance).toBe(30);
  });

  it('refuses a header named __proto__, which Fetch Headers and header objects drop (regression)', () => {
    for (const name of ['__proto__', '__PROTO__']) {
      const headers = JSON.parse(`{"${name}":"v","constructor":"c"}`);
      expect(() => new NotFoundError({ headers })).toThrow(
        new TypeError(
          `HttpError: header name "${name}" is refused: Fetch Headers and header objects drop it`,
        ),
      );
    }
    const err = new NotFoundError({ headers: JSON.parse('{"constructor":"c"}') });
    expect(Object.keys(err.headers)).toEqual(['constructor']);
    expect(Object.getPrototypeOf(err.headers)).toBe(Object.prototype);
  });

  it('keeps several cookies as separate lines (RFC 9110 §5.3: they cannot be joined)', () => {
    const cookies = ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', ' b=2 '];
    const err = new NotFoundError({ headers: { 'Set-Cookie': cookies } });
    expect(err.headers).toStrictEqual({
      'set-cookie': ['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2'],
    });
    // A copy: changing the input later changes nothing.
    cookies.push('c=3');
    expect(err.headers['set-cookie']).toHaveLength(2);
    // One value is one line, a string; an empty list is one empty line, as for any field.
    expect(new NotFoundError({ headers: { 'Set-Cookie': ['a=1'] } }).headers).toStrictEqual({
      'set-cookie': 'a=1',
    });
    expect(new NotFoundError({ headers: { 'Set-Cookie': [] } }).headers).toStrictEqual({
      'set-cookie': '',
    });
  });

  it('keeps the lines of WWW-Authenticate and Proxy-Authenticate apart, joins any other list', () => {
    const err = new HttpError(400, {
      headers: {
        'WWW-Authenticate': ['Negotiate', 'Bearer realm="api"'],
        'Proxy-Authenticate': ['Basic realm="proxy"', 'Digest realm="proxy"'],
        Vary: ['Accept', 'Origin'],
        Link: ['</a>; rel="a"', '</b>; rel="b"'],
      },
    });
    expect(err.headers).toStrictEqual({
      'www-authenticate': ['Negotiate', 'Bearer realm="api"'],
      'proxy-authenticate': ['Basic realm="proxy"', 'Digest realm="proxy"'],
      vary: 'Accept, Origin',
      link: '</a>; rel="a", </b>; rel="b"',
    });
  });

  it.each([
    ['a line with CR LF', ['a=1', 'b=2\r\nX-Evil: 1']],
    ['a line that is no string', ['a=1', 2]],
    ['a hole', Object.assign(new Array<string>(2), { 1: 'a=1' })],
  ])('refuses a Set-Cookie list with %s', (_, cookies) => {
    expect(() => new NotFoundError({ headers: { 'Set-Cookie': cookies as string[] } })).toThrow(
      TypeError,
    );
  });

  it('copies headers so that later changes to the input do not leak in', () => {
    const headers: Record<string, string> = { 'x-a': '1' };
    const err = new NotFoundError({ headers });
    headers['x-a'] = 'a\r\nb';
    expect(err.headers).toEqual({ 'x-a': '1' });
  });

  it('is a subclassable class', () => {
    class OrderGoneError extends HttpError<410> {
      constructor(readonly orderId: number) {
        super(410, `Order ${orderId} was deleted.`);
        this.name = 'OrderGoneError';
      }
    }
    const err = new OrderGoneError(42);
    expect(err).toBeInstanceOf(OrderGoneError);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.orderId).toBe(42);
    expect(err.stack?.split('\n')[0]).toBe('OrderGoneError: Order 42 was deleted.');
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('HttpError: edges found by mutation testing', () => {
  it('takes the options from the second argument when the first is null (plain JavaScript)', () => {
    const err = new NotFoundError(null as never, { detail: 'No order 42 here.' });
    expect(err.detail).toBe('No order 42 here.');
  });

  it('skips null header values like undefined ones', () => {
    const err = new NotFoundError({
      headers: { 'x-a': null as never, 'x-b': 'v', 'x-c': undefined },
    });
    expect(err.headers).toEqual({ 'x-b': 'v' });
  });

  it('refuses a header list with anything but strings in it', () => {
    expect(() => new NotFoundError({ headers: { vary: ['Accept', 1 as never] } })).toThrow(
      'HttpError: header vary must be a string, number or string array',
    );
  });
});
