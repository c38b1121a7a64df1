import { defineProblem, renderError } from 'http-error-kit';

// RFC 9457 §3's example, defined once and shared by the server and its clients.
export const OutOfCredit = defineProblem<{ balance: number; accounts: string[] }>({
  type: 'https://example.com/probs/out-of-credit',
  status: 403,
  title: 'You do not have enough credit.',
  schema: {
    type: 'object',
    properties: {
      balance: { type: 'number' },
      accounts: { type: 'array', items: { type: 'string', format: 'uri-reference' } },
    },
    required: ['balance', 'accounts'],
  },
});
// OutOfCredit.name === 'OutOfCreditProblem', from the last segment of the type URI

// Thrown in a handler (or rendered directly), it gives the RFC's body, member for member.
export const outOfCredit = renderError(
  new OutOfCredit('Your current balance is 30, but that costs 50.', {
    instance: '/account/12345/msgs/abc',
    extensions: { balance: 30, accounts: ['/account/12345', '/account/67890'] },
  }),
);
// 403 application/problem+json
// {"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}

// A 5xx problem type is redacted like any 5xx: type, title and status reach the client, the
// detail and members stay in the logs. Request-level members such as a trace id still go out.
export const LedgerUnavailable = defineProblem<{ ledger: string }>({
  type: 'https://example.com/probs/ledger-unavailable',
  status: 503,
  title: 'The ledger is unavailable.',
  schema: { type: 'object', properties: { ledger: { type: 'string' } }, required: ['ledger'] },
});

export const ledgerDown = renderError(
  new LedgerUnavailable('Ledger eu-1 refused the connection.', { extensions: { ledger: 'eu-1' } }),
  { extensions: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' } },
);
// {"type":"https://example.com/probs/ledger-unavailable","title":"The ledger is unavailable.","status":503,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}
