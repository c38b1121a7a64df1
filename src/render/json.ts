// The JSON body of a problem (RFC 9457 §3): JSON.stringify, with the shared walker as the fallback.

import { isObject } from '../internal/reply.js';
import { readStandard, walk } from './members.js';

/** `JSON.stringify(problem)`, else the walked problem, else its standard members. */
export function toJson(problem: unknown): string {
  if (isObject(problem)) {
    try {
      const fast = JSON.stringify(problem);
      if (typeof fast === 'string') return fast;
    } catch {
      // Fall through to the walker, which knows cycles and bigints.
    }
    try {
      const walked = walk(problem, '', new Set());
      if (walked !== undefined) return JSON.stringify(walked);
    } catch {
      // Fall through to the standard members.
    }
  }
  return JSON.stringify(readStandard(problem));
}
