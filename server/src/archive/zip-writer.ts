import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { beijingWallClock } from '../domain/calendar.js';

/*
 * A streaming ZIP writer for the 刻盘 package: every entry is stored (the materials are PDF, OFD,
 * images and Office files, already compressed), and its size and CRC-32 are known before the first
 * byte is written — generated files are in memory, and stored files had their CRC-32 recorded by the
 * digest worker at upload. So the headers are written up front (no data descriptors), the archive's
 * total length is known before streaming (Content-Length: the browser shows progress and time left),
 * and the file bytes go from disk to the socket untouched, in constant memory. ZIP64 fields are
 * written where a size, an offset or the entry count needs them; every name carries the UTF-8 flag.
 * Layout per PKWARE APPNOTE.TXT 6.3 (4.3.7 local header, 4.3.12 central directory, 4.3.14–16 ZIP64
 * end records, 4.5.3 ZIP64 extra field).
 */

export interface ZipEntry {
  /** Path inside the archive, '/'-separated. */
  name: string;
  size: number;
  /** Unsigned CRC-32 of the bytes. */
  crc32: number;
  /** The bytes of a generated file, or a function that opens a stored file's stream. */
  data: Buffer | (() => Readable);
}

export interface ZipOptions {
  /** Modification time written for every entry (DOS time, China Standard Time). */
  modifiedAt: Date;
  /** Write ZIP64 structures even when nothing needs them (tests). */
  forceZip64?: boolean;
}

export interface ZipStream {
  /** Exact length of the archive in bytes. */
  size: number;
  stream: Readable;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const UTF8_FLAG = 0x0800;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
/**
 * "Made by" UNIX, spec 6.3, with mode 0644 regular files, as yazl and Info-ZIP write: Info-ZIP's unzip
 * converts the names of MS-DOS-made entries from the OEM code page even when the UTF-8 flag is set,
 * while Windows Explorer reads the flag whatever the host.
 */
const MADE_BY = (3 << 8) | 63;
const UNIX_FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

/** A generated file as an entry: its CRC-32 is computed here. */
export function bufferEntry(name: string, data: Buffer): ZipEntry {
  return { name, size: data.length, crc32: crc32(data), data };
}

function dosDateTime(at: Date): { date: number; time: number } {
  const d = beijingWallClock(at);
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/** ZIP64 extended information extra field (header 0x0001) holding the given 8-byte values. */
function zip64Extra(values: number[]): Buffer {
  if (values.length === 0) return Buffer.alloc(0);
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

interface Placed {
  entry: ZipEntry;
  nameBytes: Buffer;
  offset: number;
  local: Buffer;
}

function localHeader(e: ZipEntry, nameBytes: Buffer, dos: { date: number; time: number }, force: boolean): Buffer {
  const zip64 = force || e.size >= MAX32;
  const extra = zip64 ? zip64Extra([e.size, e.size]) : Buffer.alloc(0);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
  h.writeUInt16LE(UTF8_FLAG, 6);
  h.writeUInt16LE(0, 8);
  h.writeUInt16LE(dos.time, 10);
  h.writeUInt16LE(dos.date, 12);
  h.writeUInt32LE(e.crc32, 14);
  h.writeUInt32LE(zip64 ? MAX32 : e.size, 18);
  h.writeUInt32LE(zip64 ? MAX32 : e.size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  h.writeUInt16LE(extra.length, 28);
  return Buffer.concat([h, nameBytes, extra]);
}

function centralHeader(p: Placed, dos: { date: number; time: number }, force: boolean): Buffer {
  const bigSize = force || p.entry.size >= MAX32;
  const bigOffset = force || p.offset >= MAX32;
  const extra = zip64Extra([...(bigSize ? [p.entry.size, p.entry.size] : []), ...(bigOffset ? [p.offset] : [])]);
  const version = extra.length ? VERSION_ZIP64 : VERSION_DEFAULT;
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(MADE_BY, 4);
  h.writeUInt16LE(version, 6);
  h.writeUInt16LE(UTF8_FLAG, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(dos.time, 12);
  h.writeUInt16LE(dos.date, 14);
  h.writeUInt32LE(p.entry.crc32, 16);
  h.writeUInt32LE(bigSize ? MAX32 : p.entry.size, 20);
  h.writeUInt32LE(bigSize ? MAX32 : p.entry.size, 24);
  h.writeUInt16LE(p.nameBytes.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt16LE(0, 32);
  h.writeUInt16LE(0, 34);
  h.writeUInt16LE(0, 36);
  h.writeUInt32LE(UNIX_FILE_ATTRIBUTES, 38);
  h.writeUInt32LE(bigOffset ? MAX32 : p.offset, 42);
  return Buffer.concat([h, p.nameBytes, extra]);
}

function endRecords(count: number, cdOffset: number, cdSize: number, force: boolean): Buffer {
  const zip64 = force || count >= MAX16 || cdOffset >= MAX32 || cdSize >= MAX32;
  const parts: Buffer[] = [];
  if (zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(MADE_BY, 12);
    rec.writeUInt16LE(VERSION_ZIP64, 14);
    rec.writeUInt32LE(0, 16);
    rec.writeUInt32LE(0, 20);
    rec.writeBigUInt64LE(BigInt(count), 24);
    rec.writeBigUInt64LE(BigInt(count), 32);
    rec.writeBigUInt64LE(BigInt(cdSize), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeUInt32LE(0, 4);
    locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(rec, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? MAX16 : count, 8);
  eocd.writeUInt16LE(zip64 ? MAX16 : count, 10);
  eocd.writeUInt32LE(zip64 ? MAX32 : cdSize, 12);
  eocd.writeUInt32LE(zip64 ? MAX32 : cdOffset, 16);
  parts.push(eocd);
  return Buffer.concat(parts);
}

/** Lays the archive out and returns its exact size with a stream that writes it. */
export function streamZip(entries: readonly ZipEntry[], options: ZipOptions): ZipStream {
  const dos = dosDateTime(options.modifiedAt);
  const force = options.forceZip64 ?? false;
  const seen = new Set<string>();
  let offset = 0;
  const placed: Placed[] = entries.map((entry) => {
    if (seen.has(entry.name)) throw new Error(`duplicate zip entry name: ${entry.name}`);
    seen.add(entry.name);
    const nameBytes = Buffer.from(entry.name, 'utf8');
    if (nameBytes.length > MAX16) throw new Error(`zip entry name too long: ${entry.name}`);
    const local = localHeader(entry, nameBytes, dos, force);
    const p = { entry, nameBytes, offset, local };
    offset += local.length + entry.size;
    return p;
  });
  const central = Buffer.concat(placed.map((p) => centralHeader(p, dos, force)));
  const end = endRecords(placed.length, offset, central.length, force);
  const size = offset + central.length + end.length;

  async function* bytes(): AsyncGenerator<Buffer> {
    for (const p of placed) {
      yield p.local;
      const { data, size: expected, name } = p.entry;
      if (Buffer.isBuffer(data)) {
        yield data;
        continue;
      }
      let written = 0;
      for await (const chunk of data() as AsyncIterable<Buffer>) {
        written += chunk.length;
        if (written > expected) break;
        yield chunk;
      }
      // A stored file that changed size since it was recorded would corrupt every later offset.
      if (written !== expected) throw new Error(`stored file ${name} has ${written} bytes, recorded ${expected}`);
    }
    yield central;
    yield end;
  }
  return { size, stream: Readable.from(bytes(), { objectMode: false, highWaterMark: 1 << 20 }) };
}
