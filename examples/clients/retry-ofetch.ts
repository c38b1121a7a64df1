// The same with ofetch: its own retries off, a loop that asks shouldRetry after each failure
// (an HTTP error or a network failure) and waits for the delay it returns.
import { shouldRetry } from 'http-error-kit';
import { type FetchOptions, ofetch } from 'ofetch';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function request<T>(url: string, options: FetchOptions<'json'> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  for (let attempt = 1; ; attempt++) {
    try {
      return await ofetch<T>(url, { ...options, retry: false });
    } catch (err) {
      const decision = shouldRetry(err, { method, attempt });
      if (!decision.retry) throw err;
      await sleep(decision.delay);
    }
  }
}
