// One cold import, in a fresh process: prints the wall and CPU milliseconds that `import()` (or
// `require`) of the module named by argv[2] took, as `wall cpu`. Spawned by bench/import.mjs.
import { createRequire } from 'node:module';

const [specifier, mode] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const c0 = process.cpuUsage();
const t0 = performance.now();
if (mode === 'require') require(specifier);
else await import(specifier);
const t1 = performance.now();
const cpu = process.cpuUsage(c0);
process.stdout.write(`${t1 - t0} ${(cpu.user + cpu.system) / 1000}\n`);
