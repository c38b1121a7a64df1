// The JSON Schema subset that describes the extension members of a defined problem type: read
// once when the type is defined (refusing what it cannot check), then used to check members on
// both sides of the wire and published as-is by problemOpenApi().

import { setOwn } from '../internal/own.js';
import { describe } from '../internal/syntax.js';
import { STANDARD_MEMBERS } from './types.js';

/**
 * A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) for one extension member, in the
 * subset that {@link defineProblem} can check at run time:
 *
 * - assertions: `type` (one name or a list; `integer` is a number without a fraction), `enum`,
 *   `const`, `properties`, `required`, `additionalProperties`, `items` (one schema for every
 *   item), `minItems`, `maxItems`, `minLength`, `maxLength` (in code points), `minimum`,
 *   `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `pattern` (a JavaScript `u` regular
 *   expression, not anchored; it runs on what clients receive, so keep it free of catastrophic
 *   backtracking);
 * - annotations, published but not checked: `format`, `title`, `description`, `examples`,
 *   `default`, `deprecated`, `$comment`.
 *
 * Any other keyword (`$ref`, `anyOf`, `prefixItems`, …) is refused with a `TypeError` when the
 * problem type is defined, so that no part of a schema is silently left unchecked.
 *
 * @example
 * const accounts: ProblemSchema = {
 *   type: 'array',
 *   items: { type: 'string', format: 'uri-reference' },
 *   minItems: 1,
 * };
 */
export interface ProblemSchema {
  /** The JSON type, or the list of types, the value must have. */
  readonly type?:
    | ('string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object')
    | readonly ('string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object')[];
  /** The value must equal one of these JSON values. */
  readonly enum?: readonly unknown[];
  /** The value must equal this JSON value. */
  readonly const?: unknown;
  /** Schemas of the members of an object value, by name. */
  readonly properties?: { readonly [member: string]: ProblemSchema };
  /** Members an object value must have. */
  readonly required?: readonly string[];
  /** Whether members not in `properties` are allowed, or the schema they must match. */
  readonly additionalProperties?: boolean | ProblemSchema;
  /** The schema every item of an array value must match. */
  readonly items?: ProblemSchema;
  /** The fewest items an array value may have. */
  readonly minItems?: number;
  /** The most items an array value may have. */
  readonly maxItems?: number;
  /** The fewest code points a string value may have. */
  readonly minLength?: number;
  /** The most code points a string value may have. */
  readonly maxLength?: number;
  /** The smallest number allowed. */
  readonly minimum?: number;
  /** The largest number allowed. */
  readonly maximum?: number;
  /** Numbers must be greater than this. */
  readonly exclusiveMinimum?: number;
  /** Numbers must be less than this. */
  readonly exclusiveMaximum?: number;
  /** A regular expression (JavaScript, `u` flag, not anchored) string values must match. */
  readonly pattern?: string;
  /** Annotation only, not checked: the format of a string, e.g. `uri-reference`. */
  readonly format?: string;
  /** Annotation: a short title. */
  readonly title?: string;
  /** Annotation: what the member means. */
  readonly description?: string;
  /** Annotation: example values. */
  readonly examples?: readonly unknown[];
  /** Annotation: the value assumed when the member is absent. */
  readonly default?: unknown;
  /** Annotation: whether the member is deprecated. */
  readonly deprecated?: boolean;
  /** A comment for schema authors. */
  readonly $comment?: string;
}

/**
 * Checks a value; returns why it does not match, or `undefined` when it does.
 * @internal
 */
export type Check = (value: unknown, path: string) => string | undefined;

/**
 * A schema that was read: a deep-frozen copy and its checker.
 * @internal
 */
export interface Compiled<S> {
  schema: S;
  check: Check;
}

type Loose = Record<string, unknown>;

const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];

// The subset, described in itself: what each supported keyword may hold. Nested schemas
// (`properties`, `items`, `additionalProperties`) are read in turn by `read()`.
const COUNT: ProblemSchema = { type: 'integer', minimum: 0 };
const NUMBER: ProblemSchema = { type: 'number' };
const TEXT: ProblemSchema = { type: 'string' };
const KEYWORDS: { readonly [keyword: string]: ProblemSchema } = {
  type: { type: ['string', 'array'], minItems: 1, items: { enum: TYPES } },
  enum: { type: 'array', minItems: 1 },
  const: {},
  properties: { type: 'object' },
  required: { type: 'array', items: TEXT },
  additionalProperties: { type: ['boolean', 'object'] },
  items: { type: 'object' },
  minItems: COUNT,
  maxItems: COUNT,
  minLength: COUNT,
  maxLength: COUNT,
  minimum: NUMBER,
  maximum: NUMBER,
  exclusiveMinimum: NUMBER,
  exclusiveMaximum: NUMBER,
  pattern: TEXT,
  format: TEXT,
  title: TEXT,
  description: TEXT,
  $comment: TEXT,
  examples: { type: 'array' },
  default: {},
  deprecated: { type: 'boolean' },
};
const META: ProblemSchema = { properties: KEYWORDS };

