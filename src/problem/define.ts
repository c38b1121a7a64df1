import { isHttpError } from '../errors/brand.js';
import { HttpError, type HttpErrorOptions, optionsOf } from '../errors/http-error.js';
import { PROBLEM } from '../internal/symbols.js';
import { describe } from '../internal/syntax.js';
import { type ErrorStatus, isErrorStatus } from '../status/lookup.js';
import { compileExtensions, type ExtensionSchema } from './schema.js';

/**
 * What {@link defineProblem} needs to know about a problem type.
 *
 * @typeParam Ext - the extension members of every occurrence
 * @typeParam S - the status code
 *
 * @example
 * const spec: ProblemSpec<{ balance: number }, 403> = {
 *   type: 'https://example.com/probs/out-of-credit',
 *   status: 403,
 *   title: 'You do not have enough credit.',
 * };
 */
export interface ProblemSpec<
  Ext extends Record<string, unknown> = Record<string, never>,
  S extends ErrorStatus = ErrorStatus,
> {
  /**
   * The problem type URI (RFC 9457 `type`), what clients branch on: a URI reference, ideally
   * absolute, other than `about:blank`.
   */
  readonly type: string;
  /** The status code of every occurrence: a registered 4xx or 5xx code. */
  readonly status: S;
  /** The title of the problem type (RFC 9457 `title`), the same for every occurrence. */
  readonly title: string;
  /**
   * The class name, also the error's `name`. Default: derived from the type URI, or from the
   * title (see {@link defineProblem}).
   */
  readonly name?: string | undefined;
  /**
   * The JSON Schema of the extension members: checked whenever an occurrence is constructed,
   * so also when `fromResponse` reads one, and published by {@link problemOpenApi}.
   */
  readonly schema?: ExtensionSchema<Ext> | undefined;
}

/**
 * The options of a defined problem class: those of every {@link HttpError} but `type` and
 * `title`, which the problem type fixes, with `extensions` typed as `Ext` — and required when
 * `Ext` has a required member.
 *
 * @typeParam Ext - the extension members
 *
 * @example
 * const options: ProblemOptions<{ balance: number }> = {
 *   instance: '/account/12345/msgs/abc',
 *   extensions: { balance: 30 },
 * };
 */
export type ProblemOptions<Ext extends Record<string, unknown>> = Omit<
  HttpErrorOptions,
  'type' | 'title' | 'extensions'
> &
  (Record<string, never> extends Ext
    ? {
        /** The extension members of this occurrence. */
        readonly extensions?: Ext | undefined;
      }
    : {
        /** The extension members of this occurrence. */
        readonly extensions: Ext;
      });

/**
 * The parameters of a defined problem class's constructor: `(detail?, options?)` or
 * `(options?)`, where the options (see {@link ProblemOptions}) are required when `Ext` has a
 * required member.
 *
 * @typeParam Ext - the extension members
 *
 * @example
 * const args: ProblemArgs<{ balance: number }> = ['Your balance is 30.', { extensions: { balance: 30 } }];
 */
export type ProblemArgs<Ext extends Record<string, unknown>> =
  Record<string, never> extends Ext
    ? [detail?: string | undefined, options?: ProblemOptions<Ext>] | [options?: ProblemOptions<Ext>]
    : [detail: string | undefined, options: ProblemOptions<Ext>] | [options: ProblemOptions<Ext>];

/**
 * An occurrence of a problem type made by {@link defineProblem}: an {@link HttpError} with
 * the type's `type`, `title` and `status`, and typed `extensions`.
 *
 * @typeParam Ext - the extension members
 * @typeParam S - the status code
 *
 * @example
 * function balanceOf(err: DefinedProblem<{ balance: number }>): number {
 *   return err.extensions.balance;
 * }
 */
export interface DefinedProblem<
  Ext extends Record<string, unknown> = Record<string, never>,
  S extends ErrorStatus = ErrorStatus,
> extends HttpError<S> {
  /** The extension members of this occurrence, typed. */
  readonly extensions: Readonly<Ext>;
}

/**
 * The class {@link defineProblem} returns: construct it as `new Class(detail?, options)`, throw
 * it, render it like any {@link HttpError}, and recognise an occurrence with `Class.is(x)`.
 *
 * @typeParam Ext - the extension members
 * @typeParam S - the status code
 *
 * @example
 * const NotYourTurn: DefinedProblemClass = defineProblem({
 *   type: 'https://example.com/probs/not-your-turn',
 *   status: 409,
 *   title: 'It is not your turn.',
 * });
 */
export interface DefinedProblemClass<
  Ext extends Record<string, unknown> = Record<string, never>,
  S extends ErrorStatus = ErrorStatus,
