import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../examples/check/audit.js';
import { carelessApi } from '../../examples/check/careless-api.js';
import { checkEndpoint, formatReport } from '../../src/check/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { libraryServer, TOKEN } from './servers.js';

afterAll(closeServers);

// The sample report of docs/checking-an-api.md is examples/check/report.txt, which docs:sync
// copies into the page. It is what a real run against examples/check/careless-api.ts prints,
// with what differs from run to run (port, random sibling, checkout folder) made fixed.
// UPDATE_SAMPLE=1 npx vitest run test/check/sample.test.ts rewrites it.
const sample = new URL('../../examples/check/report.txt', import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

async function sampleReport(): Promise<string> {
  const origin = await listen(carelessApi());
  const report = await checkEndpoint(`${origin}/user-data/123`, { token: TOKEN });
  const segment = new URL(report.sibling).pathname.split('/').pop() ?? '';
  return formatReport(report)
    .split(origin)
    .join('http://127.0.0.1:3000')
    .split(segment)
    .join('check-5e1f0c2a9b7d')
    .split(root)
    .join('/srv/app');
}

describe('the sample report in the docs', () => {
  it('is what a run against the careless example API prints', async () => {
    const text = await sampleReport();
    if (process.env.UPDATE_SAMPLE === '1') writeFileSync(sample, text);
    expect(existsSync(sample)).toBe(true);
    expect(text, 'run UPDATE_SAMPLE=1 npx vitest run test/check/sample.test.ts').toBe(
      readFileSync(sample, 'utf8'),
    );
  });
});

describe('examples/check/audit.ts', () => {
  it('passes an API built with this library', async () => {
    const origin = await listen(libraryServer());
    await expect(audit(`${origin}/orders/42`, TOKEN)).resolves.toBeUndefined();
  });

  it('fails the careless API with the report as the message', async () => {
    const url = `${await listen(carelessApi())}/user-data/123`;
    await expect(audit(url, TOKEN)).rejects.toThrow(
      new RegExp(`^http-error-kit check ${url} failed:\\nhttp-error-kit check ${url}\\n`),
    );
  });
});
