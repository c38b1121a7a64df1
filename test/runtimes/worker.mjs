// workerd: the app as a module Worker. `handle` passes Workers' `env` and `ctx` through.
import { fetchHandler } from './app.mjs';

export default { fetch: fetchHandler };
