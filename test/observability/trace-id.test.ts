import { describe, expect, it } from 'vitest';
import { randomTraceId, traceparentId } from '../../src/observability/trace-id.js';

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('traceparentId (W3C Trace Context §3.2)', () => {
  it('takes the trace-id of a valid version-00 traceparent', () => {
    expect(traceparentId(`00-${ID}-00f067aa0ba902b7-01`)).toBe(ID);
    expect(traceparentId(`00-${ID}-00f067aa0ba902b7-00`)).toBe(ID);
  });

  it.each([
    undefined,
    null,
    42,
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    '',
    `01-${ID}-00f067aa0ba902b7-01`, // another version
    `ff-${ID}-00f067aa0ba902b7-01`,
    `00-${ID.toUpperCase()}-00f067aa0ba902b7-01`, // upper-case hex
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, // all-zero trace-id
    `00-${ID}-${'0'.repeat(16)}-01`, // all-zero parent-id
    `00-${ID.slice(1)}-00f067aa0ba902b7-01`,
    `00-${ID}0-00f067aa0ba902b7-01`,
    `00-${ID}-00f067aa0ba902b7-01-extra`,
    `00-${ID}-00f067aa0ba902b7-1`,
    ` 00-${ID}-00f067aa0ba902b7-01`,
    `00-${ID.replace('4', 'g')}-00f067aa0ba902b7-01`,
    `00_${ID}_00f067aa0ba902b7_01`,
  ])('ignores %j', (value) => {
    expect(traceparentId(value)).toBeUndefined();
  });
});

describe('randomTraceId', () => {
  it('is 32 lower-case hex digits, not all zeros, and fresh each time', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = randomTraceId();
      expect(id).toMatch(/^[\da-f]{32}$/);
      expect(traceparentId(`00-${id}-00f067aa0ba902b7-01`)).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(200);
  });
});
