import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { PAPER_COPIES } from './print.js';

const require = createRequire(import.meta.url);

/** The PDF engine under pdfmake, used directly where pdfmake's layout is too slow (the long 汇总表). */
export const PDFDocument = require('@foliojs-fork/pdfkit') as typeof import('pdfkit');
export type PdfKitDocument = InstanceType<typeof PDFDocument>;

const PdfPrinter = require('pdfmake') as new (fonts: Record<string, Record<string, Buffer>>) => {
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
  fontData ??= {
    normal: fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')),
    bold: fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
  };
  return fontData;
}

export const PDF_VERSION = '1.7';
export const PDF_PRODUCER = '河南省中小企业公共服务示范平台申报系统';

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
  const { normal, bold } = fonts();
  printer ??= new PdfPrinter({ [PDF_FONT]: { normal, bold, italics: normal, bolditalics: bold } });
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
  const doc = new PDFDocument({ ...options, pdfVersion: PDF_VERSION, displayTitle: true, info: { Producer: PDF_PRODUCER, Creator: PDF_PRODUCER, ...options.info } });
  const { normal, bold } = fonts();
  doc.registerFont(PDF_FONT, normal);
  doc.registerFont(`${PDF_FONT}-Bold`, bold);
  return setPrintPreferences(doc);
}

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdf = getPrinter().createPdfKitDocument({
    ...doc,
    version: PDF_VERSION,
    displayTitle: true,
    info: { producer: PDF_PRODUCER, creator: PDF_PRODUCER, ...doc.info },
    defaultStyle: { font: PDF_FONT, ...doc.defaultStyle },
  });
  return collectPdf(setPrintPreferences(pdf));
}