// Keyword, comparison shown in a message, and whether the value passes it.
const BOUNDS: [string, string, (v: number, limit: number) => boolean][] = [
  ['minimum', '>=', (v, l) => v >= l],
  ['maximum', '<=', (v, l) => v <= l],
  ['exclusiveMinimum', '>', (v, l) => v > l],
  ['exclusiveMaximum', '<', (v, l) => v < l],
];

/** Objects and arrays nested deeper than this are refused in a schema. */
const MAX_DEPTH = 64;

const isObject = (x: unknown): x is Loose =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** `a.b` for identifier-like names, `a["b-c"]` otherwise. */
function memberPath(path: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** The JSON type of a value as a schema names it; non-JSON values get their `typeof`. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return 'integer';
    return Number.isFinite(value) ? 'number' : 'non-finite number';
  }
  return typeof value;
}

function show(value: unknown): string {
  const k = kind(value);
  if (k === 'string') return describe(value);
  if (k === 'array') return 'an array';
  return k === 'object' ? 'an object' : String(value);
}

function refuse(at: string, what: string, ...got: unknown[]): never {
  throw new TypeError(`${at} must be ${what}${got.length > 0 ? `, got ${show(got[0])}` : ''}`);
}

/** Equality of JSON values, as `enum` and `const` compare them. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!(typeof a === 'object' && typeof b === 'object' && a !== null && b !== null)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && same((a as Loose)[k], (b as Loose)[k]))
  );
}

/** A deep-frozen copy of a JSON value; anything else is refused. */
function jsonCopy(at: string, value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new TypeError(`${at} is nested too deeply`);
  const k = kind(value);
  if (k === 'array') {
    return Object.freeze((value as unknown[]).map((v, i) => jsonCopy(`${at}[${i}]`, v, depth + 1)));
  }
  if (k === 'object') {
    const out: Loose = {};
    for (const key of Object.keys(value as Loose)) {
      setOwn(out, key, jsonCopy(memberPath(at, key), (value as Loose)[key], depth + 1));
    }
    return Object.freeze(out);
  }
  return k === 'string' || k === 'boolean' || k === 'integer' || k === 'number' || k === 'null'
    ? value
    : refuse(at, 'a JSON value', value);
}

/** Reads one schema: refuses what is not supported, returns a deep-frozen copy. */
function read(at: string, node: unknown, depth: number): ProblemSchema {
  if (depth > MAX_DEPTH) throw new TypeError(`${at} is nested too deeply`);
  if (!isObject(node)) refuse(at, 'a JSON Schema object');
  const out: Loose = {};
  for (const key of Object.keys(node)) {
    const here = memberPath(at, key);
    const v = node[key];
    if (!Object.hasOwn(KEYWORDS, key)) {
      throw new TypeError(`${here} is not a supported keyword (see ProblemSchema)`);
    }
    // A single type is checked as a list of one, for a message that names the allowed ones.
    const failure = test(META, { [key]: key === 'type' && typeof v === 'string' ? [v] : v }, at);
    if (failure !== undefined) throw new TypeError(failure);
    if (key === 'pattern') {
      try {
        new RegExp(v as string, 'u');
      } catch {
        refuse(here, 'a valid regular expression', v);
      }
    }
    let copy: unknown;
    if (key === 'properties') {
      const properties: Loose = {};
      for (const name of Object.keys(v as Loose)) {
        setOwn(properties, name, read(memberPath(here, name), (v as Loose)[name], depth + 1));
      }
      copy = Object.freeze(properties);
    } else if (key === 'items' || (key === 'additionalProperties' && typeof v !== 'boolean')) {
      copy = read(here, v, depth + 1);
    } else copy = jsonCopy(here, v, depth + 1);
    out[key] = copy;
  }
  return Object.freeze(out) as ProblemSchema;
}

