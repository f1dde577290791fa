import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  incrementallyUpdatedPdf,
  tinyPdf,
  tinyPng,
  xrefStreamPdf,
  xrefTablePdf,
  zipWith,
} from '../../test-support/fixtures.js';
import { buildSiteCheckStatement, renderSiteCheckStatementPdf } from '../documents/site-check-statement.js';
import { AppError } from '../domain/errors.js';
import { detectFileKind } from './content-type.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-content-type-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let written = 0;

function writeFile(content: Buffer): string {
  const file = path.join(dir, `f${++written}`);
  fs.writeFileSync(file, content);
  return file;
}

/** Types a file as stageUpload does: the first 64 bytes and the stored file. */
const kindOf = (content: Buffer, fileName?: string) =>
  detectFileKind(content.subarray(0, 64), writeFile(content), fileName);

async function refusal(content: Buffer, fileName?: string): Promise<AppError> {
  const err = await kindOf(content, fileName).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('UNSUPPORTED_FILE_TYPE');
  expect((err as AppError).details.errors).toEqual([
    { field: 'file', message: 'PDF 文件不完整（可能已损坏或被截断）' },
  ]);
  return err as AppError;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const replaced = (pdf: Buffer, from: RegExp, to: string) => latin1(pdf.toString('latin1').replace(from, to));
const generatedPdf = () => renderSiteCheckStatementPdf(buildSiteCheckStatement(2022, '河南测试运营单位有限公司'));

describe('detectFileKind: PDF structure', () => {
  it('accepts complete PDFs: a classic xref table, one written by the project (pdfkit), an xref stream, an incremental update', async () => {
    expect(await kindOf(xrefTablePdf())).toBe('pdf');
    expect(await kindOf(await generatedPdf())).toBe('pdf');
    expect(await kindOf(xrefStreamPdf())).toBe('pdf');
    expect(await kindOf(incrementallyUpdatedPdf())).toBe('pdf');
  });

  it('accepts bytes after the last %%EOF, which readers ignore', async () => {
    expect(await kindOf(Buffer.concat([xrefTablePdf(), Buffer.alloc(3 * 1024 * 1024, 7)]))).toBe('pdf');
    expect(await kindOf(Buffer.concat([tinyPdf(), latin1('\r\n\0\0 padding')]))).toBe('pdf');
  });

  it('accepts a PDF without an xref that a reader rebuilds: a trailer naming /Root and that catalog object (tinyPdf)', async () => {
    expect(await kindOf(tinyPdf())).toBe('pdf');
    expect(await kindOf(replaced(xrefTablePdf(), /startxref\n\d+/, 'startxref\n99999'))).toBe('pdf');
  });

  it('refuses a PDF cut short, whatever its xref, naming the file when given', async () => {
    for (const pdf of [await generatedPdf(), xrefTablePdf(), xrefStreamPdf(), incrementallyUpdatedPdf()]) {
      await refusal(pdf.subarray(0, Math.floor(pdf.length / 2)));
    }
    const err = await refusal((await generatedPdf()).subarray(0, 2000), '营业执照.pdf');
    expect(err.message).toBe('文件“营业执照.pdf”不是完整的 PDF（文件可能已损坏或被截断），请重新导出后上传');
    expect((await refusal(tinyPdf().subarray(0, 60))).message).toBe(
      '文件不是完整的 PDF（文件可能已损坏或被截断），请重新导出后上传',
    );
  });

  it('refuses other content behind a PDF header', async () => {
    await refusal(
      latin1('%PDF-1.7\n<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n'),
    );
    await refusal(latin1('%PDF-1.7\n<html><body>x</body></html>\nstartxref\n9\n%%EOF\n'));
    await refusal(latin1('%PDF-1.7\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'));
    await refusal(latin1('%PDF-1.7\n1 0 obj\n<< /Type /Pages >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  });

  it('refuses a broken xref that cannot be rebuilt: a trailer without /Root, an offset outside the file, an xref stream cut short', async () => {
    await refusal(replaced(xrefTablePdf(), /\/Root 1 0 R/g, '/Size 4'));
    await refusal(
      replaced(replaced(xrefTablePdf(), /startxref\n\d+/, 'startxref\n99999'), /\/Type \/Catalog/, '/Type /Outlines'),
    );
    await refusal(replaced(xrefStreamPdf(), /\/Length \d+/, '/Length 9999'));
    await refusal(replaced(xrefStreamPdf(), /\/Type \/XRef/, '/Type /Xref'));
  });

  it('reads a 200 MB PDF in small windows, and rebuilds a broken one by scanning it without holding it', async () => {
    const file = path.join(dir, 'large.pdf');
    const streamBytes = 200 * 1024 * 1024;
    const write = (broken: boolean) => {
      const head = latin1(`%PDF-1.4\n4 0 obj\n<< /Length ${streamBytes} >>\nstream\n`);
      let tail = '\nendstream\nendobj\n';
      const offsets: number[] = [];
      for (const [n, body] of [
        [1, '<< /Type /Catalog /Pages 2 0 R >>'],
        [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
        [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'],
      ] as const) {
        offsets[n] = head.length + streamBytes + tail.length;
        tail += `${n} 0 obj\n${body}\nendobj\n`;
      }
      const xref = head.length + streamBytes + tail.length;
      const entry = (o: number) => `${String(o).padStart(10, '0')} 00000 n \n`;
      tail += `xref\n0 5\n0000000000 65535 f \n${entry(offsets[1]!)}${entry(offsets[2]!)}${entry(offsets[3]!)}${entry(9)}`;
      tail += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${broken ? 7 : xref}\n%%EOF\n`;
      const fd = fs.openSync(file, 'w');
      fs.writeSync(fd, head, 0, head.length, 0);
      fs.writeSync(fd, latin1(tail), 0, tail.length, head.length + streamBytes);
      fs.closeSync(fd);
      return head;
    };
    for (const broken of [false, true]) {
      const head = write(broken);
      const before = process.memoryUsage().rss;
      const started = Date.now();
      expect(await detectFileKind(head.subarray(0, 64), file)).toBe('pdf');
      expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
      if (!broken) expect(Date.now() - started).toBeLessThan(200);
    }
  }, 60_000);
});

describe('detectFileKind: other kinds', () => {
  it('types images and ZIP containers as before', async () => {
    expect(await kindOf(tinyPng())).toBe('png');
    expect(await kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpeg');
    expect(await kindOf(await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' }))).toBe('docx');
    expect(await kindOf(await zipWith({ 'OFD.xml': '<ofd/>' }))).toBe('ofd');
    expect(await kindOf(Buffer.from('plain text'))).toBeNull();
  });
});
