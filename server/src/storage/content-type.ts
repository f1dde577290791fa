import fs from 'node:fs';
import yauzl from 'yauzl';
import { AppError } from '../domain/errors.js';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'ofd' | 'docx' | 'xlsx';

export const mediaTypes: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const kindLabels: Record<FileKind, string> = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  ofd: 'OFD',
  docx: 'Word（.docx）',
  xlsx: 'Excel（.xlsx）',
};

/**
 * Types a stored file by its content, never by its name: magic bytes, and for ZIP containers (OFD,
 * DOCX, XLSX) the entries of the central directory. A file that starts like a PDF must also end like
 * one (hasPdfStructure); one that does not is refused with UNSUPPORTED_FILE_TYPE saying so, naming
 * `fileName` when given.
 */
export async function detectFileKind(head: Buffer, filePath: string, fileName?: string): Promise<FileKind | null> {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    if (await hasPdfStructure(filePath)) return 'pdf';
    const message = `文件${fileName === undefined ? '' : `“${fileName}”`}不是完整的 PDF（文件可能已损坏或被截断），请重新导出后上传`;
    throw new AppError('UNSUPPORTED_FILE_TYPE', message, {
      errors: [{ field: 'file', message: 'PDF 文件不完整（可能已损坏或被截断）' }],
    });
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return zipKind(filePath);
  return null;
}

function zipKind(filePath: string): Promise<FileKind | null> {
  return new Promise((resolve) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return resolve(null);
      let seen = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name === 'OFD.xml') return finish('ofd');
        if (name === 'word/document.xml') return finish('docx');
        if (name === 'xl/workbook.xml') return finish('xlsx');
        if (++seen > 2000) return finish(null);
        zip.readEntry();
      });
      zip.on('end', () => resolve(null));
      zip.on('error', () => resolve(null));
      zip.readEntry();
      function finish(kind: FileKind | null) {
        zip.close();
        resolve(kind);
      }
    });
  });
}

/** How much of what precedes the last %%EOF is read for `startxref <offset>` and the trailer. */
const PDF_TAIL_BYTES = 4096;
/** Enough for an xref stream's or a trailer's dictionary. */
const PDF_WINDOW_BYTES = 16 * 1024;
const SCAN_CHUNK_BYTES = 64 * 1024;

/**
 * Whether a file that starts with %PDF- can be opened as one, read in small windows so a 200 MB file
 * is never held in memory: its last `%%EOF` (readers ignore bytes after it) follows `startxref <n>`, n
 * lies inside the file, and at n there is either a cross-reference table followed by a trailer naming
 * its /Root or a cross-reference stream object (`<num> <gen> obj` … `/Type /XRef` with /Root) whose
 * data ends where its /Length says. For an incrementally updated file that is the newest section, whose
 * trailer names the catalog again. When that fails (a missing or broken xref, which readers rebuild by
 * scanning the objects), it falls back to what such a rebuild needs: a trailer before %%EOF naming
 * /Root, and that object in the file, a /Type /Catalog. A file cut short has no %%EOF (or only an
 * earlier revision's, which is complete) and fails. The scans read 64 KiB at a time.
 */
export async function hasPdfStructure(filePath: string): Promise<boolean> {
  const file = await fs.promises.open(filePath, 'r');
  try {
    const { size } = await file.stat();
    const eof = await lastIndexInFile(file, size, '%%EOF');
    if (eof < 0) return false;
    const tail = await readText(file, Math.max(0, eof - PDF_TAIL_BYTES), Math.min(eof, PDF_TAIL_BYTES));
    const startxref = /startxref\s+(\d{1,15})\s*$/.exec(tail);
    const offset = startxref ? Number(startxref[1]) : 0;
    if (offset > 0 && offset < size && (await crossReferenceAt(file, size, offset))) return true;
    return await rebuildable(file, size, tail);
  } finally {
    await file.close();
  }
}

const ROOT_REFERENCE = /\/Root\s+(\d+)\s+(\d+)\s+R\b/;

