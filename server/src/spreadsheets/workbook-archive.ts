import fs from 'node:fs';
import yauzl from 'yauzl';
import { AppError } from '../domain/errors.js';

/**
 * Limits for an imported list: a roster of 50,000 rows written by ExcelJS is ~22 MB uncompressed in 16
 * entries at a ratio of ~12. Entries up to the grace size are not held to the ratio (a short, repetitive
 * XML part may compress well); the grace size is Apache POI's (ZipSecureFile), which holds Office files
 * to the same 1:100 ratio.
 */
export const workbookArchiveLimits = {
  maxEntries: 1000,
  /** Sum of the entries' uncompressed sizes. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of one entry. */
  maxRatio: 100,
  ratioGraceBytes: 100 * 1024,
} as const;

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_HEADER_SIZE = 46;

const refuse = (message: string): AppError =>
  new AppError('WORKBOOK_REJECTED', message, { errors: [{ field: 'file', message }] });
const malformed = (): AppError =>
  refuse(
    'Excel 文件的压缩结构异常（目录前后不一致或数据损坏），可能已损坏或被恶意构造，未导入；请用 Excel 或 WPS 重新另存为 .xlsx 后上传',
  );
const megabytes = (bytes: number): string => (bytes / 1048576).toFixed(1);
/** An entry's name as the archive gives it, cut short for a message. */
const shown = (entry: yauzl.Entry): string =>
  entry.fileName.length > 80 ? `${entry.fileName.slice(0, 80)}…` : entry.fileName;

/**
 * Refuses a workbook (a ZIP) that would inflate beyond the limits, before a spreadsheet library
 * inflates it whole in memory: the entry count, the declared sizes and ratios from the central
 * directory, then every entry inflated as a stream and counted against its declared size, so a header
 * that lies is caught after at most that many bytes. Nothing inflated is kept.
 *
 * The library that reads the workbook afterwards (ExcelJS, through JSZip) locates the directory its own
 * way, so the archive must also be unambiguous: one end-of-directory record, the directory exactly
 * where and as long as that record says, with exactly the entries it counts. Otherwise the checked
 * entries and the parsed ones could differ.
 */
export async function checkWorkbookArchive(filePath: string): Promise<void> {
  const limits = workbookArchiveLimits;
  const directory = await readDirectoryEnd(filePath);
  if (directory.entryCount > limits.maxEntries) {
    throw refuse(
      `Excel 文件包含 ${directory.entryCount} 个压缩部件，超过 ${limits.maxEntries} 个的上限，不是正常的名单文件；请使用系统模板填写后另存为 .xlsx 再上传`,
    );
  }
  const zip = await openZip(filePath);
  try {
    if (zip.entryCount !== directory.entryCount) throw malformed();
    const entries = await listEntries(zip);
    const headerBytes = entries.reduce(
      (sum, e) => sum + CENTRAL_HEADER_SIZE + e.fileNameLength + e.extraFieldLength + e.fileCommentLength,
      0,
    );
    if (headerBytes !== directory.size) throw malformed();
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (total > limits.maxTotalBytes) {
      throw refuse(
        `Excel 文件解压后有 ${megabytes(total)} MB，超过 ${megabytes(limits.maxTotalBytes)} MB 的上限；请删去多余的工作表、图片和格式后另存为 .xlsx 再上传`,
      );
    }
    for (const entry of entries) {
      if (
        entry.uncompressedSize > limits.ratioGraceBytes &&
        entry.uncompressedSize > entry.compressedSize * limits.maxRatio
      ) {
        throw refuse(
          `Excel 文件中的“${shown(entry)}”压缩比异常（超过 ${limits.maxRatio} 倍），可能是恶意构造的压缩文件，未导入`,
        );
      }
    }
    for (const entry of entries) await inflateCounting(zip, entry);
  } finally {
    zip.close();
  }
}

interface DirectoryEnd {
  entryCount: number;
  size: number;
}

/**
 * Reads the end-of-central-directory record as yauzl does (the last signature in the final 64 KiB, its
 * comment reaching the end of the file) and requires JSZip to find the same one (it takes the last
 * signature anywhere) and to agree on ZIP64 and on where the directory starts (it shifts every offset
 * when the directory does not end where the record begins).
 */
async function readDirectoryEnd(filePath: string): Promise<DirectoryEnd> {
  const file = await fs.promises.open(filePath, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const tailSize = Math.min(fileSize, EOCD_SIZE + ZIP64_LOCATOR_SIZE + 0xffff);
    if (tailSize < EOCD_SIZE) throw malformed();
    const tail = await readAt(file, fileSize - tailSize, tailSize);
    const at = tail.lastIndexOf(signatureBytes(EOCD_SIGNATURE), tailSize - EOCD_SIZE);
    if (at < 0 || tail.indexOf(signatureBytes(EOCD_SIGNATURE), at + 1) >= 0) throw malformed();
    const eocd = tail.subarray(at);
    if (eocd.readUInt16LE(20) !== eocd.length - EOCD_SIZE) throw malformed();
    const eocdOffset = fileSize - tailSize + at;
    const fields16 = [4, 6, 8, 10].map((o) => eocd.readUInt16LE(o));
    const fields32 = [12, 16].map((o) => eocd.readUInt32LE(o));
    const saturated = fields16.includes(0xffff) || fields32.includes(0xffffffff);
    const locatorAt = at - ZIP64_LOCATOR_SIZE;
    const hasLocator = locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIGNATURE;
    if (saturated !== hasLocator) throw malformed();
    if (!hasLocator) {
      const [disk, , , entryCount] = fields16 as [number, number, number, number];
      const [size, offset] = fields32 as [number, number];
      if (disk !== 0 || offset + size !== eocdOffset) throw malformed();
      return { entryCount, size };
    }
    if (tail.indexOf(signatureBytes(ZIP64_LOCATOR_SIGNATURE), locatorAt + 1) >= 0) throw malformed();
    const recordOffset = uint64(tail, locatorAt + 8);
    const record = await readAt(file, recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE || record.readUInt32LE(16) !== 0)
      throw malformed();
    const [entryCount, size, offset] = [32, 40, 48].map((o) => uint64(record, o)) as [number, number, number];
    if (recordOffset + 12 + uint64(record, 4) !== eocdOffset - ZIP64_LOCATOR_SIZE || offset + size !== recordOffset)
      throw malformed();
    return { entryCount, size };
  } finally {
    await file.close();
  }
}

async function readAt(file: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function signatureBytes(signature: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(signature);
  return bytes;
}

function uint64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed();
  return Number(value);
}

function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      filePath,
      { lazyEntries: true, autoClose: false, validateEntrySizes: false, decodeStrings: true },
      (err, zip) => {
        if (err || !zip) reject(malformed());
        else resolve(zip);
      },
    );
  });
}

/** Every central-directory entry; the caller has bounded their number. */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.on('error', () => reject(malformed()));
    zip.readEntry();
  });
}

/** Inflates one entry into nothing, refusing it as soon as it yields more bytes than its header declares. */
function inflateCounting(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  const mismatch = () =>
    refuse(`Excel 文件中的“${shown(entry)}”解压后的大小与文件头声明的不符，文件已损坏或被恶意构造，未导入`);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(malformed());
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > entry.uncompressedSize) {
          stream.destroy();
          reject(mismatch());
        }
      });
      stream.on('error', () => reject(malformed()));
      stream.on('end', () => (bytes === entry.uncompressedSize ? resolve() : reject(mismatch())));
    });
  });
}
