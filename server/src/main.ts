import { loadConfig } from './config.js';
import { missingFallbackFonts } from './documents/glyph-fallback.js';
import { buildApp } from './http/app.js';

const config = loadConfig();
const app = await buildApp({ config });
await app.listen({ port: config.port, host: config.host });
app.log.info(`申报系统已启动：http://localhost:${config.port}${config.demo ? '（演示环境）' : ''}`);
const missingFonts = missingFallbackFonts();
if (missingFonts.length) {
  app.log.warn(
    `未安装罕用字回退字体（Debian 软件包 fonts-hanazono：${missingFonts.join('、')}）：名称中含扩展B区等罕用汉字时，生成的 PDF 会把这些字显示为方框`,
  );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
