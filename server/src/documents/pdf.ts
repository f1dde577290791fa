import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const PdfPrinter = require('pdfmake') as new (fonts: Record<string, Record<string, string>>) => {
  createPdfKitDocument(doc: TDocumentDefinitions): NodeJS.ReadableStream & { end(): void };
};

/**
 * PDF output embeds a subset of Noto Serif SC, a free TrueType CJK font bundled as an npm package, so
 * every Chinese character renders on any reader (the OTF/CFF fonts from Debian would become Type 3
 * glyphs). The Word output names the official fonts instead (仿宋_GB2312, 方正小标宋简体, 黑体).
 */
export const PDF_FONT = 'NotoSerifSC';

let printer: InstanceType<typeof PdfPrinter> | null = null;

function getPrinter() {
  printer ??= new PdfPrinter({
    [PDF_FONT]: {
      normal: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
      bold: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
      italics: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
      bolditalics: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
    },
  });
  return printer;
}

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdf = getPrinter().createPdfKitDocument({ ...doc, defaultStyle: { font: PDF_FONT, ...doc.defaultStyle } });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
