import { describe, expect, it } from 'vitest';
import { defineProblem, type ProblemSchema } from '../../src/index.js';

// The JSON Schema subset of extension members, through the public API: a problem type with one
// member `m` described by the schema under test, constructed with `m` set to a value.

let n = 0;
function withMember(member: ProblemSchema, required = true) {
  return defineProblem<{ m?: unknown }>({
    type: `https://example.com/probs/schema-${n++}`,
    status: 422,
    title: 'Schema test.',
    name: 'SchemaTest',
    schema: { type: 'object', properties: { m: member }, ...(required ? { required: ['m'] } : {}) },
  });
}

/** The failure message for `value`, or undefined when it matches. */
function failure(member: ProblemSchema, value: unknown): string | undefined {
  const Defined = withMember(member);
  try {
    new Defined({ extensions: { m: value } });
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(TypeError);
    return (err as Error).message.replace('SchemaTest: options.extensions.', '');
  }
}

describe('ProblemSchema: assertions', () => {
  it.each<[string, ProblemSchema, unknown, string | undefined]>([
    ['string', { type: 'string' }, 'x', undefined],
    ['string refuses a number', { type: 'string' }, 1, 'm must be of type string, got 1'],
    ['number takes an integer', { type: 'number' }, 3, undefined],
    ['number takes a fraction', { type: 'number' }, 3.5, undefined],
    [
      'number refuses Infinity',
      { type: 'number' },
      Infinity,
      'm must be of type number, got Infinity',
    ],
    ['integer', { type: 'integer' }, 3, undefined],
    ['integer refuses a fraction', { type: 'integer' }, 3.5, 'm must be of type integer, got 3.5'],
    ['boolean', { type: 'boolean' }, false, undefined],
    [
      'boolean refuses "false"',
      { type: 'boolean' },
      'false',
      'm must be of type boolean, got "false"',
    ],
    ['null', { type: 'null' }, null, undefined],
    ['null refuses an object', { type: 'null' }, {}, 'm must be of type null, got an object'],
    ['array', { type: 'array' }, [], undefined],
    [
      'array refuses an object',
      { type: 'array' },
      { 0: 'a' },
      'm must be of type array, got an object',
    ],
    ['object', { type: 'object' }, {}, undefined],
    ['object refuses an array', { type: 'object' }, [], 'm must be of type object, got an array'],
    ['object refuses null', { type: 'object' }, null, 'm must be of type object, got null'],
    ['a list of types', { type: ['string', 'null'] }, null, undefined],
    [
      'a list of types refuses',
      { type: ['string', 'null'] },
      1,
      'm must be of type string or null, got 1',
    ],
    ['a function is no JSON', { type: 'object' }, () => 1, 'm must be of type object, got () => 1'],
    ['enum', { enum: ['gold', 'silver'] }, 'gold', undefined],
    [
      'enum refuses',
      { enum: ['gold', 'silver'] },
      'bronze',
      'm must be one of ["gold","silver"], got "bronze"',
    ],
    ['enum compares deeply', { enum: [{ a: [1] }] }, { a: [1] }, undefined],
    [
      'enum compares deeply and refuses',
      { enum: [{ a: [1] }] },
      { a: [2] },
      'm must be one of [{"a":[1]}], got an object',
    ],
    [
      'enum tells arrays from objects',
      { enum: [[1]] },
      { 0: 1 },
      'm must be one of [[1]], got an object',
    ],
    [
      'enum counts members',
      { enum: [{ a: 1 }] },
      { a: 1, b: 2 },
      'm must be one of [{"a":1}], got an object',
    ],
    ['const', { const: 42 }, 42, undefined],
    ['const refuses', { const: 42 }, 43, 'm must be 42, got 43'],
    ['minLength counts code points', { minLength: 2 }, '😀', 'm must be 2 or more characters long'],
    ['minLength', { minLength: 2 }, 'ab', undefined],
    ['maxLength counts code points', { maxLength: 1 }, '😀', undefined],
    ['maxLength', { maxLength: 1 }, 'ab', 'm must be 1 or fewer characters long'],
    ['length keywords ignore non-strings', { maxLength: 1 }, 1234, undefined],
    ['minItems', { minItems: 1 }, [], 'm must have 1 or more items'],
    ['maxItems', { maxItems: 1 }, [1, 2], 'm must have 1 or fewer items'],
    ['item counts ignore non-arrays', { minItems: 1 }, 'x', undefined],
    ['minimum', { minimum: 0 }, 0, undefined],
    ['minimum refuses', { minimum: 0 }, -1, 'm must be >= 0'],
    ['maximum', { maximum: 10 }, 11, 'm must be <= 10'],
    ['exclusiveMinimum', { exclusiveMinimum: 0 }, 0, 'm must be > 0'],
    ['exclusiveMaximum', { exclusiveMaximum: 10 }, 10, 'm must be < 10'],
    ['bounds ignore non-numbers', { minimum: 0 }, '-1', undefined],
    ['pattern is not anchored', { pattern: '\\d' }, 'a1b', undefined],
    ['pattern', { pattern: '^/account/\\d+$' }, '/account/x', 'm must match /^/account/\\d+$/'],
    ['pattern is unicode', { pattern: '^.$' }, '😀', undefined],
    ['pattern ignores non-strings', { pattern: '^x$' }, 1, undefined],
    ['format is not checked', { type: 'string', format: 'uri' }, 'not a uri', undefined],
    ['items', { type: 'array', items: { type: 'string' } }, ['a', 'b'], undefined],
    [
      'items refuses',
      { items: { type: 'string' } },
      ['a', 2],
      'm[1] must be of type string, got 2',
    ],
    ['items ignores non-arrays', { items: { type: 'string' } }, 'a', undefined],
    [
      'properties, nested',
      {
        type: 'object',
        properties: { a: { type: 'object', properties: { b: { type: 'integer' } } } },
      },
      { a: { b: 1.5 } },
      'm.a.b must be of type integer, got 1.5',
    ],
    [
      'properties with names that are not identifiers',
      { properties: { 'account-id': { type: 'string' } } },
      { 'account-id': 7 },
      'm["account-id"] must be of type string, got 7',
    ],
    ['properties skip absent members', { properties: { a: { type: 'string' } } }, {}, undefined],
    ['properties ignore non-objects', { properties: { a: { type: 'string' } } }, [1], undefined],
    ['required', { required: ['a'] }, { b: 1 }, 'm.a is required'],
    ['required ignores non-objects', { required: ['a'] }, 'x', undefined],
    [
      'required does not look at the prototype',
      { required: ['toString'] },
      {},
      'm.toString is required',
    ],
    [
      'additionalProperties: false',
      { properties: { a: {} }, additionalProperties: false },
      { a: 1, b: 2 },
      'm.b is not allowed',
    ],
    ['additionalProperties: true', { additionalProperties: true }, { b: 2 }, undefined],
    [
      'additionalProperties: a schema',
      { properties: { a: {} }, additionalProperties: { type: 'number' } },
      { a: 'x', b: 2, c: 'y' },
      'm.c must be of type number, got "y"',
    ],
    ['additionalProperties ignores non-objects', { additionalProperties: false }, [1], undefined],
    ['the empty schema takes anything', {}, { any: ['thing'] }, undefined],
    [
      'annotations are not checked',
      { title: 'T', description: 'D', examples: [1], default: 2, deprecated: true, $comment: 'c' },
      'x',
      undefined,
    ],
  ])('%s', (_, member, value, expected) => {
    expect(failure(member, value)).toBe(expected);
  });

  it('reports the first failure, the type first', () => {
    expect(failure({ minLength: 5, type: 'string' }, 3)).toBe('m must be of type string, got 3');
    expect(failure({ minLength: 5, pattern: 'x' }, 'y')).toBe(
      'm must be 5 or more characters long',
    );
  });

  it('leaves an optional member out, and checks it when present', () => {
    const Optional = withMember({ type: 'string' }, false);
    expect(new Optional({ extensions: {} }).extensions).toEqual({});
    expect(new Optional({ extensions: { m: undefined } }).extensions).toEqual({ m: undefined });
    expect(() => new Optional({ extensions: { m: 1 } })).toThrow('m must be of type string');
  });

  it('keeps __proto__ a plain member name', () => {
    const Defined = withMember({
      properties: { ['__proto__']: { type: 'string' } },
      required: ['__proto__'],
    });
    const value = JSON.parse('{"__proto__": 7}');
    expect(() => new Defined({ extensions: { m: value } })).toThrow(
      'm.__proto__ must be of type string, got 7',
    );
    expect(({} as Record<string, unknown>).m).toBeUndefined();
  });
});

