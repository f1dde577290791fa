import { loadConfig } from '../server/src/config.js';
import { buildApp } from '../server/src/http/app.js';
import { announceListening } from './child-server.js';

/**
 * The Shenbao server exactly as server/src/main.ts builds it, configured from the environment the
 * bench process passes (fresh DATA_DIR, demo accounts, LOG_LEVEL=silent, PORT=0), reporting its port.
 */
const config = loadConfig();
const app = await buildApp({ config });
await app.listen({ port: config.port, host: config.host });
announceListening(app);
