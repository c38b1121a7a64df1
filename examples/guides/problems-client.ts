import { ensureOk } from 'http-error-kit/fetch';
import { OutOfCredit } from './problems.js';

/** Sends a message; says what to do when the credit does not cover it. */
export async function send(url: string, text: string): Promise<string> {
  try {
    await ensureOk(await fetch(url, { method: 'POST', body: text }), { problems: [OutOfCredit] });
    return 'sent';
  } catch (err) {
    if (OutOfCredit.is(err)) {
      // Typed, and checked against the schema: balance is a number, accounts are strings.
      const { balance, accounts } = err.extensions;
      return `Your balance is ${balance}. Top up one of: ${accounts.join(', ')}`;
    }
    throw err; // anything else, including an out-of-credit body whose members did not match
  }
}