describe('ProblemSchema: what cannot be checked is refused when the type is defined', () => {
  it.each<[string, unknown, string]>([
    ['$ref', { $ref: '#/$defs/x' }, 'spec.schema.properties.m.$ref is not a supported keyword'],
    ['anyOf', { anyOf: [{ type: 'string' }] }, '.anyOf is not a supported keyword'],
    ['prefixItems', { prefixItems: [] }, '.prefixItems is not a supported keyword'],
    ['nullable (OpenAPI 3.0)', { nullable: true }, '.nullable is not a supported keyword'],
    ['a misspelt keyword', { tpye: 'string' }, '.tpye is not a supported keyword'],
    [
      'nested deeper',
      { items: { minimun: 0 } },
      'spec.schema.properties.m.items.minimun is not a supported keyword',
    ],
    [
      'a schema that is not an object',
      'string',
      'spec.schema.properties.m must be a JSON Schema object',
    ],
    ['an array as schema', [], 'spec.schema.properties.m must be a JSON Schema object'],
    [
      'an unknown type',
      { type: 'float' },
      'spec.schema.properties.m.type[0] must be one of ["string","number"',
    ],
    ['an empty type list', { type: [] }, '.type must have 1 or more items'],
    ['an empty enum', { enum: [] }, 'spec.schema.properties.m.enum must have 1 or more items'],
    ['enum not a list', { enum: 'a' }, '.enum must be of type array, got "a"'],
    [
      'a non-JSON enum value',
      { enum: [() => 1] },
      'spec.schema.properties.m.enum[0] must be a JSON value',
    ],
    ['a non-JSON const', { const: 1n }, '.const must be a JSON value, got 1'],
    ['a non-finite const', { const: Number.NaN }, '.const must be a JSON value, got NaN'],
    [
      'undefined in a const',
      { const: { a: undefined } },
      '.const.a must be a JSON value, got undefined',
    ],
    ['a negative count', { minItems: -1 }, '.minItems must be >= 0'],
    ['a fractional count', { maxLength: 1.5 }, '.maxLength must be of type integer, got 1.5'],
    ['a string bound', { minimum: '0' }, '.minimum must be of type number, got "0"'],
    ['an infinite bound', { maximum: Infinity }, '.maximum must be of type number, got Infinity'],
    [
      'a bad pattern',
      { pattern: '(' },
      'spec.schema.properties.m.pattern must be a valid regular expression',
    ],
    ['a pattern not a string', { pattern: /x/ }, '.pattern must be of type string, got an object'],
    [
      'a description not a string',
      { description: 1 },
      '.description must be of type string, got 1',
    ],
    ['examples not a list', { examples: 1 }, '.examples must be of type array, got 1'],
    [
      'deprecated not a boolean',
      { deprecated: 'yes' },
      '.deprecated must be of type boolean, got "yes"',
    ],
    [
      'properties not an object',
      { properties: [] },
      '.properties must be of type object, got an array',
    ],
    ['required not names', { required: [1] }, '.required[0] must be of type string, got 1'],
    [
      'additionalProperties not a schema',
      { additionalProperties: 'no' },
      '.additionalProperties must be of type boolean or object, got "no"',
    ],
  ])('%s', (_, member, message) => {
    const define = () =>
      defineProblem({
        type: 'https://example.com/probs/refused',
        status: 422,
        title: 'Refused.',
        schema: { properties: { m: member } } as never,
      });
    expect(define).toThrow(TypeError);
    expect(define).toThrow(message);
  });

  it('refuses cycles and absurd nesting', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic };
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) deep = { items: deep };
    const cyclicConst: Record<string, unknown> = {};
    cyclicConst.self = cyclicConst;
    for (const member of [cyclic, deep, { const: cyclicConst }]) {
      expect(() =>
        defineProblem({
          type: 'https://example.com/probs/deep',
          status: 422,
          title: 'Deep.',
          schema: { properties: { m: member } } as never,
        }),
      ).toThrow('is nested too deeply');
    }
  });
});

