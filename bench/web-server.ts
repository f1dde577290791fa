import { loadConfig } from '../server/src/config.js';
import { buildApp } from '../server/src/http/app.js';
import { announceListening } from './child-server.js';

/**
 * The Shenbao server as server/src/main.ts builds it, serving the web build in BENCH_WEB_DIST_DIR (the
 * one part (g) made of the current sources) instead of dist/web, reporting its port.
 */
const webDistDir = process.env.BENCH_WEB_DIST_DIR;
if (!webDistDir) throw new Error('BENCH_WEB_DIST_DIR must name the web build to serve');
const config = loadConfig(process.env, { webDistDir });
const app = await buildApp({ config });
await app.listen({ port: config.port, host: config.host });
announceListening(app);
