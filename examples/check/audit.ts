import { checkEndpoint, formatReport } from 'http-error-kit/check';

/** Fails (for a CI step or a test) when the API's error responses break an RFC. */
export async function audit(url: string, token?: string): Promise<void> {
  const report = await checkEndpoint(url, { token });
  if (!report.ok) throw new Error(`http-error-kit check ${url} failed:\n${formatReport(report)}`);
}
