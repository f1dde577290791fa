import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { formatSize } from '../../domain/sizes.js';
import type { StagedBlob } from '../../storage/blob-store.js';
import { detectFileKind, kindLabels, type FileKind } from '../../storage/content-type.js';
import type { FileDigests } from '../../storage/file-digester.js';
import type { Context } from '../context.js';

export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** True once the stream was cut at the size limit. */
  truncated: () => boolean;
  /** The size limit of the route it came through, named when the file is refused for its size. */
  maxBytes: number;
  /** Whose limit it is when not the route's own (an evidence type's label), named with it. */
  limitOf?: string;
}

/** Starts reading the upload; called only after the actor is authorized, so no unauthorized bytes are stored. */
export type ReceiveFile = () => Promise<IncomingFile>;

/** The same, cut at a limit the use case sets (an evidence type's, at most the server's) before the body is read. */
export type ReceiveFileWithin = (maxBytes: number, limitOf: string) => Promise<IncomingFile>;

/**
 * Streams the file to staging, its SHA-256, SM3 and CRC-32 computed by the digest workers as the bytes
 * pass (no second read of the file), then checks size and type by content; only a file that passes is
 * committed and recorded, with its digests. A refused upload leaves nothing behind.
 */
export async function stageUpload(
  ctx: Context,
  file: IncomingFile,
  accepts: readonly string[],
): Promise<{ staged: StagedBlob; kind: FileKind; digests: FileDigests }> {
  const hashing = ctx.digester.hashing();
  file.stream.once('error', (err) => hashing.transform.destroy(err));
  let staged: StagedBlob;
  try {
    staged = await ctx.blobs.stage(file.stream.pipe(hashing.transform));
  } catch (err) {
    hashing.abort();
    file.stream.destroy();
    throw err;
  }
  try {
    if (file.truncated()) {
      const limit = formatSize(file.maxBytes);
      const of = file.limitOf ? `${file.limitOf}：` : '';
      throw new AppError('FILE_TOO_LARGE', `${of}文件“${file.filename}”超过 ${limit} 的大小限制`, {
        errors: [
          {
            field: 'file',
            message: file.limitOf ? `${of}文件超过 ${limit} 的大小限制` : `文件：超过 ${limit} 的大小限制`,
          },
        ],
      });
    }
    if (staged.sizeBytes === 0)
      throw new AppError('VALIDATION_FAILED', '文件为空', { errors: [{ field: 'file', message: '文件：不能为空' }] });
    const kind = await detectFileKind(staged.head, staged.tempPath, file.filename);
    if (!kind || !accepts.includes(kind)) {
      const allowed = accepts.map((k) => kindLabels[k as FileKind] ?? k).join('、');
      throw new AppError('UNSUPPORTED_FILE_TYPE', `文件“${file.filename}”的内容不是允许的类型（${allowed}）`, {
        errors: [{ field: 'file', message: `只接受 ${allowed}` }],
      });
    }
    return { staged, kind, digests: await hashing.result() };
  } catch (err) {
    hashing.abort();
    await ctx.blobs.discard(staged.tempPath);
    throw err;
  }
}
