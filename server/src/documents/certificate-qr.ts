import QRCode from 'qrcode';
import type { PdfKitDocument } from './pdf.js';

/**
 * The certificate's QR code: the address of its public verification page, `<PUBLIC_BASE_URL>/verify/<key>`
 * with the number's short key (2026-001, domain/certificate.ts `certificateKey`), so the code stays small
 * (version 3–4 at error correction M for an ordinary host name) and reads on a printed certificate.
 */

/** Error correction M (15 %): what a printed certificate needs, without growing the code. */
const ERROR_CORRECTION = 'M';
/** The quiet zone around the code, in modules, as ISO/IEC 18004 asks. */
export const QR_QUIET_ZONE = 4;

export function certificateVerificationUrl(publicBaseUrl: string, key: string): string {
  const base = new URL(publicBaseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new Error(`公开访问地址须为 http(s)：${publicBaseUrl}`);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/verify/${encodeURIComponent(key)}`;
}

/** The code's modules: `dark[row][column]`, `size` × `size`, without the quiet zone. */
export interface QrMatrix {
  version: number;
  size: number;
  dark: boolean[][];
}

export function certificateQrMatrix(url: string): QrMatrix {
  const code = QRCode.create(url, { errorCorrectionLevel: ERROR_CORRECTION });
  const { size } = code.modules;
  const dark = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => code.modules.get(row, column) === 1),
  );
  return { version: code.version, size, dark };
}

/** The code as a PNG `widthPx` wide, quiet zone included (for the web page and Word). */
export function certificateQrPng(url: string, widthPx = 300): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: ERROR_CORRECTION, margin: QR_QUIET_ZONE, width: widthPx });
}

/**
 * Draws the code on a pdfkit page: `width` points square at (`x`, `y`), quiet zone included, as filled
 * rectangles (one per run of dark modules in a row), so it stays sharp at any zoom and in print.
 */
export function drawQrMatrix(doc: PdfKitDocument, matrix: QrMatrix, x: number, y: number, width: number): void {
  const module = width / (matrix.size + 2 * QR_QUIET_ZONE);
  const origin = (i: number) => (i + QR_QUIET_ZONE) * module;
  doc.save();
  matrix.dark.forEach((row, r) => {
    for (let c = 0; c < matrix.size;) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < matrix.size && row[c]) c++;
      doc.rect(x + origin(start), y + origin(r), (c - start) * module, module);
    }
  });
  doc.fillColor('#000000').fill();
  doc.restore();
}
