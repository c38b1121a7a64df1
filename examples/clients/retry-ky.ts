// A ky client that retries only when the answer allows it: shouldRetry reads the status, the
// Retry-After field (or the RateLimit field's reset) and the method (429 and 503 after
// Retry-After, 5xx only for idempotent methods, never 401 or 403), and ky's retry hook waits as
// long as it says.
import { shouldRetry } from 'http-error-kit';
import ky, { type Options } from 'ky';

const MAX_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function request(url: string, options: Options = {}) {
  const method = options.method ?? 'GET';
  return ky(url, {
    ...options,
    retry: {
      limit: MAX_ATTEMPTS - 1,
      // Every method reaches shouldRetry, which knows which ones are idempotent.
      methods: ['get', 'head', 'options', 'trace', 'put', 'delete', 'post', 'patch'],
      delay: () => 0,
      shouldRetry: async ({ error, retryCount }) => {
        const decision = shouldRetry(error, {
          method,
          attempt: retryCount,
          maxAttempts: MAX_ATTEMPTS,
        });
        if (decision.retry) await sleep(decision.delay);
        return decision.retry;
      },
    },
  });
}
