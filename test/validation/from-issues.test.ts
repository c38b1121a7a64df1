import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BadRequestError,
  fromIssues,
  renderError,
  type StandardSchemaIssue,
  type StandardSchemaV1,
  UnprocessableContentError,
} from '../../src/index.js';

/** The issues a real schema reports for a value (synchronous schemas only). */
function issuesOf(schema: StandardSchemaV1, value: unknown): readonly StandardSchemaIssue[] {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('expected a synchronous schema');
  if (result.issues === undefined) throw new Error('expected the value to be invalid');
  return result.issues;
}

const errorsOf = (err: { extensions: Readonly<Record<string, unknown>> }) => err.extensions.errors;

describe('fromIssues: pointers (RFC 6901)', () => {
  it('makes a 422 with one entry per issue, detail and pointer only', () => {
    const err = fromIssues([
      { message: 'Expected a number', path: ['items', 0, 'price'] },
      { message: 'Required', path: [{ key: 'email' }] },
      { message: 'Not an object' },
      { message: 'Empty path', path: [] },
    ]);
    expect(err).toBeInstanceOf(UnprocessableContentError);
    expect(err.status).toBe(422);
    expect(errorsOf(err)).toEqual([
      { detail: 'Expected a number', pointer: '/items/0/price' },
      { detail: 'Required', pointer: '/email' },
      { detail: 'Not an object', pointer: '' },
      { detail: 'Empty path', pointer: '' },
    ]);
  });

  it.each([
    [['a/b'], '/a~1b'],
    [['m~n'], '/m~0n'],
    [['~1'], '/~01'],
    [['/~'], '/~1~0'],
    [[''], '/'],
    [['', ''], '//'],
    [['__proto__', 'constructor', 'prototype'], '/__proto__/constructor/prototype'],
    [[{ key: '__proto__' }, { key: 3 }], '/__proto__/3'],
    [['0', 0, -1, 1.5], '/0/0/-1/1.5'],
    [[Symbol('tag')], '/tag'],
    [['é ü', ' '], '/é ü/ '],
  ] as const)('escapes %j as %s', (path, pointer) => {
    const err = fromIssues([{ message: 'x', path: path as never }]);
    expect(errorsOf(err)).toEqual([{ detail: 'x', pointer }]);
  });

  it('builds entries as plain objects whatever the keys', () => {
    const [entry] = errorsOf(fromIssues([{ message: 'x', path: ['__proto__'] }])) as object[];
    expect(Object.getPrototypeOf(entry)).toBe(Object.prototype);
    expect(Object.keys(entry as object)).toEqual(['detail', 'pointer']);
    expect(({} as Record<string, unknown>).detail).toBeUndefined();
  });

  it('never copies anything of an issue but its message and path', () => {
    const issue = { message: 'bad', path: ['pw'], input: 'hunter2', value: 'hunter2', data: 1 };
    const err = fromIssues([issue]);
    expect(JSON.stringify(err.extensions)).not.toContain('hunter2');
    expect(renderError(err).body).toBe(
      '{"type":"about:blank","title":"Unprocessable Content","status":422,"errors":[{"detail":"bad","pointer":"/pw"}]}',
    );
  });
});

describe('fromIssues: options', () => {
  it('status 400 gives a BadRequestError', () => {
    const err = fromIssues([{ message: 'x', path: ['q'] }], { status: 400 });
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.status).toBe(400);
  });

  it.each([
    ['query', 'parameter'],
    ['path', 'parameter'],
    ['header', 'header'],
  ] as const)('in: %s names the %s (the first segment)', (where, member) => {
    const err = fromIssues(
      [
        { message: 'Expected a number', path: ['limit'] },
        { message: 'Too long', path: ['tags', 2] },
        { message: 'Missing', path: [{ key: 'x-api-version' }] },
        { message: 'Whole value' },
      ],
      { in: where, status: 400 },
    );
    expect(errorsOf(err)).toEqual([
      { detail: 'Expected a number', [member]: 'limit' },
      { detail: 'Too long', [member]: 'tags' },
      { detail: 'Missing', [member]: 'x-api-version' },
      { detail: 'Whole value' },
    ]);
  });

  it('passes the error options on', () => {
    const cause = new Error('schema failed');
    const err = fromIssues([{ message: 'x' }], {
      detail: 'Your order is not valid.',
      instance: '/orders',
      cause,
    });
    expect(err.detail).toBe('Your order is not valid.');
    expect(err.instance).toBe('/orders');
    expect(err.cause).toBe(cause);
    expect(err.message).toBe('Your order is not valid.');
  });

  it('refuses bad input with a TypeError naming the argument', () => {
    expect(() => fromIssues('nope' as never)).toThrow(
      new TypeError('fromIssues: issues must be an array, got "nope"'),
    );
    expect(() => fromIssues([null as never])).toThrow(
      new TypeError('fromIssues: issues[0] must be an object, got null'),
    );
    expect(() => fromIssues([{ message: 'a' }, { message: 3 } as never])).toThrow(
      new TypeError('fromIssues: issues[1].message must be a string, got 3'),
    );
    expect(() => fromIssues([{ message: 'a', path: 'a.b' as never }])).toThrow(
      new TypeError('fromIssues: issues[0].path must be an array, got "a.b"'),
    );
    expect(() => fromIssues([{ message: 'a', path: ['a', { key: null } as never] }])).toThrow(
      new TypeError('fromIssues: issues[0].path[1] must be a property key or { key }, got null'),
    );
    expect(() => fromIssues([], { status: 418 as never })).toThrow(
      new TypeError('fromIssues: options.status must be 400 or 422, got 418'),
    );
    expect(() => fromIssues([], { in: 'cookie' as never })).toThrow(
      new TypeError(
        `fromIssues: options.in must be 'body', 'query', 'header' or 'path', got "cookie"`,
      ),
    );
    expect(() => fromIssues([], { in: 'toString' as never })).toThrow(TypeError);
  });
});

