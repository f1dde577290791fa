import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * What a preview may inflate and parse: each entry and all of them together, by the bytes they really
 * inflate to (a header that lies is caught after that many bytes), and the XML's nesting and element count.
 */
export const previewLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 60 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 2_000_000,
} as const;

/** Why a file cannot be previewed, in Chinese; the use case names the file around it. */
export class PreviewError extends Error {}

/** Thrown from an XML handler to end the parse early: the rest of the entry is not needed. */
export class StopParsing extends Error {}

export interface XmlHandler {
  /**
   * An element opens; `name` and the attributes' names without their namespace prefix, `path` the names of
   * the elements around it.
   */
  open?(name: string, attributes: Readonly<Record<string, string>>, path: readonly string[]): void;
  close?(name: string, path: readonly string[]): void;
  text?(text: string, path: readonly string[]): void;
}

const megabytes = (bytes: number): string => (bytes / 1048576).toFixed(1);
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const shown = (name: string): string => (name.length > 80 ? `${name.slice(0, 80)}…` : name);

/**
 * A ZIP container (DOCX, XLSX, OFD) read for a preview: the central directory once, then entries inflated
 * as streams straight into a SAX parser (saxes), so neither an entry nor a document tree is ever held
 * whole. Every failure is a PreviewError.
 */
export class PreviewZip {
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
  ) {}

  static async open(filePath: string): Promise<PreviewZip> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(filePath, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, (err, opened) =>
        err || !opened ? reject(new PreviewError('不是有效的压缩文件')) : resolve(opened),
      ),
    );
    if (zip.entryCount > previewLimits.maxEntries) {
      zip.close();
      throw new PreviewError(`包含 ${zip.entryCount} 个压缩部件，超过 ${previewLimits.maxEntries} 个的上限`);
    }
    try {
      return new PreviewZip(zip, await listEntries(zip));
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  close(): void {
    this.zip.close();
  }

  /** Streams one entry through the XML parser into `handler`; a missing entry is an error unless `optional`. */
  async readXml(name: string, handler: XmlHandler, options: { optional?: boolean } = {}): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) {
      if (options.optional) return;
      throw new PreviewError(`缺少“${shown(name)}”`);
    }
    const cap = Math.min(previewLimits.maxEntryBytes, previewLimits.maxTotalBytes - this.inflated);
    if (entry.uncompressedSize > previewLimits.maxEntryBytes)
      throw new PreviewError(
        `“${shown(name)}”解压后有 ${megabytes(entry.uncompressedSize)} MB，超过 ${megabytes(previewLimits.maxEntryBytes)} MB 的上限`,
      );
    if (entry.uncompressedSize > cap)
      throw new PreviewError(`解压后的内容超过 ${megabytes(previewLimits.maxTotalBytes)} MB 的上限`);
    const stream = await new Promise<NodeJS.ReadableStream & { destroy(): void }>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, opened) =>
        err || !opened ? reject(new PreviewError(`“${shown(name)}”无法解压`)) : resolve(opened),
      ),
    );
    const parser = xmlParser(name, handler);
    const decoder = new StringDecoder('utf8');
    const mismatch = () => new PreviewError(`“${shown(name)}”解压后的大小与文件头声明的不符，文件已损坏或被恶意构造`);
    let bytes = 0;
    let first = true;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > entry.uncompressedSize || bytes > cap) throw mismatch();
        let text = decoder.write(chunk);
        if (first && text.length > 0) {
          text = text.replace(/^\uFEFF/, '');
          first = false;
        }
        parser.write(text);
      }
      if (bytes !== entry.uncompressedSize) throw mismatch();
      parser.write(decoder.end());
      parser.close();
    } catch (err) {
      if (!(err instanceof StopParsing)) throw asPreviewError(err, name);
    } finally {
      this.inflated += bytes;
      stream.destroy();
    }
  }
}

function asPreviewError(err: unknown, name: string): PreviewError {
  if (err instanceof PreviewError) return err;
  return new PreviewError(`“${shown(name)}”不是有效的 XML 或无法解压`);
}

function xmlParser(name: string, handler: XmlHandler): SaxesParser {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  let elements = 0;
  parser.on('opentag', (tag) => {
    const local = localName(tag.name);
    if (++elements > previewLimits.maxElements)
      throw new PreviewError(`“${shown(name)}”的元素超过 ${previewLimits.maxElements} 个`);
    if (path.length >= previewLimits.maxDepth)
      throw new PreviewError(`“${shown(name)}”的嵌套超过 ${previewLimits.maxDepth} 层`);
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes as Record<string, string>))
      if (!key.startsWith('xmlns')) attributes[localName(key)] = value;
    handler.open?.(local, attributes, path);
    path.push(local);
  });
  // saxes reports a self-closing element's end too.
  parser.on('closetag', (tag) => {
    path.pop();
    handler.close?.(localName(tag.name), path);
  });
  parser.on('text', (text) => handler.text?.(text, path));
  parser.on('cdata', (text) => handler.text?.(text, path));
  return parser;
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(new PreviewError('压缩文件的目录已损坏')));
    zip.readEntry();
  });
}

/** An entry's path resolved against the folder of `base` (an entry name), or from the root when it starts with /. */
export function resolveEntry(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