> {
  /** Creates an occurrence; throws `TypeError` when `extensions` do not match the schema. */
  new (...args: ProblemArgs<Ext>): DefinedProblem<Ext, S>;
  /** The prototype of every occurrence. */
  readonly prototype: DefinedProblem<Ext, S>;
  /** The problem type URI. */
  readonly type: string;
  /** The status code of every occurrence. */
  readonly status: S;
  /** The title of the problem type. */
  readonly title: string;
  /** A deep-frozen copy of the schema of the extension members, if one was given. */
  readonly schema: ExtensionSchema<Ext> | undefined;
  /**
   * True when `x` is an occurrence of this problem type: made by a class defined with the same
   * type URI and status, also by another copy of this package or in another realm (where
   * `instanceof` says no). Never throws.
   *
   * @param x - anything, e.g. a caught error
   */
  is(x: unknown): x is DefinedProblem<Ext, S>;
}

// RFC 3986 characters (unreserved, reserved, percent-encoded octets), nothing else.
const URI_REFERENCE = /^(?:[\w\-.~:/?#[\]@!$&'()*+,;=]|%[\dA-Fa-f]{2})+$/;
const SCHEME = /^[A-Za-z][\w+.-]*$/;

/** A URI reference (RFC 3986 §4.1) that names a problem type: not empty, not about:blank. */
function isTypeUri(s: unknown): s is string {
  if (typeof s !== 'string' || s === 'about:blank' || !URI_REFERENCE.test(s)) return false;
  if (s.indexOf('#') !== s.lastIndexOf('#')) return false;
  // A colon in the first segment ends a scheme: a relative reference cannot have one there.
  const end = s.search(/[:/?#]/);
  return end === -1 || s[end] !== ':' || SCHEME.test(s.slice(0, end));
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function pascal(word: string): string {
  const shouting = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
  return word.charAt(0).toUpperCase() + (shouting ? word.slice(1).toLowerCase() : word.slice(1));
}

/**
 * The words that name the type in its URI: the fragment if there is one, else the last
 * segment of what follows the scheme and authority (split at `/` and `:`), without a query or
 * a file extension.
 */
function slugWords(type: string): string[] {
  const hash = type.indexOf('#');
  let slug = hash === -1 ? '' : type.slice(hash + 1);
  if (slug === '') {
    // Past the scheme and the authority (a host is not a name), and before the query.
    const path = (hash === -1 ? type : type.slice(0, hash))
      .replace(/^[A-Za-z][\w+.-]*:(?:\/\/[^/?]*)?/, '')
      .replace(/\?.*$/, '');
    const segments = path.split(/[/:]/).filter((s) => s !== '');
    slug = (segments.pop() ?? '').replace(/\.[A-Za-z]{1,5}$/, '');
  }
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // Not valid percent-encoded UTF-8: the escapes are split away as separators.
  }
  return words(slug);
}

/** The default class name: see {@link defineProblem}. */
function problemName(type: string, title: string): string {
  const fromType = slugWords(type);
  const usable = fromType.length > 0 && fromType.every((w) => /^\p{L}/u.test(w));
  const name = (usable ? fromType : words(title)).map(pascal).join('');
  return name.endsWith('Problem') ? name : `${name}Problem`;
}

function isProblem(x: unknown, type: string, status: ErrorStatus): boolean {
  try {
    return (
      isHttpError(x) &&
      (x as unknown as Record<symbol, unknown>)[PROBLEM] === type &&
      x.type === type &&
      x.status === status
    );
  } catch {
    return false;
  }
}

/**
 * Defines a problem type (RFC 9457 §3): a class extending {@link HttpError} whose occurrences
 * carry the type's URI, title and status and typed extension members. Throw it on the server;
 * give it to `fromResponse` on the client, which then returns an occurrence of the class for a
 * response whose body has that type.
 *
 * - **Constructor** `(detail?, options)` or `(options)`, options as for any `HttpError` but
 *   `type` and `title` (fixed by the spec), with `extensions` typed as `Ext` and required when
 *   `Ext` has a required member. Occurrences render like any `HttpError`: `detail` and the
 *   extensions are exposed on 4xx and redacted on 5xx (unless `expose` says otherwise).
 * - **Statics** `type`, `status`, `title`, `schema`, and `is(x)`, a guard that narrows by type
 *   URI and status and that works across realms and copies of this package (a `Symbol.for`
 *   brand, not `instanceof`).
 * - **`name`** (of the class and of every occurrence) defaults to the last segment of the type
 *   URI — its fragment if it has one, else the last part of its path after `/` or `:`, without
 *   a query or file extension — in PascalCase, when every word of it starts with a letter;
 *   otherwise the words of the title in PascalCase. `Problem` is appended unless the name
 *   already ends with it: `https://example.com/probs/out-of-credit` gives `OutOfCreditProblem`;
 *   with the type `https://example.com/probs/1234` and the title "You do not have enough
 *   credit." it would be `YouDoNotHaveEnoughCreditProblem`.
 * - **`schema`** (see {@link ExtensionSchema} and {@link ProblemSchema}) is checked whenever an
 *   occurrence is constructed: members that do not match throw a `TypeError` naming the member
 *   (`options.extensions.balance must be of type number, got "30"`). `fromResponse` constructs
 *   the class the same way, so a body whose members do not match is not trusted: it gives the
 *   named class of the status instead, with the members as untyped data, and `is()` says no.
 *   Without a schema nothing is checked at run time: `Ext` is then a promise only the server's
 *   compiler keeps, and a client reads the members unchecked. Give a schema to every problem
 *   type whose members a client reads.
 *
 * The spec is checked: `type` must be a URI reference other than `about:blank`, `status` a
 * registered 4xx or 5xx code, `title` and `name` non-empty strings, and `schema` within the
 * supported subset; anything else throws a `TypeError` that names it.
 *
 * @typeParam Ext - the extension members of every occurrence (none by default)
 * @typeParam S - the status code, inferred when `Ext` is not given explicitly
 * @param spec - the problem type; see {@link ProblemSpec}
 * @returns the class; see {@link DefinedProblemClass}
 *
 * @example
 * export const OutOfCredit = defineProblem<{ balance: number; accounts: string[] }>({
 *   type: 'https://example.com/probs/out-of-credit',
 *   status: 403,
 *   title: 'You do not have enough credit.',
 *   schema: {
 *     type: 'object',
 *     properties: {
 *       balance: { type: 'number' },
 *       accounts: { type: 'array', items: { type: 'string' } },
 *     },
 *     required: ['balance', 'accounts'],
 *   },
 * });
 *
 * throw new OutOfCredit('Your current balance is 30, but that costs 50.', {
 *   instance: '/account/12345/msgs/abc',
 *   extensions: { balance: 30, accounts: ['/account/12345', '/account/67890'] },
 * });
 *
 * // on the client
 * const err = await fromResponse(response, { problems: [OutOfCredit] });
 * if (OutOfCredit.is(err)) console.log(err.extensions.balance); // 30
 */
export function defineProblem<
  Ext extends Record<string, unknown> = Record<string, never>,
  S extends ErrorStatus = ErrorStatus,
>(spec: ProblemSpec<Ext, S>): DefinedProblemClass<Ext, S> {
  const where = 'defineProblem';
  if (typeof spec !== 'object' || spec === null) {
    throw new TypeError(`${where}: spec must be an object, got ${describe(spec)}`);
  }
  const { type, status, title, name, schema } = spec;
  if (!isTypeUri(type)) {
    throw new TypeError(
      `${where}: spec.type must be a URI reference naming the problem type (not empty, not about:blank), got ${describe(type)}`,
    );
  }
  if (!isErrorStatus(status)) {
    throw new TypeError(
      `${where}: spec.status must be a registered 4xx or 5xx code, got ${describe(status)}`,
    );
  }
  if (typeof title !== 'string' || title.trim() === '') {
    throw new TypeError(`${where}: spec.title must be a non-empty string, got ${describe(title)}`);
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
    throw new TypeError(`${where}: spec.name must be a non-empty string, got ${describe(name)}`);
  }
  const members =
    schema === undefined ? undefined : compileExtensions(`${where}: spec.schema`, schema);
  const className = name ?? problemName(type, title);
  const check = members?.check;

  class Problem extends HttpError<S> {
    constructor(a?: string | HttpErrorOptions, b?: HttpErrorOptions) {
      const options = optionsOf(a, b);
      const failure = check?.(options?.extensions ?? {}, 'options.extensions');
      if (failure !== undefined) throw new TypeError(`${className}: ${failure}`);
      super(status, typeof a === 'string' ? a : undefined, { ...options, type, title });
      this.name = className;
    }

    /** The brand `is()` reads: the type URI, on the prototype. */
    get [PROBLEM](): string {
      return type;
    }
  }
  const is = (x: unknown): boolean => isProblem(x, type, status);
  Object.defineProperties(Problem, {
    name: { value: className },
    type: { value: type, enumerable: true },
    status: { value: status, enumerable: true },
    title: { value: title, enumerable: true },
    schema: { value: members?.schema, enumerable: true },
    is: { value: is },
  });
  return Problem as unknown as DefinedProblemClass<Ext, S>;
}