describe('fromIssues with real schemas', () => {
  const hostile = JSON.parse(
    '{"items":[{"price":-1},{"price":"x"}],"a/b~c":1,"__proto__":{"admin":5},"constructor":7,"kind":"c","pw":"hunter2"}',
  );

  it('zod 4: nested objects, arrays, unions, refinements, hostile keys', () => {
    const schema = z.object({
      items: z.array(z.object({ price: z.number().positive() })),
      'a/b~c': z.string(),
      constructor: z.string(),
      kind: z.union([z.literal('a'), z.literal('b')]),
      pw: z.string().refine((s) => s.length >= 8, 'must have 8 characters or more'),
    });
    expect(errorsOf(fromIssues(issuesOf(schema, hostile)))).toEqual([
      { detail: 'Too small: expected number to be >0', pointer: '/items/0/price' },
      { detail: 'Invalid input: expected number, received string', pointer: '/items/1/price' },
      { detail: 'Invalid input: expected string, received number', pointer: '/a~1b~0c' },
      { detail: 'Invalid input: expected string, received number', pointer: '/constructor' },
      { detail: 'Invalid input', pointer: '/kind' },
      { detail: 'must have 8 characters or more', pointer: '/pw' },
    ]);
  });

  it('zod 4 records: hostile keys are plain segments (zod itself skips __proto__)', () => {
    const schema = z.record(z.string(), z.number());
    const value = JSON.parse('{"__proto__":"x","constructor":"y","a/b":"z"}');
    expect(errorsOf(fromIssues(issuesOf(schema, value)))).toEqual([
      { detail: 'Invalid input: expected number, received string', pointer: '/constructor' },
      { detail: 'Invalid input: expected number, received string', pointer: '/a~1b' },
    ]);
  });

  it('zod 4 with reportInput: the input on each issue is not copied', () => {
    const schema = z.object({ pw: z.string().min(12) });
    const issues = z.object({ pw: z.string().min(12) }).safeParse(
      { pw: 'hunter2' },
      {
        reportInput: true,
      },
    ).error?.issues as unknown as StandardSchemaIssue[];
    expect(JSON.stringify(issues)).toContain('hunter2');
    const err = fromIssues(issues);
    expect(JSON.stringify(err.extensions)).not.toContain('hunter2');
    expect(errorsOf(fromIssues(issuesOf(schema, { pw: 'hunter2' })))).toEqual([
      { detail: 'Too small: expected string to have >=12 characters', pointer: '/pw' },
    ]);
  });

  it('valibot 1: path segments are objects with a key', () => {
    const schema = v.object({
      items: v.array(v.object({ price: v.pipe(v.number(), v.minValue(0)) })),
      'a/b~c': v.string(),
      kind: v.union([v.literal('a'), v.literal('b')]),
    });
    const issues = issuesOf(schema, hostile);
    expect(typeof issues[0]?.path?.[0]).toBe('object');
    expect(errorsOf(fromIssues(issues))).toEqual([
      { detail: 'Invalid value: Expected >=0 but received -1', pointer: '/items/0/price' },
      { detail: 'Invalid type: Expected number but received "x"', pointer: '/items/1/price' },
      { detail: 'Invalid type: Expected string but received 1', pointer: '/a~1b~0c' },
      { detail: 'Invalid type: Expected ("a" | "b") but received "c"', pointer: '/kind' },
    ]);
  });

  it('arktype 2: keys and nested arrays', () => {
    const schema = type({
      items: type({ price: 'number > 0' }).array(),
      'a/b~c': 'string',
      kind: "'a' | 'b'",
    });
    expect(errorsOf(fromIssues(issuesOf(schema, hostile)))).toEqual([
      { detail: 'value at ["a/b~c"] must be a string (was a number)', pointer: '/a~1b~0c' },
      { detail: 'items[0].price must be positive (was -1)', pointer: '/items/0/price' },
      { detail: 'items[1].price must be a number (was a string)', pointer: '/items/1/price' },
      { detail: 'kind must be "a" or "b" (was "c")', pointer: '/kind' },
    ]);
  });
});
