import { loadConfig } from './config.js';
import { buildApp } from './http/app.js';

const config = loadConfig();
const app = await buildApp({ config });
await app.listen({ port: config.port, host: config.host });
app.log.info(`申报系统已启动：http://localhost:${config.port}${config.demo ? '（演示环境）' : ''}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