/** Why `v` does not match the schema `s` (read by `read()`), or `undefined`. */
function test(s: ProblemSchema, v: unknown, path: string): string | undefined {
  const k = kind(v);
  const types = s.type === undefined ? undefined : ([] as string[]).concat(s.type);
  if (types && !types.includes(k) && !(k === 'integer' && types.includes('number'))) {
    return `${path} must be of type ${types.join(' or ')}, got ${show(v)}`;
  }
  if (s.enum && !s.enum.some((e) => same(e, v))) {
    return `${path} must be one of ${JSON.stringify(s.enum)}, got ${show(v)}`;
  }
  if ('const' in s && !same(s.const, v)) {
    return `${path} must be ${JSON.stringify(s.const)}, got ${show(v)}`;
  }
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    if (n < (s.minLength ?? 0)) return `${path} must be ${s.minLength} or more characters long`;
    if (n > (s.maxLength ?? n)) return `${path} must be ${s.maxLength} or fewer characters long`;
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) {
      return `${path} must match /${s.pattern}/`;
    }
  }
  if (typeof v === 'number') {
    for (const [key, sign, ok] of BOUNDS) {
      const limit = s[key as 'minimum'];
      if (limit !== undefined && !ok(v, limit)) return `${path} must be ${sign} ${limit}`;
    }
  }
  if (Array.isArray(v)) {
    if (v.length < (s.minItems ?? 0)) return `${path} must have ${s.minItems} or more items`;
    if (v.length > (s.maxItems ?? v.length))
      return `${path} must have ${s.maxItems} or fewer items`;
    for (let i = 0; s.items && i < v.length; i++) {
      const failure = test(s.items, v[i], `${path}[${i}]`);
      if (failure !== undefined) return failure;
    }
  }
  if (isObject(v)) {
    const own = (name: string) => (Object.hasOwn(v, name) ? v[name] : undefined);
    const missing = s.required?.find((name) => own(name) === undefined);
    if (missing !== undefined) return `${memberPath(path, missing)} is required`;
    const properties = s.properties ?? {};
    const extra = s.additionalProperties ?? true;
    for (const name of Object.keys(v)) {
      const at = memberPath(path, name);
      const member = Object.hasOwn(properties, name) ? properties[name] : extra;
      const failure =
        member === false
          ? `${at} is not allowed`
          : member === true || v[name] === undefined
            ? undefined
            : test(member as ProblemSchema, v[name], at);
      if (failure !== undefined) return failure;
    }
  }
  return undefined;
}

/**
 * The schema of the extension members of a problem type, the `schema` of {@link ProblemSpec}:
 * an object schema whose `properties` are the members. Only `type` (`'object'`), `properties`,
 * `required`, `description` and `$comment` are allowed at this level: members that are not
 * listed are always allowed, since every problem may carry request-level members such as a
 * `traceId` (the `extensions` render option). The standard members `type`, `title`, `status`,
 * `detail` and `instance` cannot be described here.
 *
 * @typeParam Ext - the extension members; `properties` must describe each of them
 *
 * @example
 * const schema: ExtensionSchema<{ balance: number; accounts: string[] }> = {
 *   type: 'object',
 *   properties: {
 *     balance: { type: 'number' },
 *     accounts: { type: 'array', items: { type: 'string' } },
 *   },
 *   required: ['balance', 'accounts'],
 * };
 */
export interface ExtensionSchema<Ext extends Record<string, unknown> = Record<string, unknown>> {
  /** Always `'object'`: the members form an object. */
  readonly type?: 'object';
  /** The schema of each extension member. */
  readonly properties: { readonly [K in keyof Ext]-?: ProblemSchema };
  /**
   * The members every occurrence carries: list here each member that `Ext` does not mark
   * optional, since the client trusts a member's type only as far as this schema says.
   */
  readonly required?: readonly (keyof Ext & string)[];
  /** What the members mean together. */
  readonly description?: string;
  /** A comment for schema authors. */
  readonly $comment?: string;
}

/**
 * Why `value` does not match `schema`, or `undefined`. The schema must be in the subset (one
 * that was read, or a constant such as PROBLEM_JSON_SCHEMA); keywords outside it are ignored.
 * @internal
 */
export function schemaMismatch(schema: ProblemSchema, value: unknown, path: string) {
  return test(schema, value, path);
}

const TOP = ['type', 'properties', 'required', 'description', '$comment'];

/**
 * Reads the extension schema of a problem type (see {@link ExtensionSchema}); throws
 * `TypeError` naming `where` and the keyword for anything it cannot check.
 * @internal
 */
export function compileExtensions(where: string, schema: unknown): Compiled<ExtensionSchema> {
  if (!isObject(schema)) refuse(where, 'a JSON Schema object');
  const extra = Object.keys(schema).find((key) => !TOP.includes(key));
  if (extra !== undefined) {
    throw new TypeError(
      `${memberPath(where, extra)}: only ${TOP.join(', ')} are allowed at the top of an extension schema (other members are always allowed)`,
    );
  }
  if (schema.type !== undefined && schema.type !== 'object') refuse(`${where}.type`, "'object'");
  if (!isObject(schema.properties)) refuse(`${where}.properties`, 'an object of schemas');
  const copy = read(where, schema, 0) as ExtensionSchema;
  for (const name of Object.keys(copy.properties)) {
    if (STANDARD_MEMBERS.includes(name))
      refuse(`${where}.properties.${name}`, 'an extension, not a standard member');
  }
  for (const name of copy.required ?? []) {
    if (!Object.hasOwn(copy.properties, name))
      refuse(`${where}.required`, 'names in properties', name);
  }
  return { schema: copy, check: (value, path) => test(copy, value, path) };
}
