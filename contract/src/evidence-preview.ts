import { z } from 'zod';
import { applicationFileParams } from './api/applications.js';
import { endpoint } from './api/endpoint.js';

/**
 * The in-page preview of a Word, Excel or OFD evidence file: its text and structure as data, never markup
 * taken from the file, so the browser renders (and escapes) it itself. Each kind is cut at a limit and says
 * so (`truncated`); the original file stays what counts.
 */

/** A stretch of text with one formatting; an image in the document is the run `[图片]` with `image`. */
export const docxRunSchema = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  image: z.boolean().optional(),
});
export type DocxRun = z.infer<typeof docxRunSchema>;

export const docxBlockSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('paragraph'),
    /** 1–9 for a heading (Heading1…, 标题 1…), null for body text. */
    headingLevel: z.number().int().min(1).max(9).nullable(),
    runs: z.array(docxRunSchema),
  }),
  z.object({
    type: z.literal('table'),
    /** Rows of cells; a cell's paragraphs are joined by line breaks. */
    rows: z.array(z.array(z.string())),
  }),
]);
export type DocxBlock = z.infer<typeof docxBlockSchema>;

export const docxPreviewSchema = z.object({
  kind: z.literal('docx'),
  blocks: z.array(docxBlockSchema),
  /** The document goes on beyond the blocks shown. */
  truncated: z.boolean(),
});
export type DocxPreview = z.infer<typeof docxPreviewSchema>;

export const xlsxRowSchema = z.object({
  /** The sheet's row number (1 = Excel's first row); empty rows are left out. */
  number: z.number().int().min(1),
  /** Display text of columns A, B, C … up to the row's last shown value. */
  cells: z.array(z.string()),
});
export type XlsxRow = z.infer<typeof xlsxRowSchema>;

export const xlsxSheetSchema = z.object({
  name: z.string(),
  rows: z.array(xlsxRowSchema),
  /** Columns shown: A up to the last with a value, at most the limit. */
  columnCount: z.number().int().min(0),
  /** Rows with values beyond the limit were left out. */
  truncatedRows: z.boolean(),
  /** Columns beyond the limit were left out. */
  truncatedColumns: z.boolean(),
});
export type XlsxSheet = z.infer<typeof xlsxSheetSchema>;

export const xlsxPreviewSchema = z.object({
  kind: z.literal('xlsx'),
  sheets: z.array(xlsxSheetSchema),
  maxRows: z.number().int(),
  maxColumns: z.number().int(),
  /** Sheets beyond the limit were left out. */
  truncatedSheets: z.boolean(),
});
export type XlsxPreview = z.infer<typeof xlsxPreviewSchema>;

/** x, y, width, height in millimetres. */
export const ofdBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type OfdBox = z.infer<typeof ofdBoxSchema>;

export const ofdTextSchema = z.object({
  /** Position of the first character's baseline in the object's own space (see `origin`, `ctm`), in mm. */
  x: z.number(),
  y: z.number(),
  /** The object's Boundary origin on the page. */
  origin: z.tuple([z.number(), z.number()]),
  /** The object's CTM (a b c d e f), when it has one. */
  ctm: z.array(z.number()).length(6).optional(),
  /** Font size in mm. */
  size: z.number(),
  text: z.string(),
  /** Each character's x (from DeltaX); absent when the text runs on in its font's advance. */
  xs: z.array(z.number()).optional(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});
export type OfdText = z.infer<typeof ofdTextSchema>;

export const ofdPathSchema = z.object({
  boundary: ofdBoxSchema,
  /** The outline as SVG path data in the object's space (numbers and M L Q C A Z only); absent: the boundary box. */
  d: z.string().optional(),
  ctm: z.array(z.number()).length(6).optional(),
  lineWidth: z.number(),
});
export type OfdPath = z.infer<typeof ofdPathSchema>;

export const ofdPageSchema = z.object({
  /** The page box (PhysicalBox) in mm. */
  box: ofdBoxSchema,
  texts: z.array(ofdTextSchema),
  paths: z.array(ofdPathSchema),
  /** Where images are: shown as boxes marked [图片]. */
  images: z.array(ofdBoxSchema),
  /** Objects beyond the limit were left out. */
  truncated: z.boolean(),
});
export type OfdPage = z.infer<typeof ofdPageSchema>;

export const ofdPreviewSchema = z.object({
  kind: z.literal('ofd'),
  pages: z.array(ofdPageSchema),
  /** Pages beyond the limit were left out. */
  truncatedPages: z.boolean(),
  pageCount: z.number().int(),
});
export type OfdPreview = z.infer<typeof ofdPreviewSchema>;

export const evidencePreviewSchema = z
  .discriminatedUnion('kind', [docxPreviewSchema, xlsxPreviewSchema, ofdPreviewSchema])
  .meta({ id: 'EvidencePreview', description: '证明材料的在线预览（Word、Excel、OFD）：文字与结构，不含原文件的标记' });
export type EvidencePreview = z.infer<typeof evidencePreviewSchema>;

export const evidencePreviewEndpoints = {
  /** A Word, Excel or OFD file of the application as structured text (PDF and images are shown as they are). */
  preview: endpoint({
    method: 'GET',
    path: '/api/v1/applications/:id/evidence/:fileId/preview',
    params: applicationFileParams,
    response: evidencePreviewSchema,
  }),
};
