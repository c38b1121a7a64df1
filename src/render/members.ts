// Reading a problem for the serializers: its standard members, each only when it has the right
// type, and its extensions walked as JSON sees them. Shared by every format.

import { read } from '../internal/checked.js';
import { setOwn } from '../internal/own.js';
import { isObject } from '../internal/reply.js';
import { STANDARD_MEMBERS } from '../problem/types.js';

/** A value as JSON sees it: what the shared walker turns any extension value into. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [member: string]: Json;
}

/** The standard members, each present only when it has the right type. */
export interface Standard {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

/** What a value that refers back to one of its containers is written as. */
const CIRCULAR = '[Circular]';

/**
 * Nesting beyond this is refused by the walker (the problem is then written with its standard
 * members only), so that writing a hostile value can never exhaust the stack.
 */
const MAX_DEPTH = 1000;

/** A member as the writers see it: its name and its walked value. */
export type Member = [name: string, value: Json];

/**
 * The standard members, and every member to write: the standard ones first, in their order,
 * then the walked extensions. A failure while reading or walking the extensions drops all of
 * them, as the JSON writer does, rather than writing a problem that is silently missing some.
 */
export function collect(problem: unknown): { standard: Standard; members: Member[] } {
  const standard = readStandard(problem);
  const members: Member[] = Object.entries(standard);
  const count = members.length;
  if (isObject(problem)) {
    try {
      const ancestors = new Set<object>([problem]);
      for (const name of Object.keys(problem)) {
        if (STANDARD_MEMBERS.includes(name)) continue;
        const value = walk(problem[name], name, ancestors);
        if (value !== undefined) members.push([name, value]);
      }
    } catch {
      // Keep the standard members, drop the extensions walked so far.
      members.length = count;
    }
  }
  return { standard, members };
}

/** Reads each standard member on its own, so that one throwing getter costs only that member. */
export function readStandard(problem: unknown): Standard {
  const standard: Record<string, unknown> = {};
  for (const name of STANDARD_MEMBERS) {
    const value = read(problem, name);
    // Number.isFinite is false for anything but a finite number.
    if (name === 'status' ? Number.isFinite(value) : typeof value === 'string') {
      standard[name] = value;
    }
  }
  return standard as Standard;
}

/**
 * The one walker every format shares: `value` as `JSON.stringify` would see it, except that a
 * value already being walked higher up becomes `"[Circular]"` and a bigint its decimal string.
 * `undefined` means "leave the member out". Throws whatever getters and `toJSON` throw, and a
 * `RangeError` beyond {@link MAX_DEPTH}; callers fall back to the standard members.
 */
export function walk(value: unknown, key: string, ancestors: Set<object>): Json | undefined {
  let current = value;
  if (isObject(current) || typeof current === 'bigint') {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') current = toJSON.call(current, key);
  }
  // Boxed primitives are written as the primitive, as JSON.stringify does.
  if (current instanceof Number) current = Number(current);
  else if (current instanceof String) current = String(current);
  else if (current instanceof Boolean) current = Boolean.prototype.valueOf.call(current);
  else if (current instanceof BigInt) current = BigInt.prototype.valueOf.call(current);
  switch (typeof current) {
    case 'string':
    case 'boolean':
      return current;
    case 'number':
      return Number.isFinite(current) ? current : null;
    case 'bigint':
      return current.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (current === null) return null;
  if (ancestors.has(current)) return CIRCULAR;
  if (ancestors.size >= MAX_DEPTH) throw new RangeError('problem nested too deeply');
  ancestors.add(current);
  let out: Json;
  if (Array.isArray(current)) {
    const items: Json[] = [];
    for (let i = 0; i < current.length; i++) {
      items.push(walk(current[i], String(i), ancestors) ?? null);
    }
    out = items;
  } else {
    const members: JsonObject = {};
    const source = current as Record<string, unknown>;
    for (const name of Object.keys(source)) {
      const member = walk(source[name], name, ancestors);
      if (member !== undefined) setOwn(members, name, member);
    }
    out = members;
  }
  ancestors.delete(current);
  return out;
}

/** `403 Forbidden` from whichever of status and title the problem has. */
export function headline(standard: Standard): string {
  return (
    [standard.status, standard.title].filter((part) => part !== undefined).join(' ') || 'Error'
  );
}

/** One link of a debug cause chain, as the HTML and text formats print it. */
export interface CauseEntry {
  /** `502 BadGatewayError: upstream`: the status when the cause has one, name and message. */
  line: string;
  /** The cause's stack, when the chain carries it (a stack already shown is left out). */
  stack: string | undefined;
}

/** How many links of a cause chain are printed; `toProblem` writes at most 8. */
const MAX_CAUSES = 100;

/** Members the text and HTML formats show in their heading rather than as a field. */
const HEADING: readonly string[] = ['title', 'status', 'detail'];

/**
 * What the text and HTML formats show below the heading, in their order: the fields (`type`
 * unless it is `about:blank`, `instance`, then the extensions), then the debug output, a string
 * `stack` and the links of a `cause` chain (`{ name, message, status?, stack?, cause? }` each).
 */
export function outline(problem: unknown): {
  standard: Standard;
  fields: Member[];
  stack: string | undefined;
  causes: CauseEntry[];
} {
  const { standard, members } = collect(problem);
  const fields: Member[] = [];
  let stack: string | undefined;
  const causes: CauseEntry[] = [];
  for (const member of members) {
    const [name, value] = member;
    if (HEADING.includes(name) || (name === 'type' && value === 'about:blank')) continue;
    if (name === 'stack' && typeof value === 'string') stack = value;
    else if (name === 'cause' && isRecord(value)) causeChain(value, causes);
    else fields.push(member);
  }
  return { standard, fields, stack, causes };
}

/** Appends the links of a debug cause chain to `out`, at most {@link MAX_CAUSES}. */
function causeChain(first: JsonObject, out: CauseEntry[]): void {
  let cause: Json | undefined = first;
  while (isRecord(cause) && out.length < MAX_CAUSES) {
    const { name, message, status, stack } = cause;
    let line = typeof status === 'number' ? String(status) : '';
    if (typeof name === 'string' && name !== '') line += line ? ` ${name}` : name;
    if (typeof message === 'string' && message !== '') line += line ? `: ${message}` : message;
    out.push({ line: line || 'Error', stack: typeof stack === 'string' ? stack : undefined });
    cause = cause.cause;
  }
}

/** An object as JSON sees it (not an array, not `null`). */
export function isRecord(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
