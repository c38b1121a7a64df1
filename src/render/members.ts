// Reading a problem for the serializers: its standard members, each only when it has the right
// type, and its extensions walked as JSON sees them. Shared by every format.

import { setOwn } from '../internal/own.js';
import { isObject } from '../internal/reply.js';

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

const STANDARD_NAMES = new Set(['type', 'title', 'status', 'detail', 'instance']);

/** What a value that refers back to one of its containers is written as. */
const CIRCULAR = '[Circular]';

/**
 * Nesting beyond this is refused by the walker (the problem is then written with its standard
 * members only), so that writing a hostile value can never exhaust the stack.
 */
const MAX_DEPTH = 1000;

/**
 * The standard members and the walked extensions of a problem. A failure while reading or
 * walking the extensions drops all of them, as the JSON writer does, rather than writing a
 * problem that is silently missing some.
 */
export function collect(problem: unknown): { standard: Standard; extensions: [string, Json][] } {
  const standard = readStandard(problem);
  const extensions: [string, Json][] = [];
  if (!isObject(problem)) return { standard, extensions };
  try {
    const ancestors = new Set<object>([problem]);
    const source = problem as Record<string, unknown>;
    for (const name of Object.keys(source)) {
      if (STANDARD_NAMES.has(name)) continue;
      const value = walk(source[name], name, ancestors);
      if (value !== undefined) extensions.push([name, value]);
    }
  } catch {
    return { standard, extensions: [] };
  }
  return { standard, extensions };
}

/** Reads each standard member on its own, so that one throwing getter costs only that member. */
export function readStandard(problem: unknown): Standard {
  const standard: Standard = {};
  const type = get(problem, 'type');
  if (typeof type === 'string') standard.type = type;
  const title = get(problem, 'title');
  if (typeof title === 'string') standard.title = title;
  const status = get(problem, 'status');
  if (typeof status === 'number' && Number.isFinite(status)) standard.status = status;
  const detail = get(problem, 'detail');
  if (typeof detail === 'string') standard.detail = detail;
  const instance = get(problem, 'instance');
  if (typeof instance === 'string') standard.instance = instance;
  return standard;
}

function get(target: unknown, name: string): unknown {
  try {
    return (target as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
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
  const parts: string[] = [];
  if (standard.status !== undefined) parts.push(String(standard.status));
  if (standard.title !== undefined) parts.push(standard.title);
  return parts.join(' ') || 'Error';
}

/** One link of a debug cause chain, as the HTML and text formats print it. */
export interface CauseEntry {
  /** `502 BadGatewayError: upstream`: the status when the cause has one, name and message. */
  line: string;
  /** The cause's stack, when the chain carries it (a stack already shown is left out). */
  stack?: string;
}

/** How many links of a cause chain are printed; `toProblem` writes at most 8. */
const MAX_CAUSES = 100;

/** The links of a debug `cause` chain (`{ name, message, status?, stack?, cause? }` each). */
export function causeEntries(first: Json): CauseEntry[] {
  const entries: CauseEntry[] = [];
  let cause: Json | undefined = first;
  while (isRecord(cause) && entries.length < MAX_CAUSES) {
    const { name, message, status, stack } = cause;
    let line = [
      typeof status === 'number' ? String(status) : '',
      typeof name === 'string' ? name : '',
    ]
      .filter((part) => part !== '')
      .join(' ');
    if (typeof message === 'string' && message !== '') line += line ? `: ${message}` : message;
    const entry: CauseEntry = { line: line || 'Error' };
    if (typeof stack === 'string') entry.stack = stack;
    entries.push(entry);
    cause = cause.cause;
  }
  return entries;
}

/** An object as JSON sees it (not an array, not `null`). */
export function isRecord(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
