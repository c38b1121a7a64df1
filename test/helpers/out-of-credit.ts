// RFC 9457 §3's example problem type ("out of credit"), as the problem tests define it (not a
// test file itself: vitest runs `*.test.ts` only).

import { defineProblem } from '../../src/index.js';

/** Its extension members. */
export type Credit = { balance: number; accounts: string[] };

export const CREDIT_TYPE = 'https://example.com/probs/out-of-credit';
export const CREDIT_TITLE = 'You do not have enough credit.';
export const CREDIT_DETAIL = 'Your current balance is 30, but that costs 50.';
export const CREDIT_INSTANCE = '/account/12345/msgs/abc';
export const CREDIT_ACCOUNTS = ['/account/12345', '/account/67890'];

/**
 * Defines the problem type with `define`: the `defineProblem` of this copy of the package by
 * default, or that of a second, separately loaded copy.
 */
export function defineOutOfCredit(define: typeof defineProblem = defineProblem) {
  return define<Credit>({
    type: CREDIT_TYPE,
    status: 403,
    title: CREDIT_TITLE,
    schema: {
      type: 'object',
      properties: {
        balance: { type: 'number' },
        accounts: { type: 'array', items: { type: 'string' } },
      },
      required: ['balance', 'accounts'],
    },
  });
}
