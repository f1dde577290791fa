import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import {
  certificateQrMatrix,
  certificateQrPng,
  certificateVerificationUrl,
  drawQrMatrix,
  QR_QUIET_ZONE,
} from './certificate-qr.js';
import { collectPdf, createPdfKitDocument } from './pdf.js';

const url = certificateVerificationUrl('https://sme.hnsgxt.example.gov.cn/', '2026-001');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificate-qr-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('verification address', () => {
  it('is <PUBLIC_BASE_URL>/verify/<key>, with or without a trailing slash or a path prefix', () => {
    expect(url).toBe('https://sme.hnsgxt.example.gov.cn/verify/2026-001');
    expect(certificateVerificationUrl('https://gxt.henan.example/shenbao', '2026-001')).toBe(
      'https://gxt.henan.example/shenbao/verify/2026-001',
    );
    expect(certificateVerificationUrl('http://localhost:3000', '豫中小服示〔2026〕001号')).toBe(
      `http://localhost:3000/verify/${encodeURIComponent('豫中小服示〔2026〕001号')}`,
    );
  });

  it('refuses a base that is not a web address', () => {
    expect(() => certificateVerificationUrl('ftp://example.org', '2026-001')).toThrow('公开访问地址须为 http(s)');
    expect(() => certificateVerificationUrl('sme.example.org', '2026-001')).toThrow();
  });
});

describe('QR code', () => {
  const matrix = certificateQrMatrix(url);

  it('encodes exactly the address, in a small code', () => {
    const code = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const text = code.segments
      .map((s) => (s.mode.id === 'Byte' ? Buffer.from(s.data).toString('utf8') : String(s.data)))
      .join('');
    expect(text).toBe(url);
    expect(matrix.version).toBe(code.version);
    expect(matrix.version).toBeLessThanOrEqual(4);
    expect(matrix.size).toBe(17 + 4 * matrix.version);
    expect(matrix.dark).toHaveLength(matrix.size);
  });

  it('has the three finder patterns in its corners', () => {
    const finder = (top: number, left: number) =>
      [0, 1, 2, 3, 4, 5, 6].map((r) =>
        [0, 1, 2, 3, 4, 5, 6].map((c) => (matrix.dark[top + r]![left + c] ? '#' : '.')).join(''),
      );
    const expected = ['#######', '#.....#', '#.###.#', '#.###.#', '#.###.#', '#.....#', '#######'];
    expect(finder(0, 0)).toEqual(expected);
    expect(finder(0, matrix.size - 7)).toEqual(expected);
    expect(finder(matrix.size - 7, 0)).toEqual(expected);
  });

  it('is a PNG of the asked width', async () => {
    const png = await certificateQrPng(url, 296);
    expect(png.subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(png.readUInt32BE(16)).toBe(296);
    expect(png.readUInt32BE(20)).toBe(296);
  });

  it('draws on a pdfkit page module for module, read back from the rendered page', async () => {
    const modules = matrix.size + 2 * QR_QUIET_ZONE;
    const width = modules * 4;
    const doc = createPdfKitDocument({ size: [width, width], margin: 0, info: { Title: '证书二维码' } });
    drawQrMatrix(doc, matrix, 0, 0, width);
    const file = path.join(dir, 'qr.pdf');
    fs.writeFileSync(file, await collectPdf(doc));
    // 144 dpi: 8 pixels per module; PGM (P5) is a header and one byte per pixel.
    execFileSync('pdftoppm', ['-gray', '-r', '144', '-singlefile', file, path.join(dir, 'qr')]);
    const pgm = fs.readFileSync(path.join(dir, 'qr.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 30).toString('latin1'))!;
    const [pixels, offset] = [Number(header[1]), header[0].length];
    expect(pixels).toBe(modules * 8);
    const grey = (row: number, column: number) => pgm[offset + (row * 8 + 4) * pixels + column * 8 + 4]!;
    for (let r = 0; r < modules; r++) {
      for (let c = 0; c < modules; c++) {
        const inside = (i: number) => i - QR_QUIET_ZONE;
        const dark = matrix.dark[inside(r)]?.[inside(c)] ?? false;
        expect(grey(r, c) < 128, `module ${r},${c}`).toBe(dark);
      }
    }
  });
});
