import { loadConfig } from './config.js';
import { missingFallbackFonts } from './documents/glyph-fallback.js';
import { missingFangsongFont } from './documents/pdf.js';
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
const missingFangsong = missingFangsongFont();
if (missingFangsong) {
  app.log.warn(
    `未找到仿宋字体 FandolFang（${missingFangsong.join('、')}；安装：scripts/install-fonts.sh，或以 SHENBAO_FANGSONG_FONT 指定）：推荐文件 PDF 的正文改用 Noto Serif SC`,
  );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
