// Serves worker.mjs on workerd through Miniflare 4 (which needs Node 22), 127.0.0.1, an
// ephemeral port. Prints `READY fetch <origin>`. Usage: node workerd.mjs <miniflare entry file>
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) throw new Error('usage: node workerd.mjs <path of miniflare>');
const { Miniflare } = await import(pathToFileURL(entry).href);

const here = (path) => new URL(path, import.meta.url).pathname;
const mf = new Miniflare({
  modules: true,
  scriptPath: here('./worker.mjs'),
  modulesRoot: here('../..'),
  // dist/ holds ESM `.js` files; Miniflare would take `.js` for CommonJS by default.
  modulesRules: [{ type: 'ESModule', include: ['**/*.js', '**/*.mjs'] }],
  compatibilityDate: '2026-07-01',
  host: '127.0.0.1',
  port: 0,
});
const url = await mf.ready;
console.log(`READY fetch ${url.origin}`);

const stop = () => {
  mf.dispose().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
