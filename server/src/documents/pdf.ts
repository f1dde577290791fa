import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PdfKit from 'pdfkit';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { installedFallbackFonts, setPrimaryFont, textRuns } from './glyph-fallback.js';
import { PAPER_COPIES } from './print.js';

const require = createRequire(import.meta.url);

/** The PDF engine under pdfmake, used directly where pdfmake's layout is too slow (the long 汇总表). */
const PDFDocument = require('@foliojs-fork/pdfkit') as typeof PdfKit;
export type PdfKitDocument = InstanceType<typeof PDFDocument>;

const PdfPrinter = require('pdfmake') as new (fonts: Record<string, Record<string, Buffer | string>>) => {
  createPdfKitDocument(doc: TDocumentDefinitions): PdfKitDocument;
};

/**
 * PDF output embeds a subset of Noto Serif SC, a free TrueType CJK font bundled as an npm package, so
 * every Chinese character renders on any reader (the OTF/CFF fonts from Debian would become Type 3
 * glyphs). The Word output names the official fonts instead (仿宋_GB2312, 方正小标宋简体, 黑体).
 */
export const PDF_FONT = 'NotoSerifSC';

/**
 * The two weights (15 MB each), read once and kept: given a path, pdfkit reads the whole file again
 * for every document, and the 刻盘 package renders a dozen PDFs per platform.
 */
let fontData: { normal: Buffer; bold: Buffer } | null = null;
function fonts() {
  if (!fontData) {
    fontData = {
      normal: fs.readFileSync(
        require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
      ),
      bold: fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
    };
    setPrimaryFont(fontData.normal);
  }
  return fontData;
}

const PDF_VERSION = '1.7';
const PDF_PRODUCER = '河南省中小企业公共服务示范平台申报系统';

/**
 * Print settings every generated PDF carries: the reader's print dialog opens with two copies (PDF 1.7
 * ViewerPreferences /NumCopies, honoured by Chromium's and Acrobat's viewers) at actual size
 * (/PrintScaling /None), so an official form is never shrunk to the printer's margins. The document
 * must have been created with `displayTitle: true`, which makes pdfkit write the ViewerPreferences
 * dictionary; pdfkit writes a plain JS string as a PDF name.
 */
function setPrintPreferences(doc: PdfKitDocument): PdfKitDocument {
  const root = (doc as unknown as { _root: { data: { ViewerPreferences?: { data: Record<string, unknown> } } } })._root;
  const prefs = root.data.ViewerPreferences;
  if (!prefs) throw new Error('PDF created without ViewerPreferences (displayTitle)');
  Object.assign(prefs.data, { NumCopies: PAPER_COPIES, PrintScaling: 'None' });
  return doc;
}

let printer: InstanceType<typeof PdfPrinter> | null = null;

function getPrinter() {
  if (!printer) {
    const { normal, bold } = fonts();
    // Fallback fonts by path: pdfkit reads a font only when a document uses it, which is rare for these.
    const fallbacks = Object.fromEntries(
      installedFallbackFonts().map((f) => [
        f.name,
        { normal: f.path, bold: f.path, italics: f.path, bolditalics: f.path },
      ]),
    );
    printer = new PdfPrinter({ [PDF_FONT]: { normal, bold, italics: normal, bolditalics: bold }, ...fallbacks });
  }
  return printer;
}

/** Collects a pdfkit document's output once `end()` is called. */
export function collectPdf(doc: PdfKitDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A pdfkit document with the bundled font registered and the print settings of every generated PDF. */
export function createPdfKitDocument(options: PDFKit.PDFDocumentOptions & { info: { Title: string } }): PdfKitDocument {
  const doc = new PDFDocument({
    ...options,
    pdfVersion: PDF_VERSION,
    displayTitle: true,
    info: { Producer: PDF_PRODUCER, Creator: PDF_PRODUCER, ...options.info },
  });
  const { normal, bold } = fonts();
  doc.registerFont(PDF_FONT, normal);
  doc.registerFont(`${PDF_FONT}-Bold`, bold);
  for (const f of installedFallbackFonts()) doc.registerFont(f.name, f.path);
  return setPrintPreferences(doc);
}

/** pdfmake text with the runs the document font lacks drawn in a fallback font: `text: ['甲', { text: '𠀀', font }]`. */
function runsText(value: string): string | (string | { text: string; font: string })[] {
  const runs = textRuns(value);
  if (runs.every((r) => r.font === null)) return value;
  return runs.map((r) => (r.font ? { text: r.text, font: r.font } : r.text));
}

/**
 * Walks a pdfmake content tree and gives every string that holds characters the document font lacks
 * its fallback runs. Only such strings change, so layout keywords ('*', 'auto', style names) never do.
 */
function withFallbackRuns(node: unknown): unknown {
  if (typeof node === 'string') {
    const text = runsText(node);
    return typeof text === 'string' ? node : { text };
  }
  if (Array.isArray(node)) return node.map(withFallbackRuns);
  // Plain objects only: a Buffer (an image, a font) is passed through as it is.
  if (node && Object.getPrototypeOf(node) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(node as object).map(([k, v]) => [
        k,
        k === 'text' && typeof v === 'string' ? runsText(v) : withFallbackRuns(v),
      ]),
    );
  }
  return node;
}

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const printer = getPrinter();
  const pdf = printer.createPdfKitDocument({
    ...doc,
    content: withFallbackRuns(doc.content) as TDocumentDefinitions['content'],
    version: PDF_VERSION,
    displayTitle: true,
    info: { producer: PDF_PRODUCER, creator: PDF_PRODUCER, ...doc.info },
    defaultStyle: { font: PDF_FONT, ...doc.defaultStyle },
  });
  return collectPdf(setPrintPreferences(pdf));
}