describe('ExtensionSchema: the top level', () => {
  const base = { type: 'https://example.com/probs/top', status: 422, title: 'Top.' } as const;
  it.each<[string, unknown, string]>([
    [
      'additionalProperties',
      { properties: {}, additionalProperties: false },
      'spec.schema.additionalProperties: only type, properties, required, description, $comment are allowed',
    ],
    [
      'another keyword',
      { properties: {}, minProperties: 1 },
      'spec.schema.minProperties: only type',
    ],
    [
      'a type other than object',
      { type: 'array', properties: {} },
      "spec.schema.type must be 'object'",
    ],
    ['no properties', { type: 'object' }, 'spec.schema.properties must be an object of schemas'],
    [
      'a standard member',
      { properties: { status: { type: 'integer' } } },
      'spec.schema.properties.status must be an extension, not a standard member',
    ],
    ['detail', { properties: { detail: {} } }, 'properties.detail must be an extension'],
    [
      'required outside properties',
      { properties: { a: {} }, required: ['b'] },
      'spec.schema.required must be names in properties, got "b"',
    ],
    [
      'required not a list',
      { properties: {}, required: 'a' },
      'spec.schema.required must be of type array, got "a"',
    ],
    [
      'a description not a string',
      { properties: {}, description: 1 },
      'spec.schema.description must be of type string, got 1',
    ],
  ])('refuses %s', (_, schema, message) => {
    const define = () => defineProblem({ ...base, schema: schema as never });
    expect(define).toThrow(TypeError);
    expect(define).toThrow(message);
  });

  it('accepts a description and a comment, and keeps a frozen copy', () => {
    const accounts = { type: 'array', items: { type: 'string' } } as const;
    const properties: { accounts: ProblemSchema } = { accounts };
    const schema = { description: 'Credit.', $comment: 'c', properties };
    const Defined = defineProblem<{ accounts?: string[] }>({ ...base, schema });
    properties.accounts = { type: 'number' };
    expect(Defined.schema).toEqual({
      description: 'Credit.',
      $comment: 'c',
      properties: { accounts },
    });
    expect(Object.isFrozen(Defined.schema?.properties.accounts?.items)).toBe(true);
    expect(() => new Defined({ extensions: { accounts: ['a'] } })).not.toThrow();
  });
});
