// Deno: the app on Deno.serve, 127.0.0.1, an ephemeral port. Prints `READY fetch <origin>`.
// Run with `--allow-net=127.0.0.1` and nothing else: the package needs no other permission.
import { fetchHandler } from './app.mjs';

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ hostname, port }) => console.log(`READY fetch http://${hostname}:${port}`),
  },
  fetchHandler,
);
