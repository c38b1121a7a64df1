// RFC 9457 §3's example problem type ("out of credit"), as the problem tests define it (not a
// test file itself: vitest runs `*.test.ts` only).

import { defineProblem } from '../../src/index.js';
import type { ProblemDetails } from '../../src/problem/types.js';

/** Its extension members. */
export type Credit = { balance: number; accounts: string[] };

export const CREDIT_TYPE = 'https://example.com/probs/out-of-credit';
export const CREDIT_TITLE = 'You do not have enough credit.';
export const CREDIT_DETAIL = 'Your current balance is 30, but that costs 50.';
export const CREDIT_INSTANCE = '/account/12345/msgs/abc';
export const CREDIT_ACCOUNTS = ['/account/12345', '/account/67890'];
// Frozen: a test that changes one must copy it first, so no test sees another's change.
Object.freeze(CREDIT_ACCOUNTS);
export const CREDIT_EXTENSIONS: Credit = Object.freeze({ balance: 30, accounts: CREDIT_ACCOUNTS });

/** The problem body of RFC 9457 §3, with the status of the response it is sent with. */
export const CREDIT_BODY = {
  type: CREDIT_TYPE,
  title: CREDIT_TITLE,
  status: 403,
  detail: CREDIT_DETAIL,
  instance: CREDIT_INSTANCE,
  ...CREDIT_EXTENSIONS,
} as const satisfies ProblemDetails;
Object.freeze(CREDIT_BODY);

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
