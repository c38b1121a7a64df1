// Bun: the app on Bun.serve, 127.0.0.1, an ephemeral port. Prints `READY fetch <origin>`.
import { fetchHandler } from './app.mjs';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: fetchHandler });
console.log(`READY fetch http://127.0.0.1:${server.port}`);
