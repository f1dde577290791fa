import type { CertificatePayload } from '#contract';
import { certificateQrMatrix, drawQrMatrix } from './certificate-qr.js';
import { collectPdf, createPdfKitDocument, PDF_FONT } from './pdf.js';

/**
 * The certificate (证书) as a PDF: A4 landscape, the embedded CJK font, a double frame; the title, the platform,
 * its operating unit, the validity in 年月日, the issuer and date; bottom left the QR code of the public
 * verification address (`verificationUrl`, <PUBLIC_BASE_URL>/verify/<key>) with the number under it. The address is
 * also the document's Subject, so it can be read without scanning.
 */

/** A4 landscape in points. */
export const CERTIFICATE_PAGE = { width: 841.89, height: 595.28 };
/** The QR code's square (quiet zone included) and where it is drawn. */
export const CERTIFICATE_QR = { x: 96, y: 380, width: 120 };

const BOLD = `${PDF_FONT}-Bold`;

/** 2029-12-31 → 2029年12月31日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export function renderCertificatePdf(payload: CertificatePayload, verificationUrl: string): Promise<Buffer> {
  const { width, height } = CERTIFICATE_PAGE;
  const doc = createPdfKitDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    info: { Title: `${payload.title}证书 ${payload.number}`, Subject: verificationUrl },
  });

  doc
    .save()
    .lineWidth(3)
    .strokeColor('#9b1c1c')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(38, 38, width - 76, height - 76)
    .stroke()
    .restore();

  const centered = (text: string, y: number, size: number, font = PDF_FONT, color = '#000000') =>
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, 60, y, { width: width - 120, align: 'center' });

  centered(payload.title, 78, 34, BOLD, '#9b1c1c');
  centered('证　书', 130, 24, BOLD);
  centered(payload.platformName, 190, 22, BOLD);
  centered(`运营单位：${payload.unitName}`, 232, 16);
  centered(`经评审、公示，认定为${payload.batchYear}年度${payload.title}。`, 268, 16);
  centered(`有效期：${chineseDate(payload.validFrom)}至${chineseDate(payload.validTo)}`, 302, 16);

  const qr = CERTIFICATE_QR;
  drawQrMatrix(doc, certificateQrMatrix(verificationUrl), qr.x, qr.y, qr.width);
  doc
    .font(PDF_FONT)
    .fontSize(11)
    .fillColor('#000000')
    .text(`证书编号：${payload.number}`, qr.x - 40, qr.y + qr.width + 4, { width: qr.width + 80, align: 'center' });
  doc.fontSize(9).text('扫码查验证书状态', qr.x - 40, qr.y + qr.width + 22, { width: qr.width + 80, align: 'center' });

  const right = { x: width - 340, width: 260 };
  doc.font(PDF_FONT).fontSize(16).text(payload.issuer, right.x, 440, { width: right.width, align: 'center' });
  doc.text(chineseDate(payload.issuedOn), right.x, 470, { width: right.width, align: 'center' });

  return collectPdf(doc);
}
