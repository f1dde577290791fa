import QRCode from 'qrcode';

/**
 * Paper tied to disc. A city's part of the 刻盘 package carries `SM3SUMS.txt`: one line per stored
 * material (`<sm3>  <path>`, the format of sm3sum / `gmssl sm3`), in the package's order. The package's
 * fingerprint is the SM3 of that file's bytes, so anyone can check it with any SM3 tool and then check
 * each file against its line. The 推荐文件 and every 推荐表 print the fingerprint (its first and last 8 hex
 * digits as text, all 64 in a QR code); the province's receipt page and the disc's index.html show it too.
 * Generated documents are not in the sums: they print the fingerprint, so it cannot cover them.
 */
export const SUMS_FILE = 'SM3SUMS.txt';

export const FINGERPRINT_LABEL = '光盘材料指纹（SM3）';

/** `1a2b3c4d…9f8e7d6c`: what a reader compares by eye. */
export function fingerprintWords(hex: string): string {
  return `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/** The sentence printed on paper: the label, the short form and where to compare it. */
export function fingerprintSentence(hex: string): string {
  return `${FINGERPRINT_LABEL}：${fingerprintWords(hex)}（完整值见二维码，与光盘 index.html 及 ${SUMS_FILE} 一致）`;
}

/** The whole fingerprint as a QR code (PNG, error correction M), for the Word documents. */
export function fingerprintQrPng(hex: string, widthPx = 240): Promise<Buffer> {
  return QRCode.toBuffer(hex, { errorCorrectionLevel: 'M', margin: 1, width: widthPx });
}
