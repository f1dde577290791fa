import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PdfKit from 'pdfkit';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  installedFallbackFonts,
  lineBoxEm,
  SERIF_FONT,
  setFangsongFont,
  setPrimaryFont,
  textRuns,
  type FontChain,
} from './glyph-fallback.js';
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
export const PDF_FONT = SERIF_FONT;

/**
 * The 推荐文件's body font (GB/T 9704: 仿宋), FandolFang: free (GPL with the font exception, so a document
 * may embed it), its CFF outlines embedded as a CID font. Installed by scripts/install-fonts.sh; where it
 * is missing this name stands for Noto Serif SC and the server warns at start (`missingFangsongFont`).
 */
export const FANGSONG_PDF_FONT = 'FangSong';

const FANGSONG_PATHS = [
  '/usr/local/share/fonts/fandol/FandolFang-Regular.otf',
  '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf',
];

/** Where FandolFang is read from: SHENBAO_FANGSONG_FONT, else the first installed of the usual places. */
function fangsongPath(): string | null {
  const configured = process.env.SHENBAO_FANGSONG_FONT;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return FANGSONG_PATHS.find((p) => fs.existsSync(p)) ?? null;
}

/** The places FandolFang was looked for when it is not installed (the server warns at start), else null. */
export function missingFangsongFont(): string[] | null {
  if (fangsongPath()) return null;
  return process.env.SHENBAO_FANGSONG_FONT ? [process.env.SHENBAO_FANGSONG_FONT] : FANGSONG_PATHS;
}

/**
 * The fonts (15 MB per weight, 7 MB of FandolFang), read once and kept: given a path, pdfkit reads the
 * whole file again for every document, and the 刻盘 package renders a dozen PDFs per platform.
 */
let fontData: { normal: Buffer; bold: Buffer; fangsong: Buffer } | null = null;
function fonts() {
  if (!fontData) {
    const normal = fs.readFileSync(
      require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
    );
    const bold = fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'));
    const fangsongFile = fangsongPath();
    const fangsong = fangsongFile ? fs.readFileSync(fangsongFile) : normal;
    setPrimaryFont(normal);
    if (fangsongFile) setFangsongFont(fangsong);
    fontData = { normal, bold, fangsong };
  }
  return fontData;
}

/**
 * pdfmake's `lineHeight` (a factor of the font's line box) that puts lines of `size` pt text `pitch` pt
 * apart in the given font, as GB/T 9704's grid wants whatever the font's ascent and descent.
 */
export function gridLineHeight(font: typeof PDF_FONT | typeof FANGSONG_PDF_FONT, size: number, pitch: number): number {
  fonts();
  return pitch / (size * lineBoxEm(null, font === FANGSONG_PDF_FONT ? 'fangsong' : 'serif'));
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
    const { normal, bold, fangsong } = fonts();
    // Fallback fonts by path: pdfkit reads a font only when a document uses it, which is rare for these.
    const fallbacks = Object.fromEntries(
      installedFallbackFonts().map((f) => [
        f.name,
        { normal: f.path, bold: f.path, italics: f.path, bolditalics: f.path },
      ]),
    );
    printer = new PdfPrinter({
      [PDF_FONT]: { normal, bold, italics: normal, bolditalics: bold },
      [FANGSONG_PDF_FONT]: { normal: fangsong, bold: fangsong, italics: fangsong, bolditalics: fangsong },
      ...fallbacks,
    });
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
  const { normal, bold, fangsong } = fonts();
  doc.registerFont(PDF_FONT, normal);
  doc.registerFont(`${PDF_FONT}-Bold`, bold);
  doc.registerFont(FANGSONG_PDF_FONT, fangsong);
  for (const f of installedFallbackFonts()) doc.registerFont(f.name, f.path);
  return setPrintPreferences(doc);
}

/** The font a node's text is set in and its line height, as pdfmake inherits them down the tree. */
interface Inherited {
  chain: FontChain;
  lineHeight: number | undefined;
}

/**
 * pdfmake text with the runs the document font lacks drawn in a fallback font: `text: ['甲', { text: '𠀀', font }]`.
 * A run in a taller font gets a smaller line height, so the line keeps the document's pitch.
 */
function runsText(value: string, inherited: Inherited): string | (string | { text: string; font: string })[] {
  const runs = textRuns(value, inherited.chain);
  if (runs.every((r) => r.font === null)) return value;
  const own = lineBoxEm(null, inherited.chain);
  return runs.map((r) => {
    if (!r.font) return r.text;
    const { lineHeight } = inherited;
    return lineHeight === undefined
      ? { text: r.text, font: r.font }
      : { text: r.text, font: r.font, lineHeight: (lineHeight * own) / lineBoxEm(r.font, inherited.chain) };
  });
}

/**
 * Walks a pdfmake content tree and gives every string that holds characters the document font lacks
 * its fallback runs. Only such strings change, so layout keywords ('*', 'auto', style names) never do.
 */
function withFallbackRuns(node: unknown, inherited: Inherited): unknown {
  if (typeof node === 'string') {
    const text = runsText(node, inherited);
    return typeof text === 'string' ? node : { text };
  }
  if (Array.isArray(node)) return node.map((n) => withFallbackRuns(n, inherited));
  // Plain objects only: a Buffer (an image, a font) is passed through as it is.
  if (node && Object.getPrototypeOf(node) === Object.prototype) {
    const { font, lineHeight } = node as { font?: unknown; lineHeight?: unknown };
    const own: Inherited = {
      chain: font === undefined ? inherited.chain : font === FANGSONG_PDF_FONT ? 'fangsong' : 'serif',
      lineHeight: typeof lineHeight === 'number' ? lineHeight : inherited.lineHeight,
    };
    return Object.fromEntries(
      Object.entries(node as object).map(([k, v]) => [
        k,
        k === 'text' && typeof v === 'string' ? runsText(v, own) : withFallbackRuns(v, own),
      ]),
    );
  }
  return node;
}

export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const printer = getPrinter();
  const defaultStyle = { font: PDF_FONT, ...doc.defaultStyle };
  const inherited: Inherited = {
    chain: defaultStyle.font === FANGSONG_PDF_FONT ? 'fangsong' : 'serif',
    lineHeight: defaultStyle.lineHeight,
  };
  const pdf = printer.createPdfKitDocument({
    ...doc,
    content: withFallbackRuns(doc.content, inherited) as TDocumentDefinitions['content'],
    version: PDF_VERSION,
    displayTitle: true,
    info: { producer: PDF_PRODUCER, creator: PDF_PRODUCER, ...doc.info },
    defaultStyle,
  });
  return collectPdf(setPrintPreferences(pdf));
}
