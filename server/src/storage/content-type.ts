import yauzl from 'yauzl';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'ofd' | 'docx' | 'xlsx';

export const mediaTypes: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const kindLabels: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', ofd: 'OFD', docx: 'Word（.docx）', xlsx: 'Excel（.xlsx）' };

/**
 * Types a stored file by its content, never by its name: magic bytes, and for ZIP containers (OFD,
 * DOCX, XLSX) the entries of the central directory.
 */
export async function detectFileKind(head: Buffer, filePath: string): Promise<FileKind | null> {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
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
