import { describe, expect, it } from 'vitest';
import {
  ContentTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../../src/index.js';

/** A UTC instant at the start of `year`, which `Date.UTC` cannot build for years 0 to 99. */
function startOf(year: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date;
}

// RFC 9110 §5.6.7: IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT, where
// date1 = day SP month SP year and year = 4DIGIT. A Date outside years 0 to 9999 has no
// IMF-fixdate; `toUTCString()` would write "-0001" or "10000", which no recipient parses.
describe('retryAfter as a Date (RFC 9110 §10.2.3, §5.6.7)', () => {
  it.each([
    [startOf(0), 'Sat, 01 Jan 0000 00:00:00 GMT'],
    [startOf(999), 'Tue, 01 Jan 0999 00:00:00 GMT'],
    [new Date(startOf(10000).getTime() - 1), 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('sends %o, at the edge of the 4-digit year, as %s', (retryAfter, header) => {
    expect(new ServiceUnavailableError({ retryAfter }).headers).toEqual({ 'retry-after': header });
  });

  it.each([
    [startOf(10000), '+010000-01-01T00:00:00.000Z'],
    [new Date(startOf(0).getTime() - 1), '-000001-12-31T23:59:59.999Z'],
    [new Date(8.64e15), '+275760-09-13T00:00:00.000Z'],
    [new Date(-8.64e15), '-271821-04-20T00:00:00.000Z'],
  ])('refuses %o with a TypeError naming retryAfter', (retryAfter, shown) => {
    for (const Class of [TooManyRequestsError, ServiceUnavailableError, ContentTooLargeError]) {
      expect(() => new Class({ retryAfter })).toThrow(
        new TypeError(
          `${Class.name}: options.retryAfter must be a Date from year 0 to 9999 (an IMF-fixdate has a 4-digit year), got ${shown}`,
        ),
      );
    }
  });

  it('refuses an invalid Date with the general message', () => {
    expect(() => new TooManyRequestsError({ retryAfter: new Date('not a date') })).toThrow(
      new TypeError(
        'TooManyRequestsError: options.retryAfter must be a whole number of seconds (0 or more) or a valid Date, got an object',
      ),
    );
  });
});