async function crossReferenceAt(file: fs.promises.FileHandle, size: number, offset: number): Promise<boolean> {
  const window = await readText(file, offset, PDF_WINDOW_BYTES);
  if (/^\s*xref\s+\d+\s+\d+\s/.test(window)) {
    const trailerAt = await endOfXrefTable(file, size, offset + window.indexOf('xref') + 4);
    return trailerAt >= 0 && trailerNamesRoot(await readText(file, trailerAt, PDF_WINDOW_BYTES));
  }
  const streamKeyword = /\bstream(\r\n|\r|\n)/.exec(window);
  if (!/^\s*\d+\s+\d+\s+obj\s*<</.test(window) || !streamKeyword) return false;
  const dictionary = window.slice(0, streamKeyword.index);
  if (!/\/Type\s*\/XRef\b/.test(dictionary) || !ROOT_REFERENCE.test(dictionary)) return false;
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)\b/.exec(dictionary);
  if (!length) return true;
  const dataEnd = offset + streamKeyword.index + streamKeyword[0].length + Number(length[1]);
  return dataEnd < size && /^\s*endstream\b/.test(await readText(file, dataEnd, 64));
}

/**
 * The offset of the `trailer` keyword that ends a cross-reference table starting at `from`, or -1 when
 * anything but entries (digits, f, n, white space) comes first or the file ends.
 */
async function endOfXrefTable(file: fs.promises.FileHandle, size: number, from: number): Promise<number> {
  let position = from;
  let carry = '';
  while (position < size) {
    const chunk = await readText(file, position, SCAN_CHUNK_BYTES);
    if (!chunk) break;
    const text = carry + chunk;
    const base = position - carry.length;
    position += chunk.length;
    const other = /[^0-9fn\s]/.exec(text);
    carry = '';
    if (!other) continue;
    if (text.startsWith('trailer', other.index)) return base + other.index;
    if (text.length - other.index >= 'trailer'.length || position >= size) return -1;
    carry = text.slice(other.index);
  }
  return -1;
}

function trailerNamesRoot(text: string): boolean {
  const dictionary = /^trailer\s*<<([\s\S]*?)(startxref|$)/.exec(text);
  return dictionary !== null && ROOT_REFERENCE.test(dictionary[1]!);
}

async function rebuildable(file: fs.promises.FileHandle, size: number, tail: string): Promise<boolean> {
  const trailerAt = tail.lastIndexOf('trailer');
  if (trailerAt < 0) return false;
  const root = /^trailer\s*<<[\s\S]*?\/Root\s+(\d+)\s+(\d+)\s+R\b/.exec(tail.slice(trailerAt));
  if (!root) return false;
  const objectAt = await findInFile(file, size, new RegExp(`(?<![0-9])${root[1]}\\s+${root[2]}\\s+obj\\b`));
  if (objectAt < 0) return false;
  const object = /^[\s\S]*?(endobj|$)/.exec(await readText(file, objectAt, PDF_WINDOW_BYTES))![0];
  return /\/Type\s*\/Catalog\b/.test(object);
}

/** The offset of the first match of `pattern` (at most 64 characters long), reading 64 KiB at a time. */
async function findInFile(file: fs.promises.FileHandle, size: number, pattern: RegExp): Promise<number> {
  let position = 0;
  let carry = '';
  while (position < size) {
    const chunk = await readText(file, position, SCAN_CHUNK_BYTES);
    if (!chunk) break;
    const text = carry + chunk;
    const match = pattern.exec(text);
    if (match) return position - carry.length + match.index;
    position += chunk.length;
    carry = text.slice(-64);
  }
  return -1;
}

/** The offset of the last occurrence of `needle`, reading backwards from the end 64 KiB at a time. */
async function lastIndexInFile(file: fs.promises.FileHandle, size: number, needle: string): Promise<number> {
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - SCAN_CHUNK_BYTES);
    const found = (await readText(file, start, Math.min(size, end + needle.length - 1) - start)).lastIndexOf(needle);
    if (found >= 0) return start + found;
    end = start;
  }
  return -1;
}

/** Up to `length` bytes from `position`, one character per byte. */
async function readText(file: fs.promises.FileHandle, position: number, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.toString('latin1', 0, bytesRead);
}
